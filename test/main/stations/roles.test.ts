import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestCore } from '../../support/core';
import { sessionCtx } from '../../support/core';
import { call, makeWard, mobileOf, PASS, typeForm, type Ward } from './ward';

let w: Ward;
beforeAll(async () => {
  w = await makeWard();
  await typeForm(w.a, { name: '주민', mobile: mobileOf(1), fields: ['culture'] });
});
afterAll(() => w.cleanup());

async function login(t: TestCore, username: string, role: string, dong: string | null = null) {
  const dongId = dong ? t.core.reference.list().dongs.find((d) => d.code === dong)!.id : null;
  await call(t, 'users.create', {
    username,
    password: 'Passw0rd!x',
    displayName: username,
    role,
    dongId,
    mustChangePassword: false,
  });
  const c = sessionCtx();
  await t.core.router.call('auth.login', { username, password: 'Passw0rd!x' }, c);
  return c;
}

describe('stations: who may do what', () => {
  it('a dong user exports at the station of their own dong, not at another', async () => {
    const own = await login(w.a, 'majang', 'dong', 'D03');
    const other = await login(w.a, 'haengdang', 'dong', 'D05');
    const ok = await w.a.core.router.dispatch('stations.export', { passphrase: PASS }, own);
    expect(ok.ok).toBe(true);
    const pending = await w.a.core.router.dispatch('stations.pendingChanges', {}, own);
    expect(pending).toMatchObject({ ok: true, value: { applicable: true, unconfirmedPackages: 1 } });
    expect(await w.a.core.router.dispatch('stations.export', { passphrase: PASS }, other)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    // pairing is the administrator's
    expect(await w.a.core.router.dispatch('stations.pairingExport', {}, own)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const audit = w.a.core.audit.list({ action: 'export', page: 1, pageSize: 5 }).items[0];
    expect(audit).toMatchObject({ username: 'majang', targetType: 'station_package', subjectCount: 1 });
  });

  it('PR imports at HQ; dong and department users cannot', async () => {
    const r = await call(w.a, 'stations.export', { passphrase: PASS });
    const pr = await login(w.hq, 'hongbo', 'pr');
    const dong = await login(w.hq, 'dongx', 'dong', 'D03');
    const dept = await login(w.hq, 'dept1', 'dept');
    for (const c of [dong, dept])
      expect(
        await w.hq.core.router.dispatch('stations.import', { base64: r.base64, passphrase: PASS }, c),
      ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const ok = await w.hq.core.router.dispatch('stations.import', { base64: r.base64, passphrase: PASS }, pr);
    expect(ok).toMatchObject({ ok: true, value: { newPeople: 1 } });
    expect(await w.hq.core.router.dispatch('stations.conflicts', {}, pr)).toMatchObject({ ok: true });
    expect(await w.hq.core.router.dispatch('stations.conflicts', {}, dong)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const audit = w.hq.core.audit.list({ action: 'import', page: 1, pageSize: 5 }).items[0];
    expect(audit).toMatchObject({ username: 'hongbo', targetType: 'station_package', subjectCount: 1 });
  });

  it('dashboard tiles: changes waiting at the station, conflicts and silent stations at HQ', async () => {
    const tilesA = (await call(w.a, 'dashboard.summary')).tiles as { key: string; value: number }[];
    expect(tilesA.find((t) => t.key === 'stations.pending')?.value).toBeGreaterThan(0);
    const tilesHq = (await call(w.hq, 'dashboard.summary')).tiles as { key: string; value: number }[];
    expect(tilesHq.find((t) => t.key === 'stations.conflicts')?.value).toBe(0);
    // B is paired but has never sent anything
    expect(tilesHq.find((t) => t.key === 'stations.silent')?.value).toBe(1);
  });
});
