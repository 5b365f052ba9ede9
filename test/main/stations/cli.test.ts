import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../../src/main/core/core';
import type { TestCore } from '../../support/core';
import { sotong } from '../../support/cli';
import { mobileOf, typeForm } from './ward';

let dir: string;
let hq: string;
let st: string;
const f = (name: string) => path.join(dir, name);
const ENV = { SOTONG_STATION_PASSPHRASE: '마장동과 본청의 암호 2026' };

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sotong-station-cli-'));
  hq = f('hq.db');
  st = f('station.db');
  expect(sotong(['--db', hq, 'init', '--station', 'HQ', '--admin-password', 'Sotong2026!']).code).toBe(0);
  expect(sotong(['--db', st, 'init', '--station', 'SD03', '--admin-password', 'Sotong2026!']).code).toBe(0);
  // 30 forms typed at the station (the registry's write path, in process)
  const core = await createCore({ dbPath: st, mode: 'cli' });
  const t = {
    core,
    clock: { t: Date.now() },
    cli: { origin: 'cli', asLocalAdmin: true },
  } as unknown as TestCore;
  for (let i = 0; i < 30; i++)
    await typeForm(t, { name: `주민${i}`, mobile: mobileOf(i), fields: ['culture', 'health'] });
  core.close();
}, 240_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

// Each step spawns the real CLI (a few seconds each on a busy two-core machine).
describe('sotong station (CLI)', { timeout: 240_000 }, () => {
  it('pairs both ways and shows the fingerprints', () => {
    const a = sotong(['--db', st, 'station', 'pair', 'export', f('st.pair.json'), '--json']);
    expect(a.code).toBe(0);
    const fp = a.json<{ fingerprint: string }>().fingerprint;
    const i = sotong(['--db', hq, 'station', 'pair', 'import', f('st.pair.json')]);
    expect(i.code).toBe(0);
    expect(i.stdout).toContain('마장동 주민센터 (SD03)와(과) 짝을 맺었습니다');
    expect(i.stdout).toContain(fp);
    expect(sotong(['--db', hq, 'station', 'pair', 'export', f('hq.pair.json')]).code).toBe(0);
    expect(sotong(['--db', st, 'station', 'pair', 'import', f('hq.pair.json')]).code).toBe(0);
    const s = sotong(['--db', st, 'station', 'status']);
    expect(s.stdout).toContain('마장동 주민센터 (SD03, 접수처)');
  });

  it('export needs a passphrase, then writes the package', () => {
    const none = sotong(['--db', st, 'station', 'export', f('p1.sotong')]);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('SOTONG_STATION_PASSPHRASE');
    const pending = sotong(['--db', st, 'station', 'pending']);
    expect(pending.stdout).toContain('HQ에 보낼 변경 120건');
    const r = sotong(['--db', st, 'station', 'export', f('p1.sotong'), '--json'], ENV);
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({ seq: 1, counts: { people: 30, events: 60, forms: 30 } });
    expect(fs.existsSync(f('p1.sotong'))).toBe(true);
  });

  it('import --json gives the counts; again, everything is a duplicate; a receipt goes back', () => {
    const r = sotong(
      ['--db', hq, 'station', 'import', f('p1.sotong'), '--json', '--receipt', f('r1.sotong')],
      ENV,
    );
    expect(r.code).toBe(0);
    const out = r.json<Record<string, unknown>>();
    expect(out).toMatchObject({ people: 30, events: 60, merged: 0, conflicts: 0, duplicatesIgnored: 0 });
    expect(out.receipt).toBe(f('r1.sotong'));
    const again = sotong(['--db', hq, 'station', 'import', f('p1.sotong'), '--json'], ENV);
    expect(again.json()).toMatchObject({
      alreadyImported: true,
      people: 0,
      events: 0,
      duplicatesIgnored: 120,
    });

    const rc = sotong(['--db', st, 'station', 'receipt', 'import', f('r1.sotong'), '--json']);
    expect(rc.code).toBe(0);
    expect(rc.json()).toMatchObject({ confirmed: [1], pendingTotal: 0 });
    expect(sotong(['--db', st, 'station', 'pending']).stdout).toContain('HQ에 보낼 변경 0건');
  });

  it('receipt export --for and the generic import of a receipt at the station', () => {
    const r = sotong(['--db', hq, 'station', 'receipt', 'export', f('r2.sotong'), '--for', 'SD03']);
    expect(r.code).toBe(0);
    const i = sotong(['--db', st, 'station', 'import', f('r2.sotong'), '--json']);
    expect(i.json()).toMatchObject({ kind: 'receipt', confirmed: [], alreadyConfirmed: 1 });
    const overview = sotong(['--db', hq, 'station', 'overview']);
    expect(overview.stdout).toMatch(/마장동 주민센터 \(SD03\)\t짝 맺음\t꾸러미 1개/);
  });

  it('refuses a tampered package and a wrong passphrase with Korean messages', () => {
    const bytes = fs.readFileSync(f('p1.sotong'));
    bytes[bytes.length - 100] ^= 0xff;
    fs.writeFileSync(f('bad.sotong'), bytes);
    const bad = sotong(['--db', hq, 'station', 'import', f('bad.sotong'), '--json'], ENV);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('서명이 맞지 않음');
    expect(JSON.parse(bad.stdout)).toMatchObject({ ok: false, error: { code: 'FILE' } });
    const wrong = sotong([
      '--db',
      hq,
      'station',
      'import',
      f('p1.sotong'),
      '--passphrase',
      '다른 암호입니다',
    ]);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('암호가 맞지 않습니다');
  });

  it('reference packages: HQ → station', () => {
    const r = sotong(['--db', hq, 'station', 'reference', 'export', f('ref.sotong'), '--for', 'SD03'], ENV);
    expect(r.code).toBe(0);
    const i = sotong(['--db', st, 'station', 'import', f('ref.sotong'), '--json'], ENV);
    expect(i.code).toBe(0);
    expect(i.json()).toMatchObject({ kind: 'reference', seq: 1, alreadyImported: false });
  });
});
