import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { campaignsOf } from '../../../src/main/campaigns/module';
import { SolapiGateway, solapiStatus } from '../../../src/main/gateways/solapi';
import { makeTestCore, type TestCore } from '../../support/core';
import { type SolapiTestServer, startSolapiServer } from '../../support/solapiServer';
import { call, crashedWhileSending, DAY, launch, rows, states } from './helpers';

let t: TestCore;
let srv: SolapiTestServer;
const SENDER = '0222860114';

beforeEach(async () => {
  t = await makeTestCore({ now: DAY });
  t.core.settings.update({ senderNumber: '02-2286-0114', adOptOutNumber: '080-123-4567' });
  srv = await startSolapiServer({
    apiKey: 'NCSKEY',
    apiSecret: 'secret-abc',
    senders: [SENDER],
    // …0003 is not a number, …0004 opted out through 080: the provider's own verdicts
    outcome: (to) => (to.endsWith('0003') ? '3010' : to.endsWith('0004') ? '1061' : '4000'),
  });
  await call(t, 'campaigns.settings.update', {
    smsGateway: 'solapi',
    solapi: { baseUrl: srv.url, apiKey: 'NCSKEY', sender: '', timeoutMs: 5000 },
  });
  await call(t, 'gateways.setSecret', { name: 'solapiApiSecret', value: 'secret-abc' });
});
afterEach(async () => {
  await campaignsOf(t.core).dispatcher.idle();
  t.cleanup();
  await srv.close();
});

describe('Solapi adapter against the Solapi test server', () => {
  test('a campaign goes out in one signed send-many call; polled results fill the outbox with Korean reasons', async () => {
    const { m, id } = launch(t, 6);
    expect(m.gateway()).toBeInstanceOf(SolapiGateway);
    expect(m.gateway().describe().real).toBe(true);
    await m.dispatcher.run(id, { waitForReportsMs: 5000 });

    expect(srv.counts['/messages/v4/send-many/detail']).toBe(1);
    expect(srv.rejected).toEqual([]);
    expect(srv.messages).toHaveLength(6);
    const out = rows(t, id);
    // the outbox token travels as the key and comes back with the results
    expect(srv.messages.map((x) => x.customFields.key).sort()).toEqual(out.map((r) => r.token).sort());
    expect(srv.messages[0]).toMatchObject({ from: SENDER, type: 'SMS' });
    expect(srv.messages.find((x) => x.to === '01010000000')?.text).toContain(
      '주민0님, 구민회관 공연 안내입니다.',
    );
    expect(states(t, id)).toEqual({ delivered: 4, failed: 2 });
    const bad = out.find((r) => r.address.endsWith('0003'))!;
    expect(bad).toMatchObject({
      status: 'failed',
      code: '3010',
      reason: '없는 번호이거나 받을 수 없는 번호',
    });
    expect(out.find((r) => r.address.endsWith('0004'))).toMatchObject({
      code: '1061',
      reason: '080 수신거부한 번호',
    });
    expect(out.every((r) => r.providerId?.startsWith('M4V'))).toBe(true);
    expect(m.service.row(id).status).toBe('done');
  });

  test('results that come later are polled: accepted (3000) first, delivered once Solapi reports 4000', async () => {
    await srv.close();
    let offset = 0;
    srv = await startSolapiServer({
      apiKey: 'NCSKEY',
      apiSecret: 'secret-abc',
      deliverAfterMs: 60_000,
      now: () => new Date(Date.now() + offset),
    });
    const m = campaignsOf(t.core);
    m.settings.update({ solapi: { ...m.settings.get().solapi, baseUrl: srv.url } });
    const { id } = launch(t, 3);
    await m.dispatcher.run(id);
    expect(srv.messages).toHaveLength(3);
    expect(await m.dispatcher.pollReports(id)).toBe(3);
    expect(states(t, id)).toEqual({ accepted: 3 });
    offset = 2 * 60_000; // two minutes later at Solapi (inside its clock window)
    expect(await m.dispatcher.pollReports(id)).toBe(0);
    expect(states(t, id)).toEqual({ delivered: 3 });
    expect(srv.counts['/messages/v4/list']).toBeGreaterThanOrEqual(2);
  });

  test('연결 시험: balance with the right secret; a wrong secret and a skewed clock are refused and told in Korean', async () => {
    const ok = await call<{ ok: boolean; message: string; balance: number }>(t, 'gateways.test', {});
    expect(ok).toEqual({ ok: true, balance: 100000, message: expect.stringContaining('잔액 100,000원') });

    const skewed = new SolapiGateway({
      baseUrl: srv.url,
      apiKey: 'NCSKEY',
      apiSecret: 'secret-abc',
      now: () => new Date(Date.now() - 20 * 60_000),
    });
    const r = await skewed.check();
    expect(r.ok).toBe(false);
    expect(r.message).toMatch(/시계가 15분 넘게 틀려/);

    await call(t, 'gateways.setSecret', { name: 'solapiApiSecret', value: 'wrong-secret' });
    const bad = await call<{ ok: boolean; message: string }>(t, 'gateways.test', {});
    expect(bad).toMatchObject({ ok: false, message: expect.stringMatching(/API Secret이 맞지 않습니다/) });
    expect(srv.rejected.map((x) => x.code)).toEqual(['RequestTimeTooSkewed', 'SignatureDoesNotMatch']);

    // a campaign with the wrong secret: nothing sent, every row failed with the Korean reason
    const { m, id } = launch(t, 2);
    await m.dispatcher.run(id);
    expect(srv.messages).toHaveLength(0);
    expect(rows(t, id).map((x) => [x.status, x.code, x.reason])).toEqual([
      ['failed', 'SignatureDoesNotMatch', expect.stringMatching(/API Secret이 맞지 않습니다/)],
      ['failed', 'SignatureDoesNotMatch', expect.stringMatching(/API Secret이 맞지 않습니다/)],
    ]);

    // the secret is in the key file only: not in the settings table, not in the access log
    const dump = t.core.sqlite.prepare('SELECT group_concat(value) FROM settings').pluck().get() as string;
    expect(dump).not.toContain('wrong-secret');
    const log = JSON.stringify(t.core.sqlite.prepare('SELECT * FROM audit_log').all());
    expect(log).not.toContain('wrong-secret');
    expect(log).toContain('solapiApiSecret');
  });

  test('an answer lost after Solapi stored the batch: the retry finds the messages and sends nothing twice', async () => {
    const { m, id } = launch(t, 3);
    srv.failNext = 'drop-after-store';
    await m.dispatcher.run(id, { waitForReportsMs: 5000 });
    expect(srv.counts['/messages/v4/send-many/detail']).toBe(1);
    expect(srv.messages).toHaveLength(3);
    expect(states(t, id)).toEqual({ delivered: 3 });
    expect(rows(t, id).every((r) => r.attempts === 2)).toBe(true);
  });

  test('a server error before anything was stored is retried and sent once', async () => {
    const { m, id } = launch(t, 2);
    srv.failNext = '500';
    await m.dispatcher.run(id, { waitForReportsMs: 5000 });
    expect(srv.counts['/messages/v4/send-many/detail']).toBe(2);
    expect(srv.messages).toHaveLength(2);
    expect(states(t, id)).toEqual({ delivered: 2 });
  });

  test('crash after the call: rows left in sending are reconciled from Solapi by key, the rest is sent', async () => {
    const { m, id } = launch(t, 3);
    const before = rows(t, id);
    // the dead process had handed the first two to Solapi but never recorded the answer
    await m.gateway().sendBatch(
      before.slice(0, 2).map((r) => ({
        key: r.token,
        to: r.address,
        from: SENDER,
        text: '보낸 뒤 멈춤',
        subject: null,
        class: 'SMS' as const,
        isAd: false,
      })),
    );
    crashedWhileSending(
      t,
      id,
      before.slice(0, 2).map((r) => r.token),
    );
    await m.dispatcher.run(id, { waitForReportsMs: 5000 });
    expect(srv.messages).toHaveLength(3);
    expect(new Set(srv.messages.map((x) => x.customFields.key)).size).toBe(3);
    expect(states(t, id)).toEqual({ delivered: 3 });
  });

  test('the 080 list (GET /iam/v1/black?type=DENIAL) is an opt-out source: ingested once, the person suppressed', async () => {
    launch(t, 3);
    srv.blackList.push(
      { recipientNumber: '01010000001', senderNumber: '0801234567', dateCreated: '2026-03-01T01:00:00.000Z' },
      { recipientNumber: '01099998888', senderNumber: '0801234567', dateCreated: '2026-03-01T02:00:00.000Z' },
    );
    expect(t.core.optout.sync.registered().map((s) => s.name)).toContain('솔라피 080');
    type Sync = {
      applied: number;
      unmatched: number;
      sources: { name: string; fetched: number; error: string | null }[];
    };
    const first = await call<Sync>(t, 'optout.sync', {});
    expect(first.sources).toEqual([expect.objectContaining({ name: '솔라피 080', fetched: 2, error: null })]);
    expect(first).toMatchObject({ applied: 1, unmatched: 1 });
    expect(t.core.subscriberRepo.suppression('sms', '01010000001').all).toBe(true);
    const again = await call<Sync>(t, 'optout.sync', {});
    expect(again).toMatchObject({ applied: 0, unmatched: 0 });

    // without a secret the list is no longer registered
    await call(t, 'gateways.setSecret', { name: 'solapiApiSecret', value: '' });
    expect(t.core.optout.sync.registered().map((s) => s.name)).not.toContain('솔라피 080');
  });
});

describe('Solapi status codes → Korean reasons', () => {
  test.each([
    ['4000', 'delivered', undefined],
    ['2000', 'accepted', undefined],
    ['3000', 'accepted', undefined],
    ['1061', 'failed', '080 수신거부한 번호'],
    ['2061', 'failed', '080 수신거부한 번호'],
    ['1060', 'failed', '발송이 차단된 번호'],
    ['3010', 'failed', '없는 번호이거나 받을 수 없는 번호'],
    ['3032', 'failed', '통신사 가입자가 아닌 번호'],
    ['1062', 'failed', '발신번호가 발송 업체에 등록되지 않았습니다'],
    ['9999', 'failed', '발송기 오류 (코드 9999)'],
  ])('%s → %s', (code, status, reason) => {
    const s = solapiStatus('k', { messageId: 'M', statusCode: code });
    expect(s.status).toBe(status);
    expect(s.reason).toBe(reason);
  });
});
