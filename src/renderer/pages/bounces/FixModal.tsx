import { Alert, App, Form, Input, Typography } from 'antd';
import type { BounceRow } from '../../../shared/contract/public';
import { errorMessage } from '../../components/formErrors';
import { FormModal } from '../../components/FormModal';
import { useInvokeMutation } from '../../hooks/useInvokeMutation';

interface Values {
  address?: string;
  note?: string;
}

const REFRESH = [
  'bounces.list',
  'bounces.status',
  'subscribers.get',
  'subscribers.list',
  'campaigns.get',
  'campaigns.forSubscriber',
] as const;

/**
 * 'fix': the corrected address goes to the registry and the campaign's mail is sent again to
 * that person (campaigns.resendOne), then the bounce is closed. 'done': closed with a note only
 * (e.g. the person asked not to get mail any more).
 */
export function FixModal({
  row,
  mode,
  onClose,
}: {
  row: BounceRow | null;
  mode: 'fix' | 'done';
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const resend = useInvokeMutation('campaigns.resendOne', { invalidates: [...REFRESH] });
  const resolve = useInvokeMutation('bounces.resolve', { invalidates: [...REFRESH] });
  const busy = resend.isPending || resolve.isPending;
  const error = resend.error ?? resolve.error;

  const onFinish = async (v: Values) => {
    if (!row) return;
    try {
      if (mode === 'fix' && row.outboxId !== null) {
        await resend.mutateAsync({ outboxId: row.outboxId, address: v.address?.trim() });
        await resolve.mutateAsync({
          id: row.id,
          note: v.note?.trim() || `주소 정정(${v.address?.trim()}) 후 다시 보냄`,
        });
        message.success('주소를 고치고 다시 보냈습니다.');
      } else {
        await resolve.mutateAsync({ id: row.id, ...(v.note?.trim() ? { note: v.note.trim() } : {}) });
        message.success('처리 완료로 표시했습니다.');
      }
      close();
    } catch {
      // shown in the modal through the mutation's error (FormError)
    }
  };
  const close = () => {
    resend.reset();
    resolve.reset();
    onClose();
  };

  const fix = mode === 'fix';
  return (
    <FormModal<Values>
      title={fix ? '주소 고치고 다시 보내기' : '처리 완료 표시'}
      open={row !== null}
      name={fix ? 'bounce-fix' : 'bounce-done'}
      form={form}
      onFinish={onFinish}
      onCancel={close}
      okText={fix ? '고치고 다시 보내기' : '처리 완료'}
      busy={busy}
      error={error ? errorMessage(error) : null}
      initialValues={{ address: row?.currentEmail ?? row?.email ?? '', note: '' }}
    >
      {row && (
        <Typography.Paragraph>
          {row.subscriberName ?? '(연결된 사람 없음)'} · 반송된 주소{' '}
          <Typography.Text code>{row.email}</Typography.Text>
          {row.campaignName ? ` · ${row.campaignName}` : ''}
        </Typography.Paragraph>
      )}
      {fix && (
        <Form.Item
          name="address"
          label="고친 이메일 주소"
          rules={[{ required: true, whitespace: true, message: '고친 이메일 주소를 입력하세요.' }]}
          extra="구독자 정보의 이메일도 이 주소로 바뀌고, 수신 불가 표시가 풀립니다."
        >
          <Input type="email" autoComplete="off" />
        </Form.Item>
      )}
      {!fix && row?.outboxId === null && row.subscriberId && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title="이 반송은 보낸 메시지와 연결되지 않았습니다. 주소는 구독자 화면에서 고치세요."
        />
      )}
      <Form.Item name="note" label="메모 (선택)">
        <Input maxLength={200} placeholder="예: 전화로 확인함" />
      </Form.Item>
    </FormModal>
  );
}
