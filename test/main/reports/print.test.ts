import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { reportHtml } from '../../../src/main/reports/print/html';
import type { ReportInfo, ReportModel } from '../../../src/shared/contract/reports';
import { sotong } from '../../support/cli';
import { makeTestCore, type TestCore } from '../../support/core';
import { fieldId } from '../campaigns/helpers';
import { SEED_TABLE_1_100, writeSendHistory } from './fixtures';

let t: TestCore;
beforeEach(async () => {
  t = await makeTestCore({ now: new Date('2015-04-01T10:00:00+09:00') });
  writeSendHistory(t.core, SEED_TABLE_1_100, fieldId(t.core, 'culture'));
});
afterEach(() => t.cleanup());

const pdftotext = (file: string, page?: number) =>
  execFileSync(
    'pdftotext',
    [...(page ? ['-f', String(page), '-l', String(page)] : []), '-layout', file, '-'],
    {
      encoding: 'utf8',
    },
  );

describe('print layout', () => {
  test('A4 HTML: ward, title, period, date printed; repeated table headers; SVG charts; font embedded', async () => {
    const m = await t.core.router.call(
      'reports.run',
      { name: 'sends', from: '2012-01-01', to: '2015-03-31', filters: {} },
      t.cli,
    );
    const html = reportHtml(m as ReportModel, { embedFont: true });
    expect(html).toContain('@page { size: A4');
    expect(html).toContain('thead { display: table-header-group; }');
    expect(html).toMatch(/<div class="ward">성동구<\/div><h1>연도별·월별 발송 현황<\/h1>/);
    expect(html).toContain('기간: 2012.01.01 ~ 2015.03.31');
    expect(html).toContain('출력일: 2015.04.01');
    expect(html).toContain('<svg class="chart"');
    expect(html).toMatch(
      /@font-face\{font-family:'Pretendard';font-weight:400;src:url\(data:font\/woff2;base64,/,
    );
    expect(html).toContain('<td class="num">19,933</td>');
    expect(html).toContain('<td class="num">5.0%</td>');
  });

  test('`sotong report sends --pdf --xlsx` writes a multi-page A4 PDF (page numbers, Korean text, embedded CJK font) and the xlsx', () => {
    const pdf = path.join(t.dir, 'sends.pdf');
    const xlsx = path.join(t.dir, 'sends.xlsx');
    const r = sotong([
      '--db',
      t.dbPath,
      '--json',
      'report',
      'sends',
      '--from',
      '2012-01-01',
      '--to',
      '2015-03-31',
      '--pdf',
      pdf,
      '--xlsx',
      xlsx,
    ]);
    expect(r.stderr).toContain('PDF를 저장했습니다');
    expect(r.code).toBe(0);
    const out = r.json<{ pdf: { file: string; pages: number }; xlsx: { file: string } }>();
    expect(out.pdf.file).toBe(pdf);
    expect(fs.statSync(xlsx).size).toBeGreaterThan(5000);

    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
    expect(pages).toBe(out.pdf.pages);
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(info).toMatch(/Page size:\s+59[56]\.\d+ x 84[12]\.\d+ pts \(A4\)/);

    const text = pdftotext(pdf);
    expect(text).toContain('연도별·월별 발송 현황');
    expect(text).toContain('성동구');
    expect(text).toContain('2012.01.01 ~ 2015.03.31');
    // the footer's "1 / 3" (pdftotext drops the spaces between the spans)
    expect(text).toMatch(new RegExp(`\\b1\\s*/\\s*${pages}\\b`));
    expect(text).toMatch(new RegExp(`\\b${pages}\\s*/\\s*${pages}\\b`));
    expect(text.replace(/\s+/g, ' ')).toMatch(/2014년 133 1,059 12,874 6,000 19,933/);
    // the monthly table goes on over the page break with its header repeated
    const last = pdftotext(pdf, pages);
    expect(last).toMatch(/단문\(SMS\)/);

    const fonts = execFileSync('pdffonts', [pdf], { encoding: 'utf8' });
    expect(fonts).toMatch(/Pretendard-Regular\s+CID TrueType\s+Identity-H\s+yes/);
  }, 180_000);

  test('`sotong report list --json` and `report NAME --json` give the table model; errors are Korean', () => {
    const list = sotong(['--db', t.dbPath, '--json', 'report', 'list']);
    expect(list.code).toBe(0);
    expect(list.json<ReportInfo[]>().map((r) => r.name)).toEqual([
      'sends',
      'campaigns',
      'subscribers',
      'intake',
      'optouts',
      'surveys',
      'sns',
    ]);
    const m = sotong([
      '--db',
      t.dbPath,
      '--json',
      'report',
      'sends',
      '--from',
      '2014-01-01',
      '--to',
      '2014-12-31',
    ]);
    expect(m.code).toBe(0);
    expect(m.json<ReportModel>().sections[0].rows[0]).toMatchObject({ label: '2014년', total: 19933 });
    const bad = sotong(['--db', t.dbPath, 'report', 'nothing', '--from', '2014-01-01', '--to', '2014-12-31']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('없는 보고서입니다: nothing');
    const noDates = sotong(['--db', t.dbPath, 'report', 'sends']);
    expect(noDates.code).toBe(1);
    expect(noDates.stderr).toContain('--from 과 --to');
  }, 120_000);
});
