import { Button, DatePicker, Form, Input, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { ACTION_OPTIONS } from './auditLabels';

export interface AuditFilterValues {
  period?: [Dayjs | null, Dayjs | null] | null;
  username?: string;
  action?: string;
}

/** 기간 · 아이디 · 작업; Enter in any field searches. */
export function AuditFilters({ onSearch }: { onSearch: (v: AuditFilterValues) => void }) {
  const [form] = Form.useForm<AuditFilterValues>();
  return (
    <Form
      form={form}
      name="auditFilter"
      layout="inline"
      colon={false}
      onFinish={onSearch}
      style={{ marginBottom: 16, rowGap: 12 }}
    >
      <Form.Item label="기간" name="period">
        <DatePicker.RangePicker
          format="YYYY.MM.DD"
          allowEmpty={[true, true]}
          placeholder={['시작일', '종료일']}
        />
      </Form.Item>
      <Form.Item label="아이디" name="username">
        <Input allowClear style={{ width: 140 }} />
      </Form.Item>
      <Form.Item label="작업" name="action">
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder="전체"
          options={ACTION_OPTIONS}
          style={{ width: 180 }}
        />
      </Form.Item>
      <Space>
        <Button type="primary" htmlType="submit">
          조회
        </Button>
        <Button
          onClick={() => {
            form.resetFields();
            onSearch({});
          }}
        >
          초기화
        </Button>
      </Space>
    </Form>
  );
}
