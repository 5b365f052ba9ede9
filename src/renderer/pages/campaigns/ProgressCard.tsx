import type { ChannelName } from '../../../shared/contract';
import { App, Button, Card, Flex, Modal, Progress, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { z } from 'zod';
import type { CampaignRow, campaignProgressEvent } from '../../../shared/contract/campaigns';
import { CAMPAIGN_STATUS_LABELS } from '../../../shared/contract/campaigns';
import { onEvent } from '../../api/client';
import { errorMessage } from '../../components/formErrors';
import { useInvokeMutation } from '../../hooks/useInvokeMutation';
import { formatNumber } from '../../lib/format';
import { isNightAt, sumOf } from './util';
import { refreshChannels } from '../../api/refresh';

type ProgressEvent = z.infer<typeof campaignProgressEvent>;

function fromRow(c: CampaignRow): ProgressEvent {
  const open = sumOf(c.counts.sms, ['queued', 'sending']) + sumOf(c.counts.email, ['queued', 'sending']);
  return {
    campaignId: c.id,
    status: c.status,
    total: c.total,
    done: c.total - open,
    counts: c.counts,
    message: c.pauseReason,
  };
}

/** after the send, lists refresh for late delivery reports at most this often */
const LATE_REFRESH_MS = 2000;

const INVALIDATE: ChannelName[] = [
  'campaigns.get',
  'campaigns.results',
  'campaigns.recipients',
  'campaigns.list',
];

/**
 * 발송 진행: fed by campaign.progress events (the core sends a few a second at most), so a
 * 60,000-recipient send re-renders this card only, never a row per message.
 */
export function ProgressCard({ campaign }: { campaign: CampaignRow }) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [p, setP] = useState<ProgressEvent>(() => fromRow(campaign));
  const lastStatus = useRef(campaign.status);
  const lastCounts = useRef(JSON.stringify(campaign.counts));

  // a fresher row from the server (after a button, a refetch) wins over an older event
  useEffect(() => setP(fromRow(campaign)), [campaign]);

  useEffect(() => {
    const refresh = () => refreshChannels(qc, INVALIDATE);
    // late results after the send come in bursts: the lists follow at most every few seconds
    let later: ReturnType<typeof setTimeout> | null = null;
    let lastRefresh = 0;
    const refreshSoon = () => {
      if (later) return;
      const wait = Math.max(0, lastRefresh + LATE_REFRESH_MS - Date.now());
      later = setTimeout(() => {
        later = null;
        lastRefresh = Date.now();
        refresh();
      }, wait);
    };
    const off = onEvent('campaign.progress', (e) => {
      if (e.campaignId !== campaign.id) return;
      setP(e);
      // Lists (each read audited) refresh when the status changes, and after the send when
      // delivery reports change the counts (they may land after the last status change).
      const counts = JSON.stringify(e.counts);
      const settledCountsChanged = e.status !== 'sending' && counts !== lastCounts.current;
      lastCounts.current = counts;
      if (e.status !== lastStatus.current) {
        lastStatus.current = e.status;
        lastRefresh = Date.now();
        refresh();
      } else if (settledCountsChanged) refreshSoon();
    });
    return () => {
      off();
      if (later) clearTimeout(later);
    };
  }, [campaign.id, qc]);

  const opts = { invalidates: INVALIDATE };
  const pause = useInvokeMutation('campaigns.pause', opts);
  const resume = useInvokeMutation('campaigns.resume', opts);
  const cancel = useInvokeMutation('campaigns.cancel', opts);
  const onErr = { onError: (e: unknown) => message.error(errorMessage(e)) };

  const doResume = () => {
    if (campaign.channels.sms && isNightAt(new Date()) && !campaign.confirmNight)
      Modal.confirm({
        title: '야간 문자 발송',
        content: '지금은 밤 9시~아침 8시 사이입니다. 그래도 문자 발송을 이어서 하시겠습니까?',
        okText: '이어서 보내기',
        cancelText: '취소',
        onOk: () => resume.mutate({ id: campaign.id, confirmNight: true }, onErr),
      });
    else resume.mutate({ id: campaign.id, confirmNight: false }, onErr);
  };

  const percent = p.total ? Math.floor((p.done / p.total) * 100) : 0;
  const status = p.status;
  return (
    <Card
      title="발송 진행"
      size="small"
      extra={
        <Flex gap={8}>
          {status === 'sending' && (
            <Button loading={pause.isPending} onClick={() => pause.mutate({ id: campaign.id }, onErr)}>
              일시정지
            </Button>
          )}
          {status === 'paused' && (
            <Button type="primary" loading={resume.isPending} onClick={doResume}>
              다시 시작
            </Button>
          )}
          {(status === 'sending' || status === 'paused') && (
            <Button
              danger
              loading={cancel.isPending}
              onClick={() =>
                Modal.confirm({
                  title: '발송 취소',
                  content: '아직 보내지 않은 메시지를 모두 취소합니다. 되돌릴 수 없습니다.',
                  okText: '발송 취소',
                  okButtonProps: { danger: true },
                  cancelText: '닫기',
                  onOk: () => cancel.mutate({ id: campaign.id }, onErr),
                })
              }
            >
              발송 취소
            </Button>
          )}
        </Flex>
      }
    >
      <div role="status" aria-label="발송 진행 상황">
        <Progress
          percent={percent}
          status={
            status === 'sending'
              ? 'active'
              : status === 'cancelled'
                ? 'exception'
                : status === 'done'
                  ? 'success'
                  : 'normal'
          }
          aria-label="발송 진행률"
        />
        <Typography.Text className="tabular">
          {CAMPAIGN_STATUS_LABELS[status]} · {formatNumber(p.done)} / {formatNumber(p.total)}건 처리
        </Typography.Text>
        {p.message && (
          <Typography.Paragraph
            type={status === 'paused' ? 'warning' : 'secondary'}
            style={{ margin: '6px 0 0' }}
          >
            {p.message}
          </Typography.Paragraph>
        )}
      </div>
    </Card>
  );
}
