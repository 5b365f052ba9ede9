import { afterEach, describe, expect, it } from 'vitest';
import { generateDemo } from '../../../src/main/subscribers/demo';
import {
  AGE_BAND_COUNTS_2015,
  FIELD_COUNTS_2015,
  INDIVIDUALS_2015,
} from '../../../src/main/subscribers/demoData';
import type { SubscriberStats } from '../../../src/shared/contract/stats';
import { makeTestCore, type TestCore } from '../../support/core';

const cores: TestCore[] = [];
afterEach(() => {
  for (const c of cores.splice(0)) c.cleanup();
});
async function demo(individuals: number, businesses: number, seed: number) {
  const t = await makeTestCore();
  cores.push(t);
  const r = generateDemo(t.core, { individuals, businesses, seed });
  return { t, r };
}

describe('sotong demo data', () => {
  it('follows the March-2015 proportions, with fictitious contacts only', async () => {
    const { t, r } = await demo(4000, 300, 11);
    expect(r).toMatchObject({ individuals: 4000, businesses: 300, forms: 4300 });
    const db = t.core.sqlite;
    const bad = db
      .prepare(
        `SELECT count(*) FROM subscribers WHERE (mobile IS NOT NULL AND mobile NOT GLOB '0100[0-9][0-9][0-9][0-9][0-9][0-9][0-9]')
           OR (email IS NOT NULL AND email NOT LIKE '%@example.com' AND email NOT LIKE '%@example.kr')`,
      )
      .pluck()
      .get();
    expect(bad).toBe(0);
    expect(db.prepare('SELECT count(DISTINCT mobile) = count(mobile) FROM subscribers').pluck().get()).toBe(
      1,
    );
    expect(
      db.prepare('SELECT count(*) FROM subscribers WHERE mobile IS NULL AND email IS NULL').pluck().get(),
    ).toBe(0);
    expect(
      db
        .prepare("SELECT count(*) FROM consent_events WHERE source <> 'paper' OR form_ref IS NULL")
        .pluck()
        .get(),
    ).toBe(0);
    const range = db.prepare('SELECT min(at), max(at) FROM consent_events').raw().get() as string[];
    expect(range[0] >= '2012-09-06').toBe(true);
    expect(range[1] < '2015-04-01').toBe(true);

    const s = (await t.core.router.call('stats.subscribers', {}, t.cli)) as SubscriberStats;
    for (const f of s.byField.filter((x) => x.audience === 'individual')) {
      const expected = FIELD_COUNTS_2015[f.code] / INDIVIDUALS_2015;
      const people = db
        .prepare('SELECT count(DISTINCT subscriber_id) FROM consent_state WHERE field_id = ? AND granted = 1')
        .pluck()
        .get(f.fieldId) as number;
      expect(Math.abs(people / 4000 - expected), f.code).toBeLessThan(0.03);
    }
    const bandTotal = AGE_BAND_COUNTS_2015.reduce((a, b) => a + b, 0);
    s.byAgeBand.forEach((b, i) => {
      expect(Math.abs(b.count / 4000 - AGE_BAND_COUNTS_2015[i] / bandTotal), String(b.band)).toBeLessThan(
        0.03,
      );
    });
    const food = s.byBusinessType.find((b) => b.name === '식품·공중위생업소')!;
    expect(Math.abs(food.count / 300 - 2969 / 5381)).toBeLessThan(0.08);
    // forms are numbered per station and year in the order the paper came in
    const refs = db
      .prepare(
        "SELECT form_ref FROM intake_forms WHERE form_ref LIKE 'HQ-2013-%' ORDER BY signed_at, form_ref",
      )
      .pluck()
      .all() as string[];
    expect(refs.length).toBeGreaterThan(10);
    expect(refs).toEqual([...refs].sort());
    expect(refs[0]).toBe('HQ-2013-000001');
    const next = (await t.core.router.call('intake.nextRef', {}, t.cli)) as { formRef: string };
    expect(next.formRef).toBe('HQ-2026-000001');
  });

  it('is deterministic for a seed and refuses a registry that is not empty', async () => {
    const pick = (t: TestCore) =>
      t.core.sqlite
        .prepare('SELECT id, name, mobile, email, dong_id, birth_year FROM subscribers ORDER BY id LIMIT 50')
        .all();
    const a = await demo(500, 20, 3);
    const b = await demo(500, 20, 3);
    const c = await demo(500, 20, 4);
    expect(pick(a.t)).toEqual(pick(b.t));
    expect(pick(a.t)).not.toEqual(pick(c.t));
    expect(a.r.consentEvents).toBe(b.r.consentEvents);
    expect(() => generateDemo(a.t.core, { individuals: 1, businesses: 0 })).toThrow(/빈 데이터베이스/);
  });
});
