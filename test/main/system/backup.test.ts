import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkRestorable } from '../../../src/main/system/backup';
import { makeTestCore, type TestCore } from '../../support/core';

let t: TestCore;
beforeEach(async () => {
  t = await makeTestCore();
});
afterEach(() => t.cleanup());

describe('backups', () => {
  it('takes the daily backup once a day and keeps the newest N', async () => {
    const made = await t.core.backups.daily(3);
    expect(made && fs.existsSync(made.file)).toBeTruthy();
    expect(await t.core.backups.daily(3)).toBeNull(); // same day: nothing new
    for (let d = 1; d <= 4; d++) {
      t.clock.t += 24 * 3600_000;
      // mtime decides age: make the previous ones look old
      for (const b of t.core.backups.list())
        fs.utimesSync(b.file, new Date(t.clock.t - 25 * 3600_000), new Date(t.clock.t - 25 * 3600_000));
      await t.core.backups.daily(3);
    }
    expect(t.core.backups.list().filter((b) => b.file.endsWith('-daily.db'))).toHaveLength(3);
  });

  it('makes a backup that is itself a valid Sotong database', async () => {
    const b = await t.core.backups.backup('manual');
    expect(() => checkRestorable(b.file)).not.toThrow();
    expect(path.basename(b.file)).toMatch(/^sotong-\d{8}-\d{6}-manual\.db$/);
  });
});

describe('settings and reference data', () => {
  it('starts from defaults and validates changes in Korean', async () => {
    const s = (await t.core.router.call('settings.get', {}, t.cli)) as {
      sessionIdleMinutes: number;
      prices: { sms: number };
    };
    expect(s.sessionIdleMinutes).toBe(30);
    const bad = await t.core.router.dispatch('settings.update', { sessionIdleMinutes: 1 }, t.cli);
    expect(bad).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', fields: { sessionIdleMinutes: '5분 이상이어야 합니다.' } },
    });
    await t.core.router.call(
      'settings.update',
      { optOutNumber: '02-123-4567', snsLinks: [{ name: '블로그', url: 'https://blog.example.kr/ward' }] },
      t.cli,
    );
    t.core.settings.invalidate();
    expect(t.core.settings.get()).toMatchObject({ optOutNumber: '02-123-4567', sessionIdleMinutes: 30 });
  });

  it('adds a dong and a field as data, and a dong station must name its dong', async () => {
    const d = (await t.core.router.call('reference.saveDong', { code: 'D18', name: '새동' }, t.cli)) as {
      id: number;
    };
    expect(d.id).toBeGreaterThan(17);
    const noDong = await t.core.router.dispatch(
      'reference.saveStation',
      { code: 'S18', name: '새동 주민센터', kind: 'dong' },
      t.cli,
    );
    expect(noDong).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const st = await t.core.router.dispatch(
      'reference.saveStation',
      { code: 'S18', name: '새동 주민센터', kind: 'dong', dongId: d.id },
      t.cli,
    );
    expect(st.ok).toBe(true);
    const dup = await t.core.router.dispatch('reference.saveDong', { code: 'D18', name: '또새동' }, t.cli);
    expect(dup).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });
});

describe('settings.update', () => {
  it('changes only the keys it is given (no defaults sneak in)', async () => {
    const st = t.core.reference.list().stations[3];
    t.core.settings.update({ thisStationId: st.id, sessionIdleMinutes: 45 });
    await t.core.router.call('settings.update', { senderName: '성동구청' }, t.cli);
    t.core.settings.invalidate();
    expect(t.core.settings.get()).toMatchObject({
      thisStationId: st.id,
      sessionIdleMinutes: 45,
      senderName: '성동구청',
    });
  });

  it('refuses unknown keys', async () => {
    const r = await t.core.router.dispatch('settings.update', { nonsense: 1 }, t.cli);
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });
});
