import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, count, fieldId, makeWard, mobileOf, PASS, typeForm, type Ward } from './ward';

// Station A takes people 0–499, station B people 300–799: 200 people signed up at both.
const A_PEOPLE = Array.from({ length: 500 }, (_, i) => i);
const B_PEOPLE = Array.from({ length: 500 }, (_, i) => i + 300);
const FIELDS = ['culture', 'health', 'living', 'survey'];

let w: Ward;
const files: Record<string, string> = {};
const file = (name: string) => {
  files[name] = path.join(w.dir, `${name}.sotong`);
  return files[name];
};

beforeAll(async () => {
  w = await makeWard();
  for (const i of A_PEOPLE)
    await typeForm(w.a, {
      name: `주민${i}`,
      mobile: mobileOf(i),
      address: `마장동 ${i}`,
      dong: 'D03',
      fields: FIELDS.slice(0, 1 + (i % 3)),
    });
  for (const i of B_PEOPLE)
    await typeForm(w.b, {
      name: `주민${i}`,
      mobile: mobileOf(i),
      // a few of the shared people gave B a different address: those become conflicts at HQ
      address: i < 500 && i % 50 === 0 ? `행당동 ${i}` : `마장동 ${i}`,
      dong: i < 500 ? 'D03' : 'D05',
      email: i % 2 ? `p${i}@example.com` : null,
      fields: FIELDS.slice(1 + (i % 2)),
    });
});
afterAll(() => w.cleanup());

const eventsAt = (t: Ward['a']) => count(t, 'consent_events');

describe('stations: station → HQ packages', () => {
  it('counts what the station will send, before any package', async () => {
    const p = await call(w.a, 'stations.pendingChanges');
    expect(p).toMatchObject({ applicable: true, unconfirmedPackages: 0, lastExportAt: null });
    expect(p.counts).toMatchObject({ people: 500, newPeople: 500, events: eventsAt(w.a), forms: 500 });
    expect(p.total).toBe(500 + eventsAt(w.a) + 500);
    expect((await call(w.hq, 'stations.pendingChanges')).applicable).toBe(false);
  });

  it('exports one file per station and audits it', async () => {
    const ra = await call(w.a, 'stations.export', { path: file('a1'), passphrase: PASS });
    const rb = await call(w.b, 'stations.export', { path: file('b1'), passphrase: PASS });
    expect(ra).toMatchObject({ seq: 1, counts: { people: 500, forms: 500 }, path: files.a1, base64: null });
    expect(rb.counts.people).toBe(500);
    const audit = w.a.core.audit.list({ action: 'export', page: 1, pageSize: 10 });
    expect(audit.items[0]).toMatchObject({ targetType: 'station_package', subjectCount: 500 });
    // no personal data in the clear: the body is encrypted
    const bytes = require('node:fs').readFileSync(files.a1) as Buffer;
    expect(bytes.includes(Buffer.from('주민1'))).toBe(false);
    expect(bytes.includes(Buffer.from(mobileOf(1)))).toBe(false);
  });

  it('imports in any order, merges people with the same mobile, keeps both histories', async () => {
    const first = await call(w.hq, 'stations.import', { path: files.b1, passphrase: PASS });
    const second = await call(w.hq, 'stations.import', { path: files.a1, passphrase: PASS });
    expect(first).toMatchObject({ people: 500, newPeople: 500, merged: 0, alreadyImported: false });
    expect(second).toMatchObject({ newPeople: 300, merged: 200, duplicatesIgnored: 0 });
    expect(second.events).toBe(eventsAt(w.a));
    expect(count(w.hq, 'subscribers')).toBe(800);
    expect(count(w.hq, 'consent_events')).toBe(eventsAt(w.a) + eventsAt(w.b));
    expect(count(w.hq, 'intake_forms')).toBe(1000);
    // the shared person 310 has A's and B's events, from both stations
    const repo = w.hq.core.subscriberRepo;
    const p = repo.byMobile(mobileOf(310));
    expect(p).toHaveLength(1);
    const stations = new Set(repo.historyOf(p[0].id).map((e) => e.stationId));
    expect(stations.size).toBe(2);
    // B's email filled in where A had none: no conflict for that
    expect(p[0].email).toBe(null); // 310 is even: no email at B either
    expect(repo.byMobile(mobileOf(311))[0].email).toBe('p311@example.com');
    // address differs for 300, 350, 400, 450: listed for review, both values kept
    expect(second.conflicts).toBe(4);
    const c = await call(w.hq, 'stations.conflicts', {});
    expect(c.total).toBe(4);
    expect(c.items[0]).toMatchObject({ field: 'address', fieldLabel: '주소', resolved: false });
    expect(new Set(c.items.map((i: { localValue: string }) => i.localValue.slice(0, 3)))).toEqual(
      new Set(['행당동']),
    );
    expect(new Set(c.items.map((i: { incomingValue: string }) => i.incomingValue.slice(0, 3)))).toEqual(
      new Set(['마장동']),
    );
  });

  it('importing the same packages again changes nothing', async () => {
    const before = [
      'subscribers',
      'consent_events',
      'consent_state',
      'intake_forms',
      'station_conflicts',
    ].map((t) => count(w.hq, t));
    const ra = await call(w.hq, 'stations.import', { path: files.a1, passphrase: PASS });
    const rb = await call(w.hq, 'stations.import', { path: files.b1, passphrase: PASS });
    for (const r of [ra, rb]) {
      expect(r).toMatchObject({
        alreadyImported: true,
        people: 0,
        events: 0,
        forms: 0,
        conflicts: 0,
        merged: 0,
      });
      expect(r.duplicatesIgnored).toBeGreaterThan(1000);
    }
    expect(
      ['subscribers', 'consent_events', 'consent_state', 'intake_forms', 'station_conflicts'].map((t) =>
        count(w.hq, t),
      ),
    ).toEqual(before);
    expect(count(w.hq, 'station_imports')).toBe(2);
  });

  it('shows packages per station and the stations that stayed silent', async () => {
    const o = await call(w.hq, 'stations.overview');
    const a = o.items.find((r: { code: string }) => r.code === 'SD03');
    expect(a).toMatchObject({ paired: true, packages: 1, lastSeq: 1, people: 304, daysSilent: 0 });
    expect(o.items.find((r: { code: string }) => r.code === 'SD05').openConflicts).toBe(0);
    expect(o.items.find((r: { code: string }) => r.code === 'SD03').openConflicts).toBe(4);
    const rec = await call(w.hq, 'stations.received', { stationId: 'SD05' });
    expect(rec.total).toBe(1);
    expect(rec.items[0]).toMatchObject({ seq: 1, station: { code: 'SD05' }, counts: { people: 500 } });
    expect((await call(w.hq, 'stations.silent', { days: 7 })).items).toHaveLength(0);
    w.hq.clock.t += 10 * 86_400_000;
    const silent = await call(w.hq, 'stations.silent', { days: 7 });
    expect(silent.items.map((r: { code: string }) => r.code).sort()).toEqual(['SD03', 'SD05']);
    expect((await call(w.hq, 'stations.silent', { days: 7, includeUnpaired: true })).items.length).toBe(17);
  });

  it('a receipt moves the station high-water mark; a lost receipt means a re-send that is idempotent', async () => {
    // A's first package was imported, but the receipt never reached A: A still has everything pending.
    expect((await call(w.a, 'stations.pendingChanges')).unconfirmedPackages).toBe(1);
    for (let i = 900; i < 910; i++)
      await typeForm(w.a, { name: `새주민${i}`, mobile: mobileOf(i), fields: ['culture'] });
    const a2 = await call(w.a, 'stations.export', { path: file('a2'), passphrase: PASS });
    expect(a2.counts.people).toBe(510); // everything since the last CONFIRMED mark (none yet)
    const r = await call(w.hq, 'stations.import', { path: files.a2, passphrase: PASS });
    expect(r).toMatchObject({ alreadyImported: false, newPeople: 10, people: 10, merged: 0, conflicts: 0 });
    expect(r.events).toBe(10);
    expect(count(w.hq, 'subscribers')).toBe(810);

    await call(w.hq, 'stations.receiptExport', { stationId: 'SD03', path: file('receipt-a') });
    const got = await call(w.a, 'stations.receiptImport', { path: files['receipt-a'] });
    expect(got).toMatchObject({ confirmed: [1, 2], alreadyConfirmed: 0, unknown: 0, pendingTotal: 0 });
    const pending = await call(w.a, 'stations.pendingChanges');
    expect(pending).toMatchObject({ total: 0, unconfirmedPackages: 0 });
    expect(pending.lastConfirmedAt).not.toBeNull();
    // the same receipt again: nothing new
    expect(await call(w.a, 'stations.receiptImport', { path: files['receipt-a'] })).toMatchObject({
      confirmed: [],
      alreadyConfirmed: 2,
    });
    // the next package starts at the confirmed mark
    await typeForm(w.a, { name: '한 명 더', mobile: mobileOf(950), fields: ['health'] });
    const p = await call(w.a, 'stations.pendingChanges');
    expect(p.counts).toMatchObject({ people: 1, newPeople: 1, forms: 1, events: 1 });
    const hist = await call(w.a, 'stations.packages', {});
    expect(hist.items.map((x: { seq: number; status: string }) => [x.seq, x.status])).toEqual([
      [2, 'confirmed'],
      [1, 'confirmed'],
    ]);
  });

  it('a package arriving after a newer one does not roll a person back', async () => {
    const repo = w.a.core.subscriberRepo;
    const id = repo.byMobile(mobileOf(950))[0].id;
    w.a.clock.t += 60_000;
    repo.update(id, { address: '마장동 첫 주소' });
    await call(w.a, 'stations.export', { path: file('a3'), passphrase: PASS });
    w.a.clock.t += 60_000;
    repo.update(id, { address: '마장동 둘째 주소' });
    await call(w.a, 'stations.export', { path: file('a4'), passphrase: PASS });
    const newer = await call(w.hq, 'stations.import', { path: files.a4, passphrase: PASS });
    const older = await call(w.hq, 'stations.import', { path: files.a3, passphrase: PASS });
    expect(newer.newPeople).toBe(1);
    expect(older).toMatchObject({ people: 0, events: 0, forms: 0, alreadyImported: false });
    expect(w.hq.core.subscriberRepo.byMobile(mobileOf(950))[0].address).toBe('마장동 둘째 주소');
  });
});

describe('stations: conflicts and opt-outs at HQ', () => {
  it('both sides edit the same field: the later version wins, the pair is listed and can be reversed', async () => {
    const hqRepo = w.hq.core.subscriberRepo;
    const bRepo = w.b.core.subscriberRepo;
    const hqId = hqRepo.byMobile(mobileOf(700))[0].id;
    w.hq.clock.t += 1000;
    hqRepo.update(hqId, { note: '본청 메모' });
    const bId = bRepo.byMobile(mobileOf(700))[0].id;
    w.b.clock.t += 1000;
    bRepo.update(bId, { note: '동 메모 1' });
    bRepo.update(bId, { note: '동 메모 2' }); // version 3 at B, version 2 at HQ
    await call(w.b, 'stations.export', { path: file('b2'), passphrase: PASS });
    const r = await call(w.hq, 'stations.import', { path: files.b2, passphrase: PASS });
    expect(r).toMatchObject({ conflicts: 1, editedPeople: 1 });
    expect(hqRepo.byId(hqId)!.note).toBe('동 메모 2');
    const list = await call(w.hq, 'stations.conflicts', { stationId: 'SD05' });
    const c = list.items.find((x: { field: string }) => x.field === 'note');
    expect(c).toMatchObject({ localValue: '본청 메모', incomingValue: '동 메모 2', chosen: 'incoming' });
    expect(c.subjectName).toBe('주민700');
    const res = await call(w.hq, 'stations.resolveConflict', { id: c.id, choose: 'local' });
    expect(res).toMatchObject({ applied: true, resolved: true });
    expect(hqRepo.byId(hqId)!.note).toBe('본청 메모');
    const after = await call(w.hq, 'stations.conflicts', { resolved: true });
    expect(after.items.some((x: { id: number }) => x.id === c.id)).toBe(true);
  });

  it('an edit made only at the station is taken without a conflict', async () => {
    const bRepo = w.b.core.subscriberRepo;
    const bId = bRepo.byMobile(mobileOf(720))[0].id;
    bRepo.update(bId, { address: '행당동 새 주소' });
    await call(w.b, 'stations.export', { path: file('b3'), passphrase: PASS });
    const r = await call(w.hq, 'stations.import', { path: files.b3, passphrase: PASS });
    expect(r).toMatchObject({ conflicts: 0, editedPeople: 1 });
    expect(w.hq.core.subscriberRepo.byMobile(mobileOf(720))[0].address).toBe('행당동 새 주소');
  });

  it('an opt-out at HQ survives a later consent from a station without a new paper form', async () => {
    const hq = w.hq.core.subscriberRepo;
    const culture = fieldId(w.hq, 'culture');
    const person = hq.byMobile(mobileOf(10))[0];
    w.hq.clock.t += 1000;
    hq.appendConsent([
      {
        subscriberId: person.id,
        fieldId: culture,
        channel: 'sms',
        action: 'withdrawn',
        at: new Date(w.hq.clock.t).toISOString(),
        source: 'optout',
      },
    ]);
    hq.addSuppression('sms', mobileOf(10), null, 'optout');
    // Later, station A re-confirms by phone (no form) and fixes the address.
    const a = w.a.core.subscriberRepo;
    const aId = a.byMobile(mobileOf(10))[0].id;
    w.a.clock.t = w.hq.clock.t + 60_000;
    a.appendConsent([
      {
        subscriberId: aId,
        fieldId: fieldId(w.a, 'culture'),
        channel: 'sms',
        action: 'reconfirmed',
        at: new Date(w.a.clock.t).toISOString(),
        source: 'phone',
      },
    ]);
    a.update(aId, { address: '마장동 10-1' });
    await call(w.a, 'stations.export', { path: file('a5'), passphrase: PASS });
    const r = await call(w.hq, 'stations.import', { path: files.a5, passphrase: PASS });
    expect(r.blockedConsents).toBe(1);
    const state = hq.consentOf(person.id).find((s) => s.fieldId === culture && s.channel === 'sms')!;
    expect(state.granted).toBe(false);
    expect(hq.isSuppressed('sms', mobileOf(10), culture)).toBe(true);
    expect(hq.byId(person.id)!.address).toBe('마장동 10-1'); // the rest of the edit arrives
    const hist = hq.historyOf(person.id);
    expect(hist.some((e) => e.source === 'phone' && e.action === 'reconfirmed')).toBe(true); // never lost
    expect(hist[0]).toMatchObject({ action: 'withdrawn', source: 'station' });
    // the same package again adds nothing
    const again = await call(w.hq, 'stations.import', { path: files.a5, passphrase: PASS });
    expect(again).toMatchObject({ blockedConsents: 0, events: 0, alreadyImported: true });
    expect(hq.historyOf(person.id)).toHaveLength(hist.length);
  });

  it('a consent with a new paper form wins over the opt-out and lifts the suppression', async () => {
    const hq = w.hq.core.subscriberRepo;
    const culture = fieldId(w.hq, 'culture');
    w.a.clock.t += 60_000;
    await typeForm(w.a, { name: '주민10', mobile: mobileOf(10), fields: ['culture'] });
    await call(w.a, 'stations.export', { path: file('a6'), passphrase: PASS });
    const r = await call(w.hq, 'stations.import', { path: files.a6, passphrase: PASS });
    expect(r.blockedConsents).toBe(0);
    expect(r.suppressionsLifted).toBe(1);
    const person = hq.byMobile(mobileOf(10))[0];
    expect(hq.consentOf(person.id).find((s) => s.fieldId === culture && s.channel === 'sms')!.granted).toBe(
      true,
    );
    expect(hq.isSuppressed('sms', mobileOf(10), culture)).toBe(false);
  });
});

describe('stations: HQ → station reference package', () => {
  it('carries suppression hashes and reference data; the station then knows the opt-out', async () => {
    const hq = w.hq.core.subscriberRepo;
    hq.addSuppression('sms', mobileOf(20), null, 'optout');
    hq.addSuppression('email', 'p21@example.com', fieldId(w.hq, 'health'), 'optout');
    // (directly: the settings.update channel currently resets omitted keys, thisStationId included)
    w.hq.core.settings.update({ optOutNumber: '010-0000-1234' });
    await call(w.hq, 'reference.saveField', {
      code: 'festival',
      name: '축제 소식',
      kind: 'info',
      audience: 'individual',
    });
    const out = await call(w.hq, 'stations.referenceExport', {
      stationId: 'SD05',
      passphrase: PASS,
      path: file('ref-b'),
    });
    expect(out.suppressions).toBeGreaterThanOrEqual(2);
    const r = await call(w.b, 'stations.referenceImport', { path: files['ref-b'], passphrase: PASS });
    expect(r.suppressionsAdded).toBe(out.suppressions); // the one lifted at HQ arrives as lifted
    expect(r.settings).toContain('optOutNumber');
    const b = w.b.core.subscriberRepo;
    expect(b.isSuppressed('sms', mobileOf(20), fieldId(w.b, 'culture'))).toBe(true);
    expect(b.isSuppressed('email', 'p21@example.com', fieldId(w.b, 'health'))).toBe(true);
    expect(w.b.core.settings.get().optOutNumber).toBe('010-0000-1234');
    expect(w.b.core.reference.list().fields.some((f) => f.code === 'festival')).toBe(true);
    // HQ's suppressions are not sent back as B's own changes
    expect((await call(w.b, 'stations.pendingChanges')).counts.suppressions).toBe(0);
    // importing it again adds nothing
    const again = await call(w.b, 'stations.referenceImport', { path: files['ref-b'], passphrase: PASS });
    expect(again).toMatchObject({ alreadyImported: true, suppressionsAdded: 0 });
  });

  it('a station opt-out reaches HQ as a suppression hash', async () => {
    w.b.core.subscriberRepo.addSuppression('sms', mobileOf(777), null, 'optout');
    expect((await call(w.b, 'stations.pendingChanges')).counts.suppressions).toBe(1);
    await call(w.b, 'stations.export', { path: file('b4'), passphrase: PASS });
    const r = await call(w.hq, 'stations.import', { path: files.b4, passphrase: PASS });
    expect(r.suppressions).toBe(1);
    expect(w.hq.core.subscriberRepo.isSuppressed('sms', mobileOf(777), 1)).toBe(true);
  });
});
