import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { reasonFor } from '../../../src/main/gateways/codes';
import { TestSmsGateway } from '../../../src/main/gateways/testGateway';
import type { SmsMessage } from '../../../src/main/gateways/types';
import { makeTestCore, type TestCore } from '../../support/core';

let t: TestCore;
let opts = { failureRate: 0, deliveryDelayMs: 0 };
let gw: TestSmsGateway;
beforeEach(async () => {
  t = await makeTestCore();
  opts = { failureRate: 0, deliveryDelayMs: 0 };
  gw = new TestSmsGateway(t.core.sqlite, () => opts, t.core.clock.now);
});
afterEach(() => t.cleanup());

const msg = (key: string, to = '01012345678'): SmsMessage => ({
  key,
  to,
  from: '0222865114',
  text: '안내',
  subject: null,
  class: 'SMS',
  isAd: false,
});

describe('test gateway', () => {
  test('says plainly that nothing is really sent', () => {
    expect(gw.describe()).toEqual({
      name: '테스트 발송기',
      real: false,
      notice: expect.stringMatching(/^실제로 발송되지 않습니다/),
    });
  });

  test('honours the idempotency key: a repeated key is answered with the original result, not sent again', async () => {
    const [first] = await gw.sendBatch([msg('k1')]);
    opts.failureRate = 1; // would fail now, but the key was already answered
    const [again] = await gw.sendBatch([{ ...msg('k1'), text: '다른 내용' }]);
    expect(again).toEqual(first);
    const rows = t.core.sqlite.prepare('SELECT text, calls FROM test_gateway_messages').all();
    expect(rows).toEqual([{ text: '안내', calls: 2 }]);
  });

  test('delivery after the configured delay; unknown keys are unknown', async () => {
    opts.deliveryDelayMs = 60_000;
    await gw.sendBatch([msg('a')]);
    expect((await gw.queryStatus(['a', 'nope'])).map((s) => s.status)).toEqual(['accepted', 'unknown']);
    t.clock.t += 60_000;
    expect((await gw.queryStatus(['a']))[0]).toMatchObject({ status: 'delivered', code: 'OK' });
  });

  test('failure rate is simulated per key (same key, same fate) with a Korean reason', async () => {
    opts.failureRate = 0.3;
    const keys = Array.from({ length: 400 }, (_, i) => `key-${i}`);
    await gw.sendBatch(keys.map((k) => msg(k)));
    const st = await gw.queryStatus(keys);
    const failed = st.filter((s) => s.status === 'failed');
    expect(failed.length).toBeGreaterThan(80);
    expect(failed.length).toBeLessThan(160);
    expect(failed[0].reason).toBe(reasonFor('test', 'T_FAIL'));
  });

  test('a number that is not a mobile fails at once', async () => {
    const [r] = await gw.sendBatch([msg('x', '0212345678')]);
    expect(r).toMatchObject({
      status: 'failed',
      code: 'T_BAD_NUMBER',
      reason: '받는 번호가 휴대전화 번호가 아닙니다',
    });
  });

  test('provider codes map to Korean reasons (real providers included)', () => {
    expect(reasonFor('solapi', '1061')).toBe('080 수신거부한 번호');
    expect(reasonFor('nhn', '3')).toBe('전달됨');
    expect(reasonFor('solapi', '9999')).toBe('발송기 오류 (코드 9999)');
  });
});
