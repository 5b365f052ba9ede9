import { Alert, Card, Checkbox, Descriptions, Flex, Form, Select, Spin, Tag, Typography } from 'antd';
import type { AudienceOutput, CampaignDraft, TargetFilters } from '../../../shared/contract/campaigns';
import { GENDER_LABELS, KIND_LABELS } from '../../../shared/contract/subscribers';
import { AGE_BAND_LABELS, AGE_BANDS } from '../../../shared/text/dates';
import { useReference } from '../../hooks/useReference';
import { formatNumber } from '../../lib/format';

interface Props {
  draft: CampaignDraft;
  onChange: (patch: Partial<CampaignDraft>) => void;
  audience: AudienceOutput | undefined;
  counting: boolean;
}

function channelItem(label: string, a: AudienceOutput['sms']) {
  if (!a) return [];
  return [
    {
      key: label,
      label,
      children: (
        <>
          <Typography.Text strong className="tabular">
            {formatNumber(a.recipients)}명
          </Typography.Text>
          {a.excluded.length > 0 && (
            <ul aria-label={`${label} 제외 사유`} style={{ margin: '4px 0 0', paddingLeft: 18 }}>
              {a.excluded.map((e) => (
                <li key={e.reason}>
                  <Typography.Text type="secondary">
                    {e.label} {formatNumber(e.count)}명
                  </Typography.Text>
                </li>
              ))}
            </ul>
          )}
        </>
      ),
    },
  ];
}

/** 받는 사람: fields (consent on the chosen channel) narrowed by dong, age band, gender, kind, business type. */
export function TargetingCard({ draft, onChange, audience, counting }: Props) {
  const ref = useReference();
  const fields = (ref.data?.fields ?? []).filter((f) => f.active && f.kind === draft.kind);
  const f = draft.filters;
  const setFilter = <K extends keyof TargetFilters>(k: K, v: TargetFilters[K]) =>
    onChange({ filters: { ...f, [k]: v } });
  const chosen = (ref.data?.fields ?? []).filter((x) => draft.fieldIds.includes(x.id));
  const adDefault = chosen.some((x) => x.isAdDefault);
  const isAd = draft.isAd ?? adDefault;
  const notice = draft.kind === 'notice';

  return (
    <Card title="받는 사람" size="small">
      <Form layout="vertical" component="div" name="campaign-target">
        <Form.Item
          label={notice ? '고지 분야' : '분야'}
          htmlFor="campaign-fields"
          extra={
            notice
              ? '이 고지를 받겠다고 동의한 사람에게만 보냅니다.'
              : '고른 분야 중 하나라도 그 채널로 수신 동의한 사람에게 보냅니다.'
          }
        >
          <Select
            id="campaign-fields"
            mode={notice ? undefined : 'multiple'}
            showSearch
            placeholder="분야를 고르세요"
            value={notice ? draft.fieldIds[0] : draft.fieldIds}
            onChange={(v: number | number[] | undefined) =>
              onChange({ fieldIds: v == null ? [] : Array.isArray(v) ? v : [v] })
            }
            options={fields.map((x) => ({ value: x.id, label: x.name }))}
            optionFilterProp="label"
          />
        </Form.Item>
        <Form.Item label="보낼 채널" htmlFor="campaign-channel-sms">
          <Flex gap={16}>
            <Checkbox
              id="campaign-channel-sms"
              checked={draft.channels.sms}
              onChange={(e) => onChange({ channels: { ...draft.channels, sms: e.target.checked } })}
            >
              문자
            </Checkbox>
            <Checkbox
              checked={draft.channels.email}
              onChange={(e) => onChange({ channels: { ...draft.channels, email: e.target.checked } })}
            >
              이메일
            </Checkbox>
          </Flex>
        </Form.Item>
        {!notice && (
          <Flex gap={12} wrap>
            <Form.Item label="행정동" htmlFor="campaign-dongs" style={{ minWidth: 220, flex: 1 }}>
              <Select
                id="campaign-dongs"
                mode="multiple"
                allowClear
                placeholder="모든 동"
                value={f.dongIds}
                onChange={(v) => setFilter('dongIds', v)}
                options={(ref.data?.dongs ?? [])
                  .filter((d) => d.active)
                  .map((d) => ({ value: d.id, label: d.name }))}
                optionFilterProp="label"
              />
            </Form.Item>
            <Form.Item label="연령대" htmlFor="campaign-ages" style={{ minWidth: 200, flex: 1 }}>
              <Select
                id="campaign-ages"
                mode="multiple"
                allowClear
                placeholder="모든 연령"
                value={f.ageBands}
                onChange={(v) => setFilter('ageBands', v)}
                options={AGE_BANDS.map((b) => ({ value: b, label: AGE_BAND_LABELS[b] }))}
              />
            </Form.Item>
            <Form.Item label="성별" htmlFor="campaign-genders" style={{ minWidth: 140 }}>
              <Select
                id="campaign-genders"
                mode="multiple"
                allowClear
                placeholder="모두"
                value={f.genders}
                onChange={(v) => setFilter('genders', v)}
                options={(['M', 'F'] as const).map((g) => ({ value: g, label: GENDER_LABELS[g] }))}
              />
            </Form.Item>
            <Form.Item label="구분" htmlFor="campaign-kinds" style={{ minWidth: 160 }}>
              <Select
                id="campaign-kinds"
                mode="multiple"
                allowClear
                placeholder="개인·사업자"
                value={f.kinds}
                onChange={(v) => setFilter('kinds', v)}
                options={(['individual', 'business'] as const).map((k) => ({
                  value: k,
                  label: KIND_LABELS[k],
                }))}
              />
            </Form.Item>
            <Form.Item label="업종" htmlFor="campaign-btypes" style={{ minWidth: 200, flex: 1 }}>
              <Select
                id="campaign-btypes"
                mode="multiple"
                allowClear
                placeholder="모든 업종"
                value={f.businessTypeIds}
                onChange={(v) => setFilter('businessTypeIds', v)}
                options={(ref.data?.businessTypes ?? []).map((b) => ({ value: b.id, label: b.name }))}
                optionFilterProp="label"
              />
            </Form.Item>
          </Flex>
        )}
        <Form.Item
          label="광고성 정보"
          htmlFor="campaign-is-ad"
          extra={`분야 기본값: ${adDefault ? '광고' : '광고 아님'}. 광고이면 문자 앞에 (광고)와 보낸 곳, 끝에 무료수신거부 080 번호가 붙고, 이메일 제목 앞에 (광고)가 붙으며, 밤 9시~아침 8시에는 문자를 보낼 수 없습니다.`}
        >
          <Checkbox id="campaign-is-ad" checked={isAd} onChange={(e) => onChange({ isAd: e.target.checked })}>
            광고로 보내기
          </Checkbox>
        </Form.Item>
      </Form>
      <div role="status" aria-label="받는 사람 수">
        {draft.fieldIds.length === 0 ? (
          <Typography.Text type="secondary">분야를 고르면 받는 사람 수가 보입니다.</Typography.Text>
        ) : !draft.channels.sms && !draft.channels.email ? (
          <Alert type="warning" showIcon title="문자나 이메일 중 하나 이상을 고르세요." />
        ) : audience ? (
          <Descriptions
            size="small"
            column={1}
            bordered
            items={[...channelItem('문자', audience.sms), ...channelItem('이메일', audience.email)]}
            title={
              <Flex gap={8} align="center">
                <Tag>
                  {notice ? '자료 행' : '분야·조건 해당'} {formatNumber(audience.candidates)}
                </Tag>
                <Tag color="blue">받는 사람 {formatNumber(audience.people)}명</Tag>
                {counting && <Spin size="small" />}
              </Flex>
            }
          />
        ) : (
          <Spin size="small" />
        )}
      </div>
    </Card>
  );
}
