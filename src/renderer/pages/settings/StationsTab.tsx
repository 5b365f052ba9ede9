import { Col, Form, Input, Row, Select, Switch } from 'antd';
import type { StationRow } from '../../../shared/contract/settings';
import { FormModal } from '../../components/FormModal';
import { useReference } from '../../hooks/useReference';
import { activeColumn, RefListCard } from './RefListCard';
import { useRefEditor } from './useRefEditor';

interface Values {
  code: string;
  name: string;
  kind: 'hq' | 'dong';
  dongId: number | null;
  active: boolean;
}

const KIND_LABELS = { hq: '본청', dong: '주민센터' } as const;

/** 접수처: where paper forms are taken and kept (HQ and each dong center). */
export function StationsTab({ readOnly }: { readOnly: boolean }) {
  const ref = useReference();
  const ed = useRefEditor<StationRow, Values>(
    'reference.saveStation',
    (v, row) => ({
      ...v,
      dongId: v.kind === 'dong' ? (v.dongId ?? null) : null,
      id: row === 'new' ? undefined : row.id,
    }),
    (v) => `접수처 '${v.name}'을(를) 저장했습니다.`,
  );
  const kind = Form.useWatch('kind', ed.form);

  return (
    <>
      <RefListCard<StationRow>
        description="신청서를 받고 보관하는 곳입니다. 동의 기록마다 어느 접수처에서 받았는지 남습니다."
        addLabel="접수처 추가"
        rows={ref.data?.stations}
        loading={ref.isPending}
        readOnly={readOnly}
        onAdd={() => ed.setOpen('new')}
        onEdit={(r) => ed.setOpen(r)}
        columns={[
          { title: '코드', dataIndex: 'code', width: 140 },
          { title: '이름', dataIndex: 'name' },
          { title: '구분', dataIndex: 'kind', width: 100, render: (k: StationRow['kind']) => KIND_LABELS[k] },
          { title: '행정동', dataIndex: 'dongId', width: 140, render: (d: number | null) => ref.dongName(d) },
          activeColumn,
        ]}
      />
      <FormModal<Values>
        title={ed.open === 'new' ? '접수처 추가' : '접수처 수정'}
        name="ref_station"
        open={ed.open !== null}
        form={ed.form}
        onFinish={ed.submit}
        onCancel={ed.close}
        busy={ed.busy}
        error={ed.error}
        initialValues={ed.open && ed.open !== 'new' ? ed.open : { kind: 'dong', dongId: null, active: true }}
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
            <Form.Item label="구분" name="kind">
              <Select options={Object.entries(KIND_LABELS).map(([value, label]) => ({ value, label }))} />
            </Form.Item>
          </Col>
          {kind === 'dong' && (
            <Col span={12}>
              <Form.Item
                label="행정동"
                name="dongId"
                rules={[{ required: true, message: '행정동을 고르세요.' }]}
              >
                <Select
                  showSearch={{ optionFilterProp: 'label' }}
                  placeholder="고르세요"
                  options={(ref.data?.dongs ?? []).map((d) => ({ value: d.id, label: d.name }))}
                />
              </Form.Item>
            </Col>
          )}
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
