import { Col, Form, Input, InputNumber, Row, Select, Switch, Tag } from 'antd';
import type { FieldRow } from '../../../shared/contract/settings';
import { FormModal } from '../../components/FormModal';
import { useReference } from '../../hooks/useReference';
import { activeColumn, RefListCard } from './RefListCard';
import { useRefEditor } from './useRefEditor';

type Values = Omit<FieldRow, 'id'>;

const KIND_LABELS = { info: '정보', notice: '통지서' } as const;
const AUDIENCE_LABELS = { individual: '개인', business: '사업자' } as const;
const yes = (b: boolean) => (b ? '예' : '');

/** 분야: what residents consent to receive. */
export function FieldsTab({ readOnly }: { readOnly: boolean }) {
  const ref = useReference();
  const rows = ref.data?.fields;
  const ed = useRefEditor<FieldRow, Values>(
    'reference.saveField',
    (v, row) => ({ ...v, id: row === 'new' ? undefined : row.id }),
    (v) => `분야 '${v.name}'을(를) 저장했습니다.`,
  );
  const nextOrder = Math.max(0, ...(rows ?? []).map((r) => r.sortOrder)) + 1;

  return (
    <>
      <RefListCard<FieldRow>
        description="구독자가 수신에 동의하는 분야입니다. 정보 분야는 같은 내용을 여럿에게, 통지서 분야는 사람마다 다른 내용을 보냅니다."
        addLabel="분야 추가"
        rows={rows}
        loading={ref.isPending}
        readOnly={readOnly}
        onAdd={() => ed.setOpen('new')}
        onEdit={(r) => ed.setOpen(r)}
        columns={[
          { title: '순서', dataIndex: 'sortOrder', width: 70 },
          { title: '코드', dataIndex: 'code', width: 130 },
          { title: '이름', dataIndex: 'name' },
          {
            title: '종류',
            dataIndex: 'kind',
            width: 90,
            render: (k: FieldRow['kind']) => (
              <Tag color={k === 'notice' ? 'gold' : 'blue'}>{KIND_LABELS[k]}</Tag>
            ),
          },
          {
            title: '대상',
            dataIndex: 'audience',
            width: 80,
            render: (a: FieldRow['audience']) => AUDIENCE_LABELS[a],
          },
          { title: '광고 기본값', dataIndex: 'isAdDefault', width: 100, render: yes },
          { title: '여론조사', dataIndex: 'isSurvey', width: 90, render: yes },
          activeColumn,
        ]}
      />
      <FormModal<Values>
        title={ed.open === 'new' ? '분야 추가' : '분야 수정'}
        name="ref_field"
        open={ed.open !== null}
        form={ed.form}
        onFinish={ed.submit}
        onCancel={ed.close}
        busy={ed.busy}
        error={ed.error}
        width={600}
        initialValues={
          ed.open && ed.open !== 'new'
            ? ed.open
            : {
                kind: 'info',
                audience: 'individual',
                isAdDefault: false,
                isSurvey: false,
                sortOrder: nextOrder,
                active: true,
              }
        }
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
            <Form.Item
              label="종류"
              name="kind"
              extra="정보: 같은 내용을 여럿에게 · 통지서: 사람마다 다른 내용"
            >
              <Select options={Object.entries(KIND_LABELS).map(([value, label]) => ({ value, label }))} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label="대상" name="audience">
              <Select options={Object.entries(AUDIENCE_LABELS).map(([value, label]) => ({ value, label }))} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              label="광고 기본값"
              name="isAdDefault"
              valuePropName="checked"
              extra="켜면 이 분야의 문자를 기본으로 광고성 정보로 보냅니다 ((광고) 표기, 080 수신거부)."
            >
              <Switch />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              label="여론조사 분야"
              name="isSurvey"
              valuePropName="checked"
              extra="이 분야에 동의한 사람이 정책고객(설문 대상)이 됩니다."
            >
              <Switch />
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
