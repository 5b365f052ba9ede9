import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTestCore, sessionCtx, type TestCore } from '../../support/core';

let t: TestCore;
beforeEach(async () => {
  t = await makeTestCore();
  const opts = (await t.core.router.call('setup.options', {}, sessionCtx())) as {
    stations: { id: string }[];
  };
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
});
afterEach(() => t.cleanup());

async function loginAs(role: 'pr' | 'dong' | 'dept', dongId: number | null = null) {
  await t.core.router.call(
    'users.create',
    {
      username: `u-${role}`,
      password: 'Passw0rd!x',
      displayName: role,
      role,
      dongId,
      mustChangePassword: false,
    },
    t.cli,
  );
  const c = sessionCtx();
  await t.core.router.call('auth.login', { username: `u-${role}`, password: 'Passw0rd!x' }, c);
  return c;
}

describe('router', () => {
  it('rejects an unknown channel', async () => {
    expect(await t.core.router.dispatch('nope.nothing', {}, t.cli)).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_CHANNEL', message: '알 수 없는 요청입니다.' },
    });
  });

  it('validates input with Korean per-field messages and writes nothing', async () => {
    const before = t.core.users.count();
    const r = await t.core.router.dispatch(
      'users.create',
      { username: 'a b', password: 'x', displayName: '', role: 'boss' },
      t.cli,
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('VALIDATION');
    expect(r.error.fields?.username).toMatch(/영문/);
    expect(r.error.fields?.displayName).toBe('이름을 입력하세요.');
    expect(r.error.fields?.role).toMatch(/[가-힣]/);
    expect(t.core.users.count()).toBe(before);
  });

  it('requires a session for non-public channels', async () => {
    expect(await t.core.router.dispatch('settings.get', {}, sessionCtx())).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
  });

  it('forbids roles not listed and audits the attempt', async () => {
    const c = await loginAs('pr');
    const r = await t.core.router.dispatch('users.list', {}, c);
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: '이 작업을 할 권한이 없습니다.' },
    });
    const audit = t.core.audit.list({ action: 'forbidden', page: 1, pageSize: 10 });
    expect(audit.items[0]).toMatchObject({ username: 'u-pr', targetId: 'users.list' });
  });

  it('strips fields that are not in the output contract (no password hashes leave the core)', async () => {
    const r = (await t.core.router.call('users.list', {}, t.cli)) as { items: Record<string, unknown>[] };
    expect(r.items[0]).not.toHaveProperty('passwordHash');
    expect(r.items[0]).toHaveProperty('username', 'admin');
  });

  it('answers the CLI as the local administrator, audited as cli', async () => {
    await t.core.router.call('system.backup', {}, t.cli);
    const a = t.core.audit.list({ action: 'backup', page: 1, pageSize: 1 });
    expect(a.items[0]).toMatchObject({ origin: 'cli', username: 'cli', address: 'local' });
  });

  it('refuses to take away the last administrator', async () => {
    const admin = t.core.users.byUsername('admin')!;
    const r = await t.core.router.dispatch(
      'users.update',
      { id: admin.id, displayName: 'x', role: 'pr', active: true },
      t.cli,
    );
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('records role changes for the rights history and ends the changed user’s sessions', async () => {
    const c = await loginAs('pr');
    const u = t.core.users.byUsername('u-pr')!;
    await t.core.router.call(
      'users.update',
      { id: u.id, displayName: 'pr', role: 'dept', active: true },
      t.cli,
    );
    const grants = t.core.audit.list({ action: 'grant', page: 1, pageSize: 10 });
    expect(grants.items[0].detail).toContain('"to":{"role":"dept"');
    expect(await t.core.router.dispatch('settings.get', {}, c)).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
  });

  it('turns a full disk into a clear Korean message and keeps what was there', async () => {
    const before = t.core.users.count();
    // SQLite reports SQLITE_FULL when it may not grow the file: the same error a full disk gives.
    const pages = t.core.sqlite.pragma('page_count', { simple: true }) as number;
    t.core.sqlite.pragma(`max_page_count = ${pages}`);
    let r: Awaited<ReturnType<typeof t.core.router.dispatch>> = { ok: true, value: null };
    for (let i = 0; i < 200 && r.ok; i++)
      r = await t.core.router.dispatch(
        'users.create',
        { username: `full${i}`, password: 'Passw0rd!x', displayName: '가'.repeat(40), role: 'pr' },
        t.cli,
      );
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'DISK_FULL', message: expect.stringContaining('디스크 공간') },
    });
    t.core.sqlite.pragma('max_page_count = 1073741823');
    expect(t.core.users.count()).toBeGreaterThanOrEqual(before);
    expect(t.core.audit.verify().ok).toBe(true);
  });
});
