// Report 5: opt-outs per month, source, field and campaign — the opt-out domain's own statistics
// (core.optout.reports.stats) laid out as a printable report.
import { col } from './common';
import { monthLabel, monthsOf } from './period';
import type { ReportBody, ReportDef } from './types';

export const optoutsReport: ReportDef = {
  name: 'optouts',
  title: '수신거부 현황',
  description: '월별·경로별·분야별·캠페인별 수신거부 메시지와 처리 인원',
  roles: ['admin', 'pr', 'dept'],
  filters: () => [],
  run(core, q): ReportBody {
    const s = core.optout.reports.stats({ from: q.from, to: q.to });
    const byMonth = new Map(s.perMonth.map((m) => [m.month, m]));
    const months = monthsOf(q);
    const monthRows = months.map((m) => {
      const v = byMonth.get(m);
      return {
        label: monthLabel(m),
        messages: v?.messages ?? 0,
        applied: v?.applied ?? 0,
        people: v?.people ?? 0,
      };
    });
    const sum = (k: 'messages' | 'applied' | 'people') => monthRows.reduce((a, r) => a + r[k], 0);
    return {
      sections: [
        {
          title: '월별',
          columns: [
            col('label', '월', 'text', 10),
            col('messages', '받은 메시지', 'int', 12),
            col('applied', '처리', 'int', 10),
            col('people', '수신거부 인원', 'int', 13),
          ],
          rows: monthRows,
          totals: {
            label: '합계',
            messages: sum('messages'),
            applied: sum('applied'),
            people: s.totals.people,
          },
          note: '인원 합계는 기간 중 한 번 이상 수신거부한 사람 수입니다.',
        },
        {
          title: '경로별',
          columns: [
            col('label', '경로', 'text', 26),
            col('messages', '메시지', 'int', 10),
            col('applied', '처리', 'int', 10),
          ],
          rows: s.perSource.map((r) => ({ label: r.label, messages: r.messages, applied: r.applied })),
          totals: {
            label: '합계',
            messages: s.perSource.reduce((a, r) => a + r.messages, 0),
            applied: s.perSource.reduce((a, r) => a + r.applied, 0),
          },
        },
        {
          title: '처리 상태',
          columns: [col('label', '상태', 'text', 16), col('n', '메시지', 'int', 10)],
          rows: [
            { label: '처리됨', n: s.totals.applied },
            { label: '확인 필요', n: s.totals.review },
            { label: '등록되지 않은 번호', n: s.totals.unmatched },
            { label: '새 메시지', n: s.totals.new },
            { label: '처리 안 함', n: s.totals.dismissed },
          ],
          totals: { label: '합계', n: s.totals.messages },
        },
        {
          title: '분야별',
          columns: [
            col('name', '분야', 'text', 26),
            col('sms', '문자 철회', 'int', 11),
            col('email', '이메일 철회', 'int', 11),
          ],
          rows: s.perField.map((f) => ({ name: f.name, sms: f.sms, email: f.email })),
          totals: null,
          note: '분야별 인원은 수신거부로 그 분야 동의가 철회된 사람 수입니다.',
        },
        {
          title: '캠페인별',
          columns: [
            col('name', '캠페인', 'text', 32),
            col('recipients', '받은 사람', 'int', 11),
            col('optouts', '수신거부', 'int', 10),
            col('rate', '수신거부율', 'percent', 10),
          ],
          rows: s.perCampaign.items.map((c) => ({
            name: c.name,
            recipients: c.recipients,
            optouts: c.optouts,
            rate: c.recipients ? c.optouts / c.recipients : null,
          })),
          totals: null,
        },
      ],
      charts: [
        {
          title: '월별 수신거부',
          type: 'bar',
          labels: monthRows.map((r) => r.label),
          series: [
            { label: '받은 메시지', data: monthRows.map((r) => r.messages) },
            { label: '수신거부 인원', data: monthRows.map((r) => r.people) },
          ],
        },
        {
          title: '경로별 메시지',
          type: 'pie',
          labels: s.perSource.map((r) => r.label),
          series: [{ label: '메시지', data: s.perSource.map((r) => r.messages) }],
        },
      ],
    };
  },
};
