import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sotong } from '../../support/cli';

let dir: string;
let db: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sotong-subcli-'));
  db = path.join(dir, 'sotong.db');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('registry CLI (sotong demo / subscriber find / stats / export)', () => {
  it('demo → find → stats JSON → export, as scripts call them', async () => {
    const demo = sotong([
      '--db',
      db,
      '--json',
      'demo',
      '--individuals',
      '600',
      '--businesses',
      '40',
      '--seed',
      '9',
    ]);
    expect(demo.code, demo.stderr).toBe(0);
    expect(demo.json()).toMatchObject({ individuals: 600, businesses: 40, forms: 640 });

    const find = sotong(['--db', db, '--json', 'subscriber', 'find', 'ㄱ', '--limit', '5']);
    expect(find.code, find.stderr).toBe(0);
    const people = find.json<Record<string, unknown>[]>();
    expect(people).toHaveLength(5);
    for (const p of people) {
      expect(Object.keys(p).sort()).toEqual(['dong', 'email', 'id', 'mobile', 'name', 'status']);
      expect(p.mobile === null || /^010-0\d{3}-\d{4}$/.test(String(p.mobile))).toBe(true);
      expect(typeof p.dong).toBe('string');
      expect(p.status).toBe('active');
    }

    const stats = sotong(['--db', db, '--json', 'stats', 'subscribers']);
    expect(stats.code, stats.stderr).toBe(0);
    const s = stats.json<{
      totals: Record<string, number>;
      byField: { code: string; sms: number; email: number }[];
      byAgeBand: { band: string; count: number }[];
      byDong: unknown[];
      byBusinessType: { count: number }[];
    }>();
    expect(s.totals).toEqual({ individuals: 600, businesses: 40, active: 640, withdrawn: 0 });
    expect(s.byField.find((f) => f.code === 'culture')!.sms).toBeGreaterThan(300);
    expect(s.byAgeBand.reduce((a, b) => a + b.count, 0)).toBe(600);
    expect(s.byDong).toHaveLength(17);
    expect(s.byBusinessType.reduce((a, b) => a + b.count, 0)).toBe(40);

    const file = path.join(dir, 'all.xlsx');
    const refused = sotong(['--db', db, 'export', file]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/사유.*--reason/);
    expect(fs.existsSync(file)).toBe(false);
    const ok = sotong(['--db', db, '--json', 'export', file, '--reason', '시연 자료 확인']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.json()).toEqual({ file, rows: 640 });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.worksheets[0].rowCount).toBe(641);
  }, 240_000); // five child processes, each starting the CLI
});
