import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTestCore, type TestCore } from '../../support/core';
import { addFixture } from './fixture';
import { dongIdOf, fieldIdOf, loginAs } from './helpers';

let t: TestCore;
beforeEach(async () => {
  t = await makeTestCore();
  addFixture(t.core);
});
afterEach(() => t.cleanup());

async function read(file: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb.worksheets[0];
}

describe('exporting the registry to xlsx', () => {
  it('writes Korean headers (bold, frozen, sized), formatted phones and dates, and audits the reason', async () => {
    const file = path.join(t.dir, 'out', '명단.xlsx');
    const r = (await t.core.router.call(
      'subscribers.export',
      { filters: {}, reason: '분기 보고', path: file },
      t.cli,
    )) as {
      file: string;
      rows: number;
    };
    expect(r).toEqual({ file, rows: 6 });
    const ws = await read(file);
    expect(ws.name).toBe('구독자 명단');
    const head = (ws.getRow(1).values as unknown[]).slice(1);
    expect(head.slice(0, 6)).toEqual(['구분', '이름(상호)', '대표자', '업종', '휴대전화', '이메일']);
    expect(ws.getRow(1).font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getColumn(11).width).toBe(40);
    expect(ws.rowCount).toBe(7);
    const rows = new Map<string, Record<string, unknown>>();
    ws.eachRow((row, n) => {
      if (n === 1) return;
      const v = row.values as unknown[];
      rows.set(String(v[2]), Object.fromEntries(head.map((h, i) => [h, v[i + 1]])));
    });
    expect(rows.get('홍길동')).toMatchObject({
      구분: '개인',
      휴대전화: '010-1234-5678',
      이메일: 'hong@example.com',
      출생연도: 1980,
      연령대: '40대',
      성별: '남',
      행정동: '마장동',
      상태: '구독 중',
      '문자 수신 분야': '문화공연, 건강정보',
      '이메일 수신 분야': '문화공연',
      등록일: '2025.01.05',
    });
    expect(rows.get('행복식당')).toMatchObject({
      구분: '사업자',
      대표자: '김사장',
      업종: '식품·공중위생업소',
    });
    expect(rows.get('이영희')).toMatchObject({ 휴대전화: '011-234-5678' });
    const audit = t.core.audit.list({ action: 'export', page: 1, pageSize: 5 }).items[0];
    expect(audit).toMatchObject({ targetType: 'subscriber', subjectCount: 6, reason: '분기 보고' });
  });

  it('exports a filtered view, refuses without a reason, and confines a dong user to their dong', async () => {
    const file = path.join(t.dir, 'culture.xlsx');
    const filters = { fieldId: fieldIdOf(t.core, 'culture'), channel: 'sms' };
    const r = (await t.core.router.call(
      'subscribers.export',
      { filters, reason: '문화공연 대상 확인', path: file },
      t.cli,
    )) as { rows: number };
    expect(r.rows).toBe(3);
    expect((await read(file)).rowCount).toBe(4);

    const noReason = await t.core.router.dispatch(
      'subscribers.export',
      { filters: {}, reason: '', path: file },
      t.cli,
    );
    expect(noReason).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    if (!noReason.ok) expect(noReason.error.message).toMatch(/사유/);

    const majang = dongIdOf(t.core, '마장동');
    const dong = await loginAs(t, 'majang', 'dong', majang);
    const mine = (await t.core.router.call(
      'subscribers.export',
      { filters: {}, reason: '동 명단 확인' },
      dong,
    )) as {
      file: string;
      rows: number;
    };
    expect(mine.rows).toBe(4);
    // a browser session never chooses where files go: web exports land under the data folder
    expect(path.dirname(mine.file)).toBe(path.join(t.dir, 'exports'));
    expect(fs.existsSync(mine.file)).toBe(true);
    const other = await t.core.router.dispatch(
      'subscribers.export',
      { filters: { dongId: dongIdOf(t.core, '사근동') }, reason: '남의 동' },
      dong,
    );
    expect(other).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const web = await loginAs(t, 'pr1', 'pr');
    const w = (await t.core.router.call(
      'subscribers.export',
      { filters: {}, reason: '웹에서', path: '/etc/x.xlsx' },
      web,
    )) as { file: string };
    expect(w.file.startsWith(path.join(t.dir, 'exports'))).toBe(true);
  });
});
