// The A4 print layout of any report: ward's name, title, period, date printed on top; tables that
// break cleanly across pages with their header repeated (thead as table-header-group, rows never
// split); charts as inline SVG; the Korean font embedded. The same HTML feeds Chromium's PDF (CLI,
// web mode), Electron's printToPDF and the browser's print dialog.
import {
  formatReportCell,
  type ReportColumn,
  type ReportModel,
  type ReportRow,
  type ReportSection,
} from '../../../shared/contract/reports';
import { formatDate, formatDateTime } from '../../../shared/text/dates';
import { embeddedFontCss } from './font';
import { chartSvg, esc } from './svgChart';

export function periodLabel(p: { from: string; to: string }): string {
  return `${p.from.replaceAll('-', '.')} ~ ${p.to.replaceAll('-', '.')}`;
}

export const formatCell = formatReportCell;

export function tableHtml(s: ReportSection): string {
  const cls = (c: ReportColumn) => (c.format === 'text' ? '' : ' class="num"');
  const tr = (r: ReportRow) =>
    `<tr>${s.columns.map((c) => `<td${cls(c)}>${esc(formatCell(r[c.key], c))}</td>`).join('')}</tr>`;
  return `<section class="table">
<h2>${esc(s.title)}</h2>
<table>
<thead><tr>${s.columns.map((c) => `<th>${esc(c.label)}</th>`).join('')}</tr></thead>
<tbody>${s.rows.length ? s.rows.map(tr).join('\n') : `<tr><td colspan="${s.columns.length}" class="empty">자료가 없습니다.</td></tr>`}</tbody>
${s.totals ? `<tfoot>${tr(s.totals)}</tfoot>` : ''}
</table>
${s.note ? `<p class="note">※ ${esc(s.note)}</p>` : ''}
</section>`;
}

export const PRINT_CSS = `
@page { size: A4; margin: 20mm 14mm 18mm 14mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: 'Pretendard', 'Noto Sans CJK KR', 'Noto Sans KR', sans-serif; font-size: 9.5pt; color: #111; margin: 0; }
header.doc { border-bottom: 2px solid #1f3b63; padding-bottom: 6px; margin-bottom: 12px; }
header.doc .ward { font-size: 10pt; color: #1f3b63; font-weight: 700; }
header.doc h1 { font-size: 17pt; margin: 2px 0 4px; }
header.doc .meta { font-size: 8.5pt; color: #444; display: flex; flex-wrap: wrap; gap: 4px 18px; }
h2 { font-size: 11.5pt; margin: 14px 0 5px; break-after: avoid; page-break-after: avoid; }
table { width: 100%; border-collapse: collapse; table-layout: auto; }
thead { display: table-header-group; }
tfoot { display: table-row-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
th, td { border: 0.6pt solid #8ea0b8; padding: 2.5pt 4pt; font-size: 8.5pt; }
th { background: #dce6f2; font-weight: 700; text-align: center; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tfoot td { font-weight: 700; background: #f2f2f2; }
td.empty { text-align: center; color: #666; }
.note { font-size: 8pt; color: #555; margin: 3px 0 0; }
figure.chart { margin: 10px 0 4px; break-inside: avoid; page-break-inside: avoid; }
figure.chart figcaption { font-size: 10pt; font-weight: 700; margin-bottom: 2px; }
svg.chart { width: 100%; height: auto; display: block; }
`;

/** Page numbers for the browser's own print (Chromium ≥ 131 draws @page margin boxes). */
export const BROWSER_PAGE_BOXES = `
@page { @bottom-center { content: counter(page) " / " counter(pages); font-size: 8pt; color: #555; } }
`;

export interface PrintOptions {
  /** embed the Korean font (PDF, Electron); the app's own page already has it */
  embedFont?: boolean;
  /** the browser's print: page numbers through @page margin boxes (the PDF uses its footer) */
  pageBoxes?: boolean;
}

export function reportHtml(m: ReportModel, o: PrintOptions = {}): string {
  const meta = [`기간: ${periodLabel(m.period)}`, ...m.filterLabels, `출력일: ${formatDate(m.generatedAt)}`];
  return `<!doctype html>
<html lang="ko"><head><meta charset="utf-8"><title>${esc(`${m.wardName} ${m.title}`)}</title>
<style>${o.embedFont === false ? '' : embeddedFontCss()}${PRINT_CSS}${o.pageBoxes ? BROWSER_PAGE_BOXES : ''}</style></head>
<body>
<header class="doc"><div class="ward">${esc(m.wardName)}</div><h1>${esc(m.title)}</h1>
<div class="meta">${meta.map((x) => `<span>${esc(x)}</span>`).join('')}</div></header>
${m.charts
  .filter((c) => c.labels.length > 0 && c.series.some((s) => s.data.some((v) => v !== 0)))
  .slice(0, 3)
  .map((c) => `<figure class="chart"><figcaption>${esc(c.title)}</figcaption>${chartSvg(c)}</figure>`)
  .join('\n')}
${m.sections.map(tableHtml).join('\n')}
</body></html>`;
}

/** Chromium's PDF header/footer (tiny fonts must be set: the templates get no page CSS). */
export function pdfTemplates(m: ReportModel): { headerTemplate: string; footerTemplate: string } {
  const style =
    "font-family:'Noto Sans CJK KR',sans-serif;font-size:7.5pt;color:#555;width:100%;padding:0 14mm;";
  return {
    headerTemplate: `<div style="${style}display:flex;justify-content:space-between;"><span>${esc(m.wardName)} · ${esc(m.title)}</span><span>${esc(periodLabel(m.period))}</span></div>`,
    footerTemplate: `<div style="${style}display:flex;justify-content:space-between;"><span>출력 ${esc(formatDateTime(m.generatedAt))}</span><span><span class="pageNumber"></span> / <span class="totalPages"></span></span><span>소통창구</span></div>`,
  };
}
