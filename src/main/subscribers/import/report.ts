// The result report staff open in Excel: every rejected row, warning and review case with its
// original columns and the reason (사유), written with the streaming writer (a report can be large).
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { excelSerialToDate, formatDate, formatDateTime } from '../../../shared/text/dates';
import type { CellValue } from './values';
import type { ReportRow } from './writer';

export interface ReportInput {
  fileName: string;
  headers: string[];
  /** columns mapped to a date (생년월일, 접수일): a serial number there is shown as the date it is */
  dateColumns: number[];
  at: Date;
  counts: {
    rows: number;
    imported: number;
    merged: number;
    rejected: number;
    warnings: number;
    review: number;
  };
  rejected: ReportRow[];
  warned: ReportRow[];
  review: ReportRow[];
}

export const REPORT_SHEETS = {
  summary: '요약',
  rejected: '제외된 행',
  warned: '경고',
  review: '검토 필요',
} as const;

function cellOut(v: CellValue, isDate: boolean): string | number | boolean | Date | null {
  // A date cell read without styles is a bare serial (27455): show it as 1975.03.02 again.
  if (isDate && typeof v === 'number' && v > 1000 && v < 80000 && !(v >= 1900 && v <= 2100)) {
    const d = excelSerialToDate(v);
    if (d) return formatDate(d);
  }
  return v;
}

export async function writeReport(file: string, r: ReportInput): Promise<void> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: file,
    useSharedStrings: true,
    useStyles: true,
  });
  const summary = wb.addWorksheet(REPORT_SHEETS.summary);
  summary.columns = [{ width: 28 }, { width: 60 }];
  const lines: [string, string | number][] = [
    ['원본 파일', r.fileName],
    ['가져온 시각', formatDateTime(r.at)],
    ['전체 행', r.counts.rows],
    ['새로 등록', r.counts.imported],
    ['기존 구독자와 합침', r.counts.merged],
    ['제외된 행', r.counts.rejected],
    ['경고가 있는 행', r.counts.warnings],
    ['검토 필요(수신거부·수신철회)', r.counts.review],
  ];
  for (const l of lines) summary.addRow(l).commit();
  await summary.commit();

  // a loop, not Math.max(...rows): a 100,000-row report would overflow the argument list
  let width = r.headers.length;
  for (const list of [r.rejected, r.warned, r.review])
    for (const x of list) width = Math.max(width, x.cells.length);
  const headers = Array.from({ length: width }, (_, i) => r.headers[i] || `열${i + 1}`);
  const dates = new Set(r.dateColumns);
  for (const [key, rows] of [
    ['rejected', r.rejected],
    ['warned', r.warned],
    ['review', r.review],
  ] as const) {
    const ws = wb.addWorksheet(REPORT_SHEETS[key]);
    ws.columns = [...headers.map(() => ({ width: 16 })), { width: 10 }, { width: 70 }];
    const head = ws.addRow([...headers, '원본 행', '사유']);
    head.font = { bold: true };
    head.commit();
    for (let k = 0; k < rows.length; k++) {
      const x = rows[k];
      const cells = Array.from({ length: width }, (_, i) => cellOut(x.cells[i] ?? null, dates.has(i)));
      ws.addRow([...cells, x.n, x.reason]).commit();
      // let other calls in between: a report of thousands of rows would hold the event loop otherwise
      if (k % 500 === 499) await new Promise((done) => setImmediate(done));
    }
    await ws.commit();
  }
  await wb.commit();
}
