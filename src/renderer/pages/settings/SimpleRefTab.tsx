import { Col, Form, Input, InputNumber, Row, Switch } from 'antd';
import type { BusinessTypeRow, DongRow } from '../../../shared/contract/settings';
import { FormModal } from '../../components/FormModal';
import { useReference } from '../../hooks/useReference';
import { activeColumn, RefListCard } from './RefListCard';
import { useRefEditor } from './useRefEditor';

type SimpleRow = DongRow | BusinessTypeRow;
interface Values {
  code: string;
  name: string;
  sortOrder: number;
  active: boolean;
}

const KINDS = {
  dong: {
    noun: '행정동',
    channel: 'reference.saveDong',
    description: '구독자 주소와 주민센터 사용자의 담당 동에 쓰는 행정동 목록입니다.',
  },
  businessType: {
    noun: '업종',
    channel: 'reference.saveBusinessType',
    description: '사업자 구독자를 나누는 업종 목록입니다.',
  },
} as const;

/** 행정동 or 업종: code, name, order, in use. */
export function SimpleRefTab({ kind, readOnly }: { kind: keyof typeof KINDS; readOnly: boolean }) {
  const k = KINDS[kind];
  const ref = useReference();
  const rows: SimpleRow[] | undefined = kind === 'dong' ? ref.data?.dongs : ref.data?.businessTypes;
  const ed = useRefEditor<SimpleRow, Values>(
    k.channel,
    (v, row) => ({ ...v, id: row === 'new' ? undefined : row.id }),
    (v) => `${k.noun} '${v.name}'을(를) 저장했습니다.`,
  );
  const nextOrder = Math.max(0, ...(rows ?? []).map((r) => r.sortOrder)) + 1;
  const name = `ref_${kind}`;

  return (
    <>
      <RefListCard<SimpleRow>
        description={k.description}
        addLabel={`${k.noun} 추가`}
        rows={rows}
        loading={ref.isPending}
        readOnly={readOnly}
        onAdd={() => ed.setOpen('new')}
        onEdit={(r) => ed.setOpen(r)}
        columns={[
          { title: '순서', dataIndex: 'sortOrder', width: 70 },
          { title: '코드', dataIndex: 'code', width: 140 },
          { title: '이름', dataIndex: 'name' },
          activeColumn,
        ]}
      />
      <FormModal<Values>
        title={ed.open === 'new' ? `${k.noun} 추가` : `${k.noun} 수정`}
        name={name}
        open={ed.open !== null}
        form={ed.form}
        onFinish={ed.submit}
        onCancel={ed.close}
        busy={ed.busy}
        error={ed.error}
        initialValues={ed.open && ed.open !== 'new' ? ed.open : { sortOrder: nextOrder, active: true }}
      >
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item
              label="코드"
              name="code"
              rules={[{ required: true, whitespace: true, message: '코드를 입력하세요.' }]}
            >
              <Input autoFocus maxLength={20} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              label="이름"
              name="name"
              rules={[{ required: true, whitespace: true, message: '이름을 입력하세요.' }]}
            >
              <Input maxLength={40} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label="순서" name="sortOrder">
              <InputNumber style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label="사용" name="active" valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
        </Row>
      </FormModal>
    </>
  );
}
