import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { campaignsOf } from '../../../src/main/campaigns/module';
import { UnconfiguredGateway } from '../../../src/main/gateways/factory';
import { KannelGateway } from '../../../src/main/gateways/kannel';
import { NhnGateway } from '../../../src/main/gateways/nhn';
import { SolapiGateway } from '../../../src/main/gateways/solapi';
import { TestSmsGateway } from '../../../src/main/gateways/testGateway';
import { makeTestCore, type TestCore } from '../../support/core';
import { type SolapiTestServer, startSolapiServer } from '../../support/solapiServer';
import { call, DAY, launch, states } from './helpers';

let t: TestCore;
beforeEach(async () => {
  t = await makeTestCore({ now: DAY });
  t.core.settings.update({ senderNumber: '02-2286-0114' });
});
afterEach(async () => {
  await campaignsOf(t.core).dispatcher.idle();
  t.cleanup();
});

const settings = (patch: Record<string, unknown>) => call(t, 'campaigns.settings.update', patch);

describe('gateway factory: the settings choose the adapter', () => {
  test('the test gateway by default; each provider once its key and secret are saved; one instance per configuration', async () => {
    const m = campaignsOf(t.core);
    expect(m.gateway()).toBeInstanceOf(TestSmsGateway);

    await settings({ smsGateway: 'solapi', solapi: { baseUrl: 'http://127.0.0.1:9', apiKey: 'K' } });
    expect(m.gateway()).toBeInstanceOf(UnconfiguredGateway);
    await call(t, 'gateways.setSecret', { name: 'solapiApiSecret', value: 'S' });
    const sol = m.gateway();
    expect(sol).toBeInstanceOf(SolapiGateway);
    expect(m.gateway()).toBe(sol);

    await settings({ smsGateway: 'nhn', nhn: { appKey: 'A' } });
    await call(t, 'gateways.setSecret', { name: 'nhnSecretKey', value: 'N' });
    expect(m.gateway()).toBeInstanceOf(NhnGateway);

    await settings({ smsGateway: 'kannel', kannel: { username: 'tester', smsc: 'FAKE' } });
    await call(t, 'gateways.setSecret', { name: 'kannelPassword', value: 'foobar' });
    const k = m.gateway();
    expect(k).toBeInstanceOf(KannelGateway);
    // delivery reports are asked for at the public listener's base URL, with the outbox key
    t.core.settings.update({ publicBaseUrl: 'https://sotong.example.go.kr' });
    const url = new URL(
      (m.gateway() as KannelGateway).urlFor({
        key: 'tok-1',
        to: '01012345678',
        from: '0222860114',
        text: '안녕하세요',
        subject: null,
        class: 'SMS',
        isAd: false,
      }),
    );
    expect(url.searchParams.get('dlr-url')).toMatch(
      /^https:\/\/sotong\.example\.go\.kr\/cb\/kannel\/dlr\?id=tok-1&/,
    );
    expect(url.searchParams.get('smsc')).toBe('FAKE');

    // a useGateway override (tests) still wins
    const fake = new TestSmsGateway(
      t.core.sqlite,
      () => ({ failureRate: 0, deliveryDelayMs: 0 }),
      () => DAY,
    );
    m.useGateway(fake);
    expect(m.gateway()).toBe(fake);
    m.useGateway(null);

    await settings({ smsGateway: 'test' });
    expect(m.gateway()).toBeInstanceOf(TestSmsGateway);
  });

  test('secrets live in the 0600 key file, never in the settings table; status shows only whether they are set', async () => {
    await call(t, 'gateways.setSecret', { name: 'nhnSecretKey', value: 'very-secret-key' });
    const file = path.join(t.dir, 'sotong.secrets');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).nhnSecretKey).toBe('very-secret-key');
    const all = JSON.stringify(t.core.sqlite.prepare('SELECT * FROM settings').all());
    expect(all).not.toContain('very-secret-key');
    const st = await call<{ secrets: Record<string, boolean>; selected: string; real: boolean }>(
      t,
      'gateways.status',
      {},
    );
    expect(st).toMatchObject({
      selected: 'test',
      real: false,
      secrets: { solapiApiSecret: false, nhnSecretKey: true, kannelPassword: false },
    });
    expect(JSON.stringify(st)).not.toContain('very-secret-key');
    const s = await call<Record<string, unknown>>(t, 'campaigns.settings.get', {});
    expect(JSON.stringify(s)).not.toContain('very-secret-key');
  });

  test('a provider chosen but not set up: nothing is sent, rows wait and the campaign pauses with a Korean reason', async () => {
    await settings({ smsGateway: 'solapi' });
    const { m, id } = launch(t, 2);
    m.settings.update({ dispatch: { ...m.settings.get().dispatch, pauseAfterErrors: 2, retryBaseMs: 10 } });
    await m.dispatcher.run(id);
    expect(m.service.row(id)).toMatchObject({
      status: 'paused',
      pauseReason: expect.stringMatching(/솔라피 설정\(키·비밀 값\)이 끝나지 않았습니다/),
    });
    expect(states(t, id)).toEqual({ queued: 2 });
  });

  describe('with a Solapi test server', () => {
    let srv: SolapiTestServer;
    beforeEach(async () => {
      srv = await startSolapiServer({ apiKey: 'K', apiSecret: 'S', senders: ['0222860114'] });
      await settings({ smsGateway: 'solapi', solapi: { baseUrl: srv.url, apiKey: 'K' } });
      await call(t, 'gateways.setSecret', { name: 'solapiApiSecret', value: 'S' });
    });
    afterEach(() => srv.close());

    test('시험 발송 to a staff number goes through the chosen gateway and is audited', async () => {
      const r = await call<{ status: string; message: string }>(t, 'gateways.testSend', {
        phone: '010-1234-5678',
      });
      expect(r).toMatchObject({ status: 'accepted', message: expect.stringContaining('접수되었습니다') });
      expect(srv.messages).toEqual([
        expect.objectContaining({
          to: '01012345678',
          from: '0222860114',
          text: '[소통창구] 문자 발송 시험입니다.',
        }),
      ]);
      await expect(call(t, 'gateways.testSend', { phone: '02-123-4567' })).rejects.toThrow(/휴대전화 번호/);
      const audit = t.core.sqlite
        .prepare("SELECT action, target_type AS targetType FROM audit_log WHERE target_type = 'gateway'")
        .all();
      expect(audit).toContainEqual({ action: 'send', targetType: 'gateway' });
      expect(audit).toContainEqual({ action: 'settings', targetType: 'gateway' });
    });
  });
});

describe('Kannel chosen in settings, against a real Kannel with fakesmsc', () => {
  test('연결 시험 tells a wrong password from a right one; a Korean campaign reaches the carrier intact', async () => {
    const { startKannel } = await import('../../support/kannel');
    const peer = await startKannel({ moUrl: 'http://127.0.0.1:9/mo', what: '발송기 선택(Kannel)' });
    if (!peer) return;
    try {
      await settings({
        smsGateway: 'kannel',
        kannel: { sendsmsUrl: peer.sendsmsUrl, username: peer.username, smsc: peer.smsc },
      });
      await call(t, 'gateways.setSecret', { name: 'kannelPassword', value: 'wrong' });
      const bad = await call<{ ok: boolean; message: string }>(t, 'gateways.test', {});
      expect(bad).toMatchObject({ ok: false, message: expect.stringMatching(/비밀번호를 거부/) });
      await call(t, 'gateways.setSecret', { name: 'kannelPassword', value: peer.password });
      const ok = await call<{ ok: boolean; message: string }>(t, 'gateways.test', {});
      expect(ok).toMatchObject({ ok: true, message: expect.stringContaining('Kannel에 연결되었습니다') });

      const { m, id } = launch(t, 1);
      expect(m.gateway()).toBeInstanceOf(KannelGateway);
      await m.dispatcher.run(id);
      const got = await peer.waitFor('the text at fakesmsc', (r) => r.find((x) => x.to === '01010000000'));
      expect(got.text).toContain('주민0님, 구민회관 공연 안내입니다.');
    } finally {
      await peer.stop();
    }
  }, 120_000);
});
