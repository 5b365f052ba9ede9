// Result filters (dong, age band, gender, how answered, in-progress answers) and the A4 print of a
// survey's results (HTML for the print dialog, the PDF through Chromium, `sotong survey results --pdf`).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { surveysOf } from '../../../src/main/surveys/module';
import type { SurveyResults, SurveyRow } from '../../../src/shared/contract/surveys';
import { sotong } from '../../support/cli';
import { makeTestCore, type TestCore } from '../../support/core';
import { call, policyCustomers, publishedSurvey } from './helpers';

let t: TestCore;
let s: SurveyRow;
let ids: string[];

const ANSWERS = [
  { q1: '예', q2: 5, q3: ['지하철', '버스'], q4: { 청결: 5, 친절: 4, '배차 간격': 3 }, q5: '성동01', q7: 10 },
  {
    q1: '예',
    q2: 4,
    q3: ['버스'],
    q4: { 청결: 4, 친절: 4, '배차 간격': 2 },
    q5: '성동02',
    q6: '<script>alert(1)</script>',
  },
  { q1: '아니오', q2: 2, q4: { 청결: 2, 친절: 3, '배차 간격': 1 }, q7: 0 },
  { q1: '__other__', 'q1#other': '가끔', q2: 3, q4: { 청결: 3, 친절: 3, '배차 간격': 3 } },
];

beforeEach(async () => {
  t = await makeTestCore();
  // person i: dong i % 3, born 1950 + (i % 5) * 10, gender F when i is odd
  ids = policyCustomers(t.core, 6);
  s = await publishedSurvey(t);
  for (let i = 0; i < ANSWERS.length; i++)
    await call(t, 'surveys.enterAnswers', {
      id: s.id,
      subscriberId: ids[i],
      via: i % 2 ? 'phone' : 'paper',
      answers: ANSWERS[i],
    });
});
afterEach(() => t.cleanup());

const results = (filters?: unknown) =>
  call<SurveyResults>(t, 'surveys.results', filters ? { id: s.id, filters } : { id: s.id });
const counts = (r: SurveyResults, q: string) =>
  r.questions.find((x) => x.id === q)?.options?.map((o) => o.count);

describe('result filters', () => {
  test('no filter and empty filters give the same results as before', async () => {
    const plain = await results();
    const empty = await results({ dongIds: [], ageBands: [], genders: [], via: [] });
    expect({ ...empty, tookMs: 0 }).toEqual({ ...plain, tookMs: 0 });
    expect(plain.responses).toBe(4);
    expect(counts(plain, 'q1')).toEqual([2, 1, 1]);
  });

  test('by gender, dong, age band and how answered: counts, means and the funnel follow', async () => {
    const women = await results({ genders: ['F'] }); // people 1 and 3
    expect(women.responses).toBe(2);
    expect(counts(women, 'q1')).toEqual([1, 0, 1]);
    expect(women.questions.find((q) => q.id === 'q2')?.mean).toBe(3.5);
    expect(women.questions.find((q) => q.id === 'q6')?.texts).toEqual(['<script>alert(1)</script>']);
    expect(women.funnel.entered).toEqual({ paper: 0, phone: 2 });

    const paper = await results({ via: ['paper'] }); // people 0 and 2
    expect(paper.responses).toBe(2);
    expect(counts(paper, 'q1')).toEqual([1, 1, 0]);
    expect(paper.questions.find((q) => q.id === 'q7')).toMatchObject({ answered: 2, mean: 5 });

    const dongs = t.core.reference.list().dongs;
    const dong0 = await results({ dongIds: [dongs[0].id] }); // people 0 and 3
    expect(dong0.responses).toBe(2);
    expect(counts(dong0, 'q1')).toEqual([1, 0, 1]);
    expect(dong0.funnel.entered).toEqual({ paper: 1, phone: 1 });

    // born 1960 → 60s (person 1); born 1970 → 50s (person 2)
    const band = await results({ ageBands: ['60s', '50s'] });
    expect(band.responses).toBe(2);
    expect(band.questions.find((q) => q.id === 'q4')?.rows?.map((r) => r.mean)).toEqual([3, 3.5, 1.5]);

    const both = await results({ genders: ['M'], via: ['phone'] });
    expect(both.responses).toBe(0);
    expect(counts(both, 'q1')).toEqual([0, 0, 0]);
  });

  test('in-progress answers count only when asked', async () => {
    const m = surveysOf(t.core);
    const p = m.responses.participantFor(s.id, ids[4]);
    m.responses.saveProgress(p, { page: 0, answers: { q1: '예', q2: 1 } }, t.core.clock.now());
    expect((await results()).responses).toBe(4);
    const all = await results({ includePartial: true });
    expect(all.responses).toBe(5);
    expect(counts(all, 'q1')).toEqual([3, 1, 1]);
    expect(all.questions.find((q) => q.id === 'q2')?.mean).toBe(3);
    // person 4 (in progress) is a man, like people 0 and 2
    const men = await results({ genders: ['M'], includePartial: true });
    expect(men.responses).toBe(3); // people 0, 2 and 4
  });

  test('the crosstab takes the same filters', async () => {
    const ct = await call<{ rows: { key: string; n: number; counts: number[] }[] }>(t, 'surveys.crosstab', {
      id: s.id,
      questionId: 'q1',
      by: 'gender',
      filters: { via: ['phone'] },
    });
    expect(ct.rows).toEqual([{ key: 'F', label: '여', n: 2, counts: [1, 0, 1], mean: null }]);
  });

  test('bad filters are refused', async () => {
    await expect(results({ ageBands: ['teen'] })).rejects.toThrow();
    await expect(results({ via: ['fax'] })).rejects.toThrow();
  });
});

const pdftotext = (file: string) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });

describe('printable A4 results', () => {
  test('print HTML: ward, title, period, filters, a chart per question, tables, free text escaped; audited', async () => {
    const { html } = await call<{ html: string }>(t, 'surveys.printHtml', {
      id: s.id,
      filters: { genders: ['F'] },
    });
    expect(html).toContain('@page { size: A4');
    expect(html).toContain('thead { display: table-header-group; }');
    expect(html).toMatch(/<div class="ward">성동구<\/div><h1>설문 결과: 마을버스 만족도 조사<\/h1>/);
    expect(html).toContain('기간: 2026.03.01 ~ 2026.03.31');
    expect(html).toContain('<span>성별: 여</span>');
    expect(html).toContain('<span>응답 2건</span>');
    for (const title of ['마을버스를 이용하십니까?', '항목별 만족도', '바라는 점', '한 주에 몇 번 타십니까?'])
      expect(html).toContain(title);
    expect((html.match(/<svg class="chart"/g) ?? []).length).toBeGreaterThanOrEqual(4);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>');
    expect(html).toContain('counter(pages)'); // the browser's print numbers its pages
    const audit = t.core.sqlite
      .prepare(
        "SELECT target_type AS type, target_id AS id, subject_count AS n FROM audit_log WHERE action = 'print'",
      )
      .all();
    // a named survey's free text may identify people: the printed responses are counted
    expect(audit).toEqual([{ type: 'survey', id: s.id, n: 2 }]);
  });

  test('`sotong survey results ID --pdf` writes a multi-page A4 PDF; --json without it is unchanged', async () => {
    const before = sotong(['--db', t.dbPath, '--json', 'survey', 'results', s.id]);
    expect(before.code).toBe(0);
    expect({ ...before.json<SurveyResults>(), tookMs: 0 }).toEqual({ ...(await results()), tookMs: 0 });

    const file = path.join(t.dir, '결과.pdf');
    const r = sotong([
      '--db',
      t.dbPath,
      '--json',
      'survey',
      'results',
      s.id,
      '--pdf',
      file,
      '--dong',
      t.core.reference.list().dongs[0].name,
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = r.json<{ file: string; pages: number }>();
    expect(out.file).toBe(file);
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
    expect(pages).toBe(out.pages);
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(info).toMatch(/Page size:\s+59[56]\.\d+ x 84[12]\.\d+ pts \(A4\)/);
    const text = pdftotext(file);
    expect(text).toContain('설문 결과: 마을버스 만족도 조사');
    expect(text).toContain('성동구');
    expect(text).toContain(`행정동: ${t.core.reference.list().dongs[0].name}`);
    expect(text).toContain('마을버스를 이용하십니까?');
    expect(text).toContain('가끔'); // the "기타" text of person 3 (dong 0)
    expect(text).toMatch(new RegExp(`\\b1\\s*/\\s*${pages}\\b`));
    expect(text).toMatch(new RegExp(`\\b${pages}\\s*/\\s*${pages}\\b`));
    expect(fs.statSync(file).size).toBeGreaterThan(10_000);

    const bad = sotong(['--db', t.dbPath, 'survey', 'results', s.id, '--dong', '없는동']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('행정동을 찾을 수 없습니다: 없는동');
  }, 180_000);
});
