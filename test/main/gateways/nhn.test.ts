import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { campaignsOf } from '../../../src/main/campaigns/module';
import { NhnGateway } from '../../../src/main/gateways/nhn';
import { makeTestCore, type TestCore } from '../../support/core';
import { type NhnTestServer, startNhnServer } from '../../support/nhnServer';
import { draft } from '../campaigns/helpers';
import { call, crashedWhileSending, DAY, launch, rows, states } from './helpers';

let t: TestCore;
let srv: NhnTestServer;
let offset = 0;
const SENDER = '0222860114';

beforeEach(async () => {
  offset = 0;
  t = await makeTestCore({ now: DAY });
  t.core.settings.update({ senderNumber: '02-2286-0114', adOptOutNumber: '080-123-4567' });
  srv = await startNhnServer({
    appKey: 'APPKEY1',
    secretKey: 'sk-123',
    senders: [SENDER],
    deliverAfterMs: 60_000,
    now: () => new Date(Date.now() + offset),
    outcome: (to) => (to.endsWith('0002') ? '0' : to.endsWith('0003') ? '6' : '3'),
  });
  await call(t, 'campaigns.settings.update', {
    smsGateway: 'nhn',
    nhn: { baseUrl: srv.url, appKey: 'APPKEY1', sender: '', unsubscribeNo: '', timeoutMs: 5000 },
  });
  await call(t, 'gateways.setSecret', { name: 'nhnSecretKey', value: 'sk-123' });
});
afterEach(async () => {
  await campaignsOf(t.core).dispatcher.idle();
  t.cleanup();
  await srv.close();
});

describe('NHN Cloud adapter against the NHN test server', () => {
  test('personalised texts go 1,000 to a request as template parameters; msgStatus polling fills the outbox', async () => {
    const { m, id } = launch(t, 5);
    expect(m.gateway()).toBeInstanceOf(NhnGateway);
    await m.dispatcher.run(id);
    expect(srv.counts['POST /sms/v3.0/appKeys/*/sender/sms']).toBe(1);
    expect(srv.messages).toHaveLength(5);
    const first = srv.messages.find((x) => x.recipientNo === '01010000000')!;
    expect(first.body).toContain('주민0님, 구민회관 공연 안내입니다.');
    expect(first.sendNo).toBe(SENDER);
    expect(states(t, id)).toEqual({ accepted: 5 });

    offset = 120_000; // NHN has the carriers' answers now
    expect(await m.dispatcher.pollReports(id)).toBe(0);
    expect(states(t, id)).toEqual({ delivered: 3, failed: 2 });
    const out = rows(t, id);
    expect(out.find((r) => r.address.endsWith('0002'))).toMatchObject({
      code: '0',
      reason: expect.stringMatching(/^발송 실패/),
    });
    expect(out.find((r) => r.address.endsWith('0003'))).toMatchObject({
      code: '6',
      reason: expect.stringMatching(/광고 문자 제한/),
    });
    // the outbox token travels as recipientGroupingKey
    expect(srv.messages.map((x) => x.recipientGroupingKey).sort()).toEqual(out.map((r) => r.token).sort());
  });

  test('LMS goes to the mms endpoint with its title, ads to ad-mms', async () => {
    const m = campaignsOf(t.core);
    const { addMany } = await import('../campaigns/helpers');
    addMany(t.core, 2, 'culture');
    const long = '구민회관 4월 공연 안내입니다. '.repeat(8);
    const c = m.service.save(
      draft(t.core, { isAd: true, sms: { text: long, subject: '4월 공연', appendSns: false } }),
      'a',
    );
    m.settings.update({ dispatch: { ...m.settings.get().dispatch, smsRatePerSecond: 100_000 } });
    m.service.launch(c.id, false, { userId: 'a', audit: () => {} }, { dispatch: false });
    await m.dispatcher.run(c.id);
    expect(srv.counts['POST /sms/v3.0/appKeys/*/sender/ad-mms']).toBe(1);
    expect(srv.messages.map((x) => [x.kind, x.ad, x.title])).toEqual([
      ['mms', true, '4월 공연'],
      ['mms', true, '4월 공연'],
    ]);
    expect(srv.messages[0].body.startsWith('(광고)')).toBe(true);
  });

  test('a wrong secret key is refused and recorded in Korean; 연결 시험 checks the sender number', async () => {
    const ok = await call<{ ok: boolean; message: string }>(t, 'gateways.test', {});
    expect(ok).toMatchObject({ ok: true, message: expect.stringContaining(`발신번호 ${SENDER} 사용 가능`) });
    await call(t, 'gateways.setSecret', { name: 'nhnSecretKey', value: 'nope' });
    const bad = await call<{ ok: boolean; message: string }>(t, 'gateways.test', { provider: 'nhn' });
    expect(bad).toMatchObject({ ok: false, message: expect.stringMatching(/NHN Cloud 인증에 실패/) });
    const { m, id } = launch(t, 1);
    await m.dispatcher.run(id);
    expect(srv.messages).toHaveLength(0);
    expect(rows(t, id)[0]).toMatchObject({
      status: 'failed',
      reason: expect.stringMatching(/NHN Cloud 인증/),
    });
    expect(srv.rejected).toBeGreaterThanOrEqual(2);
  });

  test('a lost answer and a crash: found again by recipientGroupingKey, never sent twice', async () => {
    const { m, id } = launch(t, 3);
    const before = rows(t, id);
    await m.gateway().sendBatch([
      {
        key: before[0].token,
        to: before[0].address,
        from: SENDER,
        text: '멈춤',
        subject: null,
        class: 'SMS',
        isAd: false,
      },
    ]);
    crashedWhileSending(t, id, [before[0].token]);
    srv.failNext = 'drop-after-store';
    await m.dispatcher.run(id);
    expect(srv.messages).toHaveLength(3);
    expect(new Set(srv.messages.map((x) => x.recipientGroupingKey)).size).toBe(3);
    expect(states(t, id)).toEqual({ accepted: 3 });
    expect(rows(t, id).every((r) => r.providerId?.startsWith('sms:'))).toBe(true);
  });

  test('the 080 block list is an opt-out source', async () => {
    launch(t, 2);
    srv.blocked.push({
      recipientNo: '01010000001',
      unsubscribeNo: '0801234567',
      createDate: '2026-03-01 10:00:00',
    });
    expect(t.core.optout.sync.registered().map((s) => s.name)).toContain('NHN 080');
    const r = await call<{ applied: number; sources: { name: string; fetched: number }[] }>(
      t,
      'optout.sync',
      {},
    );
    expect(r.applied).toBe(1);
    expect(r.sources).toEqual([expect.objectContaining({ name: 'NHN 080', fetched: 1 })]);
    expect(t.core.subscriberRepo.suppression('sms', '01010000001').all).toBe(true);
  });
});
