import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelInput, ChannelOutput } from '../../../src/shared/contract';
import { registryQueries } from '../../../src/main/subscribers/module';
import { makeTestCore, type TestCore } from '../../support/core';
import { addFixture } from './fixture';
import { dongIdOf, fieldIdOf, loginAs } from './helpers';

let t: TestCore;
let ids: Record<string, string>;
beforeEach(async () => {
  t = await makeTestCore();
  ids = addFixture(t.core);
});
afterEach(() => t.cleanup());

type List = ChannelOutput<'subscribers.list'>;
const list = async (input: ChannelInput<'subscribers.list'>, ctx = t.cli) =>
  (await t.core.router.call('subscribers.list', input, ctx)) as List;
const names = async (input: ChannelInput<'subscribers.list'>, ctx = t.cli) =>
  (await list(input, ctx)).items.map((s) => s.name);
const count = async (input: ChannelInput<'subscribers.count'>, ctx = t.cli) =>
  (await t.core.router.call('subscribers.count', input, ctx)) as ChannelOutput<'subscribers.count'>;

describe('finding people', () => {
  it('by name, 초성, a mix of both, phone fragments and e-mail', async () => {
    expect(await names({ q: '홍길동' })).toEqual(['홍길동']);
    expect(await names({ q: 'ㅎㄱㄷ' })).toEqual(['홍길동']);
    expect(await names({ q: 'ㅎㄱ' })).toEqual(['홍길동', '홍길순']);
    expect(await names({ q: '홍ㄱ' })).toEqual(['홍길동', '홍길순']);
    expect(await names({ q: '길ㅅ' })).toEqual(['홍길순']);
    expect(await names({ q: '12345678' })).toEqual(['이영희', '홍길동']);
    expect(await names({ q: '5678' })).toEqual(['박탈퇴', '이영희', '행복식당', '홍길동', '홍길순']);
    expect(await names({ q: '010-1234' })).toEqual(['홍길동']);
    expect(await names({ q: 'chulsoo' })).toEqual(['김철수']);
    expect(await names({ q: '@example.kr' })).toEqual(['이영희']);
    expect(await names({ q: '식당' })).toEqual(['행복식당']);
    expect(await names({ q: '홍 길동' })).toEqual(['홍길동']);
    expect(await names({ q: '100%_' })).toEqual([]);
    const one = (await list({ q: 'ㅎㄱㄷ' })).items[0];
    expect(one).toMatchObject({
      mobile: '010-1234-5678',
      dongName: '마장동',
      ageBand: '40s',
      status: 'active',
      version: 1,
    });
  });

  it('filters by dong, age band, gender, kind, business type, status, field and channel', async () => {
    const majang = dongIdOf(t.core, '마장동');
    expect(await names({ dongId: majang })).toEqual(['박탈퇴', '행복식당', '홍길동', '홍길순']);
    expect(await names({ dongId: majang, status: 'active' })).toEqual(['행복식당', '홍길동', '홍길순']);
    expect(await names({ ageBand: '40s' })).toEqual(['홍길동']);
    expect(await names({ ageBands: ['<20', '30s'] })).toEqual(['이영희', '홍길순']);
    expect(await names({ ageBands: ['60s', '70+'] })).toEqual(['김철수', '박탈퇴']);
    expect(await names({ gender: 'F' })).toEqual(['이영희', '홍길순']);
    expect(await names({ kind: 'business' })).toEqual(['행복식당']);
    const food = t.core.reference.list().businessTypes.find((b) => b.code === 'food')!.id;
    expect(await names({ businessTypeId: food })).toEqual(['행복식당']);
    const culture = fieldIdOf(t.core, 'culture');
    expect(await names({ fieldId: culture, channel: 'sms' })).toEqual(['이영희', '홍길동', '홍길순']);
    expect(await names({ fieldId: culture })).toEqual(['이영희', '홍길동', '홍길순']);
    expect(await names({ channel: 'email' })).toEqual(['김철수', '이영희', '홍길동']);
    expect(await names({ fieldId: fieldIdOf(t.core, 'health'), channel: 'email' })).toEqual(['김철수']);
    expect(await names({ q: 'ㅎ', fieldId: culture, channel: 'sms', gender: 'F' })).toEqual([
      '이영희',
      '홍길순',
    ]);
  });

  it('pages with a total and sorts by name or most recent', async () => {
    const page = await list({ offset: 2, limit: 2 });
    expect(page.total).toBe(6);
    expect(page.items.map((s) => s.name)).toEqual(['이영희', '행복식당']);
    expect(await names({ sort: 'recent', limit: 3 })).toEqual(['박탈퇴', '행복식당', '이영희']);
    const q = await list({ q: 'ㅎㄱ', offset: 1, limit: 1 });
    expect(q).toMatchObject({ total: 2, items: [expect.objectContaining({ name: '홍길순' })] });
  });

  it('the segment count agrees with the list, and counts who can actually be reached', async () => {
    const culture = fieldIdOf(t.core, 'culture');
    const majang = dongIdOf(t.core, '마장동');
    expect(await count({ fieldId: culture, channel: 'sms' })).toEqual({ total: 3, reachable: 2 }); // 011 number: no SMS
    expect(await count({ fieldId: culture, channel: 'email' })).toEqual({ total: 2, reachable: 2 });
    expect(
      await count({ fieldId: culture, channel: 'sms', dongId: majang, ageBands: ['30s', '40s'] }),
    ).toEqual({ total: 2, reachable: 2 });
    expect(await count({ fieldId: culture, channel: 'sms', kind: 'business' })).toEqual({
      total: 0,
      reachable: 0,
    });
    const combos: ChannelInput<'subscribers.count'>[] = [
      {},
      { fieldId: culture },
      { fieldId: culture, gender: 'F' },
      { channel: 'sms' },
      { fieldId: culture, channel: 'sms', ageBand: '<20' },
      { fieldId: culture, channel: 'sms', status: 'active' },
      { q: '홍', fieldId: culture, channel: 'sms' },
      { dongIds: [majang], kind: 'individual' },
    ];
    for (const c of combos) expect((await count(c)).total, JSON.stringify(c)).toBe((await list(c)).total);
  });

  it('segment columns follow the person: moving dong or losing the 010 number changes the count', async () => {
    const culture = fieldIdOf(t.core, 'culture');
    const sageun = dongIdOf(t.core, '사근동');
    expect((await count({ fieldId: culture, channel: 'sms', dongId: sageun })).total).toBe(1);
    const page = (await t.core.router.call(
      'subscribers.get',
      { id: ids.홍길순 },
      t.cli,
    )) as ChannelOutput<'subscribers.get'>;
    await t.core.router.call(
      'subscribers.update',
      {
        id: ids.홍길순,
        version: page.subscriber.version,
        name: '홍길순',
        mobile: '02-123-4567',
        birthYear: 1995,
        gender: 'F',
        dongId: sageun,
      },
      t.cli,
    );
    expect(await count({ fieldId: culture, channel: 'sms', dongId: sageun })).toEqual({
      total: 2,
      reachable: 0,
    });
    const totals = t.core.sqlite
      .prepare('SELECT field_id, channel, granted FROM consent_totals ORDER BY 1, 2')
      .all();
    const derived = t.core.sqlite
      .prepare(
        'SELECT field_id, channel, sum(granted) AS granted FROM consent_state GROUP BY 1, 2 ORDER BY 1, 2',
      )
      .all();
    expect(totals).toEqual(derived);
  });

  it('dong users see only their dong; reaching another dong is FORBIDDEN and audited', async () => {
    const majang = dongIdOf(t.core, '마장동');
    const dong = await loginAs(t, 'majang', 'dong', majang);
    expect(await names({}, dong)).toEqual(['박탈퇴', '행복식당', '홍길동', '홍길순']);
    expect(await names({ q: '12345678' }, dong)).toEqual(['홍길동']);
    expect((await count({ fieldId: fieldIdOf(t.core, 'culture'), channel: 'sms' }, dong)).total).toBe(2);
    const other = await t.core.router.dispatch('subscribers.get', { id: ids.김철수 }, dong);
    expect(other).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const otherList = await t.core.router.dispatch(
      'subscribers.list',
      { dongId: dongIdOf(t.core, '사근동') },
      dong,
    );
    expect(otherList).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const upd = await t.core.router.dispatch(
      'subscribers.withdraw',
      { id: ids.김철수, source: 'phone', reason: '전화 요청' },
      dong,
    );
    expect(upd).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const forbidden = t.core.audit.list({ action: 'forbidden', page: 1, pageSize: 10 });
    expect(forbidden.total).toBe(3);
    expect(forbidden.items.every((a) => a.username === 'majang')).toBe(true);
    // the matcher tells a dong user that someone else's resident exists, without their name
    const { matches } = (await t.core.router.call(
      'subscribers.matchContact',
      { email: 'chulsoo@example.com' },
      dong,
    )) as ChannelOutput<'subscribers.matchContact'>;
    expect(matches).toEqual([
      expect.objectContaining({ name: '김*수', editable: false, email: 'Ch*****@example.com' }),
    ]);
  });

  it('audits every personal-data read: one row per list with the number shown, one per person page', async () => {
    const before = t.core.audit.list({ action: 'view', page: 1, pageSize: 50 }).total;
    await list({ q: 'ㅎㄱ' });
    await t.core.router.call('subscribers.get', { id: ids.홍길동 }, t.cli);
    await count({ fieldId: fieldIdOf(t.core, 'culture'), channel: 'sms' }); // a number is not personal data
    const rows = t.core.audit.list({ action: 'view', page: 1, pageSize: 50 });
    expect(rows.total - before).toBe(2);
    expect(rows.items[1]).toMatchObject({ targetType: 'subscriber', targetId: null, subjectCount: 2 });
    expect(rows.items[0]).toMatchObject({ targetType: 'subscriber', targetId: ids.홍길동, subjectCount: 1 });
  });

  it('uses the intended covering indexes (EXPLAIN QUERY PLAN)', () => {
    const q = registryQueries(t.core);
    const plan = (sql: string, params: unknown = {}) =>
      (t.core.sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[])
        .map((r) => r.detail)
        .join(' | ');
    const seg = q.segmentQuery(
      { fieldId: 1, channel: 'sms', dongIds: [3, 4], ageBands: ['40s', '50s'] },
      null,
    );
    expect(plan(seg.sql, seg.params)).toMatch(
      /SEARCH c USING COVERING INDEX consent_state_segment_idx \(field_id=\? AND channel=\? AND granted=\? AND dong_id=\?/,
    );
    for (const term of ['ㅎㄱㄷ', '5678', '홍길']) {
      const s = q.idsQuery({ q: term }, null, 'name');
      const p = plan(s.sql, s.params);
      expect(p).toMatch(/SCAN s USING COVERING INDEX subscribers_search_idx/);
      expect(p).not.toMatch(/TEMP B-TREE/); // name order comes from the index
    }
    expect(plan('SELECT count(*) FROM subscribers WHERE mobile = ?', '01012345678')).toMatch(
      /subscribers_mobile_idx/,
    );
    expect(
      plan(
        `SELECT status, kind, dong_id, birth_year, gender, business_type_id, count(*) FROM subscribers INDEXED BY subscribers_stats_idx
         GROUP BY status, kind, dong_id, birth_year, gender, business_type_id`,
      ),
    ).toMatch(/^SCAN subscribers USING COVERING INDEX subscribers_stats_idx$/);
  });
});
