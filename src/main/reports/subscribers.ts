// Report 3: subscribers by field, age band, gender, dong, business type and channel (the registry's
// own statistics, src/main/subscribers/stats.ts), and the change over the period from the consent
// ledger: who joined (first consent), who left (every consent withdrawn), the net.
import type { ReportSection } from '../../shared/contract/reports';
import type { Core } from '../core/core';
import { subscriberStats } from '../subscribers/stats';
import { col, dongFilter, intFilter } from './common';
import { isoRange, monthLabel, monthsOf, seoulMonth } from './period';
import type { ReportDef } from './types';

/**
 * Joined / left per Seoul month of the period (a dong narrows to people of that dong). Joined: the
 * person's registration (created_at is the date on the form or of the import). Left: every consent
 * withdrawn by an opt-out in the period, or the person marked withdrawn. Both are index ranges over
 * the period, not scans of the whole ledger (100,000 people hold ~700,000 consent events).
 */
export function subscriberChange(
  core: Core,
  lo: string,
  hi: string,
  dongId: number | null,
): Map<string, { joined: number; left: number }> {
  const p = { lo, hi, ...(dongId === null ? {} : { dongId }) };
  const dong = dongId === null ? '' : 'AND dong_id = @dongId';
  const joined = core.sqlite
    .prepare(
      `SELECT strftime('%Y-%m', created_at, '+9 hours') AS ym, count(*) AS n
       FROM subscribers INDEXED BY subscribers_created_idx
       WHERE created_at >= @lo AND created_at < @hi ${dong} GROUP BY ym`,
    )
    .all(p) as { ym: string; n: number }[];
  const optedOut = core.sqlite
    .prepare(
      `SELECT a.subscriber_id AS id, max(a.at) AS at FROM optout_applications a
       ${dongId === null ? '' : 'JOIN subscribers s ON s.id = a.subscriber_id AND s.dong_id = @dongId'}
       WHERE a.at >= @lo AND a.at < @hi
         AND NOT EXISTS (SELECT 1 FROM consent_state c WHERE c.subscriber_id = a.subscriber_id AND c.granted = 1)
       GROUP BY a.subscriber_id`,
    )
    .all(p) as { id: string; at: string }[];
  const marked = core.sqlite
    .prepare(
      `SELECT id, updated_at AS at FROM subscribers WHERE status = 'withdrawn'
       AND updated_at >= @lo AND updated_at < @hi ${dong}`,
    )
    .all(p) as { id: string; at: string }[];
  const left = new Map<string, string>();
  for (const r of [...optedOut, ...marked])
    if (!left.has(r.id) || r.at > left.get(r.id)!) left.set(r.id, r.at);
  const out = new Map<string, { joined: number; left: number }>();
  const bump = (iso: string, k: 'left') => {
    const m = seoulMonth(iso);
    const v = out.get(m) ?? { joined: 0, left: 0 };
    v[k]++;
    out.set(m, v);
  };
  for (const j of joined) out.set(j.ym, { joined: j.n, left: 0 });
  for (const a of left.values()) bump(a, 'left');
  return out;
}

/** Active people by the contacts they gave (a 010 mobile, an e-mail): one pass over a covering index. */
function byChannel(core: Core, dongId: number | null) {
  const r = core.sqlite
    .prepare(
      `SELECT sum(m AND NOT e) AS smsOnly, sum(e AND NOT m) AS emailOnly, sum(m AND e) AS both
       FROM (SELECT coalesce(mobile GLOB '010*', 0) AS m, email IS NOT NULL AS e
             FROM subscribers INDEXED BY subscribers_search_idx
             WHERE status = 'active' ${dongId === null ? '' : 'AND dong_id = @dongId'})`,
    )
    .get(dongId === null ? {} : { dongId }) as {
    smsOnly: number | null;
    emailOnly: number | null;
    both: number | null;
  };
  return [
    { label: '휴대전화만', n: r.smsOnly ?? 0 },
    { label: '이메일만', n: r.emailOnly ?? 0 },
    { label: '휴대전화·이메일', n: r.both ?? 0 },
  ];
}

export const subscribersReport: ReportDef = {
  name: 'subscribers',
  title: '구독자 현황',
  description: '분야·연령대·성별·행정동·업종·수신 방법별 구독자와 기간 중 가입·탈퇴·순증',
  roles: ['admin', 'pr', 'dept', 'dong'],
  filters: (core) => [dongFilter(core)],
  run(core, q) {
    const asked = intFilter(q.filters, 'dongId', '행정동') ?? null;
    const dongId = q.dongScope ?? asked;
    const s = subscriberStats(core, dongId);
    const { lo, hi } = isoRange(q);
    const change = subscriberChange(core, lo, hi, dongId);
    const months = monthsOf(q);
    const changeRows = months.map((m) => {
      const v = change.get(m) ?? { joined: 0, left: 0 };
      return { label: monthLabel(m), joined: v.joined, left: v.left, net: v.joined - v.left };
    });
    const sum = (k: 'joined' | 'left' | 'net') => changeRows.reduce((a, r) => a + r[k], 0);
    const channels = byChannel(core, dongId);
    const total = s.totals.active;
    const share = (n: number) => (total > 0 ? n / total : 0);
    const individuals = s.totals.individuals;
    const sections: ReportSection[] = [
      {
        title: '요약',
        columns: [col('label', '구분', 'text', 16), col('n', '인원', 'int', 12)],
        rows: [
          { label: '개인', n: s.totals.individuals },
          { label: '사업자', n: s.totals.businesses },
          { label: '탈퇴(비활성)', n: s.totals.withdrawn },
        ],
        totals: { label: '구독자(활성)', n: total },
      },
      {
        title: '기간 중 변동',
        columns: [
          col('label', '월', 'text', 10),
          col('joined', '가입', 'int', 10),
          col('left', '탈퇴', 'int', 10),
          col('net', '순증', 'int', 10),
        ],
        rows: changeRows,
        totals: { label: '합계', joined: sum('joined'), left: sum('left'), net: sum('net') },
        note: '가입은 신청서(또는 가져오기) 날짜, 탈퇴는 수신거부로 모든 동의가 철회되었거나 탈퇴 처리된 날짜 기준입니다.',
      },
      {
        title: '분야별',
        columns: [
          col('name', '분야', 'text', 26),
          col('audience', '대상', 'text', 8),
          col('sms', '문자 수신', 'int', 11),
          col('email', '이메일 수신', 'int', 11),
        ],
        rows: s.byField.map((f) => ({
          name: f.name,
          audience: f.audience === 'individual' ? '개인' : '사업자',
          sms: f.sms,
          email: f.email,
        })),
        totals: null,
      },
      {
        title: '연령대별',
        columns: [
          col('label', '연령대', 'text', 12),
          col('n', '인원', 'int', 11),
          col('share', '비율', 'percent', 9),
        ],
        rows: s.byAgeBand.map((b) => ({
          label: b.label,
          n: b.count,
          share: individuals ? b.count / individuals : 0,
        })),
        totals: { label: '개인 합계', n: individuals, share: individuals ? 1 : 0 },
      },
      {
        title: '성별',
        columns: [
          col('label', '성별', 'text', 10),
          col('n', '인원', 'int', 11),
          col('share', '비율', 'percent', 9),
        ],
        rows: s.byGender.map((g) => ({
          label: g.label,
          n: g.count,
          share: individuals ? g.count / individuals : 0,
        })),
        totals: null,
      },
      {
        title: '행정동별',
        columns: [
          col('name', '행정동', 'text', 14),
          col('individuals', '개인', 'int', 10),
          col('businesses', '사업자', 'int', 10),
          col('total', '합계', 'int', 10),
          col('share', '비율', 'percent', 9),
        ],
        rows: s.byDong.map((d) => ({
          name: d.name,
          individuals: d.individuals,
          businesses: d.businesses,
          total: d.individuals + d.businesses,
          share: share(d.individuals + d.businesses),
        })),
        totals: {
          name: '합계',
          individuals: s.totals.individuals,
          businesses: s.totals.businesses,
          total,
          share: total ? 1 : 0,
        },
      },
      {
        title: '업종별',
        columns: [col('name', '업종', 'text', 22), col('n', '사업자 수', 'int', 11)],
        rows: s.byBusinessType.map((b) => ({ name: b.name, n: b.count })),
        totals: { name: '합계', n: s.totals.businesses },
      },
      {
        title: '연락처별',
        columns: [col('label', '연락처', 'text', 16), col('n', '인원', 'int', 11)],
        rows: channels,
        totals: { label: '합계', n: channels.reduce((a, c) => a + c.n, 0) },
        note: '구독자가 적어 낸 연락처 기준입니다 (휴대전화는 010 번호).',
      },
    ];
    const dongName = dongId === null ? null : core.reference.list().dongs.find((d) => d.id === dongId)?.name;
    return {
      filterLabels: dongName ? [`행정동: ${dongName}`] : [],
      sections,
      charts: [
        {
          title: '월별 가입·탈퇴',
          type: 'bar',
          labels: changeRows.map((r) => r.label),
          series: [
            { label: '가입', data: changeRows.map((r) => r.joined) },
            { label: '탈퇴', data: changeRows.map((r) => r.left) },
          ],
        },
        {
          title: '연령대별 구독자',
          type: 'bar',
          labels: s.byAgeBand.map((b) => b.label),
          series: [{ label: '인원', data: s.byAgeBand.map((b) => b.count) }],
        },
        {
          title: '분야별 수신 동의',
          type: 'bar',
          labels: s.byField.map((f) => f.name),
          series: [
            { label: '문자', data: s.byField.map((f) => f.sms) },
            { label: '이메일', data: s.byField.map((f) => f.email) },
          ],
        },
      ],
    };
  },
};
