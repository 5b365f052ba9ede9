import os from 'node:os';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { campaignsOf } from '../../../src/main/campaigns/module';
import {
  GatewayError,
  type DeliveryStatus,
  type SendResult,
  type SmsGateway,
  type SmsMessage,
} from '../../../src/main/gateways/types';
import { makeTestCore, type TestCore } from '../../support/core';
import { addMany, draft } from '../campaigns/helpers';

let t: TestCore;
beforeEach(async () => {
  t = await makeTestCore({ now: new Date('2026-03-02T10:00:00+09:00') });
});
afterEach(async () => {
  await campaignsOf(t.core).dispatcher.idle();
  t.cleanup();
});

/** A gateway that can be told to fail, and that may not honour idempotency keys. */
class FakeGateway implements SmsGateway {
  maxBatch = 100;
  honoursIdempotencyKey = false;
  canQueryStatus = true;
  sent: SmsMessage[] = [];
  failWith: GatewayError | null = null;
  known = new Map<string, DeliveryStatus>();
  describe() {
    return { name: '가짜', real: false, notice: '' };
  }
  async sendBatch(ms: SmsMessage[]): Promise<SendResult[]> {
    if (this.failWith) throw this.failWith;
    this.sent.push(...ms);
    return ms.map((m) => ({ key: m.key, status: 'delivered' as const, code: '4000' }));
  }
  async queryStatus(keys: string[]) {
    return keys.map((k) => this.known.get(k) ?? { key: k, status: 'unknown' as const });
  }
}

function launch(n: number) {
  addMany(t.core, n, 'culture');
  const m = campaignsOf(t.core);
  const c = m.service.save(draft(t.core), 'author');
  m.service.launch(c.id, false, { userId: 'author', audit: () => {} }, { dispatch: false });
  return { m, id: c.id };
}

const states = (id: string) =>
  Object.fromEntries(
    (
      t.core.sqlite
        .prepare('SELECT status, count(*) AS n FROM outbox WHERE campaign_id = ? GROUP BY status')
        .all(id) as { status: string; n: number }[]
    ).map((r) => [r.status, r.n]),
  );

function crashedWhileSending(id: string, n: number) {
  t.core.sqlite
    .prepare(
      `UPDATE outbox SET status = 'sending', attempts = 1 WHERE id IN (SELECT id FROM outbox WHERE campaign_id = ? ORDER BY id LIMIT ?)`,
    )
    .run(id, n);
  t.core.sqlite
    .prepare('UPDATE campaigns SET runner_pid = 999999999, runner_host = ? WHERE id = ?')
    .run(os.hostname(), id);
}

describe('dispatcher', () => {
  test('rows claimed by a crashed process: asked of the gateway; never resent blindly', async () => {
    const { m, id } = launch(6);
    const gw = new FakeGateway();
    m.useGateway(gw);
    crashedWhileSending(id, 3);
    const tokens = t.core.sqlite
      .prepare("SELECT token FROM outbox WHERE status = 'sending' ORDER BY id")
      .pluck()
      .all() as string[];
    gw.known.set(tokens[0], { key: tokens[0], status: 'delivered', code: '4000' });
    gw.known.set(tokens[1], { key: tokens[1], status: 'failed', code: '3010', reason: '없는 번호' });
    // tokens[2]: unknown, and this gateway does not honour keys → 확인 필요
    await m.dispatcher.run(id);
    expect(states(id)).toEqual({ delivered: 4, failed: 1, needs_review: 1 });
    expect(gw.sent.map((s) => s.key)).not.toContain(tokens[0]);
    expect(gw.sent.map((s) => s.key)).not.toContain(tokens[2]);
    expect(gw.sent).toHaveLength(3);
  });

  test('a gateway that honours keys gets a never-seen key again', async () => {
    const { m, id } = launch(2);
    crashedWhileSending(id, 2);
    await m.dispatcher.run(id, { waitForReportsMs: 1000 });
    expect(states(id)).toEqual({ delivered: 2 });
    expect(t.core.sqlite.prepare('SELECT max(calls) FROM test_gateway_messages').pluck().get()).toBe(1);
  });

  test('a live owner elsewhere is not disturbed', async () => {
    const { m, id } = launch(1);
    t.core.sqlite
      .prepare('UPDATE campaigns SET runner_pid = ?, runner_host = ? WHERE id = ?')
      .run(process.ppid, os.hostname(), id);
    await expect(m.dispatcher.run(id)).rejects.toThrow(/다른 프로그램/);
  });

  test('transient gateway errors are retried with backoff, then the campaign pauses after N in a row', async () => {
    const { m, id } = launch(4);
    const gw = new FakeGateway();
    gw.honoursIdempotencyKey = true;
    gw.failWith = new GatewayError('down', '발송 업체 서버에 연결할 수 없습니다', { transient: true });
    m.useGateway(gw);
    m.settings.update({
      dispatch: { ...m.settings.get().dispatch, retryBaseMs: 10, pauseAfterErrors: 3, smsBatchSize: 2 },
    });
    await m.dispatcher.run(id);
    const c = m.service.row(id);
    expect(c.status).toBe('paused');
    expect(c.pauseReason).toMatch(/연속 3번 오류.*발송 업체 서버/);
    expect(states(id)).toEqual({ queued: 4 });
    gw.failWith = null;
    m.service.resume(id, false, { dispatch: false });
    await m.dispatcher.run(id);
    expect(states(id)).toEqual({ delivered: 4 });
  });

  test('permanent errors are recorded with the provider code and a Korean reason', async () => {
    const { m, id } = launch(2);
    const gw = new FakeGateway();
    gw.failWith = new GatewayError('auth', '발송 업체 인증에 실패했습니다', {
      transient: false,
      code: 'AUTH',
    });
    m.useGateway(gw);
    await m.dispatcher.run(id);
    const rows = t.core.sqlite
      .prepare('SELECT status, reason, provider_code AS code FROM outbox WHERE campaign_id = ?')
      .all(id);
    expect(rows).toEqual([
      { status: 'failed', reason: '발송 업체 인증에 실패했습니다', code: 'AUTH' },
      { status: 'failed', reason: '발송 업체 인증에 실패했습니다', code: 'AUTH' },
    ]);
  });

  test('progress goes out as campaign.progress events', async () => {
    const { m, id } = launch(10);
    const seen: { done: number; total: number; status: string }[] = [];
    const stop = t.core.events.subscribe((name, p) => {
      if (name === 'campaign.progress') seen.push(p as never);
    });
    await m.dispatcher.run(id, { waitForReportsMs: 1000 });
    stop();
    expect(seen.at(-1)).toMatchObject({ campaignId: id, status: 'done', done: 10, total: 10 });
  });

  test('night falls during an ad send: it pauses itself', async () => {
    const { m, id } = launch(3);
    t.core.sqlite.prepare('UPDATE campaigns SET is_ad = 1 WHERE id = ?').run(id);
    t.clock.t = new Date('2026-03-02T21:00:00+09:00').getTime();
    await m.dispatcher.run(id);
    expect(m.service.row(id)).toMatchObject({
      status: 'paused',
      pauseReason: expect.stringMatching(/밤 9시/),
    });
    await expect(t.core.router.call('campaigns.resume', { id, confirmNight: true }, t.cli)).rejects.toThrow(
      /광고 문자/,
    );
  });
});
