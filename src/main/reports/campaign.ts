// Report 2: per campaign. Without a campaign filter: every campaign launched in the period with its
// sends, delivery, opt-outs it provoked and cost. With one: its funnel, failures by reason, opt-outs.
import { OUTBOX_STATUS_LABELS, type OutboxStatus } from '../../shared/contract/campaigns';
import { OPTOUT_SOURCE_LABELS, type OptOutSourceName } from '../../shared/contract/optout';
import type { ReportSection } from '../../shared/contract/reports';
import { AppError } from '../../shared/errors';
import { formatDate } from '../../shared/text/dates';
import type { Core } from '../core/core';
import {
  type CampaignFacts,
  costOf,
  countsByCampaign,
  emptyCounts,
  launchedCampaigns,
  openedCount,
  sentOf,
} from './campaignCounts';
import { col, fieldNames } from './common';
import { isoRange, ratio } from './period';
import type { ReportBody, ReportDef } from './types';

/** People who opted out naming (or last receiving) each campaign. */
function optoutsByCampaign(core: Core, ids: string[]): Map<string, number> {
  const st = core.sqlite
    .prepare('SELECT count(DISTINCT subscriber_id) FROM optout_applications WHERE campaign_id = ?')
    .pluck();
  return new Map(ids.map((id) => [id, st.get(id) as number]));
}

function overview(core: Core, list: CampaignFacts[]): ReportBody {
  const counts = countsByCampaign(core, list);
  const optouts = optoutsByCampaign(
    core,
    list.map((c) => c.id),
  );
  const nameOf = fieldNames(core);
  const rows = list.map((c) => {
    const k = counts.get(c.id) ?? emptyCounts();
    const total = sentOf(k);
    return {
      date: formatDate(c.launchedAt),
      name: c.name,
      fields: c.fieldIds.map(nameOf).join(', '),
      sms: k.sms + k.lms,
      email: k.email,
      total,
      success: k.success,
      failure: k.failure,
      successRate: ratio(k.success, total),
      optouts: optouts.get(c.id) ?? 0,
      optoutRate: ratio(optouts.get(c.id) ?? 0, total),
      cost: costOf(core, k),
    };
  });
  const sum = (k: string) => rows.reduce((a, r) => a + (r[k as keyof (typeof rows)[number]] as number), 0);
  const total = sum('total');
  return {
    sections: [
      {
        title: '캠페인별',
        columns: [
          col('date', '발송일', 'text', 11),
          col('name', '캠페인', 'text', 30),
          col('fields', '분야', 'text', 18),
          col('sms', '문자', 'int', 10),
          col('email', '이메일', 'int', 10),
          col('total', '합계', 'int', 10),
          col('success', '성공', 'int', 10),
          col('failure', '실패', 'int', 9),
          col('successRate', '전달률', 'percent', 9),
          col('optouts', '수신거부', 'int', 9),
          col('optoutRate', '수신거부율', 'percent', 10),
          col('cost', '비용(원)', 'won', 12),
        ],
        rows,
        totals: {
          date: '합계',
          name: `${list.length}건`,
          fields: '',
          sms: sum('sms'),
          email: sum('email'),
          total,
          success: sum('success'),
          failure: sum('failure'),
          successRate: ratio(sum('success'), total),
          optouts: sum('optouts'),
          optoutRate: ratio(sum('optouts'), total),
          cost: sum('cost'),
        },
        note: '수신거부는 그 캠페인을 받은 뒤 수신거부한 사람 수입니다.',
      },
    ],
    charts: [
      {
        title: '캠페인별 전달률과 수신거부율',
        type: 'bar',
        percent: true,
        labels: rows.map((r) => r.name),
        series: [
          { label: '전달률', data: rows.map((r) => Math.round(r.successRate * 1000) / 10) },
          { label: '수신거부율', data: rows.map((r) => Math.round(r.optoutRate * 1000) / 10) },
        ],
      },
    ],
  };
}

function detail(core: Core, c: CampaignFacts): ReportBody {
  const k = countsByCampaign(core, [c]).get(c.id) ?? emptyCounts();
  const total = sentOf(k);
  const opened = openedCount(core, c.id);
  const optouts = optoutsByCampaign(core, [c.id]).get(c.id) ?? 0;
  const targeted = total + k.excluded;
  const funnel = [
    { step: '대상', n: targeted },
    { step: '발송', n: total },
    { step: '전달(성공)', n: k.success },
    { step: '이메일 열람', n: opened },
    { step: '실패·반송', n: k.failure },
    { step: '결과 대기', n: k.pending },
    { step: '보내지 않음(제외)', n: k.excluded },
    { step: '수신거부', n: optouts },
  ].map((r) => ({ ...r, rate: ratio(r.n, targeted) }));
  const reasons = core.sqlite
    .prepare(
      `SELECT channel, status, coalesce(reason, '') AS reason, count(*) AS n FROM outbox
       WHERE campaign_id = ? AND is_test = 0 AND status IN ('failed', 'bounced', 'skipped', 'needs_review', 'cancelled')
       GROUP BY channel, status, reason ORDER BY n DESC`,
    )
    .all(c.id) as { channel: 'sms' | 'email'; status: OutboxStatus; reason: string; n: number }[];
  const byOptSource = core.sqlite
    .prepare(
      `SELECT m.source, count(DISTINCT a.subscriber_id) AS n FROM optout_applications a
       JOIN optout_messages m ON m.id = a.message_id WHERE a.campaign_id = ? GROUP BY m.source ORDER BY n DESC`,
    )
    .all(c.id) as { source: string; n: number }[];
  const p = core.settings.get().prices;
  const sections: ReportSection[] = [
    {
      title: '발송 단계',
      columns: [
        col('step', '단계', 'text', 20),
        col('n', '건수', 'int', 12),
        col('rate', '대상 대비', 'percent', 10),
      ],
      rows: funnel,
      totals: null,
    },
    {
      title: '실패·제외 사유',
      columns: [
        col('channel', '채널', 'text', 8),
        col('status', '상태', 'text', 12),
        col('reason', '사유', 'text', 40),
        col('n', '건수', 'int', 10),
      ],
      rows: reasons.map((r) => ({
        channel: r.channel === 'sms' ? '문자' : '이메일',
        status: OUTBOX_STATUS_LABELS[r.status] ?? r.status,
        reason: r.reason || (OUTBOX_STATUS_LABELS[r.status] ?? r.status),
        n: r.n,
      })),
      totals: {
        channel: '합계',
        status: '',
        reason: '',
        n: reasons.reduce((a, r) => a + r.n, 0),
      },
    },
    {
      title: '비용',
      columns: [
        col('item', '항목', 'text', 16),
        col('n', '건수', 'int', 10),
        col('price', '단가(원)', 'won', 10),
        col('cost', '금액(원)', 'won', 12),
      ],
      rows: [
        { item: '단문(SMS)', n: k.sms, price: p.sms, cost: k.sms * p.sms },
        { item: '장문(LMS)', n: k.lms, price: p.lms, cost: k.lms * p.lms },
        { item: '이메일', n: k.email, price: 0, cost: 0 },
      ],
      totals: { item: '합계', n: total, price: null, cost: costOf(core, k) },
    },
  ];
  if (byOptSource.length)
    sections.push({
      title: '수신거부 경로',
      columns: [col('source', '경로', 'text', 24), col('n', '인원', 'int', 10)],
      rows: byOptSource.map((r) => ({
        source: OPTOUT_SOURCE_LABELS[r.source as OptOutSourceName] ?? r.source,
        n: r.n,
      })),
      totals: { source: '합계', n: optouts },
    });
  return {
    filterLabels: [`캠페인: ${c.name} (${formatDate(c.launchedAt)})`],
    sections,
    charts: [
      {
        title: '발송 단계',
        type: 'bar',
        labels: funnel.slice(0, 5).map((f) => f.step),
        series: [{ label: '건수', data: funnel.slice(0, 5).map((f) => f.n) }],
      },
      {
        title: '실패·제외 사유',
        type: 'pie',
        labels: reasons.slice(0, 8).map((r) => r.reason || r.status),
        series: [{ label: '건수', data: reasons.slice(0, 8).map((r) => r.n) }],
      },
    ],
  };
}

export const campaignReport: ReportDef = {
  name: 'campaigns',
  title: '캠페인별 발송 결과',
  description: '캠페인마다 발송 단계, 실패 사유, 그 캠페인 뒤의 수신거부, 비용',
  roles: ['admin', 'pr', 'dept'],
  filters: (core) => [
    {
      key: 'campaignId',
      label: '캠페인',
      kind: 'campaign',
      // the latest 200 sent campaigns, newest first (the screen's pick list)
      options: launchedCampaigns(core, '0000', '9999')
        .slice(-200)
        .reverse()
        .map((c) => ({ value: c.id, label: `${formatDate(c.launchedAt)} ${c.name}` })),
    },
  ],
  run(core, q) {
    const { lo, hi } = isoRange(q);
    const id = q.filters.campaignId;
    if (id) {
      const c = launchedCampaigns(core, '0000', '9999').find((x) => x.id === id);
      if (!c) throw new AppError('NOT_FOUND', '발송한 캠페인을 찾을 수 없습니다.');
      return detail(core, c);
    }
    return overview(core, launchedCampaigns(core, lo, hi));
  },
};
