// A random sample of N stratified by dong × age band: proportional, seeded, reproducible.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { campaignsOf } from '../../../src/main/campaigns/module';
import { stratifiedSample } from '../../../src/main/surveys/invite';
import { makeTestCore, type TestCore } from '../../support/core';
import { addPeople } from '../campaigns/helpers';
import { call, policyCustomers, publishedSurvey } from './helpers';

describe('stratifiedSample', () => {
  const items = Array.from({ length: 1000 }, (_, i) => ({
    id: `p${String(i).padStart(4, '0')}`,
    k: i < 600 ? 'A' : i < 900 ? 'B' : 'C',
  }));

  test('proportional allocation with largest remainders, no one twice', () => {
    const s = stratifiedSample(items, (x) => x.k, 101, 'seed');
    expect(s).toHaveLength(101);
    expect(new Set(s.map((x) => x.id)).size).toBe(101);
    const by = (k: string) => s.filter((x) => x.k === k).length;
    // exact shares 60.6 / 30.3 / 10.1 → 60 / 30 / 10 plus the one left to the largest remainder (A)
    expect([by('A'), by('B'), by('C')]).toEqual([61, 30, 10]);
  });

  test('the same seed draws the same people, whatever the input order; another seed draws others', () => {
    const a = stratifiedSample(items, (x) => x.k, 50, '2026-설문')
      .map((x) => x.id)
      .sort();
    const b = stratifiedSample([...items].reverse(), (x) => x.k, 50, '2026-설문')
      .map((x) => x.id)
      .sort();
    const c = stratifiedSample(items, (x) => x.k, 50, '다른 씨앗')
      .map((x) => x.id)
      .sort();
    expect(a).toEqual(b);
    expect(c).not.toEqual(a);
  });

  test('n at or over the population takes everyone', () => {
    expect(stratifiedSample(items.slice(0, 5), (x) => x.k, 9, 's')).toHaveLength(5);
  });
});

describe('invite with --sample', () => {
  let t: TestCore;
  beforeEach(async () => {
    t = await makeTestCore();
    campaignsOf(t.core).settings.update({ testGateway: { failureRate: 0, deliveryDelayMs: 0 } });
  });
  afterEach(async () => {
    await campaignsOf(t.core).dispatcher.idle();
    t.cleanup();
  });
  const smsOnly = {
    invitation: {
      channels: { email: false, sms: true },
      emailSubject: '',
      emailHtml: '',
      smsText: '',
      reminderSmsText: '',
    },
  };

  test('strata are dong × age band of the policy customers; the same seed gives the same sample', async () => {
    policyCustomers(t.core, 60, { email: false }); // 3 dongs × 5 age bands × 4 people
    addPeople(t.core, [{ name: '비동의', mobile: '01099999999', smsFields: ['culture'] }]);
    const a = await publishedSurvey(t, smsOnly);
    const b = await publishedSurvey(t, { ...smsOnly, title: '같은 표본' });
    const c = await publishedSurvey(t, { ...smsOnly, title: '다른 표본' });
    const ra = await call<{ newParticipants: number; sms: number }>(t, 'surveys.invite', {
      id: a.id,
      sample: 30,
      seed: 's1',
    });
    await call(t, 'surveys.invite', { id: b.id, sample: 30, seed: 's1' });
    await call(t, 'surveys.invite', { id: c.id, sample: 30, seed: 's2' });
    expect(ra).toMatchObject({ newParticipants: 30, sms: 30 });
    const picked = (id: string) =>
      t.core.sqlite
        .prepare('SELECT subscriber_id FROM survey_participants WHERE survey_id = ? ORDER BY subscriber_id')
        .pluck()
        .all(id) as string[];
    expect(picked(a.id)).toEqual(picked(b.id));
    expect(picked(c.id)).not.toEqual(picked(a.id));
    const strata = t.core.sqlite
      .prepare(
        'SELECT dong_id, age_band, count(*) AS n FROM survey_participants WHERE survey_id = ? GROUP BY dong_id, age_band',
      )
      .all(a.id) as { n: number }[];
    expect(strata).toHaveLength(15);
    expect(strata.every((s) => s.n === 2)).toBe(true);
    // a second invitation takes from those not invited yet
    const more = await call<{ newParticipants: number; participants: number }>(t, 'surveys.invite', {
      id: a.id,
      sample: 10,
      seed: 's1',
    });
    expect(more).toMatchObject({ newParticipants: 10, participants: 40 });
    const audience = await call<{ people: number; invited: number }>(t, 'surveys.audience', { id: a.id });
    expect(audience).toEqual({ people: 60, email: 0, sms: 60, invited: 40 });
  });

  test('narrowed by dong, age band and gender like a campaign', async () => {
    policyCustomers(t.core, 30, { email: false });
    const dong = t.core.reference.list().dongs[1];
    const s = await publishedSurvey(t, {
      ...smsOnly,
      filters: { dongIds: [dong.id], ageBands: ['40s', '50s'], genders: ['F'] },
    });
    const r = await call<{ newParticipants: number }>(t, 'surveys.invite', { id: s.id });
    const rows = t.core.sqlite
      .prepare('SELECT dong_id AS d, age_band AS b, gender AS g FROM survey_participants WHERE survey_id = ?')
      .all(s.id) as { d: number; b: string; g: string }[];
    expect(r.newParticipants).toBe(rows.length);
    expect(rows.length).toBeGreaterThan(0);
    for (const x of rows) {
      expect(x.d).toBe(dong.id);
      expect(['40s', '50s']).toContain(x.b);
      expect(x.g).toBe('F');
    }
  });
});
