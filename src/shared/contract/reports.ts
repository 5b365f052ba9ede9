import { z } from 'zod';
import { channel, type Role } from './define';

// Statistics reports the office prints on A4 and hands on as Excel (docs/domain.md §4, issue #8).
// Every report returns the same table model, so the screen, the print layout and the xlsx writer
// each render any report without knowing which one it is.

const dateOnly = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '날짜는 YYYY-MM-DD 형식이어야 합니다.');

/** How a column's numbers are shown (screen, print and the xlsx number format). */
export const COLUMN_FORMATS = ['text', 'int', 'percent', 'won', 'decimal'] as const;
export type ColumnFormat = (typeof COLUMN_FORMATS)[number];

export const reportColumn = z.object({
  key: z.string(),
  label: z.string(),
  format: z.enum(COLUMN_FORMATS),
  /** xlsx column width in characters */
  width: z.number().optional(),
});
export type ReportColumn = z.infer<typeof reportColumn>;

const cell = z.union([z.string(), z.number(), z.null()]);
export const reportRow = z.record(z.string(), cell);
export type ReportRow = z.infer<typeof reportRow>;

/** A cell as the screen and the print show it: 1,234 · 12.3% · '-' for nothing. */
export function formatReportCell(
  v: string | number | null | undefined,
  c: Pick<ReportColumn, 'format'>,
): string {
  if (v === null || v === undefined || v === '') return c.format === 'text' ? '' : '-';
  if (typeof v === 'string') return v;
  switch (c.format) {
    case 'percent':
      return `${(v * 100).toFixed(1)}%`;
    case 'decimal':
      return v.toLocaleString('ko-KR', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    case 'int':
    case 'won':
      return Math.round(v).toLocaleString('ko-KR');
    default:
      return String(v);
  }
}

export const reportSection = z.object({
  /** also the xlsx sheet name (shortened to 31 characters) */
  title: z.string(),
  columns: z.array(reportColumn),
  rows: z.array(reportRow),
  totals: reportRow.nullable(),
  note: z.string().optional(),
});
export type ReportSection = z.infer<typeof reportSection>;

export const chartSeries = z.object({ label: z.string(), data: z.array(z.number()) });
export const reportChart = z.object({
  title: z.string(),
  type: z.enum(['bar', 'line', 'pie']),
  labels: z.array(z.string()),
  series: z.array(chartSeries),
  /** percent axis (0–100) */
  percent: z.boolean().optional(),
});
export type ReportChart = z.infer<typeof reportChart>;

export const reportModel = z.object({
  name: z.string(),
  title: z.string(),
  wardName: z.string(),
  period: z.object({ from: z.string(), to: z.string() }),
  /** filters as a reader sees them, e.g. "분야: 문화공연" */
  filterLabels: z.array(z.string()),
  generatedAt: z.string(),
  sections: z.array(reportSection),
  charts: z.array(reportChart),
  /** names or contacts of people appear in the report: views, exports and prints are audited */
  personal: z.boolean(),
});
export type ReportModel = z.infer<typeof reportModel>;

export const reportFilterDef = z.object({
  key: z.string(),
  label: z.string(),
  kind: z.enum(['field', 'dong', 'campaign', 'snsChannel', 'select']),
  options: z.array(z.object({ value: z.string(), label: z.string() })).optional(),
});
export type ReportFilterDef = z.infer<typeof reportFilterDef>;

export const reportInfo = z.object({
  name: z.string(),
  title: z.string(),
  description: z.string(),
  filters: z.array(reportFilterDef),
  roles: z.array(z.string()),
});
export type ReportInfo = z.infer<typeof reportInfo>;

export const reportRequest = z.object({
  name: z.string().trim().min(1, '보고서를 고르세요.'),
  from: dateOnly,
  to: dateOnly,
  filters: z.record(z.string(), z.string()).default({}),
});
export type ReportRequest = z.infer<typeof reportRequest>;

/** Who may read statistics: PR and admin all; departments read-only; dong staff their dong's. */
export const REPORT_ROLES: readonly Role[] = ['admin', 'pr', 'dept', 'dong'];

export const reportsChannels = {
  'reports.list': channel({
    summary: '통계 보고서 목록',
    access: REPORT_ROLES,
    input: z.object({}),
    output: z.array(reportInfo),
  }),
  'reports.run': channel({
    summary: '통계 보고서 만들기 (기간·조건)',
    access: REPORT_ROLES,
    input: reportRequest,
    output: reportModel,
  }),
  'reports.exportXlsx': channel({
    summary: '통계 보고서를 엑셀로 내보내기',
    access: REPORT_ROLES,
    input: reportRequest.extend({ path: z.string().trim().min(1).optional() }),
    output: z.object({ file: z.string() }),
  }),
  'reports.pdf': channel({
    summary: '통계 보고서를 PDF로 저장 (A4)',
    access: REPORT_ROLES,
    input: reportRequest.extend({ path: z.string().trim().min(1).optional() }),
    output: z.object({ file: z.string(), pages: z.number().int() }),
  }),
  'reports.printHtml': channel({
    summary: '통계 보고서의 인쇄용 화면 (A4)',
    access: REPORT_ROLES,
    input: reportRequest,
    output: z.object({ html: z.string() }),
  }),
};
