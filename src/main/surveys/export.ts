// xlsx of a survey: 요약 (funnel and per-question counts) and 응답 (one row per response; no name or
// id when the survey is anonymous). Korean sheet names, styled and frozen header rows.
import ExcelJS from 'exceljs';
import { allQuestions, OTHER, otherKey } from '../../shared/contract/surveys';
import { AppError } from '../../shared/errors';
import { AGE_BAND_LABELS, type AgeBand } from '../../shared/text/dates';
import type { SurveysModule } from './module';
import { GENDER_LABELS } from './results';

const VIA: Record<string, string> = { web: '웹', paper: '종이', phone: '전화' };

function header(ws: ExcelJS.Worksheet, row: ExcelJS.Row): void {
  row.font = { bold: true };
  row.eachCell((c) => {
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F1' } };
    c.border = { bottom: { style: 'thin' } };
  });
  ws.views = [{ state: 'frozen', ySplit: row.number }];
}

export async function surveyXlsx(
  m: SurveysModule,
  id: string,
): Promise<{ fileName: string; buffer: Buffer; rows: number }> {
  const p = m.store.parsed(id);
  if (!p) throw new AppError('NOT_FOUND', '설문을 찾을 수 없습니다.');
  const anonymous = !!p.rec.anonymous;
  const results = m.results.results(id);
  const dongs = new Map(m.core.reference.list().dongs.map((d) => [d.id, d.name]));
  const wb = new ExcelJS.Workbook();
  wb.creator = '소통창구';

  // ---- 요약
  const sum = wb.addWorksheet('요약');
  sum.columns = [
    { width: 28 },
    { width: 12 },
    { width: 12 },
    { width: 12 },
    { width: 12 },
    { width: 12 },
    { width: 12 },
  ];
  sum.addRow([p.rec.title]).font = { bold: true, size: 14 };
  sum.addRow([`응답 ${results.responses.toLocaleString('ko-KR')}건${anonymous ? ' · 익명 설문' : ''}`]);
  sum.addRow([]);
  header(sum, sum.addRow(['구분', '초대', '전달', '열람', '시작', '완료', '응답률(%)']));
  const f = results.funnel;
  const line = (label: string, c: typeof f.total) =>
    sum.addRow([
      label,
      c.invited,
      c.delivered,
      c.opened,
      c.started,
      c.completed,
      Math.round(c.responseRate * 1000) / 10,
    ]);
  line('전체', f.total);
  for (const c of f.byChannel) line(c.label, c);
  for (const c of f.byDong) line(c.label, c);
  for (const c of f.byAgeBand) line(c.label, c);
  sum.addRow(['종이 응답(초대 외)', null, null, null, null, f.entered.paper]);
  sum.addRow(['전화 응답(초대 외)', null, null, null, null, f.entered.phone]);
  for (const q of results.questions) {
    sum.addRow([]);
    sum.addRow([`${q.id}. ${q.title}`, `응답 ${q.answered}`]).font = { bold: true };
    if (q.options) {
      for (const o of q.options) sum.addRow([o.label, o.count, `${o.percent}%`]);
      if (q.mean !== undefined && q.mean !== null) sum.addRow(['평균', q.mean]);
    } else if (q.rows) {
      sum.addRow(['', '1', '2', '3', '4', '5', '평균']).font = { bold: true };
      for (const r of q.rows) sum.addRow([r.label, ...r.counts.map((c) => c.count), r.mean]);
    } else if (q.type === 'number') {
      sum.addRow(['평균', q.mean]);
      sum.addRow(['최솟값', q.min]);
      sum.addRow(['최댓값', q.max]);
    } else sum.addRow(['(글 응답은 응답 시트에 있습니다)']);
    if (q.otherTexts?.length) sum.addRow(['기타 내용', q.otherTexts.length]);
  }

  // ---- 응답
  const raw = wb.addWorksheet('응답');
  const qs = allQuestions(p.def);
  const cols: { head: string; get: (a: Record<string, unknown>) => unknown }[] = [];
  for (const q of qs) {
    if (q.type === 'matrix')
      for (const r of q.rows ?? [])
        cols.push({
          head: `${q.id} ${r}`,
          get: (a) => (a[q.id] as Record<string, number> | undefined)?.[r] ?? null,
        });
    else if (q.type === 'multiple')
      cols.push({
        head: q.id,
        get: (a) =>
          Array.isArray(a[q.id])
            ? (a[q.id] as string[]).map((x) => (x === OTHER ? '기타' : x)).join(', ')
            : null,
      });
    else cols.push({ head: q.id, get: (a) => (a[q.id] === OTHER ? '기타' : (a[q.id] ?? null)) });
    if (q.other) cols.push({ head: `${q.id} 기타`, get: (a) => a[otherKey(q.id)] ?? null });
  }
  const who = anonymous ? [] : ['이름'];
  header(
    raw,
    raw.addRow([
      '번호',
      ...who,
      '응답 방법',
      '행정동',
      '연령대',
      '성별',
      '응답일',
      ...cols.map((c) => c.head),
    ]),
  );
  const rows = m.core.sqlite
    .prepare(
      `SELECT r.via, r.dong_id AS dongId, r.age_band AS ageBand, r.gender, r.answers, r.submitted_on AS day, s.name
       FROM survey_responses r LEFT JOIN subscribers s ON s.id = r.subscriber_id WHERE r.survey_id = ?
       ORDER BY r.submitted_on, r.id`,
    )
    .all(id) as {
    via: string;
    dongId: number | null;
    ageBand: string | null;
    gender: string | null;
    answers: string;
    day: string;
    name: string | null;
  }[];
  rows.forEach((r, i) => {
    const a = JSON.parse(r.answers) as Record<string, unknown>;
    raw.addRow([
      i + 1,
      ...(anonymous ? [] : [r.name ?? '']),
      VIA[r.via] ?? r.via,
      r.dongId ? (dongs.get(r.dongId) ?? '') : '',
      r.ageBand ? (AGE_BAND_LABELS[r.ageBand as AgeBand] ?? '') : '',
      r.gender ? (GENDER_LABELS[r.gender] ?? '') : '',
      r.day.replace(/-/g, '.'),
      ...cols.map((c) => c.get(a) as ExcelJS.CellValue),
    ]);
  });
  raw.columns.forEach((c) => {
    c.width = 14;
  });
  const buffer = Buffer.from(await wb.xlsx.writeBuffer());
  const safe = p.rec.title.replace(/[\\/:*?"<>|]/g, '_').slice(0, 60);
  return { fileName: `설문결과_${safe}.xlsx`, buffer, rows: rows.length };
}
