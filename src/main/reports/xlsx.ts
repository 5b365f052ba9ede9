// The Excel file of a report: a sheet per table (Korean sheet names), title and period on top, a
// styled header row frozen below them, number formats and widths per column, the totals row in
// bold, and every chart's numbers on their own sheet ("차트 데이터") so others can redraw them.
import ExcelJS from 'exceljs';
import type { ColumnFormat, ReportModel } from '../../shared/contract/reports';
import { formatDateTime } from '../../shared/text/dates';
import { periodLabel } from './print/html';

export const NUM_FMT: Record<ColumnFormat, string | undefined> = {
  text: undefined,
  int: '#,##0',
  won: '#,##0',
  percent: '0.0%',
  decimal: '#,##0.00',
};

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F2' } };
const THIN: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF8EA0B8' } };
const BOX: Partial<ExcelJS.Borders> = { top: THIN, bottom: THIN, left: THIN, right: THIN };

/** Excel refuses [ ] : * ? / \ in sheet names and more than 31 characters; names must be unique. */
export function sheetName(title: string, used: Set<string>): string {
  const base = title.replace(/[[\]:*?/\\]/g, '·').slice(0, 31) || '표';
  let name = base;
  for (let i = 2; used.has(name); i++) name = `${base.slice(0, 28)} (${i})`;
  used.add(name);
  return name;
}

export function reportWorkbook(m: ReportModel): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = '소통창구';
  wb.created = new Date(m.generatedAt);
  wb.title = m.title;
  const used = new Set<string>(['차트 데이터']);
  const subtitle = [
    `기간: ${periodLabel(m.period)}`,
    ...m.filterLabels,
    `출력: ${formatDateTime(m.generatedAt)}`,
  ].join('   ');
  for (const s of m.sections) {
    const ws = wb.addWorksheet(sheetName(s.title, used), {
      views: [{ state: 'frozen', ySplit: 3 }],
      pageSetup: {
        paperSize: 9,
        orientation: s.columns.length > 8 ? 'landscape' : 'portrait',
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
      },
    });
    ws.pageSetup.printTitlesRow = '3:3';
    ws.columns = s.columns.map((c) => ({
      key: c.key,
      width: c.width ?? Math.max(10, c.label.length * 2 + 2),
      style: NUM_FMT[c.format] ? { numFmt: NUM_FMT[c.format] } : {},
    }));
    const title = ws.getCell(1, 1);
    title.value = `${m.wardName} ${m.title} — ${s.title}`;
    title.font = { bold: true, size: 14 };
    ws.getCell(2, 1).value = subtitle;
    ws.getCell(2, 1).font = { size: 9, color: { argb: 'FF555555' } };
    const head = ws.getRow(3);
    head.values = s.columns.map((c) => c.label);
    head.height = 20;
    head.eachCell((cell) => {
      cell.font = { bold: true };
      cell.fill = HEADER_FILL;
      cell.border = BOX;
      cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    });
    const put = (r: Record<string, string | number | null>, bold: boolean) => {
      const row = ws.addRow(s.columns.map((c) => r[c.key] ?? null));
      row.eachCell({ includeEmpty: true }, (cell, i) => {
        cell.border = BOX;
        if (bold) cell.font = { bold: true };
        if (s.columns[i - 1]?.format !== 'text') cell.alignment = { horizontal: 'right' };
      });
      if (bold)
        row.eachCell(
          { includeEmpty: true },
          (cell) => (cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } }),
        );
    };
    for (const r of s.rows) put(r, false);
    if (s.totals) put(s.totals, true);
    if (s.note) {
      ws.addRow([]);
      ws.addRow([`※ ${s.note}`]).font = { size: 9, color: { argb: 'FF555555' } };
    }
  }
  const cd = wb.addWorksheet('차트 데이터');
  cd.columns = [{ width: 24 }, ...Array.from({ length: 12 }, () => ({ width: 13 }))];
  for (const ch of m.charts) {
    cd.addRow([ch.title]).font = { bold: true, size: 12 };
    const head = cd.addRow(['항목', ...ch.series.map((s) => (ch.percent ? `${s.label}(%)` : s.label))]);
    head.eachCell((c) => {
      c.font = { bold: true };
      c.fill = HEADER_FILL;
      c.border = BOX;
    });
    ch.labels.forEach((label, i) => {
      const row = cd.addRow([label, ...ch.series.map((s) => s.data[i] ?? null)]);
      row.eachCell((c, k) => {
        c.border = BOX;
        if (k > 1) c.numFmt = ch.percent ? '0.0' : '#,##0';
      });
    });
    cd.addRow([]);
  }
  return wb;
}

export async function writeReportXlsx(m: ReportModel, file: string): Promise<void> {
  await reportWorkbook(m).xlsx.writeFile(file);
}
