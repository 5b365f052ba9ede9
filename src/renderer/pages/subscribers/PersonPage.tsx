import { ArrowLeftOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Flex,
  Form,
  Input,
  InputNumber,
  Radio,
  Result,
  Select,
  Space,
  Spin,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import type { ChannelOutput } from '../../../shared/contract';
import {
  ACTION_LABELS,
  CHANNEL_LABELS,
  GENDER_LABELS,
  KIND_LABELS,
  SOURCE_LABELS,
  STATUS_LABELS,
  WITHDRAW_SOURCES,
} from '../../../shared/contract/subscribers';
import { AGE_BAND_LABELS } from '../../../shared/text/dates';
import { FormModal } from '../../components/FormModal';
import { applyServerError } from '../../components/formErrors';
import { PageHeader } from '../../components/PageHeader';
import { useInvoke } from '../../hooks/useInvoke';
import { useInvokeMutation } from '../../hooks/useInvokeMutation';
import { useReference } from '../../hooks/useReference';
import { ReceivedMessages } from '../campaigns/ReceivedMessages';
import { formatDate, formatDateTime } from '../../lib/format';

type Detail = ChannelOutput<'subscribers.get'>;
type Sub = Detail['subscriber'];
const sourceLabel = (s: string) => (SOURCE_LABELS as Record<string, string>)[s] ?? s;

/** 구독자 상세: details (editable), consent per field × channel, ledger history, intake forms. */
export function PersonPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const q = useInvoke('subscribers.get', { id });
  const [editing, setEditing] = useState(false);
  const [withdrawing, setWithdrawing] = useState(false);

  if (q.isLoading) return <Spin />;
  if (q.isError || !q.data)
    return (
      <Result
        status={q.error?.code === 'FORBIDDEN' ? '403' : '404'}
        title={q.error?.message ?? '구독자를 찾을 수 없습니다'}
      />
    );
  const { subscriber: s, consent, history, forms, warnings } = q.data;

  // consent rows → one row per field with sms / email cells
  const byField = new Map<
    number,
    { fieldId: number; fieldName: string; sms?: (typeof consent)[number]; email?: (typeof consent)[number] }
  >();
  for (const c of consent) {
    const row = byField.get(c.fieldId) ?? { fieldId: c.fieldId, fieldName: c.fieldName };
    row[c.channel] = c;
    byField.set(c.fieldId, row);
  }
  const cell = (c?: (typeof consent)[number]) =>
    !c ? (
      <Typography.Text type="secondary">—</Typography.Text>
    ) : (
      <span>
        <Tag color={c.granted ? 'green' : 'default'}>{c.granted ? '동의' : '철회'}</Tag>
        <Typography.Text type="secondary" className="tabular">
          {formatDate(c.since)}부터
        </Typography.Text>
      </span>
    );

  return (
    <>
      <PageHeader
        title={s.name}
        description={
          <Space>
            <Tag>{KIND_LABELS[s.kind]}</Tag>
            <Tag color={s.status === 'active' ? 'green' : 'default'}>{STATUS_LABELS[s.status]}</Tag>
          </Space>
        }
        extra={
          <>
            <Button icon={<ArrowLeftOutlined aria-hidden />} onClick={() => navigate('/subscribers')}>
              목록
            </Button>
            <Button onClick={() => setEditing(true)}>정보 수정</Button>
            <Button danger onClick={() => setWithdrawing(true)}>
              수신 철회
            </Button>
          </>
        }
      />
      {warnings.map((w) => (
        <Alert key={w} type="warning" showIcon title={w} style={{ marginBottom: 12 }} />
      ))}
      <Flex vertical gap={16}>
        <Card title="기본 정보" size="small">
          <Descriptions column={3} size="small">
            {s.kind === 'business' && (
              <Descriptions.Item label="대표자">{s.representative ?? ''}</Descriptions.Item>
            )}
            {s.kind === 'business' && (
              <Descriptions.Item label="업종">{s.businessTypeName ?? ''}</Descriptions.Item>
            )}
            <Descriptions.Item label="휴대전화">{s.mobile ?? ''}</Descriptions.Item>
            <Descriptions.Item label="이메일">
              {s.email ?? ''} {s.emailInvalidAt && <Tag color="red">수신 불가</Tag>}
            </Descriptions.Item>
            <Descriptions.Item label="출생연도">
              {s.birthYear ?? ''} {s.ageBand ? `(${AGE_BAND_LABELS[s.ageBand]})` : ''}
            </Descriptions.Item>
            <Descriptions.Item label="성별">{s.gender ? GENDER_LABELS[s.gender] : ''}</Descriptions.Item>
            <Descriptions.Item label="행정동">{s.dongName ?? ''}</Descriptions.Item>
            {s.kind === 'business' && <Descriptions.Item label="주소">{s.address ?? ''}</Descriptions.Item>}
            <Descriptions.Item label="접수처">{s.stationName ?? ''}</Descriptions.Item>
            <Descriptions.Item label="등록일">{formatDate(s.createdAt)}</Descriptions.Item>
            <Descriptions.Item label="메모">{s.note ?? ''}</Descriptions.Item>
          </Descriptions>
        </Card>
        <Card title="수신 동의" size="small">
          <Table
            rowKey="fieldId"
            size="small"
            pagination={false}
            dataSource={[...byField.values()]}
            columns={[
              { title: '분야', dataIndex: 'fieldName' },
              { title: '문자', key: 'sms', render: (_, r) => cell(r.sms) },
              { title: '이메일', key: 'email', render: (_, r) => cell(r.email) },
            ]}
            locale={{ emptyText: '동의 기록이 없습니다.' }}
          />
        </Card>
        <Card title="이력" size="small">
          {history.length === 0 ? (
            <Typography.Text type="secondary">이력이 없습니다.</Typography.Text>
          ) : (
            <Timeline
              aria-label="이력"
              items={history.map((h) => ({
                key: h.id,
                color: h.action === 'withdrawn' ? 'red' : h.action === 'granted' ? 'green' : 'blue',
                content: (
                  <div>
                    <span className="tabular">{formatDate(h.at)}</span>{' '}
                    <strong>{ACTION_LABELS[h.action]}</strong> · {h.fieldName} {CHANNEL_LABELS[h.channel]} ·{' '}
                    {sourceLabel(h.source)}
                    {h.formRef ? ` · 신청서 ${h.formRef}` : ''}
                    {h.stationName ? ` · ${h.stationName}` : ''}
                    {h.userName ? ` · 담당 ${h.userName}` : ''}
                    {h.reason ? <Typography.Text type="secondary"> — {h.reason}</Typography.Text> : null}
                  </div>
                ),
              }))}
            />
          )}
        </Card>
        <Card title="신청서" size="small">
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={forms}
            columns={[
              { title: '신청서 번호', dataIndex: 'formRef' },
              { title: '구분', dataIndex: 'kind', render: (k: string) => (k === 'new' ? '신규' : '변경') },
              { title: '서명일', dataIndex: 'signedAt', render: (d: string) => formatDate(d) },
              { title: '접수처', dataIndex: 'stationName', render: (d: string | null) => d ?? '' },
              { title: '담당자', dataIndex: 'userName', render: (d: string | null) => d ?? '' },
              { title: '입력', dataIndex: 'createdAt', render: (d: string) => formatDateTime(d) },
            ]}
            locale={{ emptyText: '신청서가 없습니다.' }}
          />
        </Card>
        <ReceivedMessages subscriberId={s.id} />
      </Flex>
      {editing && <EditModal s={s} onClose={() => setEditing(false)} />}
      {withdrawing && <WithdrawModal detail={q.data} onClose={() => setWithdrawing(false)} />}
    </>
  );
}

interface EditValues {
  name: string;
  representative?: string | null;
  businessTypeId?: number | null;
  mobile?: string | null;
  email?: string | null;
  birthYear?: number | null;
  gender?: 'M' | 'F' | null;
  dongId?: number | null;
  address?: string | null;
  note?: string | null;
}

function EditModal({ s, onClose }: { s: Sub; onClose: () => void }) {
  const { message } = App.useApp();
  const ref = useReference();
  const [form] = Form.useForm<EditValues>();
  const [error, setError] = useState<string | null>(null);
  const upd = useInvokeMutation('subscribers.update', {
    invalidates: ['subscribers.get', 'subscribers.list'],
  });
  return (
    <FormModal<EditValues>
      title="정보 수정"
      name="subscriberEdit"
      open
      form={form}
      busy={upd.isPending}
      error={error}
      onCancel={onClose}
      initialValues={{
        name: s.name,
        representative: s.representative,
        businessTypeId: s.businessTypeId,
        mobile: s.mobile,
        email: s.email,
        birthYear: s.birthYear,
        gender: s.gender,
        dongId: s.dongId,
        address: s.address,
        note: s.note,
      }}
      onFinish={(v) =>
        upd.mutate(
          {
            id: s.id,
            version: s.version,
            name: v.name,
            representative: v.representative ?? null,
            businessTypeId: v.businessTypeId ?? null,
            mobile: v.mobile ?? null,
            email: v.email ?? null,
            birthYear: v.birthYear ?? null,
            gender: v.gender ?? null,
            dongId: v.dongId ?? null,
            address: v.address ?? null,
            note: v.note ?? null,
            emailConfirmed: false,
          },
          {
            onSuccess: (r) => {
              message.success('저장했습니다.');
              for (const w of r.warnings) message.warning(w);
              onClose();
            },
            onError: (e) => setError(applyServerError(form, e)),
          },
        )
      }
    >
      <Form.Item
        label={s.kind === 'business' ? '상호' : '성명'}
        name="name"
        rules={[{ required: true, message: '이름을 입력하세요.' }]}
      >
        <Input autoFocus />
      </Form.Item>
      {s.kind === 'business' && (
        <>
          <Form.Item label="대표자" name="representative">
            <Input />
          </Form.Item>
          <Form.Item label="업종" name="businessTypeId">
            <Select
              allowClear
              options={(ref.data?.businessTypes ?? []).map((b) => ({ value: b.id, label: b.name }))}
            />
          </Form.Item>
        </>
      )}
      <Form.Item label="휴대전화" name="mobile">
        <Input />
      </Form.Item>
      <Form.Item label="이메일" name="email">
        <Input />
      </Form.Item>
      {s.kind === 'individual' && (
        <>
          <Form.Item label="출생연도" name="birthYear">
            <InputNumber min={1900} max={2100} controls={false} />
          </Form.Item>
          <Form.Item label="성별" name="gender">
            <Radio.Group
              options={[
                { value: 'M', label: '남' },
                { value: 'F', label: '여' },
              ]}
            />
          </Form.Item>
        </>
      )}
      <Form.Item label="행정동" name="dongId">
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          options={(ref.data?.dongs ?? []).map((d) => ({ value: d.id, label: d.name }))}
        />
      </Form.Item>
      {s.kind === 'business' && (
        <Form.Item label="주소" name="address">
          <Input />
        </Form.Item>
      )}
      <Form.Item label="메모" name="note">
        <Input.TextArea rows={2} />
      </Form.Item>
    </FormModal>
  );
}

interface WithdrawValues {
  fieldId: number | 'all';
  channels: ('sms' | 'email')[];
  source: (typeof WITHDRAW_SOURCES)[number];
  reason: string;
}

function WithdrawModal({ detail, onClose }: { detail: Detail; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<WithdrawValues>();
  const [error, setError] = useState<string | null>(null);
  const wd = useInvokeMutation('subscribers.withdraw', {
    invalidates: ['subscribers.get', 'subscribers.list', 'stats.subscribers'],
  });
  const fieldOpts = new Map<number, string>();
  for (const c of detail.consent) if (c.granted) fieldOpts.set(c.fieldId, c.fieldName);
  return (
    <FormModal<WithdrawValues>
      title="수신 철회"
      name="subscriberWithdraw"
      open
      form={form}
      okText="철회"
      busy={wd.isPending}
      error={error}
      onCancel={onClose}
      initialValues={{ fieldId: 'all', channels: ['sms', 'email'], source: 'phone' }}
      onFinish={(v) =>
        wd.mutate(
          {
            id: detail.subscriber.id,
            fieldIds: v.fieldId === 'all' ? undefined : [v.fieldId],
            channels: v.channels,
            source: v.source,
            reason: v.reason,
            suppress: true,
          },
          {
            onSuccess: (r) => {
              message.success(`${r.withdrawn}건을 철회했습니다.`);
              onClose();
            },
            onError: (e) => setError(applyServerError(form, e, { fieldIds: 'fieldId' })),
          },
        )
      }
    >
      <Form.Item label="분야" name="fieldId">
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          options={[
            { value: 'all', label: '전체' },
            ...[...fieldOpts].map(([value, label]) => ({ value, label })),
          ]}
        />
      </Form.Item>
      <Form.Item
        label="수단"
        name="channels"
        rules={[{ required: true, message: '수단을 하나 이상 고르세요.' }]}
      >
        <Checkbox.Group
          options={[
            { value: 'sms', label: '문자' },
            { value: 'email', label: '이메일' },
          ]}
        />
      </Form.Item>
      <Form.Item label="알게 된 경로" name="source">
        <Select options={WITHDRAW_SOURCES.map((s) => ({ value: s, label: sourceLabel(s) }))} />
      </Form.Item>
      <Form.Item
        label="사유"
        name="reason"
        rules={[{ required: true, min: 2, message: '철회 사유를 2자 이상 적어 주세요.' }]}
      >
        <Input autoFocus />
      </Form.Item>
    </FormModal>
  );
}
