import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { campaignsOf } from '../../../src/main/campaigns/module';
import type { CampaignRow } from '../../../src/shared/contract/campaigns';
import type { ReportModel } from '../../../src/shared/contract/reports';
import { makeTestCore, type TestCore } from '../../support/core';
import { addMany, draft, fieldId } from '../campaigns/helpers';
import { SEED_TABLE_1_100, writeSendHistory } from './fixtures';

let t: TestCore;
beforeEach(async () => {
  t = await makeTestCore({ now: new Date('2015-03-31T15:00:00+09:00') });
});
afterEach(async () => {
  await campaignsOf(t.core).dispatcher.idle();
  t.cleanup();
});

const call = <T>(ch: string, input: unknown) => t.core.router.call(ch as never, input, t.cli) as Promise<T>;
const run = (name: string, from: string, to: string, filters: Record<string, string> = {}) =>
  call<ReportModel>('reports.run', { name, from, to, filters });

describe('sends per year (the seed table, 1:100)', () => {
  test('reproduces campaigns, 단문, 장문, email and total per year, newest first, with rates and cost', async () => {
    writeSendHistory(t.core, SEED_TABLE_1_100, fieldId(t.core, 'culture'));
    const m = await run('sends', '2012-01-01', '2015-03-31');
    const years = m.sections.find((s) => s.title === '연도별')!;
    expect(years.rows.map((r) => [r.label, r.campaigns, r.sms, r.lms, r.email, r.total])).toEqual([
      ['2015년', 11, 412, 399, 369, 1180],
      ['2014년', 133, 1059, 12874, 6000, 19933],
      ['2013년', 58, 3940, 7741, 5569, 17250],
      ['2012년', 7, 1779, 271, 0, 2050],
    ]);
    const y2014 = years.rows[1];
    expect(y2014.failure).toBe(1000);
    expect(y2014.success).toBe(18933);
    expect(y2014.failureRate).toBeCloseTo(1000 / 19933, 10);
    expect(y2014.successRate).toBeCloseTo(18933 / 19933, 10);
    // default prices: 단문 18원, 장문 45원, e-mail free
    expect(y2014.cost).toBe(1059 * 18 + 12874 * 45);
    expect(years.totals).toMatchObject({ campaigns: 209, total: 1180 + 19933 + 17250 + 2050 });
    const months = m.sections.find((s) => s.title === '월별')!;
    expect(months.rows).toHaveLength(39);
    expect(months.rows.reduce((a, r) => a + (r.total as number), 0)).toBe(40413);
    expect(m.charts[0].labels[0]).toBe('2012.01');
    expect(m.wardName).toBe('성동구');
  });

  test('a period cuts by launch date; a field filter keeps only its campaigns; grouping by field', async () => {
    writeSendHistory(t.core, SEED_TABLE_1_100, fieldId(t.core, 'culture'));
    const only2013 = await run('sends', '2013-01-01', '2013-12-31', { groupBy: 'field' });
    expect(only2013.sections[0].rows).toEqual([expect.objectContaining({ label: '2013년', total: 17250 })]);
    expect(only2013.sections[2].rows).toEqual([
      expect.objectContaining({ label: '문화공연', campaigns: 58 }),
    ]);
    const other = await run('sends', '2012-01-01', '2015-03-31', {
      fieldId: String(fieldId(t.core, 'health')),
    });
    expect(other.sections[0].totals).toMatchObject({ campaigns: 0, total: 0 });
    expect(other.filterLabels).toEqual(['분야: 건강정보']);
    await expect(run('sends', '2015-03-01', '2015-01-01')).rejects.toThrow(/끝 날짜가 시작 날짜보다/);
  });

  test('the xlsx: Korean sheets, styled frozen header, number formats, widths, chart data; LibreOffice reads it', async () => {
    writeSendHistory(t.core, SEED_TABLE_1_100, fieldId(t.core, 'culture'));
    const file = path.join(t.dir, '발송현황.xlsx');
    const r = await call<{ file: string }>('reports.exportXlsx', {
      name: 'sends',
      from: '2012-01-01',
      to: '2015-03-31',
      path: file,
    });
    expect(r.file).toBe(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['연도별', '월별', '차트 데이터']);
    const ws = wb.getWorksheet('연도별')!;
    expect(ws.getCell('A1').value).toBe('성동구 연도별·월별 발송 현황 — 연도별');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    expect(ws.getRow(3).values).toEqual([
      undefined,
      '연도',
      '발송 횟수',
      '단문(SMS)',
      '장문(LMS)',
      '이메일',
      '합계',
      '성공',
      '실패',
      '전달률',
      '실패율',
      '문자 비용(원)',
    ]);
    expect(ws.getCell('B3').font?.bold).toBe(true);
    expect(ws.getCell('B3').fill).toMatchObject({ type: 'pattern', pattern: 'solid' });
    expect(ws.getCell('F5').value).toBe(19933); // 2014 합계
    expect(ws.getCell('F5').numFmt).toBe('#,##0');
    expect(ws.getCell('J5').numFmt).toBe('0.0%');
    expect(ws.getColumn(6).width).toBe(13);
    expect(ws.getCell('A8').value).toBe('합계');
    expect(ws.getCell('A8').font?.bold).toBe(true);
    const chart = wb.getWorksheet('차트 데이터')!;
    expect(chart.getCell('A1').value).toBe('월별 발송 건수');
    expect(chart.getRow(2).values).toEqual([undefined, '항목', '단문(SMS)', '장문(LMS)', '이메일']);

    // Others can read it: LibreOffice converts the first sheet to CSV (UTF-8).
    const out = path.join(t.dir, 'lo');
    execFileSync(
      'libreoffice',
      [
        `-env:UserInstallation=file://${path.join(t.dir, 'lo-profile')}`,
        '--headless',
        '--convert-to',
        'csv:Text - txt - csv (StarCalc):44,34,76,1',
        '--outdir',
        out,
        file,
      ],
      { timeout: 120_000, stdio: 'ignore' },
    );
    const csv = fs.readFileSync(path.join(out, '발송현황.csv'), 'utf8');
    expect(csv).toContain('2014년');
    expect(csv.replace(/[",]/g, '')).toMatch(/2014년133105912874600019933/);
  }, 180_000);
});

describe('campaigns sent through the test gateway', () => {
  test('per-campaign report: funnel, failures by reason, cost match the campaign results', async () => {
    t.clock.t = new Date('2026-03-02T10:00:00+09:00').getTime();
    addMany(t.core, 40, 'culture');
    const m = campaignsOf(t.core);
    m.settings.update({ testGateway: { failureRate: 0.25, deliveryDelayMs: 0 } });
    const c = await call<CampaignRow>('campaigns.save', draft(t.core));
    await call('campaigns.launch', { id: c.id });
    await m.dispatcher.idle();
    await m.dispatcher.waitReports(c.id, 2000); // the test gateway's delivery reports
    const results = m.results.results(c.id);
    const sms = results.channels.find((x) => x.channel === 'sms')!;
    const delivered = sms.counts.delivered ?? 0;
    const failed = sms.counts.failed ?? 0;
    expect(delivered + failed).toBe(40);
    expect(failed).toBeGreaterThan(0);

    const overview = await run('campaigns', '2026-03-01', '2026-03-31');
    expect(overview.sections[0].rows).toEqual([
      expect.objectContaining({ name: '시험 캠페인', total: 40, success: delivered, failure: failed }),
    ]);
    const detail = await run('campaigns', '2026-03-01', '2026-03-31', { campaignId: c.id });
    const funnel = Object.fromEntries(detail.sections[0].rows.map((r) => [r.step, r.n]));
    expect(funnel).toMatchObject({ 대상: 40, 발송: 40, '전달(성공)': delivered, 실패·반송: failed });
    const reasons = detail.sections.find((s) => s.title === '실패·제외 사유')!;
    expect(reasons.totals?.n).toBe(failed);
    expect(reasons.rows.map((r) => r.reason)).toEqual(sms.reasons.map((r) => r.reason));
    const cost = detail.sections.find((s) => s.title === '비용')!;
    expect(cost.totals?.cost).toBe(40 * 18);

    const sends = await run('sends', '2026-01-01', '2026-03-31');
    expect(sends.sections[1].rows[2]).toMatchObject({
      label: '2026.03',
      campaigns: 1,
      sms: 40,
      success: delivered,
    });

    // dashboard tiles from the same numbers
    const tiles = t.core.dashboardTiles({ user: { role: 'pr' } } as never);
    expect(tiles.find((x) => x.key === 'reports.sendsThisMonth')?.value).toBe(40);
    expect(tiles.find((x) => x.key === 'reports.deliveryThisMonth')?.value).toBe(
      Math.round((delivered / 40) * 1000) / 10,
    );
  });
});
