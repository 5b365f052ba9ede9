// Report 7: SNS channels — monthly followers/friends, posts and visitors per channel, and this ward
// against the other wards' table (average and rank), as the seed's attachment 3 does.
import { SNS_KIND_LABELS } from '../../shared/contract/sns';
import type { ReportRow, ReportSection } from '../../shared/contract/reports';
import { comparePeers, headline } from '../sns/peers';
import { snsOf } from '../sns/service';
import { col } from './common';
import { monthLabel, monthsOf } from './period';
import type { ReportDef } from './types';

export const snsReport: ReportDef = {
  name: 'sns',
  title: 'SNS 운영 현황',
  description: '채널별 월별 팔로워(친구)·게시물·방문자와 다른 구와의 비교',
  roles: ['admin', 'pr', 'dept'],
  filters: () => [],
  run(core, q) {
    const sns = snsOf(core);
    const channels = sns.list();
    const months = monthsOf(q);
    const from = months[0];
    const to = months[months.length - 1];
    const figs = sns.figures({ from, to });
    const at = (id: number, m: string) => figs.find((f) => f.channelId === id && f.month === m);
    const lastOf = (id: number) => [...figs].reverse().find((f) => f.channelId === id);
    const firstOf = (id: number) => figs.find((f) => f.channelId === id);
    const summary: ReportRow[] = channels.map((c) => {
      const last = lastOf(c.id);
      const first = firstOf(c.id);
      const k = headline(c.kind);
      return {
        name: c.name,
        kind: SNS_KIND_LABELS[c.kind],
        url: c.url,
        openedIn: c.openedIn ? monthLabel(c.openedIn) : '',
        followers: last?.followers ?? null,
        posts: last?.posts ?? null,
        visitors: last?.visitors ?? null,
        change:
          last && first && last[k] !== null && first[k] !== null
            ? (last[k] as number) - (first[k] as number)
            : null,
      };
    });
    const sections: ReportSection[] = [
      {
        title: '채널별 현황',
        columns: [
          col('name', '채널', 'text', 14),
          col('kind', '종류', 'text', 12),
          col('url', '주소', 'text', 34),
          col('openedIn', '개설', 'text', 9),
          col('followers', '팔로워·친구', 'int', 12),
          col('posts', '게시물', 'int', 10),
          col('visitors', '방문자', 'int', 12),
          col('change', '기간 중 증감', 'int', 12),
        ],
        rows: summary,
        totals: null,
        note: '수치는 기간 중 마지막으로 입력한 달 기준입니다. 증감은 블로그는 방문자, 나머지는 팔로워·친구입니다.',
      },
    ];
    for (const [key, label] of [
      ['followers', '팔로워·친구'],
      ['posts', '게시물'],
      ['visitors', '방문자'],
    ] as const) {
      if (!figs.some((f) => f[key] !== null)) continue;
      sections.push({
        title: `월별 ${label}`,
        columns: [col('label', '월', 'text', 10), ...channels.map((c) => col(`c${c.id}`, c.name, 'int', 12))],
        rows: months.map((m) => ({
          label: monthLabel(m),
          ...Object.fromEntries(channels.map((c) => [`c${c.id}`, at(c.id, m)?.[key] ?? null])),
        })),
        totals: null,
      });
    }
    const cmp = comparePeers(core);
    if (cmp.asOf) {
      const ward = cmp.ward;
      sections.push({
        title: '다른 구와 비교',
        columns: [
          col('kind', '항목', 'text', 22),
          col('mine', ward, 'int', 12),
          col('average', '평균', 'int', 12),
          col('ratio', '평균 대비', 'percent', 10),
          col('rank', '순위', 'int', 7),
          col('wards', '비교 구 수', 'int', 10),
          col('running', '운영 구 수', 'int', 10),
        ],
        rows: cmp.metrics.map((m) => ({
          kind: m.label,
          mine: m.mine,
          average: m.average === null ? null : Math.round(m.average),
          ratio: m.mine !== null && m.average ? m.mine / m.average : null,
          rank: m.rank,
          wards: m.wards,
          running: m.running,
        })),
        totals: null,
        note: `다른 구 수치 기준: ${monthLabel(cmp.asOf)}. 평균은 표의 모든 구(${ward} 포함)로 나눈 값이며, 채널을 운영하지 않는 구(-)는 0으로 셉니다.`,
      });
    }
    return {
      sections,
      charts: [
        {
          title: '월별 팔로워·친구',
          type: 'line',
          labels: months.map(monthLabel),
          series: channels
            .filter((c) => figs.some((f) => f.channelId === c.id && f.followers !== null))
            .map((c) => ({ label: c.name, data: months.map((m) => at(c.id, m)?.followers ?? 0) })),
        },
      ],
    };
  },
};
