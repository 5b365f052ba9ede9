import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IntakeStats, SubscriberStats } from '../../../src/shared/contract/stats';
import { makeTestCore, type TestCore } from '../../support/core';
import { addFixture } from './fixture';
import { dongIdOf, form, loginAs } from './helpers';

let t: TestCore;
beforeEach(async () => {
  t = await makeTestCore();
  addFixture(t.core);
});
afterEach(() => t.cleanup());

const stats = async (input = {}, ctx = t.cli) =>
  (await t.core.router.call('stats.subscribers', input, ctx)) as SubscriberStats;
const byCode = (s: SubscriberStats) =>
  Object.fromEntries(s.byField.filter((f) => f.sms + f.email > 0).map((f) => [f.code, [f.sms, f.email]]));

describe('registry statistics', () => {
  it('counts the fixture exactly as worked out by hand', async () => {
    const s = await stats();
    expect(s.totals).toEqual({ individuals: 4, businesses: 1, active: 5, withdrawn: 1 });
    expect(byCode(s)).toEqual({ culture: [3, 2], health: [1, 1], survey: [0, 1], 'biz-training': [1, 0] });
    expect(Object.fromEntries(s.byAgeBand.map((b) => [b.band, b.count]))).toEqual({
      '<20': 1,
      '20s': 0,
      '30s': 1,
      '40s': 1,
      '50s': 0,
      '60s': 1,
      '70+': 0,
    });
    expect(s.byAgeBand.map((b) => b.label)).toEqual([
      '20세 미만',
      '20대',
      '30대',
      '40대',
      '50대',
      '60대',
      '70세 이상',
    ]);
    expect(s.byGender).toEqual([
      { gender: 'M', label: '남', count: 2 },
      { gender: 'F', label: '여', count: 2 },
    ]);
    const dongs = Object.fromEntries(
      s.byDong
        .filter((d) => d.individuals + d.businesses > 0)
        .map((d) => [d.name, [d.individuals, d.businesses]]),
    );
    expect(dongs).toEqual({ 마장동: [2, 1], 사근동: [2, 0] });
    expect(s.byDong).toHaveLength(17);
    expect(s.byBusinessType.filter((b) => b.count > 0)).toEqual([
      expect.objectContaining({ name: '식품·공중위생업소', count: 1 }),
    ]);
  });

  it('for one dong, and a dong user always gets their own', async () => {
    const majang = dongIdOf(t.core, '마장동');
    const s = await stats({ dongId: majang });
    expect(s.totals).toEqual({ individuals: 2, businesses: 1, active: 3, withdrawn: 1 });
    expect(byCode(s)).toEqual({ culture: [2, 1], health: [1, 0], 'biz-training': [1, 0] });
    expect(s.byDong.map((d) => d.name)).toEqual(['마장동']);
    const dong = await loginAs(t, 'majang', 'dong', majang);
    expect((await stats({}, dong)).totals).toEqual(s.totals);
    expect(
      await t.core.router.dispatch('stats.subscribers', { dongId: dongIdOf(t.core, '사근동') }, dong),
    ).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });

  it('intake per station and Seoul month, and the workbook with every table', async () => {
    const save = (over: Parameters<typeof form>[1]) =>
      t.core.router.call('intake.save', form(t.core, over), t.cli);
    await save({ name: '일월', mobile: '010-1000-0001', signedAt: '2026-01-15' });
    await save({ name: '이월', mobile: '010-1000-0002', signedAt: '2026-02-01' }); // 2026-01-31T15:00Z: February in Seoul
    const majangStation = t.core.reference.list().stations.find((s) => s.name === '마장동 주민센터')!;
    t.core.settings.update({ thisStationId: majangStation.id });
    const r = (await save({ name: '삼월', mobile: '010-1000-0003', signedAt: '2026-02-28' })) as {
      subscriberId: string;
    };
    await save({
      name: '삼월',
      mobile: '010-1000-0003',
      signedAt: '2026-03-01',
      updateSubscriberId: r.subscriberId,
      formRef: 'SD03-2026-000099',
    });

    const s = (await t.core.router.call(
      'stats.intake',
      { from: '2026-01-01', to: '2026-03-02' },
      t.cli,
    )) as IntakeStats;
    expect(s.months).toEqual(['2026-01', '2026-02', '2026-03']);
    const rows = Object.fromEntries(
      s.byStation.filter((x) => x.total > 0).map((x) => [x.name, [x.months, x.new, x.update, x.dongName]]),
    );
    expect(rows).toEqual({
      '성동구청 공보담당관': [[1, 1, 0], 2, 0, null],
      '마장동 주민센터': [[0, 1, 1], 1, 1, '마장동'],
    });
    expect(s.totals).toEqual({ months: [1, 2, 1], total: 4 });
    const dong = await loginAs(t, 'majang', 'dong', dongIdOf(t.core, '마장동'));
    const mine = (await t.core.router.call(
      'stats.intake',
      { from: '2026-01-01', to: '2026-03-02' },
      dong,
    )) as IntakeStats;
    expect(mine.byStation.map((x) => x.name)).toEqual(['마장동 주민센터']);

    const file = path.join(t.dir, 'stats.xlsx');
    const out = (await t.core.router.call(
      'stats.export',
      { from: '2026-01-01', to: '2026-03-02', path: file },
      t.cli,
    )) as { file: string };
    expect(out.file).toBe(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      '분야별',
      '연령대별',
      '성별',
      '행정동별',
      '업종별',
      '접수 현황',
      '정보',
    ]);
    const fields = wb.getWorksheet('분야별')!;
    expect(fields.getRow(1).values).toEqual([undefined, '분야', '문자 수신', '이메일 수신', '대상']);
    expect(fields.getRow(1).font?.bold).toBe(true);
    expect(fields.getRow(2).values).toEqual([undefined, '문화공연', 6, 2, '개인']); // 3 + the 3 people above
    const intake = wb.getWorksheet('접수 현황')!;
    expect(intake.getRow(1).getCell(3).value).toBe('2026.01');
    expect(intake.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(t.core.audit.list({ action: 'export', page: 1, pageSize: 5 }).items[0]).toMatchObject({
      targetType: 'stats',
    });
  });
});
