// Report 1: sends per year and month like the seed's table (campaigns, 단문, 장문, email, total),
// with delivery and failure rates and cost, and the same per field or per department.
import type { ReportRow, ReportSection } from '../../shared/contract/reports';
import type { Core } from '../core/core';
import {
  addCounts,
  type CampaignFacts,
  costOf,
  countsByCampaign,
  emptyCounts,
  launchedCampaigns,
  type SendCounts,
  sentOf,
} from './campaignCounts';
import { col, fieldFilter, fieldName, fieldNames, intFilter } from './common';
import { isoRange, monthLabel, monthsOf, ratio, seoulMonth } from './period';
import type { ReportDef } from './types';

const COLUMNS = [
  col('campaigns', '발송 횟수', 'int', 10),
  col('sms', '단문(SMS)', 'int', 12),
  col('lms', '장문(LMS)', 'int', 12),
  col('email', '이메일', 'int', 12),
  col('total', '합계', 'int', 13),
  col('success', '성공', 'int', 12),
  col('failure', '실패', 'int', 10),
  col('successRate', '전달률', 'percent', 9),
  col('failureRate', '실패율', 'percent', 9),
  col('cost', '문자 비용(원)', 'won', 14),
];

interface Bucket {
  campaigns: number;
  counts: SendCounts;
}

function rowOf(core: Core, label: Record<string, string>, b: Bucket): ReportRow {
  const total = sentOf(b.counts);
  return {
    ...label,
    campaigns: b.campaigns,
    sms: b.counts.sms,
    lms: b.counts.lms,
    email: b.counts.email,
    total,
    success: b.counts.success,
    failure: b.counts.failure,
    successRate: ratio(b.counts.success, total),
    failureRate: ratio(b.counts.failure, total),
    cost: costOf(core, b.counts),
  };
}

function bucketize(
  list: CampaignFacts[],
  counts: Map<string, SendCounts>,
  keysOf: (c: CampaignFacts) => string[],
): Map<string, Bucket> {
  const out = new Map<string, Bucket>();
  for (const c of list)
    for (const k of keysOf(c)) {
      const b = out.get(k) ?? { campaigns: 0, counts: emptyCounts() };
      b.campaigns++;
      addCounts(b.counts, counts.get(c.id) ?? emptyCounts());
      out.set(k, b);
    }
  return out;
}

export const sendsReport: ReportDef = {
  name: 'sends',
  title: '연도별·월별 발송 현황',
  description: '캠페인 수와 단문·장문·이메일 발송 건수, 전달률·실패율, 문자 비용 (연도·월·분야·부서별)',
  roles: ['admin', 'pr', 'dept'],
  filters: (core) => [
    fieldFilter(core),
    {
      key: 'groupBy',
      label: '나눠 보기',
      kind: 'select',
      options: [
        { value: 'field', label: '분야별' },
        { value: 'department', label: '부서별' },
      ],
    },
  ],
  run(core, q) {
    const { lo, hi } = isoRange(q);
    const fieldId = intFilter(q.filters, 'fieldId', '분야');
    const list = launchedCampaigns(core, lo, hi, fieldId);
    const counts = countsByCampaign(core, list);
    const all: Bucket = { campaigns: list.length, counts: emptyCounts() };
    for (const c of list) addCounts(all.counts, counts.get(c.id) ?? emptyCounts());
    const totals = rowOf(core, { label: '합계' }, all);

    const byYear = bucketize(list, counts, (c) => [seoulMonth(c.launchedAt).slice(0, 4)]);
    const years = [...new Set(monthsOf(q).map((m) => m.slice(0, 4)))];
    const byMonth = bucketize(list, counts, (c) => [seoulMonth(c.launchedAt)]);
    const months = monthsOf(q);
    const empty = () => ({ campaigns: 0, counts: emptyCounts() });
    const labelCol = (label: string) => col('label', label, 'text', 12);

    const sections: ReportSection[] = [
      {
        title: '연도별',
        columns: [labelCol('연도'), ...COLUMNS],
        // newest year first, like the seed's table
        rows: [...years].reverse().map((y) => rowOf(core, { label: `${y}년` }, byYear.get(y) ?? empty())),
        totals,
      },
      {
        title: '월별',
        columns: [labelCol('월'), ...COLUMNS],
        rows: months.map((m) => rowOf(core, { label: monthLabel(m) }, byMonth.get(m) ?? empty())),
        totals,
      },
    ];
    const groupBy = q.filters.groupBy;
    if (groupBy === 'field' || groupBy === 'department') {
      const nameOf = fieldNames(core);
      const byGroup =
        groupBy === 'field'
          ? bucketize(list, counts, (c) => c.fieldIds.map(nameOf))
          : bucketize(list, counts, (c) => [c.department ?? '미지정']);
      sections.push({
        title: groupBy === 'field' ? '분야별' : '부서별',
        columns: [col('label', groupBy === 'field' ? '분야' : '부서', 'text', 20), ...COLUMNS],
        rows: [...byGroup]
          .sort((a, b) => sentOf(b[1].counts) - sentOf(a[1].counts))
          .map(([k, b]) => rowOf(core, { label: k }, b)),
        totals: null,
        note:
          groupBy === 'field'
            ? '여러 분야에 보낸 캠페인은 분야마다 셉니다 (합계가 전체보다 클 수 있습니다).'
            : '부서는 캠페인을 만든 사용자의 부서입니다.',
      });
    }
    const monthRows = sections[1].rows;
    return {
      filterLabels: fieldId ? [`분야: ${fieldName(core, fieldId)}`] : [],
      sections,
      charts: [
        {
          title: '월별 발송 건수',
          type: 'bar',
          labels: months.map(monthLabel),
          series: [
            { label: '단문(SMS)', data: monthRows.map((r) => r.sms as number) },
            { label: '장문(LMS)', data: monthRows.map((r) => r.lms as number) },
            { label: '이메일', data: monthRows.map((r) => r.email as number) },
          ],
        },
        {
          title: '월별 전달률',
          type: 'line',
          percent: true,
          labels: months.map(monthLabel),
          series: [
            {
              label: '전달률',
              data: monthRows.map((r) => Math.round((r.successRate as number) * 1000) / 10),
            },
          ],
        },
      ],
    };
  },
};
