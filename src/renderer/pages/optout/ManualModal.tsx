import { App, Form, Input, Radio, Select } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../components/formErrors';
import { FormModal } from '../../components/FormModal';
import { useInvoke } from '../../hooks/useInvoke';
import { useInvokeMutation } from '../../hooks/useInvokeMutation';
import { useReference } from '../../hooks/useReference';
import { CHANNEL_LABELS, type OptOutChannel } from './labels';

interface Values {
  via: 'phone-call' | 'visit';
  subscriberId?: string;
  mobile?: string;
  scope: 'all' | 'fields';
  fieldIds?: number[];
  channel: OptOutChannel;
  note?: string;
}

/** 전화·방문 접수: find the person (or just take the number), scope, channel, note. */
export function ManualModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const scope = Form.useWatch('scope', form);
  const ref = useReference();
  const [q, setQ] = useState('');
  const people = useInvoke('subscribers.list', { q, limit: 20 }, { enabled: open && q.trim().length >= 2 });
  const manual = useInvokeMutation('optout.manual', {
    invalidates: [
      'optout.list',
      'optout.stats',
      'optout.forSubscriber',
      'subscribers.list',
      'subscribers.get',
    ],
  });

  const onFinish = (v: Values) => {
    manual.mutate(
      {
        via: v.via,
        ...(v.subscriberId ? { subscriberId: v.subscriberId } : {}),
        ...(v.mobile?.trim() ? { mobile: v.mobile.trim() } : {}),
        scope: v.scope,
        fieldIds: v.scope === 'fields' ? (v.fieldIds ?? []) : [],
        channel: v.channel,
        note: v.note ?? '',
      },
      {
        onSuccess: (r) => {
          const who = r.people.map((p) => p.name).join(', ');
          message.success(
            r.people.length
              ? `${who} 님의 수신거부를 적용했습니다 (동의 ${r.withdrawn}건 해지).`
              : '등록되지 않은 번호라 수신거부 목록에만 올렸습니다.',
          );
          onClose();
        },
      },
    );
  };

  return (
    <FormModal<Values>
      title="전화·방문 접수"
      open={open}
      name="optout-manual"
      form={form}
      onFinish={onFinish}
      onCancel={onClose}
      okText="접수"
      busy={manual.isPending}
      error={manual.error ? errorMessage(manual.error) : null}
      initialValues={{ via: 'phone-call', scope: 'all', channel: 'both' }}
    >
      <Form.Item name="via" label="받은 방법">
        <Radio.Group
          options={[
            { value: 'phone-call', label: '전화' },
            { value: 'visit', label: '방문' },
          ]}
        />
      </Form.Item>
      <Form.Item
        name="subscriberId"
        label="구독자 찾기"
        extra="이름이나 전화번호 일부를 2자 이상 입력하세요."
      >
        <Select
          allowClear
          showSearch={{ filterOption: false, onSearch: setQ }}
          placeholder="이름·전화번호"
          loading={people.isFetching}
          notFoundContent={q.trim().length >= 2 ? '찾은 사람이 없습니다' : null}
          options={(people.data?.items ?? []).map((p) => ({
            value: p.id,
            label: `${p.name} ${p.mobile ?? ''} ${p.dongName ?? ''}`.trim(),
          }))}
        />
      </Form.Item>
      <Form.Item
        name="mobile"
        label="휴대전화 (찾지 못했을 때)"
        dependencies={['subscriberId']}
        rules={[
          ({ getFieldValue }) => ({
            validator: (_, v: string | undefined) =>
              getFieldValue('subscriberId') || v?.trim()
                ? Promise.resolve()
                : Promise.reject(new Error('구독자를 찾거나 휴대전화 번호를 입력하세요.')),
          }),
        ]}
      >
        <Input inputMode="tel" placeholder="010-1234-5678" />
      </Form.Item>
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
      <Form.Item name="note" label="메모">
        <Input.TextArea rows={2} maxLength={500} placeholder="예: 11.20 전화, 모든 안내 중단 요청" />
      </Form.Item>
    </FormModal>
  );
}
