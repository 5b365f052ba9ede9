import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CallContext } from '../../../src/main/core/context';
import {
  contentDisposition,
  DownloadRegistry,
  downloadsOf,
  safeName,
} from '../../../src/main/system/downloads';
import { makeTestCore, sessionCtx, type TestCore } from '../../support/core';

let t: TestCore;
let exportsDir: string;
beforeEach(async () => {
  t = await makeTestCore();
  exportsDir = path.join(t.dir, 'exports');
  fs.mkdirSync(exportsDir, { recursive: true });
});
afterEach(() => t.cleanup());

function write(rel: string, text = 'xlsx bytes'): string {
  const f = path.join(t.dir, rel);
  fs.mkdirSync(path.dirname(f), { recursive: true });
  fs.writeFileSync(f, text);
  return f;
}

async function login(role: 'admin' | 'pr' | 'dong', name: string): Promise<CallContext> {
  const opts = (await t.core.router.call('setup.options', {}, sessionCtx())) as {
    stations: { id: string }[];
    configured?: boolean;
  };
  if (!t.core.users.list().length)
    await t.core.router.call(
      'setup.firstRun',
      {
        wardName: '성동구',
        stationId: opts.stations[0].id,
        adminUsername: 'admin',
        adminDisplayName: '관리자',
        adminPassword: 'Sotong2026!',
      },
      sessionCtx(),
    );
  const dongId = role === 'dong' ? t.core.reference.list().dongs[0].id : null;
  await t.core.router.call(
    'users.create',
    { username: name, password: 'Passw0rd!x', displayName: name, role, dongId, mustChangePassword: false },
    t.cli,
  );
  const c = sessionCtx();
  await t.core.router.call('auth.login', { username: name, password: 'Passw0rd!x' }, c);
  return c;
}

describe('download registry', () => {
  it('registers files under exports and imports/reports, and nothing else', () => {
    const reg = new DownloadRegistry(t.core);
    const ok = write('exports/구독자명단-20260302.xlsx');
    const report = write('imports/reports/결과.xlsx');
    const db = t.dbPath;
    expect(reg.register(ok, 'u1').fileName).toBe('구독자명단-20260302.xlsx');
    expect(reg.register(report, 'u1').bytes).toBe(10);
    expect(() => reg.register(db, 'u1')).toThrow(/찾을 수 없습니다/);
    expect(() => reg.register(path.join(exportsDir, '..', 'sotong.db'), 'u1')).toThrow();
    expect(() => reg.register(path.join(exportsDir, 'missing.xlsx'), 'u1')).toThrow();
    expect(() => reg.register(exportsDir, 'u1')).toThrow(); // a folder is not a file
  });

  it('refuses a symlink inside exports that points outside', () => {
    const reg = new DownloadRegistry(t.core);
    const link = path.join(exportsDir, 'db.xlsx');
    fs.symlinkSync(t.dbPath, link);
    expect(reg.allowed(link)).toBeNull();
    expect(() => reg.register(link, 'u1')).toThrow();
  });

  it('hands an id out once, to its owner only, before it expires', () => {
    const reg = new DownloadRegistry(t.core);
    const f = write('exports/a.xlsx');
    const a = reg.register(f, 'owner');
    expect(reg.take(a.id, 'someone-else')).toBeNull();
    expect(reg.take(a.id, 'owner')?.file).toBe(fs.realpathSync(f));
    expect(reg.take(a.id, 'owner')).toBeNull(); // used up

    const b = reg.register(f, 'owner');
    t.clock.t += 5 * 60_000 + 1;
    expect(reg.take(b.id, 'owner')).toBeNull(); // expired

    const c = reg.register(f, 'owner');
    fs.rmSync(f);
    expect(reg.take(c.id, 'owner')).toBeNull(); // gone meanwhile
  });

  it('only adds extra roots inside the data folder', () => {
    const reg = new DownloadRegistry(t.core);
    expect(() => reg.addRoot('/etc')).toThrow();
    reg.addRoot(path.join(t.dir, 'campaigns', 'exports'));
    const f = write('campaigns/exports/발송결과.xlsx');
    expect(reg.register(f, 'u').fileName).toBe('발송결과.xlsx');
  });

  it('makes names safe and encodes Korean names per RFC 5987', () => {
    expect(safeName('../../etc/passwd')).toBe('.._.._etc_passwd');
    expect(safeName('a"b\nc.xlsx')).toBe('abc.xlsx');
    const h = contentDisposition('구독자 명단(성수1가).xlsx');
    expect(h).toContain('attachment; filename="');
    expect(h).toContain(
      `filename*=UTF-8''${encodeURIComponent('구독자 명단').replace(/'/g, '%27')}%28${encodeURIComponent('성수1가')}%29.xlsx`,
    );
    expect(h.split('filename*=')[0]).toMatch(/^[\x20-\x7e]+$/); // the fallback is plain ASCII
  });
});

describe('downloads.prepare', () => {
  it('lets the author of an export and an admin download it, not another user', async () => {
    const pr = await login('pr', 'pr1');
    const other = await login('dong', 'dong1');
    const admin = sessionCtx();
    await t.core.router.call('auth.login', { username: 'admin', password: 'Sotong2026!' }, admin);

    const exp = (await t.core.router.call('subscribers.export', { reason: '자료 확인' }, pr)) as {
      file: string;
    };
    const mine = (await t.core.router.call('downloads.prepare', { file: exp.file }, pr)) as {
      id: string;
      fileName: string;
    };
    expect(mine.fileName).toMatch(/^구독자명단-.*\.xlsx$/);
    expect(
      downloadsOf(t.core).take(mine.id, t.core.users.list().find((u) => u.username === 'pr1')!.id),
    ).not.toBeNull();

    const r = await t.core.router.dispatch('downloads.prepare', { file: exp.file }, other);
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: '직접 만든 파일만 내려받을 수 있습니다.' },
    });
    expect((await t.core.router.dispatch('downloads.prepare', { file: exp.file }, admin)).ok).toBe(true);

    const db = await t.core.router.dispatch('downloads.prepare', { file: t.dbPath }, admin);
    expect(db).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const rows = t.core.sqlite
      .prepare("SELECT COUNT(*) AS n FROM audit_log WHERE target_type = 'download'")
      .get() as { n: number };
    expect(rows.n).toBe(2);
  });
});
