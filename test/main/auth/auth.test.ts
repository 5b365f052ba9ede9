import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTestCore, sessionCtx, type TestCore } from '../../support/core';

let t: TestCore;
beforeEach(async () => {
  t = await makeTestCore();
});
afterEach(() => t.cleanup());

async function firstRun(ctx = sessionCtx()) {
  const opts = (await t.core.router.call('setup.options', {}, ctx)) as {
    stations: { id: string; kind: string }[];
  };
  const hq = opts.stations.find((s) => s.kind === 'hq')!;
  await t.core.router.call(
    'setup.firstRun',
    {
      wardName: '성동구',
      stationId: hq.id,
      adminUsername: 'admin',
      adminDisplayName: '관리자',
      adminPassword: 'Sotong2026!',
    },
    ctx,
  );
  return ctx;
}

describe('first run and login', () => {
  it('reports setup not done on a fresh database and seeds 17 dongs + HQ', async () => {
    const ctx = sessionCtx();
    const st = (await t.core.router.call('auth.status', {}, ctx)) as { setupDone: boolean; user: unknown };
    expect(st.setupDone).toBe(false);
    expect(st.user).toBeNull();
    const opts = (await t.core.router.call('setup.options', {}, ctx)) as { stations: unknown[] };
    expect(opts.stations).toHaveLength(18);
  });

  it('first run creates the admin, logs in and refuses a second first run', async () => {
    const ctx = await firstRun();
    expect(ctx.token).toBeTruthy();
    const st = (await t.core.router.call('auth.status', {}, ctx)) as {
      setupDone: boolean;
      user: { role: string };
    };
    expect(st.setupDone).toBe(true);
    expect(st.user.role).toBe('admin');
    const again = await t.core.router.dispatch(
      'setup.firstRun',
      {
        wardName: 'x',
        stationId: 'y',
        adminUsername: 'other',
        adminDisplayName: 'x',
        adminPassword: 'Sotong2026!',
      },
      sessionCtx(),
    );
    expect(again).toMatchObject({ ok: false, error: { code: 'ALREADY_SET_UP' } });
  });

  it('rejects a weak first-run password in Korean and creates nobody', async () => {
    const opts = (await t.core.router.call('setup.options', {}, sessionCtx())) as {
      stations: { id: string }[];
    };
    const r = await t.core.router.dispatch(
      'setup.firstRun',
      {
        wardName: '성동구',
        stationId: opts.stations[0].id,
        adminUsername: 'admin',
        adminDisplayName: '관',
        adminPassword: 'abc12',
      },
      sessionCtx(),
    );
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('PASSWORD_POLICY');
      expect(r.error.message).toMatch(/비밀번호/);
    }
    expect(t.core.users.count()).toBe(0);
  });

  it('locks an account after 5 failures for 10 minutes, then lets it in again', async () => {
    await firstRun();
    const c = sessionCtx();
    for (let i = 0; i < 4; i++) {
      const r = await t.core.router.dispatch('auth.login', { username: 'admin', password: 'wrong-pass1' }, c);
      expect(r).toMatchObject({ ok: false, error: { code: 'BAD_CREDENTIALS' } });
    }
    const fifth = await t.core.router.dispatch(
      'auth.login',
      { username: 'admin', password: 'wrong-pass1' },
      c,
    );
    expect(fifth).toMatchObject({ ok: false, error: { code: 'ACCOUNT_LOCKED' } });
    const right = await t.core.router.dispatch(
      'auth.login',
      { username: 'admin', password: 'Sotong2026!' },
      c,
    );
    expect(right).toMatchObject({ ok: false, error: { code: 'ACCOUNT_LOCKED' } });
    t.clock.t += 10 * 60_000 + 1000;
    const later = await t.core.router.dispatch(
      'auth.login',
      { username: 'admin', password: 'Sotong2026!' },
      c,
    );
    expect(later.ok).toBe(true);
    const failures = t.core.audit.list({ action: 'login_failed', page: 1, pageSize: 50 });
    expect(failures.total).toBe(6);
  });

  it('expires an idle session after the configured minutes', async () => {
    const ctx = await firstRun();
    t.clock.t += 29 * 60_000;
    expect((await t.core.router.dispatch('users.list', {}, ctx)).ok).toBe(true);
    t.clock.t += 31 * 60_000;
    const r = await t.core.router.dispatch('users.list', {}, ctx);
    expect(r).toMatchObject({ ok: false, error: { code: 'SESSION_EXPIRED' } });
    expect(ctx.token).toBeNull();
  });

  it('forces a one-time password to be changed before anything else', async () => {
    const admin = await firstRun();
    await t.core.router.call(
      'users.create',
      {
        username: 'pr1',
        password: 'Temp2026!!',
        displayName: '홍보 담당',
        role: 'pr',
        mustChangePassword: true,
      },
      admin,
    );
    const c = sessionCtx();
    await t.core.router.call('auth.login', { username: 'pr1', password: 'Temp2026!!' }, c);
    expect(await t.core.router.dispatch('settings.get', {}, c)).toMatchObject({
      ok: false,
      error: { code: 'PASSWORD_CHANGE_REQUIRED' },
    });
    await t.core.router.call(
      'auth.changePassword',
      { currentPassword: 'Temp2026!!', newPassword: 'NewPass2026#' },
      c,
    );
    expect((await t.core.router.dispatch('settings.get', {}, c)).ok).toBe(true);
  });
});
