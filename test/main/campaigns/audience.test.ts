import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { AudienceOutput } from '../../../src/shared/contract/campaigns';
import { makeTestCore, sessionCtx, type TestCore } from '../../support/core';
import { campaignsOf } from '../../../src/main/campaigns/module';
import { addPeople, dongId, fieldId } from './helpers';

let t: TestCore;
beforeEach(async () => {
  // 2026: born 1996 = 30s, 1986 = 40s
  t = await makeTestCore({ now: new Date('2026-03-02T10:00:00+09:00') });
});
afterEach(() => t.cleanup());

const ex = (a: AudienceOutput['sms']) =>
  Object.fromEntries((a?.excluded ?? []).map((e) => [e.reason, e.count]));

function registry() {
  const 마장 = dongId(t.core, '마장동');
  const 사근 = dongId(t.core, '사근동');
  addPeople(t.core, [
    {
      name: '가',
      mobile: '01011110001',
      email: 'ga@example.com',
      dongId: 마장,
      birthYear: 1996,
      gender: 'F',
      smsFields: ['culture'],
      emailFields: ['culture'],
    },
    { name: '나', mobile: '01011110002', dongId: 마장, birthYear: 1986, gender: 'M', smsFields: ['culture'] },
    // email consent only → no SMS consent
    {
      name: '다',
      mobile: '01011110003',
      email: 'da@example.com',
      dongId: 사근,
      birthYear: 1996,
      gender: 'F',
      emailFields: ['culture'],
    },
    // landline cannot receive SMS
    { name: '라', mobile: '0222865114', dongId: 사근, birthYear: 1996, gender: 'M', smsFields: ['culture'] },
    // withdrawn 011 prefix
    { name: '마', mobile: '0111234567', dongId: 마장, birthYear: 1976, gender: 'F', smsFields: ['culture'] },
    // same number as 가 (a family sharing a phone) → one message
    { name: '바', mobile: '01011110001', dongId: 마장, birthYear: 1996, gender: 'F', smsFields: ['culture'] },
    // on the suppression list
    { name: '사', mobile: '01011110007', dongId: 마장, birthYear: 1996, gender: 'F', smsFields: ['culture'] },
    // withdrawn from the service
    {
      name: '아',
      mobile: '01011110008',
      dongId: 마장,
      birthYear: 1996,
      gender: 'F',
      status: 'withdrawn',
      smsFields: ['culture'],
    },
    // another field only: not a candidate
    { name: '자', mobile: '01011110009', dongId: 마장, birthYear: 1996, gender: 'F', smsFields: ['health'] },
    // email consent, bad/missing address; bounced address
    { name: '차', email: null, dongId: 마장, birthYear: 1996, gender: 'M', emailFields: ['culture'] },
  ]);
  t.core.subscriberRepo.addSuppression('sms', '01011110007', null, 'optout');
  const [bounced] = addPeople(t.core, [
    {
      name: '카',
      email: 'bounced@example.com',
      dongId: 마장,
      birthYear: 1996,
      gender: 'F',
      emailFields: ['culture'],
    },
  ]);
  t.core.subscriberRepo.update(bounced, { emailInvalidAt: '2026-01-01T00:00:00.000Z' });
}

const audience = (input: unknown) =>
  t.core.router.call('campaigns.audience', input, t.cli) as Promise<AudienceOutput>;
const all = { dongIds: [], ageBands: [], genders: [], businessTypeIds: [], kinds: [] };

describe('campaigns.audience', () => {
  test('counts by channel with the excluded grouped by reason', async () => {
    registry();
    const a = await audience({
      fieldIds: [fieldId(t.core, 'culture')],
      channels: { sms: true, email: true },
      filters: all,
    });
    expect(a.candidates).toBe(10);
    expect(a.sms!.recipients).toBe(2); // 가(=바), 나
    expect(ex(a.sms)).toEqual({
      withdrawn: 1,
      no_consent: 3,
      no_number: 1,
      withdrawn_prefix: 1,
      suppressed: 1,
      duplicate: 1,
    });
    expect(a.sms!.excluded.find((e) => e.reason === 'withdrawn_prefix')!.label).toMatch(/011/);
    expect(a.email!.recipients).toBe(2); // 가, 다
    expect(ex(a.email)).toEqual({ withdrawn: 1, no_consent: 5, no_email: 1, email_invalid: 1 });
    expect(a.people).toBe(4); // 가, 나, 다, 바 (same phone as 가 but counted as a person)
  });

  test('filters: dong, age band, gender', async () => {
    registry();
    const culture = fieldId(t.core, 'culture');
    const a = await audience({
      fieldIds: [culture],
      channels: { sms: true },
      filters: { ...all, dongIds: [dongId(t.core, '마장동')], ageBands: ['40s'] },
    });
    expect(a.sms!.recipients).toBe(1); // 나
    const f = await audience({
      fieldIds: [culture],
      channels: { sms: true },
      filters: { ...all, genders: ['F'] },
    });
    expect(f.sms!.recipients).toBe(1); // 가 (바 is a duplicate)
  });

  test('a field-only suppression counts only where it covers every chosen field', async () => {
    registry();
    t.core.subscriberRepo.addSuppression('sms', '01011110002', fieldId(t.core, 'culture'), 'optout');
    const culture = fieldId(t.core, 'culture');
    const a = await audience({ fieldIds: [culture], channels: { sms: true }, filters: all });
    expect(a.sms!.recipients).toBe(1);
    expect(ex(a.sms).suppressed).toBe(2);
  });

  test('dong and dept users may not use campaigns', async () => {
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
    await t.core.router.call(
      'users.create',
      {
        username: 'dept1',
        password: 'Passw0rd!x',
        displayName: '부서',
        role: 'dept',
        mustChangePassword: false,
      },
      t.cli,
    );
    const c = sessionCtx();
    await t.core.router.call('auth.login', { username: 'dept1', password: 'Passw0rd!x' }, c);
    const r = await t.core.router.dispatch('campaigns.list', {}, c);
    expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe('send-time recheck', () => {
  test('the batched check decides every row exactly as the per-row check', async () => {
    registry();
    const m = campaignsOf(t.core);
    const culture = fieldId(t.core, 'culture');
    const health = fieldId(t.core, 'health');
    t.core.subscriberRepo.addSuppression('email', 'ga@example.com', health, 'optout');
    const people = t.core.sqlite.prepare('SELECT id, mobile, email FROM subscribers ORDER BY name').all() as {
      id: string;
      mobile: string | null;
      email: string | null;
    }[];
    for (const channel of ['sms', 'email'] as const)
      for (const fields of [[culture], [culture, health], [health]]) {
        const rows = [
          ...people.map((p) => ({
            subscriberId: p.id,
            address: (channel === 'sms' ? p.mobile : p.email) ?? '',
          })),
          // test sends to staff: no subscriber, only the suppression list counts
          { subscriberId: null, address: channel === 'sms' ? '01011110007' : 'staff@example.com' },
          { subscriberId: null, address: channel === 'sms' ? '01099990000' : 'GA@example.com' },
        ];
        const one = rows.map((r) => m.targeting.recheck(channel, r.subscriberId, r.address, fields));
        expect(m.targeting.recheckMany(channel, rows, fields)).toEqual(one);
        // the fixture covers every decision the check can make
        if (channel === 'email' && fields.length === 1 && fields[0] === culture)
          expect(new Set(one)).toEqual(new Set([null, 'no_consent', 'withdrawn', 'email_invalid']));
      }
    expect(
      m.targeting.recheckMany('sms', [{ subscriberId: null, address: '01011110007' }], [culture]),
    ).toEqual(['suppressed']);
  });
});
