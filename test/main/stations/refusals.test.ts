import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestCore, type TestCore } from '../../support/core';
import { call, count, makeWard, mobileOf, PASS, typeForm, setStation, type Ward } from './ward';

let w: Ward;
let good: Buffer;
const TABLES = [
  'subscribers',
  'consent_events',
  'consent_state',
  'intake_forms',
  'suppressions',
  'station_imports',
];
const snapshot = () => TABLES.map((t) => count(w.hq, t));

beforeAll(async () => {
  w = await makeWard();
  for (let i = 0; i < 20; i++)
    await typeForm(w.a, { name: `주민${i}`, mobile: mobileOf(i), fields: ['culture', 'health'] });
  const r = await call(w.a, 'stations.export', { passphrase: PASS });
  good = Buffer.from(r.base64, 'base64');
});
afterAll(() => w.cleanup());

async function refused(bytes: Buffer, passphrase = PASS) {
  const before = snapshot();
  const r = await w.hq.core.router.dispatch(
    'stations.import',
    { base64: bytes.toString('base64'), passphrase },
    w.hq.cli,
  );
  expect(r.ok).toBe(false);
  expect(snapshot()).toEqual(before); // nothing changed
  return r.ok ? null : r.error;
}

describe('stations: bad packages are refused and change nothing', () => {
  it('a tampered byte in the body', async () => {
    const bad = Buffer.from(good);
    bad[bad.length - 200] ^= 0x01;
    expect((await refused(bad))?.message).toContain('서명이 맞지 않음');
  });

  it('a tampered header (the counts HQ would show)', async () => {
    const text = good.toString('latin1');
    const bad = Buffer.from(text.replace('"people":20', '"people":21'), 'latin1');
    expect(bad.equals(good)).toBe(false);
    expect((await refused(bad))?.message).toContain('서명이 맞지 않음');
  });

  it('a truncated file, and one with bytes appended', async () => {
    for (const cut of [10, 100, Math.floor(good.length / 2), good.length - 1]) {
      const e = await refused(good.subarray(0, cut));
      expect(e?.code).toBe('FILE');
      expect(e?.message).toMatch(/잘렸거나 손상|서명이 맞지 않음/);
    }
    expect((await refused(good.subarray(0, good.length - 1)))?.message).toContain('잘렸거나 손상');
    expect((await refused(Buffer.concat([good, Buffer.from('x')])))?.message).toContain('서명이 맞지 않음');
  });

  it('the wrong passphrase', async () => {
    const e = await refused(good, '틀린 암호 12345');
    expect(e).toMatchObject({ code: 'VALIDATION' });
    expect(e?.message).toContain('암호가 맞지 않습니다');
  });

  it('a package from a newer format version', async () => {
    const bad = Buffer.from(good);
    bad.writeUInt16BE(2, 8);
    expect((await refused(bad))?.message).toContain('더 새 버전의 소통창구');
  });

  it('something that is not a package at all', async () => {
    expect((await refused(Buffer.from('이름,휴대전화\n홍길동,010-0000-0000\n')))?.message).toContain(
      '꾸러미(.sotong) 파일이 아닙니다',
    );
  });

  it('a good package after all that still imports, from a file on disk', async () => {
    const f = path.join(w.dir, 'good.sotong');
    fs.writeFileSync(f, good);
    const r = await call(w.hq, 'stations.import', { path: f, passphrase: PASS });
    expect(r).toMatchObject({ newPeople: 20, forms: 20, events: 40, alreadyImported: false });
    const missing = await w.hq.core.router.dispatch(
      'stations.import',
      { path: path.join(w.dir, 'nope.sotong'), passphrase: PASS },
      w.hq.cli,
    );
    expect(missing).toMatchObject({ ok: false, error: { code: 'FILE' } });
  });

  it('the wrong kind of file in the wrong place', async () => {
    await call(w.hq, 'stations.receiptExport', { stationId: 'SD03', path: path.join(w.dir, 'r.sotong') });
    const asPackage = await w.hq.core.router.dispatch(
      'stations.import',
      { path: path.join(w.dir, 'r.sotong'), passphrase: PASS },
      w.hq.cli,
    );
    expect(asPackage.ok).toBe(false);
    if (!asPackage.ok) expect(asPackage.error.message).toContain('본청 수령증입니다');
    // a receipt for A given to B
    const atB = await w.b.core.router.dispatch(
      'stations.receiptImport',
      { path: path.join(w.dir, 'r.sotong') },
      w.b.cli,
    );
    expect(atB.ok).toBe(false);
    if (!atB.ok) expect(atB.error.message).toContain('다른 접수처 앞으로');
    // a station cannot import change packages, HQ cannot export them
    const atStation = await w.b.core.router.dispatch(
      'stations.import',
      { base64: good.toString('base64'), passphrase: PASS },
      w.b.cli,
    );
    expect(atStation.ok).toBe(false);
    if (!atStation.ok) expect(atStation.error.message).toContain('본청에서만');
    const hqExport = await w.hq.core.router.dispatch('stations.export', { passphrase: PASS }, w.hq.cli);
    expect(hqExport.ok).toBe(false);
    if (!hqExport.ok) expect(hqExport.error.message).toContain('주민센터(접수처)에서만');
    const short = await w.a.core.router.dispatch('stations.export', { passphrase: '짧음' }, w.a.cli);
    expect(short.ok).toBe(false);
    if (!short.ok) expect(short.error.message).toContain('8자 이상');
  });
  it('a package from a station HQ never paired with', async () => {
    const c: TestCore = await makeTestCore();
    try {
      setStation(c, 'SD07');
      await typeForm(c, { name: '낯선이', mobile: mobileOf(999), fields: ['culture'] });
      const r = await call(c, 'stations.export', { passphrase: PASS });
      expect((await refused(Buffer.from(r.base64, 'base64')))?.message).toContain('짝을 맺지 않은 접수처');
    } finally {
      c.cleanup();
    }
  });

  it('a package signed with a different key than the pairing (station reinstalled its key)', async () => {
    w.a.core.sqlite.exec("DELETE FROM station_keys WHERE id = 'self'");
    const { stationKeys } = await import('../../../src/main/stations/service');
    (stationKeys(w.a.core) as unknown as { cached: null }).cached = null;
    const r = await call(w.a, 'stations.export', { passphrase: PASS });
    expect((await refused(Buffer.from(r.base64, 'base64')))?.message).toContain('다른 열쇠로 서명된');
  });

  it('a package whose field HQ does not know: refused as a whole (one transaction)', async () => {
    // A's own copy of the reference data gained a field HQ never had.
    const id = (
      await call(w.a, 'reference.saveField', {
        code: 'local-only',
        name: '동 자체 분야',
        kind: 'info',
        audience: 'individual',
      })
    ).id as number;
    await typeForm(w.a, { name: '새 분야', mobile: mobileOf(500), fields: ['local-only'] });
    expect(id).toBeGreaterThan(0);
    // re-pair A with its new key so the package is otherwise good
    const f = path.join(w.dir, 'a-again.pair.json');
    await call(w.a, 'stations.pairingExport', { path: f });
    const rp = await call(w.hq, 'stations.pairingImport', { path: f });
    expect(rp.replaced).toBe(true);
    const r = await call(w.a, 'stations.export', { passphrase: PASS });
    const e = await refused(Buffer.from(r.base64, 'base64'));
    expect(e?.message).toContain('분야(코드 local-only)');
  });

  it('refusals are audited with the reason', () => {
    const rows = w.hq.core.audit.list({ action: 'import', page: 1, pageSize: 50 }).items;
    const refusals = rows.filter((r) => r.reason);
    expect(refusals.length).toBeGreaterThanOrEqual(12);
    expect(refusals.every((r) => r.reason!.startsWith('거부:') && r.subjectCount === 0)).toBe(true);
    expect(rows.filter((r) => !r.reason)).toHaveLength(1); // the one good import
  });
});
