import { App, Form, Input, Radio, Select } from 'antd';
import { useState } from 'react';
import type { OptOutMessageRow } from '../../../shared/contract/optout';
import { errorMessage } from '../../components/formErrors';
import { FormModal } from '../../components/FormModal';
import { useInvoke } from '../../hooks/useInvoke';
import { useInvokeMutation } from '../../hooks/useInvokeMutation';
import { useReference } from '../../hooks/useReference';
import { CHANNEL_LABELS, type OptOutChannel } from './labels';

interface Values {
  scope: 'all' | 'fields';
  fieldIds?: number[];
  channel: OptOutChannel;
  subscriberIds?: string[];
  reason: string;
}

interface Props {
  action: 'apply' | 'dismiss' | null;
  rows: OptOutMessageRow[];
  onClose: (done: boolean) => void;
}

/** 적용 / 무시 for the selected messages: scope, channel, (for unknown numbers) the people, and a reason. */
export function ResolveModal({ action, rows, onClose }: Props) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const scope = Form.useWatch('scope', form);
  const ref = useReference();
  const [q, setQ] = useState('');
  const needsPeople = action === 'apply' && rows.some((r) => r.matched.length === 0);
  const people = useInvoke(
    'subscribers.list',
    { q, limit: 20 },
    { enabled: needsPeople && q.trim().length >= 2 },
  );
  const resolve = useInvokeMutation('optout.resolve', {
    invalidates: [
      'optout.list',
      'optout.stats',
      'optout.forSubscriber',
      'subscribers.list',
      'subscribers.get',
    ],
  });
  const first = rows[0];

  const onFinish = (v: Values) => {
    resolve.mutate(
      {
        ids: rows.map((r) => r.id),
        action: action ?? 'dismiss',
        reason: v.reason,
        ...(action === 'apply'
          ? {
              scope: v.scope,
              fieldIds: v.scope === 'fields' ? (v.fieldIds ?? []) : [],
              channel: v.channel,
              ...(v.subscriberIds?.length ? { subscriberIds: v.subscriberIds } : {}),
            }
          : {}),
      },
      {
        onSuccess: (r) => {
          const skipped = r.skipped.length ? ` (건너뜀 ${r.skipped.length}건: ${r.skipped[0]?.reason})` : '';
          message.success(
            action === 'apply'
              ? `${r.applied}건을 적용했습니다.${skipped}`
              : `${r.dismissed}건을 무시했습니다.${skipped}`,
          );
          onClose(true);
        },
      },
    );
  };

  return (
    <FormModal<Values>
      title={action === 'apply' ? `수신거부 적용 (${rows.length}건)` : `처리 안 함 (${rows.length}건)`}
      open={action !== null}
      name="optout-resolve"
      form={form}
      onFinish={onFinish}
      onCancel={() => onClose(false)}
      okText={action === 'apply' ? '적용' : '무시'}
      busy={resolve.isPending}
      error={resolve.error ? errorMessage(resolve.error) : null}
      initialValues={{
        scope: first?.scope ?? 'all',
        fieldIds: first?.fieldIds ?? [],
        channel: first?.channel ?? 'both',
      }}
    >
      {action === 'apply' && (
        <>
          <Form.Item name="scope" label="범위">
            <Radio.Group
              options={[
                { value: 'all', label: '전체 분야' },
                { value: 'fields', label: '고른 분야만' },
              ]}
            />
          </Form.Item>
          {scope === 'fields' && (
            <Form.Item
              name="fieldIds"
              label="분야"
              rules={[{ required: true, message: '분야를 하나 이상 고르세요.' }]}
            >
              <Select
                mode="multiple"
                showSearch={{ optionFilterProp: 'label' }}
                options={(ref.data?.fields ?? []).map((f) => ({ value: f.id, label: f.name }))}
              />
            </Form.Item>
          )}
          <Form.Item name="channel" label="수단">
            <Radio.Group
              options={(Object.keys(CHANNEL_LABELS) as OptOutChannel[]).map((c) => ({
                value: c,
                label: CHANNEL_LABELS[c],
              }))}
            />
          </Form.Item>
          {needsPeople && (
            <Form.Item
              name="subscriberIds"
              label="연결할 구독자"
              extra="등록되지 않은 번호는 찾은 사람에게 적용합니다."
            >
              <Select
                mode="multiple"
                showSearch={{ filterOption: false, onSearch: setQ }}
                placeholder="이름·전화번호로 찾기"
                loading={people.isFetching}
                options={(people.data?.items ?? []).map((p) => ({
                  value: p.id,
                  label: `${p.name} ${p.mobile ?? ''} ${p.dongName ?? ''}`.trim(),
                }))}
              />
            </Form.Item>
          )}
        </>
      )}
      <Form.Item
        name="reason"
        label="사유"
        rules={[{ required: true, min: 2, message: '사유를 2자 이상 입력하세요.' }]}
      >
        <Input
          maxLength={200}
          placeholder={action === 'apply' ? '예: 문자 내용 확인, 전체 거부 의사' : '예: 문의 문자'}
        />
      </Form.Item>
    </FormModal>
  );
}
