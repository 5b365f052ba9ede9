// KannelGateway against a real Kannel (bearerbox + smsbox) with fakesmsc as the carrier, and the
// real public listener of a real core receiving the delivery reports.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaignsOf } from '../../../src/main/campaigns/module';
import { feedbackOf } from '../../../src/main/dispatch/feedback';
import { KannelGateway, kannelDlrUrl, kannelResult } from '../../../src/main/gateways/kannel';
import { GatewayError, type SmsMessage } from '../../../src/main/gateways/types';
import { applyPublicSettings, publicServerOf } from '../../../src/main/public';
import { makeTestCore, type TestCore } from '../../support/core';
import { freePort, type KannelPeer, kannelMissing, startKannel, until } from '../../support/kannel';
import { addPeople, draft } from '../campaigns/helpers';

describe('kannelResult: Kannel의 답 → 결과', () => {
  it('0/3은 접수, 403은 인증 오류, 503은 다시 시도, 400은 거부 (한국어 사유)', () => {
    expect(kannelResult('k', { status: 202, body: '0: Accepted for delivery' })).toMatchObject({
      status: 'accepted',
      code: 'KANNEL_0',
    });
    expect(kannelResult('k', { status: 202, body: '3: Queued for later delivery' })).toMatchObject({
      status: 'accepted',
      code: 'KANNEL_3',
    });
    expect(kannelResult('k', { status: 403, body: 'Authorization failed for sendsms' })).toMatchObject({
      status: 'failed',
      reason: expect.stringContaining('비밀번호'),
    });
    expect(kannelResult('k', { status: 503, body: 'Sending failed.' })).toMatchObject({
      status: 'failed',
      retryable: true,
      reason: expect.stringContaining('잠시'),
    });
    expect(kannelResult('k', { status: 400, body: 'Missing receiver number' })).toMatchObject({
      status: 'failed',
      reason: expect.stringContaining('거부'),
    });
  });
});

describe.skipIf(kannelMissing.length > 0)('KannelGateway ↔ 실제 Kannel + fakesmsc', () => {
  let t: TestCore;
  let kannel: KannelPeer;
  let base: string;
  let gw: KannelGateway;

  beforeAll(async () => {
    t = await makeTestCore();
    const l = await applyPublicSettings(t.core, { host: '127.0.0.1', port: 0, force: true });
    base = l!.url;
    kannel = (await startKannel({ moUrl: `${base}/cb/kannel/mo`, what: 'Kannel 발송 시험' }))!;
    gw = new KannelGateway({
      sendsmsUrl: kannel.sendsmsUrl,
      username: kannel.username,
      password: kannel.password,
      smsc: kannel.smsc,
      dlrUrl: (key) => kannelDlrUrl(base, key),
      timeoutMs: 10_000,
    });
  }, 60_000);

  afterAll(async () => {
    gw?.close();
    await kannel?.stop();
    await campaignsOf(t.core).dispatcher.idle();
    await publicServerOf(t.core).close();
    t.cleanup();
  }, 30_000);

  it('개인화한 한국어 캠페인이 fakesmsc에 그대로 도착하고, 전달 보고(dlr-url)로 outbox가 전달됨', async () => {
    const people = [
      { name: '김민지', mobile: '01020001001' },
      { name: '박서준', mobile: '01020001002' },
      { name: '이하늘', mobile: '01020001003' },
    ];
    addPeople(
      t.core,
      people.map((p) => ({ ...p, smsFields: ['culture'] })),
    );
    t.core.settings.update({ optOutNumber: '02-2286-5114', senderNumber: '0222865114' });
    const m = campaignsOf(t.core);
    m.useGateway(gw);
    const c = m.service.save(
      draft(t.core, {
        name: '3월 문화공연',
        sms: { text: '[성동구] 문화공연 안내 {이름}님', subject: '', appendSns: false },
      }),
      'author',
    );
    m.service.launch(c.id, false, { userId: 'author', audit: () => {} }, { dispatch: false });
    await m.dispatcher.run(c.id);

    const got = await kannel.waitFor(
      '문자 3건',
      (r) => r.filter((x) => x.text.includes('문화공연')).length >= 3 && r,
    );
    for (const p of people) {
      const msg = got.find((x) => x.to === p.mobile);
      expect(msg, p.name).toBeDefined();
      // decoded from what fakesmsc printed: UCS-2 bytes, Hangul intact
      expect(msg!.type).toMatch(/ucs/i);
      expect(msg!.text).toBe(`[성동구] 문화공연 안내 ${p.name}님\n수신거부 문자 02-2286-5114`);
    }

    const states = () =>
      t.core.sqlite
        .prepare(
          'SELECT address, status, provider_code AS code, reason FROM outbox WHERE campaign_id = ? ORDER BY address',
        )
        .all(c.id) as { address: string; status: string; code: string; reason: string | null }[];
    const final = await until('전달 보고 3건', async () => {
      await feedbackOf(t.core).settled();
      const s = states();
      return s.every((r) => r.status === 'delivered') && s;
    });
    expect(final.map((r) => r.code)).toEqual(['DLR_1', 'DLR_1', 'DLR_1']);
    expect(feedbackOf(t.core).counters.finals).toBeGreaterThanOrEqual(3);
    expect(m.dispatcher.progress(c.id).counts.sms).toEqual({ delivered: 3 });
  }, 90_000);

  it('긴 한국어 문자(LMS)는 Kannel이 나눠 보내고, 받은 조각을 이으면 원문 그대로', async () => {
    const text = `[성동구] 4월 문화공연 안내\n${'구민회관에서 봄맞이 음악회가 열립니다. '.repeat(6)}많은 참여 바랍니다.`;
    const [r] = await gw.sendBatch([
      {
        key: 'k-lms-1',
        to: '01020007777',
        from: '0222865114',
        text,
        subject: '문화공연',
        class: 'LMS',
        isAd: false,
      },
    ]);
    expect(r).toMatchObject({ status: 'accepted', code: 'KANNEL_0' });
    const got = await kannel.waitFor('긴 문자', (all) => all.find((x) => x.to === '01020007777'));
    expect(got.line.split('\n').length).toBeGreaterThan(1); // really sent in parts
    expect(got.text).toBe(text);
  });

  it('비밀번호가 틀리면 배치 전체가 재시도 없는 GatewayError (한국어)', async () => {
    const bad = new KannelGateway({
      sendsmsUrl: kannel.sendsmsUrl,
      username: kannel.username,
      password: 'wrong',
      smsc: null,
      dlrUrl: () => null,
    });
    const msg: SmsMessage = {
      key: 'k-auth-1',
      to: '01020009999',
      from: '0222865114',
      text: '안녕하세요',
      subject: null,
      class: 'SMS',
      isAd: false,
    };
    const err = await bad.sendBatch([msg]).catch((e) => e);
    bad.close();
    expect(err).toBeInstanceOf(GatewayError);
    expect(err.opts.transient).toBe(false);
    expect(err.reason).toMatch(/비밀번호/);
  });

  it('Kannel이 꺼져 있으면 보내지 않은 것으로 (재시도 가능, 모호하지 않음)', async () => {
    const port = await freePort();
    const down = new KannelGateway({
      sendsmsUrl: `http://127.0.0.1:${port}/cgi-bin/sendsms`,
      username: 'u',
      password: 'p',
      smsc: null,
      dlrUrl: () => null,
      timeoutMs: 2000,
    });
    const err = await down
      .sendBatch([
        {
          key: 'k-down',
          to: '01020009999',
          from: '0222865114',
          text: '시험',
          subject: null,
          class: 'SMS',
          isAd: false,
        },
      ])
      .catch((e) => e);
    down.close();
    expect(err).toBeInstanceOf(GatewayError);
    expect(err.opts).toMatchObject({ transient: true, ambiguous: false, code: 'ECONNREFUSED' });
    expect(err.reason).toMatch(/연결할 수 없습니다/);
  });

  it('발송 결과를 물어볼 수 없다: canQueryStatus=false, 키를 지키지 않음', async () => {
    expect(gw.canQueryStatus).toBe(false);
    expect(gw.honoursIdempotencyKey).toBe(false);
    await expect(gw.queryStatus(['x'])).rejects.toBeInstanceOf(GatewayError);
    expect(gw.describe().real).toBe(true);
  });
});
