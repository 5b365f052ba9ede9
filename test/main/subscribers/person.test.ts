import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelOutput } from '../../../src/shared/contract';
import { makeTestCore, type TestCore } from '../../support/core';
import { addFixture } from './fixture';
import { fieldIdOf, loginAs } from './helpers';

let t: TestCore;
let ids: Record<string, string>;
beforeEach(async () => {
  t = await makeTestCore();
  ids = addFixture(t.core);
});
afterEach(() => t.cleanup());

type Page = ChannelOutput<'subscribers.get'>;
const get = async (id: string, ctx = t.cli) =>
  (await t.core.router.call('subscribers.get', { id }, ctx)) as Page;

describe('the person page, editing and withdrawal', () => {
  it('shows consent per field × channel and the ledger history', async () => {
    const p = await get(ids.홍길동);
    expect(p.subscriber).toMatchObject({
      name: '홍길동',
      kind: 'individual',
      mobile: '010-1234-5678',
      birthYear: 1980,
      gender: 'M',
    });
    expect(p.consent.map((c) => `${c.channel}:${c.fieldName}:${c.granted}`).sort()).toEqual([
      'email:문화공연:true',
      'sms:건강정보:true',
      'sms:문화공연:true',
    ]);
    expect(p.history).toHaveLength(3);
    expect(p.history[0]).toMatchObject({ action: 'granted', source: 'paper', formRef: 'FX-홍길동' });
    expect(p.suppressed).toEqual({ sms: { all: false, fieldIds: [] }, email: { all: false, fieldIds: [] } });
    const gone = await get(ids.박탈퇴);
    expect(gone.subscriber.status).toBe('withdrawn');
    expect(gone.history.map((e) => e.action)).toEqual(['withdrawn', 'granted']);
  });

  it('edits with a version check: a stale version is a Korean CONFLICT, a good one bumps it and is audited', async () => {
    const p = await get(ids.홍길순);
    const edit = {
      id: ids.홍길순,
      name: '홍길순',
      mobile: '010-2345-6789',
      birthYear: 1995,
      gender: 'F' as const,
      dongId: p.subscriber.dongId,
      address: '마장로 1',
    };
    const r = (await t.core.router.call(
      'subscribers.update',
      { ...edit, version: 1 },
      t.cli,
    )) as ChannelOutput<'subscribers.update'>;
    expect(r.subscriber).toMatchObject({ version: 2, address: '마장로 1' });
    const stale = await t.core.router.dispatch(
      'subscribers.update',
      { ...edit, address: '다른 주소', version: 1 },
      t.cli,
    );
    expect(stale).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    if (!stale.ok) expect(stale.error.message).toMatch(/먼저 이 정보를 고쳤습니다/);
    expect((await get(ids.홍길순)).subscriber.address).toBe('마장로 1');
    const edits = t.core.audit.list({ action: 'edit', page: 1, pageSize: 10 }).items;
    expect(edits).toEqual([
      expect.objectContaining({ targetId: ids.홍길순, detail: JSON.stringify({ changed: ['address'] }) }),
    ]);
    // another person's phone cannot be taken over by an edit
    const clash = await t.core.router.dispatch(
      'subscribers.update',
      { ...edit, mobile: '010-1234-5678', version: 2 },
      t.cli,
    );
    expect(clash).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('withdraws one field with a reason (ledger + suppression), then all, which ends the subscription', async () => {
    const pr = await loginAs(t, 'pr1', 'pr');
    const health = fieldIdOf(t.core, 'health');
    const one = await t.core.router.call(
      'subscribers.withdraw',
      { id: ids.홍길동, fieldIds: [health], source: 'phone', reason: '건강정보 문자 그만 받기 원함' },
      pr,
    );
    expect(one).toEqual({ withdrawn: 1, status: 'active' });
    let p = await get(ids.홍길동, pr);
    expect(p.history[0]).toMatchObject({
      action: 'withdrawn',
      source: 'phone',
      reason: '건강정보 문자 그만 받기 원함',
      userName: 'pr1 주무관',
      fieldId: health,
    });
    expect(p.suppressed.sms).toEqual({ all: false, fieldIds: [health] });

    const all = await t.core.router.call(
      'subscribers.withdraw',
      { id: ids.홍길동, source: 'visit', reason: '이사' },
      pr,
    );
    expect(all).toEqual({ withdrawn: 2, status: 'withdrawn' });
    p = await get(ids.홍길동, pr);
    expect(p.subscriber.status).toBe('withdrawn');
    expect(p.consent.every((c) => !c.granted)).toBe(true);
    expect(p.suppressed.sms.all).toBe(true);
    expect(p.suppressed.email.all).toBe(true);
    const nothing = await t.core.router.dispatch(
      'subscribers.withdraw',
      { id: ids.홍길동, source: 'phone', reason: '다시' },
      pr,
    );
    expect(nothing).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const short = await t.core.router.dispatch(
      'subscribers.withdraw',
      { id: ids.홍길순, source: 'phone', reason: 'x' },
      pr,
    );
    expect(short).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    if (!short.ok) expect(short.error.message).toMatch(/사유/);
  });
});
