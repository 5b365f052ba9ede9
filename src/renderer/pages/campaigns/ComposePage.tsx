import { Button, Card, Col, Form, Input, Result, Row, Spin } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import type { CampaignDraft, CampaignRow, PreviewOutput } from '../../../shared/contract/campaigns';
import { FormError } from '../../components/FormError';
import { errorMessage } from '../../components/formErrors';
import { PageHeader } from '../../components/PageHeader';
import { useInvoke } from '../../hooks/useInvoke';
import { useInvokeMutation } from '../../hooks/useInvokeMutation';
import { EmailEditor } from './EmailEditor';
import { GatewayNotice } from './GatewayNotice';
import { NoticeUpload } from './NoticeUpload';
import { PhonePreview } from './PhonePreview';
import { SmsEditor } from './SmsEditor';
import { TargetingCard } from './TargetingCard';
import { TemplateControls } from './TemplateControls';
import { useDebounced } from './useDebounced';

const BASE_PLACEHOLDERS = ['이름', '동'];

function emptyDraft(kind: 'info' | 'notice'): CampaignDraft {
  return {
    name: '',
    kind,
    fieldIds: [],
    channels: { sms: true, email: false },
    filters: { dongIds: [], ageBands: [], genders: [], businessTypeIds: [], kinds: [] },
    isAd: undefined,
    sms: { text: '', subject: '', appendSns: false },
    email: { subject: '', html: '' },
    templateId: null,
  };
}

function draftOf(c: CampaignRow): CampaignDraft {
  return {
    id: c.id,
    name: c.name,
    kind: c.kind,
    fieldIds: c.fieldIds,
    channels: c.channels,
    filters: c.filters,
    isAd: c.isAd,
    sms: c.sms,
    email: c.email,
    templateId: c.templateId,
  };
}

/** /campaigns/new and /campaigns/:id/edit: the campaign's editor with its live count and preview. */
export function ComposePage() {
  const { id } = useParams();
  const [params] = useSearchParams();
  const saved = useInvoke('campaigns.get', { id: id ?? '' }, { enabled: !!id });
  if (id && saved.isLoading) return <Spin />;
  if (id && (saved.isError || !saved.data))
    return <Result status="404" title={saved.error?.message ?? '캠페인을 찾을 수 없습니다'} />;
  if (saved.data && saved.data.status !== 'draft')
    return <Result status="warning" title="작성 중인 캠페인만 고칠 수 있습니다." />;
  return (
    <Composer
      key={id ?? 'new'}
      initial={
        saved.data ? draftOf(saved.data) : emptyDraft(params.get('kind') === 'notice' ? 'notice' : 'info')
      }
      notice={saved.data?.notice ?? null}
    />
  );
}

function Composer({ initial, notice }: { initial: CampaignDraft; notice: CampaignRow['notice'] }) {
  const navigate = useNavigate();
  const [draft, setDraft] = useState<CampaignDraft>(initial);
  const [columns, setColumns] = useState<string[]>(notice?.columns ?? []);
  const patch = (p: Partial<CampaignDraft>) => setDraft((d) => ({ ...d, ...p }));
  const save = useInvokeMutation('campaigns.save', {
    invalidates: ['campaigns.list', 'campaigns.get', 'campaigns.preview', 'campaigns.audience'],
  });
  // The save a notice upload needs first has its own mutation: the 저장 button's state (spinner,
  // error) belongs to the person's own click only.
  const saveFirst = useInvokeMutation('campaigns.save', { invalidates: ['campaigns.list'] });

  // What the server checks: a debounced copy, so typing never waits on it.
  const d = useDebounced(draft, 250);
  const ready = d.fieldIds.length > 0 && (d.channels.sms || d.channels.email);
  const isNotice = d.kind === 'notice';
  const audienceInput = isNotice
    ? { id: d.id ?? '' }
    : { fieldIds: d.fieldIds, channels: d.channels, filters: d.filters };
  const audience = useInvoke('campaigns.audience', audienceInput, {
    enabled: ready && (!isNotice || !!d.id),
    placeholderData: (prev) => prev,
  });
  const previewDraft = useMemo(() => ({ ...d, name: d.name.trim() || '미리보기' }), [d]);
  const preview = useInvoke(
    'campaigns.preview',
    { draft: previewDraft },
    { enabled: ready, placeholderData: (prev) => prev },
  );
  // The preview shown with the body text it was computed for (the byte counter's offset needs both).
  const [shown, setShown] = useState<{ data: PreviewOutput; text: string } | undefined>();
  useEffect(() => {
    if (preview.data && !preview.isPlaceholderData)
      setShown({ data: preview.data, text: previewDraft.sms.text });
  }, [preview.data, preview.isPlaceholderData, previewDraft]);
  const previewData = shown?.data;
  const previewedText = shown?.text;

  const placeholders = [...BASE_PLACEHOLDERS, ...columns.filter((c) => !BASE_PLACEHOLDERS.includes(c))];

  const ensureSaved = async (): Promise<string | null> => {
    try {
      const row = await saveFirst.mutateAsync(draft);
      // the URL stays: changing it would remount the editor in the middle of the upload
      patch({ id: row.id });
      return row.id;
    } catch {
      return null;
    }
  };

  const submit = () =>
    save.mutate(draft, {
      onSuccess: (row) => navigate(`/campaigns/${row.id}`),
    });

  return (
    <>
      <PageHeader
        title={draft.id ? '캠페인 고치기' : isNotice ? '새 고지 캠페인' : '새 캠페인'}
        description="받는 사람을 고르고 내용을 쓴 뒤 저장하면, 다음 화면에서 시험 발송·예약·발송을 합니다."
        extra={
          <>
            <TemplateControls draft={draft} onLoad={patch} />
            <Button onClick={() => navigate(draft.id ? `/campaigns/${draft.id}` : '/campaigns')}>취소</Button>
            <Button type="primary" loading={save.isPending} onClick={submit}>
              저장
            </Button>
          </>
        }
      />
      <GatewayNotice email={draft.channels.email} />
      <FormError
        message={
          save.error ? errorMessage(save.error) : saveFirst.error ? errorMessage(saveFirst.error) : null
        }
      />
      <Row gutter={16}>
        <Col flex="1 1 560px" style={{ minWidth: 0 }}>
          <Card size="small" style={{ marginBottom: 16 }}>
            <Form layout="vertical" component="div" name="campaign-basic">
              <Form.Item label="캠페인 이름" htmlFor="campaign-name" style={{ marginBottom: 0 }}>
                <Input
                  id="campaign-name"
                  value={draft.name}
                  maxLength={80}
                  onChange={(e) => patch({ name: e.target.value })}
                  placeholder="예: 3월 구민회관 문화공연 안내"
                />
              </Form.Item>
            </Form>
          </Card>
          <div style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
            <TargetingCard
              draft={draft}
              onChange={patch}
              audience={audience.data}
              counting={audience.isFetching}
            />
            {isNotice && (
              <NoticeUpload
                campaignId={draft.id}
                ensureSaved={ensureSaved}
                meta={notice}
                onUploaded={(u) => setColumns(u.columns)}
              />
            )}
            {draft.channels.sms && (
              <SmsEditor
                sms={draft.sms}
                onChange={(sms) => patch({ sms })}
                placeholders={placeholders}
                preview={previewData?.sms ?? undefined}
                previewedText={previewedText}
              />
            )}
            {draft.channels.email && (
              <EmailEditor
                email={draft.email}
                onChange={(email) => patch({ email })}
                placeholders={placeholders}
                preview={previewData?.email ?? undefined}
              />
            )}
          </div>
        </Col>
        <Col flex="0 0 320px">
          <div style={{ position: 'sticky', top: 16 }}>
            {draft.channels.sms && <PhonePreview preview={previewData} />}
            {preview.error && <FormError message={errorMessage(preview.error)} />}
          </div>
        </Col>
      </Row>
    </>
  );
}
