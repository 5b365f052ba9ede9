// Report 4: dong intake (동 행정 종합평가): paper forms taken per station (dong) and month, ranked.
// The counting is the registry's own (intakeStats); this adds the ranking and the print layout.
import type { ReportRow } from '../../shared/contract/reports';
import { intakeStats } from '../subscribers/stats';
import { col } from './common';
import { monthLabel } from './period';
import type { ReportDef } from './types';

export const intakeReport: ReportDef = {
  name: 'intake',
  title: '동별 신청서 접수 현황',
  description: '접수처(동 주민센터·본청)별 월별 신청서 접수 건수와 순위 (동 행정 종합평가)',
  roles: ['admin', 'pr', 'dept', 'dong'],
  filters: () => [],
  run(core, q) {
    const s = intakeStats(core, q.from, q.to, q.dongScope);
    const ranked = [...s.byStation].sort((a, b) => b.total - a.total || a.code.localeCompare(b.code));
    // Equal totals share a rank (1, 2, 2, 4).
    const rankOf = new Map<string, number>();
    ranked.forEach((r, i) => {
      const prev = ranked[i - 1];
      rankOf.set(
        `${r.stationId}`,
        prev && prev.total === r.total ? (rankOf.get(`${prev.stationId}`) ?? i + 1) : i + 1,
      );
    });
    const monthCols = s.months.map((m) => col(`m${m}`, monthLabel(m), 'int', 9));
    const rows: ReportRow[] = ranked.map((r) => ({
      rank: rankOf.get(`${r.stationId}`) ?? null,
      name: r.name,
      dong: r.dongName ?? '',
      ...Object.fromEntries(s.months.map((m, i) => [`m${m}`, r.months[i]])),
      total: r.total,
      new: r.new,
      update: r.update,
    }));
    const top = ranked.filter((r) => r.total > 0).slice(0, 20);
    return {
      sections: [
        {
          title: '접수처별 순위',
          columns: [
            col('rank', '순위', 'int', 6),
            col('name', '접수처', 'text', 22),
            col('dong', '행정동', 'text', 12),
            ...monthCols,
            col('total', '합계', 'int', 9),
            col('new', '신규', 'int', 8),
            col('update', '변경', 'int', 8),
          ],
          rows,
          totals: {
            rank: null,
            name: '합계',
            dong: '',
            ...Object.fromEntries(s.months.map((m, i) => [`m${m}`, s.totals.months[i]])),
            total: s.totals.total,
            new: ranked.reduce((a, r) => a + r.new, 0),
            update: ranked.reduce((a, r) => a + r.update, 0),
          },
          note: '신청서에 적힌 날짜(서명일) 기준입니다. 같은 건수는 같은 순위입니다.',
        },
      ],
      charts: [
        {
          title: '접수처별 접수 건수',
          type: 'bar',
          labels: top.map((r) => r.name),
          series: [{ label: '접수', data: top.map((r) => r.total) }],
        },
        {
          title: '월별 접수 건수',
          type: 'line',
          labels: s.months.map(monthLabel),
          series: [{ label: '접수', data: s.totals.months }],
        },
      ],
    };
  },
};
