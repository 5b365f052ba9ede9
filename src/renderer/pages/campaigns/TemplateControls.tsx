import { App, Button, Form, Input, Select } from 'antd';
import { useState } from 'react';
import type { CampaignDraft } from '../../../shared/contract/campaigns';
import { FormModal } from '../../components/FormModal';
import { applyServerError } from '../../components/formErrors';
import { useInvoke } from '../../hooks/useInvoke';
import { useInvokeMutation } from '../../hooks/useInvokeMutation';

interface Props {
  draft: CampaignDraft;
  onLoad: (patch: Partial<CampaignDraft>) => void;
}

/** 서식: load saved wording into the draft, or save the draft's wording as a template. */
export function TemplateControls({ draft, onLoad }: Props) {
  const { message } = App.useApp();
  const list = useInvoke('campaigns.templates.list', {});
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<{ name: string }>();
  const save = useInvokeMutation('campaigns.templates.save', { invalidates: ['campaigns.templates.list'] });
  const current = list.data?.items.find((t) => t.id === draft.templateId);

  return (
    <>
      <Select
        aria-label="서식 불러오기"
        placeholder="서식 불러오기"
        showSearch
        optionFilterProp="label"
        style={{ width: 200 }}
        value={draft.templateId ?? undefined}
        onChange={(id: string) => {
          const t = list.data?.items.find((x) => x.id === id);
          if (!t) return;
          onLoad({
            templateId: t.id,
            sms: { ...draft.sms, text: t.smsText, subject: t.smsSubject },
            email: { subject: t.emailSubject, html: t.emailHtml },
          });
          message.info(`서식 '${t.name}'을(를) 불러왔습니다.`);
        }}
        options={(list.data?.items ?? []).map((t) => ({ value: t.id, label: t.name }))}
        notFoundContent="저장한 서식이 없습니다."
      />
      <Button
        onClick={() => {
          setError(null);
          setSaving(true);
        }}
      >
        서식으로 저장
      </Button>
      <FormModal<{ name: string }>
        title="서식으로 저장"
        name="campaign-template"
        open={saving}
        form={form}
        busy={save.isPending}
        error={error}
        initialValues={{ name: current?.name ?? draft.name }}
        onCancel={() => setSaving(false)}
        onFinish={({ name }) =>
          save.mutate(
            {
              id: current && current.name === name ? current.id : undefined,
              name,
              smsText: draft.sms.text,
              smsSubject: draft.sms.subject,
              emailSubject: draft.email.subject,
              emailHtml: draft.email.html,
            },
            {
              onSuccess: (t) => {
                onLoad({ templateId: t.id });
                message.success(`서식 '${t.name}'을(를) 저장했습니다.`);
                setSaving(false);
              },
              onError: (e) => setError(applyServerError(form, e)),
            },
          )
        }
      >
        <Form.Item
          label="서식 이름"
          name="name"
          rules={[{ required: true, message: '서식 이름을 입력하세요.' }]}
        >
          <Input autoFocus />
        </Form.Item>
      </FormModal>
    </>
  );
}
