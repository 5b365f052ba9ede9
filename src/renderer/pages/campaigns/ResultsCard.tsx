import { App, Button, Card, Descriptions, Flex, Modal, Table, Tag, Typography } from 'antd';
import type { ChannelName } from '../../../shared/contract';
import {
  type CampaignRow,
  OUTBOX_STATUS_LABELS,
  type OutboxStatus,
} from '../../../shared/contract/campaigns';
import { errorMessage } from '../../components/formErrors';
import { useInvoke } from '../../hooks/useInvoke';
import { useInvokeMutation } from '../../hooks/useInvokeMutation';
import { formatNumber } from '../../lib/format';
import { CHANNEL_NAMES, OUTBOX_COLORS, sumOf } from './util';

const INVALIDATE: ChannelName[] = [
  'campaigns.get',
  'campaigns.results',
  'campaigns.recipients',
  'campaigns.list',
];

/** The pipeline as the issue names it: queued → accepted → delivered / failed / bounced / opened. */
const STAGES: { label: string; states: OutboxStatus[] }[] = [
  { label: '대기', states: ['queued', 'sending'] },
  { label: '접수됨', states: ['accepted'] },
  { label: '전달됨', states: ['delivered'] },
  { label: '실패', states: ['failed'] },
  { label: '반송', states: ['bounced'] },
  { label: '확인 필요', states: ['needs_review'] },
  { label: '제외', states: ['skipped'] },
  { label: '취소', states: ['cancelled'] },
];

/** 발송 결과 per channel, reasons of failure, "실패 전체 재발송" and "확인 필요" decisions. */
export function ResultsCard({ campaign }: { campaign: CampaignRow }) {
  const { message } = App.useApp();
  const live = campaign.status === 'sending';
  const results = useInvoke(
    'campaigns.results',
    { id: campaign.id },
    { refetchInterval: live ? 2000 : false, placeholderData: (prev) => prev },
  );
  const resend = useInvokeMutation('campaigns.resendFailed', { invalidates: INVALIDATE });
  const resolve = useInvokeMutation('campaigns.resolveReview', { invalidates: INVALIDATE });

  const askResend = (channel: 'sms' | 'email', n: number) =>
    Modal.confirm({
      title: '실패 전체 재발송',
      content: `${CHANNEL_NAMES[channel]} 실패 ${formatNumber(n)}건을 다시 보냅니다. 수신 동의와 수신거부는 보낼 때 다시 확인합니다.`,
      okText: '다시 보내기',
      cancelText: '취소',
      onOk: () =>
        resend.mutate(
          { id: campaign.id, channel },
          {
            onSuccess: (r) => message.success(`${formatNumber(r.queued)}건을 다시 보내기로 했습니다.`),
            onError: (e) => message.error(errorMessage(e)),
          },
        ),
    });

  const DECISIONS = {
    sent: '보낸 것으로 처리',
    resend: '다시 보내기',
    failed: '실패로 처리',
  } as const;
  const askResolve = (decision: keyof typeof DECISIONS, n: number) =>
    Modal.confirm({
      title: `확인 필요 ${formatNumber(n)}건: ${DECISIONS[decision]}`,
      content:
        decision === 'resend'
          ? '발송 도중 끊겨 실제로 갔는지 알 수 없는 건입니다. 다시 보내면 같은 문자를 두 번 받는 사람이 있을 수 있습니다.'
          : '발송 업체의 기록 등으로 확인한 결과대로 처리합니다.',
      okText: DECISIONS[decision],
      cancelText: '취소',
      onOk: () =>
        resolve.mutate(
          { id: campaign.id, decision },
          {
            onSuccess: (r) => message.success(`${formatNumber(r.changed)}건을 처리했습니다.`),
            onError: (e) => message.error(errorMessage(e)),
          },
        ),
    });

  return (
    <Card title="발송 결과" size="small" loading={results.isLoading}>
      <Flex vertical gap={16}>
        {(results.data?.channels ?? []).map((ch) => {
          const failed = ch.counts.failed ?? 0;
          const review = ch.counts.needs_review ?? 0;
          return (
            <section key={ch.channel} aria-label={`${CHANNEL_NAMES[ch.channel]} 결과`}>
              <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
                <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
                  {CHANNEL_NAMES[ch.channel]} · 전체 {formatNumber(ch.total)}건
                </Typography.Title>
                <Flex gap={8}>
                  {failed > 0 && !live && (
                    <Button loading={resend.isPending} onClick={() => askResend(ch.channel, failed)}>
                      실패 전체 재발송
                    </Button>
                  )}
                </Flex>
              </Flex>
              <Descriptions
                size="small"
                bordered
                column={{ xs: 2, sm: 3, md: 5, lg: 9 }}
                layout="vertical"
                items={[
                  ...STAGES.map((s) => ({
                    key: s.label,
                    label: s.label,
                    children: <span className="tabular">{formatNumber(sumOf(ch.counts, s.states))}</span>,
                  })),
                  {
                    key: 'opened',
                    label: '열람',
                    children: <span className="tabular">{formatNumber(ch.opened)}</span>,
                  },
                ]}
              />
              {review > 0 && (
                <Flex
                  gap={8}
                  align="center"
                  wrap
                  style={{ marginTop: 8 }}
                  role="group"
                  aria-label="확인 필요 처리"
                >
                  <Tag color="gold">확인 필요 {formatNumber(review)}건</Tag>
                  <Typography.Text type="secondary">
                    발송 중 끊겨 갔는지 모르는 건입니다. 업체 기록을 확인하고 정하세요.
                  </Typography.Text>
                  {(Object.keys(DECISIONS) as (keyof typeof DECISIONS)[]).map((k) => (
                    <Button key={k} size="small" onClick={() => askResolve(k, review)}>
                      {DECISIONS[k]}
                    </Button>
                  ))}
                </Flex>
              )}
              {ch.reasons.length > 0 && (
                <Table
                  style={{ marginTop: 8 }}
                  size="small"
                  pagination={false}
                  rowKey={(r) => `${r.status}-${r.reason}`}
                  dataSource={ch.reasons}
                  aria-label={`${CHANNEL_NAMES[ch.channel]} 사유별`}
                  columns={[
                    {
                      title: '상태',
                      dataIndex: 'status',
                      width: 110,
                      render: (s: OutboxStatus) => (
                        <Tag color={OUTBOX_COLORS[s]}>{OUTBOX_STATUS_LABELS[s]}</Tag>
                      ),
                    },
                    { title: '사유', dataIndex: 'reason' },
                    {
                      title: '건수',
                      dataIndex: 'count',
                      width: 100,
                      align: 'right',
                      render: (n: number) => formatNumber(n),
                    },
                  ]}
                />
              )}
            </section>
          );
        })}
      </Flex>
    </Card>
  );
}
