// The A4 print of a survey's results (issue #7): the reports' print layout (ward's name, title,
// period, date printed, page numbers, table headers repeated, SVG charts, Korean font embedded),
// with each question's chart next to its table, then its free-text answers. The same HTML goes to
// the browser's print dialog, Chromium's PDF (CLI, web mode) and Electron's printToPDF.
import fs from 'node:fs';
import path from 'node:path';
import type { ReportChart, ReportModel, ReportSection } from '../../shared/contract/reports';
import {
  CROSSTAB_BY,
  type QuestionResult,
  RESPONSE_VIA_LABELS,
  type ResultFilters,
  type SurveyResults,
} from '../../shared/contract/surveys';
import { AppError } from '../../shared/errors';
import { AGE_BAND_LABELS, type AgeBand, formatDate } from '../../shared/text/dates';
import type { Core } from '../core/core';
import { printPdf } from '../reports/pdf';
import { embeddedFontCss } from '../reports/print/font';
import { BROWSER_PAGE_BOXES, PRINT_CSS, pdfTemplates, tableHtml } from '../reports/print/html';
import { chartSvg, esc } from '../reports/print/svgChart';
import { dataDirOf } from '../system/downloads';
import { seoulStamp } from '../subscribers/time';
import type { SurveysModule } from './module';
import { GENDER_LABELS, hasFilters } from './results';

/** Free-text answers printed per question at most (the xlsx export has them all). */
export const PRINT_TEXT_LIMIT = 500;

const SURVEY_CSS = `
figure.chart svg.chart { width: 72%; margin: 0 auto; }
/* a question's heading never ends a page apart from its chart */
.qhead { break-inside: avoid; page-break-inside: avoid; }
section.q { margin-top: 16px; }
section.q h2.qt { font-size: 12pt; border-left: 4px solid #1f3b63; padding-left: 6px; }
section.q section.table h2 { font-size: 10pt; color: #333; margin-top: 8px; }
.summary { font-size: 9pt; margin: 2px 0 6px; }
`;

/** The filters as a reader sees them ("행정동: 마장동, 사근동"). */
export function filterLabels(core: Core, f: ResultFilters | undefined): string[] {
  if (!f) return [];
  const out: string[] = [];
  if (f.dongIds?.length) {
    const dongs = core.reference.list().dongs;
    out.push(
      `${CROSSTAB_BY.dong}: ${f.dongIds.map((id) => dongs.find((d) => d.id === id)?.name ?? String(id)).join(', ')}`,
    );
  }
  if (f.ageBands?.length)
    out.push(
      `${CROSSTAB_BY.ageBand}: ${f.ageBands.map((b) => AGE_BAND_LABELS[b as AgeBand] ?? b).join(', ')}`,
    );
  if (f.genders?.length)
    out.push(`${CROSSTAB_BY.gender}: ${f.genders.map((g) => GENDER_LABELS[g]).join(', ')}`);
  if (f.via?.length) out.push(`응답 경로: ${f.via.map((v) => RESPONSE_VIA_LABELS[v]).join(', ')}`);
  if (f.includePartial) out.push('응답 중인 답 포함');
  return out;
}

const share = (p: number) => p / 100;

/** One question as a chart (if it has counts) and its tables. */
function questionBlock(q: QuestionResult): { chart: ReportChart | null; sections: ReportSection[] } {
  const sections: ReportSection[] = [];
  let chart: ReportChart | null = null;
  if (q.options) {
    chart = {
      title: q.type === 'scale5' ? '점수별 응답 수' : '보기별 응답 수',
      type: 'bar',
      labels: q.options.map((o) => o.label),
      series: [{ label: '응답 수', data: q.options.map((o) => o.count) }],
    };
    sections.push({
      title: '보기별 응답',
      columns: [
        { key: 'label', label: q.type === 'scale5' ? '점수' : '보기', format: 'text' },
        { key: 'count', label: '응답 수', format: 'int' },
        { key: 'percent', label: '비율', format: 'percent' },
      ],
      rows: q.options.map((o) => ({ label: o.label, count: o.count, percent: share(o.percent) })),
      totals: null,
      note:
        q.type === 'multiple'
          ? '여러 개 고르기: 비율은 이 문항에 답한 사람 가운데 그 보기를 고른 사람의 비율입니다.'
          : undefined,
    });
  }
  if (q.rows) {
    chart = {
      title: '항목별 평균 점수 (1~5점)',
      type: 'bar',
      labels: q.rows.map((r) => r.label),
      series: [{ label: '평균 점수', data: q.rows.map((r) => r.mean ?? 0) }],
    };
    sections.push({
      title: '항목별 점수',
      columns: [
        { key: 'label', label: '항목', format: 'text' },
        ...[1, 2, 3, 4, 5].map((i) => ({ key: `s${i}`, label: `${i}점`, format: 'int' as const })),
        { key: 'mean', label: '평균', format: 'decimal' },
      ],
      rows: q.rows.map((r) => ({
        label: r.label,
        ...Object.fromEntries(r.counts.map((c, i) => [`s${i + 1}`, c.count])),
        mean: r.mean,
      })),
      totals: null,
    });
  }
  if (q.type === 'number')
    sections.push({
      title: '숫자 응답',
      columns: [
        { key: 'answered', label: '응답', format: 'int' },
        { key: 'mean', label: '평균', format: 'decimal' },
        { key: 'min', label: '최솟값', format: 'decimal' },
        { key: 'max', label: '최댓값', format: 'decimal' },
      ],
      rows: [{ answered: q.answered, mean: q.mean ?? null, min: q.min ?? null, max: q.max ?? null }],
      totals: null,
    });
  const texts = q.texts ?? (q.otherTexts?.length ? q.otherTexts : null);
  if (texts)
    sections.push({
      title: q.texts ? '글 응답' : '기타 내용',
      columns: [
        { key: 'n', label: '번호', format: 'int' },
        { key: 'text', label: '내용', format: 'text' },
      ],
      rows: texts.slice(0, PRINT_TEXT_LIMIT).map((text, i) => ({ n: i + 1, text })),
      totals: null,
      note:
        texts.length > PRINT_TEXT_LIMIT
          ? `글 응답 ${texts.length.toLocaleString('ko-KR')}건 가운데 ${PRINT_TEXT_LIMIT}건만 인쇄했습니다. 모두 보려면 결과 엑셀을 내려받으세요.`
          : undefined,
    });
  return { chart, sections };
}

function funnelSection(r: SurveyResults): ReportSection {
  const f = r.funnel;
  const row = (label: string, c: SurveyResults['funnel']['total']) => ({
    label,
    invited: c.invited,
    delivered: c.delivered,
    opened: c.opened,
    started: c.started,
    completed: c.completed,
    rate: c.responseRate,
  });
  return {
    title: '참여 단계',
    columns: [
      { key: 'label', label: '구분', format: 'text' },
      { key: 'invited', label: '초대', format: 'int' },
      { key: 'delivered', label: '전달', format: 'int' },
      { key: 'opened', label: '열람', format: 'int' },
      { key: 'started', label: '시작', format: 'int' },
      { key: 'completed', label: '완료', format: 'int' },
      { key: 'rate', label: '응답률', format: 'percent' },
    ],
    rows: [
      ...f.byChannel.map((c) => row(c.label, c)),
      ...f.byDong.map((c) => row(`동: ${c.label}`, c)),
      ...f.byAgeBand.map((c) => row(`연령: ${c.label}`, c)),
    ],
    totals: row('전체', f.total),
    note: `응답률 = 완료 ÷ 초대. 종이 응답 ${f.entered.paper.toLocaleString('ko-KR')}건 · 전화 응답 ${f.entered.phone.toLocaleString('ko-KR')}건은 초대 단계 밖에서 입력한 응답입니다.`,
  };
}

export interface SurveyPrint {
  /** the frame the reports' print uses (ward, title, period, date printed) */
  frame: ReportModel;
  results: SurveyResults;
  /** free-text answers of a named (not anonymous) survey are printed */
  personal: boolean;
  /** some result filter was given */
  filtered: boolean;
}

export function surveyPrintModel(m: SurveysModule, id: string, filters?: ResultFilters): SurveyPrint {
  const rec = m.service.record(id);
  const results = m.results.results(id, filters);
  const core = m.core;
  const personal =
    !results.anonymous &&
    results.questions.some((q) => (q.texts?.length ?? 0) + (q.otherTexts?.length ?? 0) > 0);
  return {
    results,
    personal,
    filtered: hasFilters(filters),
    frame: {
      name: 'survey',
      title: `설문 결과: ${results.title}`,
      wardName: core.settings.get().wardName,
      // Seoul dates (YYYY.MM.DD): the print's period label reads them as they are
      period: { from: formatDate(rec.opensAt), to: formatDate(rec.closesAt) },
      filterLabels: [
        ...filterLabels(core, filters),
        `응답 ${results.responses.toLocaleString('ko-KR')}건`,
        ...(results.anonymous ? ['익명 설문'] : []),
      ],
      generatedAt: core.clock.now().toISOString(),
      sections: [],
      charts: [],
      personal,
    },
  };
}

const figure = (c: ReportChart) =>
  `<figure class="chart"><figcaption>${esc(c.title)}</figcaption>${chartSvg(c)}</figure>`;

export function surveyResultsHtml(
  p: SurveyPrint,
  o: { embedFont?: boolean; pageBoxes?: boolean } = {},
): string {
  const { frame: m, results: r } = p;
  const f = r.funnel.total;
  const meta = [
    `기간: ${m.period.from.replaceAll('-', '.')} ~ ${m.period.to.replaceAll('-', '.')}`,
    ...m.filterLabels,
    `출력일: ${formatDate(m.generatedAt)}`,
  ];
  const funnelChart: ReportChart = {
    title: '참여 단계 (사람 수)',
    type: 'bar',
    labels: ['초대', '전달', '열람', '시작', '완료'],
    series: [{ label: '사람 수', data: [f.invited, f.delivered, f.opened, f.started, f.completed] }],
  };
  const questions = r.questions.map((q) => {
    const b = questionBlock(q);
    const lines = [`응답 ${q.answered.toLocaleString('ko-KR')}명`];
    if (q.type === 'scale5' && q.mean !== undefined) lines.push(`평균 ${q.mean ?? '-'}점`);
    return `<section class="q"><div class="qhead"><h2 class="qt">${esc(`${q.id}. ${q.title}`)}</h2>
<p class="summary">${esc(lines.join(' · '))}</p>
${b.chart?.series[0].data.some((v) => v !== 0) ? figure(b.chart) : ''}</div>
${b.sections.map(tableHtml).join('\n')}
</section>`;
  });
  return `<!doctype html>
<html lang="ko"><head><meta charset="utf-8"><title>${esc(`${m.wardName} ${m.title}`)}</title>
<style>${o.embedFont === false ? '' : embeddedFontCss()}${PRINT_CSS}${SURVEY_CSS}${o.pageBoxes ? BROWSER_PAGE_BOXES : ''}</style></head>
<body>
<header class="doc"><div class="ward">${esc(m.wardName)}</div><h1>${esc(m.title)}</h1>
<div class="meta">${meta.map((x) => `<span>${esc(x)}</span>`).join('')}</div></header>
${f.invited ? figure(funnelChart) : ''}
${tableHtml(funnelSection(r))}
${r.responses ? questions.join('\n') : `<p class="note">${p.filtered ? '조건에 맞는 응답이 없습니다.' : '아직 응답이 없습니다.'}</p>`}
</body></html>`;
}

/** Where the PDF goes: the CLI's own path, or (web mode, renderer) the data folder's exports. */
function pdfFile(core: Core, web: boolean, requested: string | undefined): string {
  let file: string;
  if (requested && !web) {
    file = path.resolve(requested);
    if (!file.toLowerCase().endsWith('.pdf')) file += '.pdf';
  } else file = path.join(dataDirOf(core), 'exports', `설문결과-${seoulStamp(core.clock.now())}.pdf`);
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
  } catch {
    throw new AppError('FILE', `저장할 폴더를 만들 수 없습니다: ${path.dirname(file)}`);
  }
  return file;
}

export async function writeSurveyPdf(
  p: SurveyPrint,
  o: { core: Core; web: boolean; path?: string },
): Promise<{ file: string; pages: number }> {
  const file = pdfFile(o.core, o.web, o.path);
  const { buffer, pages } = await printPdf(surveyResultsHtml(p, { embedFont: true }), pdfTemplates(p.frame));
  try {
    fs.writeFileSync(file, buffer);
  } catch (e) {
    throw new AppError('FILE', `PDF 파일을 쓰지 못했습니다: ${(e as Error).message}`);
  }
  return { file, pages };
}
