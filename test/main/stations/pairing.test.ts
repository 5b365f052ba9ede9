import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTestCore } from '../../support/core';
import { call, makeWard, setStation, type Ward } from './ward';

let w: Ward;
beforeEach(async () => {
  w = await makeWard({ pair: false });
});
afterEach(() => w.cleanup());

async function fails(t: Ward['a'], channel: string, input: unknown): Promise<string> {
  const r = await t.core.router.dispatch(channel, input, t.cli);
  expect(r.ok).toBe(false);
  return r.ok ? '' : r.error.message;
}

describe('stations: pairing', () => {
  it('pairs a station and HQ both ways; both screens show the same fingerprints', async () => {
    const fa = path.join(w.dir, 'a.json');
    const fh = path.join(w.dir, 'hq.json');
    const ea = await call(w.a, 'stations.pairingExport', { path: fa });
    const eh = await call(w.hq, 'stations.pairingExport', { path: fh });
    expect(ea.role).toBe('station');
    expect(eh.role).toBe('hq');
    expect(ea.fingerprint).toMatch(/^[0-9A-F]{4}(-[0-9A-F]{4}){4}$/);
    const atHq = await call(w.hq, 'stations.pairingImport', { path: fa });
    expect(atHq).toMatchObject({
      replaced: false,
      peer: { code: 'SD03', role: 'station', fingerprint: ea.fingerprint },
    });
    await call(w.a, 'stations.pairingImport', { path: fh });
    const sa = await call(w.a, 'stations.status');
    const sh = await call(w.hq, 'stations.status');
    expect(sa).toMatchObject({
      role: 'station',
      keyFingerprint: ea.fingerprint,
      thisStation: { code: 'SD03' },
    });
    expect(sa.peers).toEqual([expect.objectContaining({ code: 'HQ', fingerprint: eh.fingerprint })]);
    expect(sh.peers).toEqual([expect.objectContaining({ code: 'SD03', fingerprint: ea.fingerprint })]);
    // HQ maps the station's own id onto its own row for the same code
    expect(sh.peers[0].localStationId).toBe(
      w.hq.core.reference.list().stations.find((s) => s.code === 'SD03')!.id,
    );
    expect(sh.peers[0].remoteId).toBe(sa.thisStation.id);
    expect(w.hq.core.audit.list({ action: 'settings', page: 1, pageSize: 10 }).items[0].targetType).toBe(
      'station_pairing',
    );
  });

  it('the file can travel as base64 (browser upload) and a re-pairing replaces the key', async () => {
    const ea = await call(w.a, 'stations.pairingExport', {});
    expect(ea.path).toBeNull();
    expect((await call(w.hq, 'stations.pairingImport', { base64: ea.base64 })).replaced).toBe(false);
    expect((await call(w.hq, 'stations.pairingImport', { base64: ea.base64 })).replaced).toBe(false);
    w.a.core.sqlite.exec("DELETE FROM station_keys WHERE id = 'self'");
    const { stationKeys } = await import('../../../src/main/stations/service');
    (stationKeys(w.a.core) as unknown as { cached: null }).cached = null;
    const again = await call(w.a, 'stations.pairingExport', {});
    expect(again.fingerprint).not.toBe(ea.fingerprint);
    expect((await call(w.hq, 'stations.pairingImport', { base64: again.base64 })).replaced).toBe(true);
    expect((await call(w.hq, 'stations.status')).peers).toHaveLength(1);
  });

  it('refuses the wrong side, its own file, altered files and newer formats', async () => {
    const ea = await call(w.a, 'stations.pairingExport', {});
    const eb = await call(w.b, 'stations.pairingExport', {});
    const eh = await call(w.hq, 'stations.pairingExport', {});
    expect(await fails(w.a, 'stations.pairingImport', { base64: eb.base64 })).toContain(
      '본청이 만든 짝 맺기 파일만',
    );
    expect(await fails(w.hq, 'stations.pairingImport', { base64: eh.base64 })).toContain('이 PC가 만든');
    const json = JSON.parse(Buffer.from(ea.base64, 'base64').toString('utf8'));
    const altered = { ...json, station: { ...json.station, name: '가짜 주민센터' } };
    expect(
      await fails(w.hq, 'stations.pairingImport', {
        base64: Buffer.from(JSON.stringify(altered)).toString('base64'),
      }),
    ).toContain('서명이 맞지 않음');
    const newer = { ...json, version: 9 };
    expect(
      await fails(w.hq, 'stations.pairingImport', {
        base64: Buffer.from(JSON.stringify(newer)).toString('base64'),
      }),
    ).toContain('더 새 버전');
    expect(
      await fails(w.hq, 'stations.pairingImport', { base64: Buffer.from('hello').toString('base64') }),
    ).toContain('짝 맺기 파일이 아닙니다');
    expect(await fails(w.hq, 'stations.pairingImport', { path: path.join(w.dir, 'none.json') })).toContain(
      '파일을 찾을 수 없습니다',
    );
  });

  it('an installation without a station cannot pair', async () => {
    const c = await makeTestCore();
    try {
      expect(await fails(c, 'stations.pairingExport', {})).toContain('접수처를 먼저 고르세요');
      expect((await call(c, 'stations.status')).thisStation).toBeNull();
    } finally {
      c.cleanup();
    }
  });

  it('a station HQ has never heard of is added to its list by code', async () => {
    const dongId = w.a.core.reference.list().dongs.find((d) => d.code === 'D03')!.id;
    const st = await call(w.a, 'reference.saveStation', {
      code: 'SD03B',
      name: '마장동 분소',
      kind: 'dong',
      dongId,
    });
    setStation(w.a, 'SD03B');
    const f = path.join(w.dir, 'branch.json');
    await call(w.a, 'stations.pairingExport', { path: f });
    expect(fs.existsSync(f)).toBe(true);
    const r = await call(w.hq, 'stations.pairingImport', { path: f });
    const local = w.hq.core.reference.list().stations.find((s) => s.code === 'SD03B');
    expect(local).toMatchObject({ name: '마장동 분소', kind: 'dong' });
    expect(r.peer.localStationId).toBe(local!.id);
    expect(r.peer.remoteId).toBe(st.id);
  });
});
