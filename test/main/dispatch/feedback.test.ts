// The feedback loop on a real core: delivery reports, open pixels and one-click unsubscribes over
// HTTP at the real public listener, DSNs through the bounce service, and (with a real Kannel +
// fakesmsc) a Korean "수신거부" reply travelling MO → listener → opt-out ledger → campaigns.
import http from 'node:http';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { verpAddress } from '../../../src/main/bounces';
import { bouncesOf } from '../../../src/main/bounces';
import { campaignsOf } from '../../../src/main/campaigns/module';
import { feedbackOf } from '../../../src/main/dispatch/feedback';
import { KannelGateway, kannelDlrUrl } from '../../../src/main/gateways/kannel';
import { applyPublicSettings, newPublicToken, publicServerOf } from '../../../src/main/public';
import { makeTestCore, type TestCore } from '../../support/core';
import { type KannelPeer, kannelMissing, startKannel, until } from '../../support/kannel';
import { addPerson, addSentEmail, fieldIdOf, postfixDsn } from '../bounces/helpers';
import { addPeople, draft } from '../campaigns/helpers';

/** GETs over a small keep-alive pool, like Kannel's smsbox calling dlr-urls. */
const pool = new http.Agent({ keepAlive: true, maxSockets: 20 });
function get(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: pool }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      })
      .on('error', reject);
  });
}

const row = (t: TestCore, id: number) =>
  t.core.sqlite
    .prepare(
      'SELECT status, reason, provider_code AS code, opened_at AS openedAt, done_at AS doneAt FROM outbox WHERE id = ?',
    )
    .get(id) as { status: string; reason: string | null; code: string | null; openedAt: string | null };

/** n SMS rows a Kannel send left 'accepted', each with its own token. */
function acceptedSms(t: TestCore, n: number): { id: number; token: string }[] {
  const e = addSentEmail(t.core, { subscriberId: null, address: 'x@example.com', fieldIds: [] });
  const at = t.core.clock.now().toISOString();
  const ins = t.core.sqlite.prepare(
    `INSERT INTO outbox (campaign_id, channel, address, status, token, created_at, updated_at, sent_at)
     VALUES (?, 'sms', ?, 'accepted', ?, ?, ?, ?)`,
  );
  return t.core.sqlite.transaction(() =>
    Array.from({ length: n }, (_, i) => {
      const token = newPublicToken();
      const id = Number(
        ins.run(e.campaignId, `010${String(30000000 + i)}`, token, at, at, at).lastInsertRowid,
      );
      return { id, token };
    }),
  )();
}

describe('돌아오는 것들 (공개 웹 HTTP, 반송 메일함)', () => {
  let t: TestCore;
  let base: string;
  beforeEach(async () => {
    t = await makeTestCore();
    base = (await applyPublicSettings(t.core, { host: '127.0.0.1', port: 0, force: true }))!.url;
  });
  afterEach(async () => {
    await publicServerOf(t.core).close();
    await campaignsOf(t.core).dispatcher.idle();
    t.cleanup();
  });

  const dlr = (token: string, status: number, answer = '') =>
    get(
      `${base}/cb/kannel/dlr?id=${encodeURIComponent(token)}&status=${status}&answer=${encodeURIComponent(answer)}`,
    );

  it('전달 보고 500건을 한꺼번에: 모두 전달됨, 요청마다가 아니라 묶어서 적용', async () => {
    const rows = acceptedSms(t, 500);
    const answers = await Promise.all(rows.map((r) => dlr(r.token, 1)));
    expect(answers.every((a) => a === 200)).toBe(true);
    await feedbackOf(t.core).settled();
    const n = t.core.sqlite
      .prepare(
        `SELECT count(*) FROM outbox WHERE channel = 'sms' AND status = 'delivered' AND provider_code = 'DLR_1'`,
      )
      .pluck()
      .get();
    expect(n).toBe(500);
    const c = feedbackOf(t.core).counters;
    expect(c.finals).toBe(500);
    // far fewer transactions than requests
    expect(c.batches).toBeLessThan(250);
  });

  it('8(통신사 접수)은 접수 상태 그대로, 16(거부)·2(실패)는 한국어 사유로 실패, 늦게 온 8은 전달됨을 덮지 않음', async () => {
    const [a, b, c, d] = acceptedSms(t, 4);
    await dlr(a.token, 8, 'ACK/');
    await dlr(b.token, 16, 'NACK/0x0000000b/Invalid Destination Address');
    await dlr(c.token, 2);
    await dlr(d.token, 1);
    await dlr(d.token, 8);
    await feedbackOf(t.core).settled();
    expect(row(t, a.id)).toMatchObject({ status: 'accepted', code: 'DLR_8' });
    expect(row(t, b.id).status).toBe('failed');
    expect(row(t, b.id).reason).toMatch(/통신사\(SMSC\)가 문자를 거부했습니다.*Invalid Destination/);
    expect(row(t, c.id)).toMatchObject({ status: 'failed', code: 'DLR_2' });
    expect(row(t, c.id).reason).toMatch(/전달되지 못했습니다/);
    expect(row(t, d.id)).toMatchObject({ status: 'delivered', code: 'DLR_1' });
    // a token no row has: answered, counted, nothing changed
    expect(await dlr(newPublicToken(), 1)).toBe(200);
    await feedbackOf(t.core).settled();
    expect(feedbackOf(t.core).counters.unmatched).toBe(1);
  });

  it('발송이 끝난 뒤에 온 전달 보고도 화면에 알림(campaign.progress): 몰려와도 마지막 상태가 빠지지 않음', async () => {
    const rows = acceptedSms(t, 30);
    const campaignId = t.core.sqlite
      .prepare('SELECT campaign_id FROM outbox WHERE id = ?')
      .pluck()
      .get(rows[0].id);
    const seen: { delivered: number }[] = [];
    t.core.events.subscribe((name, payload) => {
      const p = payload as { campaignId: string; counts: { sms: Record<string, number> } };
      if (name === 'campaign.progress' && p.campaignId === campaignId)
        seen.push({ delivered: p.counts.sms.delivered ?? 0 });
    });
    // reports in several batches, well inside one 200 ms throttle window
    for (const part of [rows.slice(0, 10), rows.slice(10, 20), rows.slice(20)]) {
      await Promise.all(part.map((r) => dlr(r.token, 1)));
      await feedbackOf(t.core).settled();
    }
    await until('the last report on screen', () => seen.at(-1)?.delivered === 30, 2000);
    // throttled: fewer events than batches would have made, and the last one has every report
    expect(seen.length).toBeLessThanOrEqual(3);
    expect(seen.at(-1)).toEqual({ delivered: 30 });
  });

  it('발송 결과 기록보다 먼저 온 전달 보고는 기다렸다가 적용 (발송기의 결과가 덮어쓰지 않게)', async () => {
    const [a] = acceptedSms(t, 1);
    t.core.sqlite.prepare(`UPDATE outbox SET status = 'sending' WHERE id = ?`).run(a.id);
    expect(await dlr(a.token, 1)).toBe(200);
    await new Promise((r) => setTimeout(r, 400));
    expect(row(t, a.id).status).toBe('sending');
    // the dispatcher records Kannel's "0: Accepted"
    t.core.sqlite.prepare(`UPDATE outbox SET status = 'accepted' WHERE id = ?`).run(a.id);
    await feedbackOf(t.core).settled();
    expect(row(t, a.id)).toMatchObject({ status: 'delivered', code: 'DLR_1' });
  });

  it('열람 그림: 처음 연 시각만 남고 횟수는 센다', async () => {
    const p = addPerson(t.core, { name: '김민지', email: 'minji@example.net', fields: ['문화공연'] });
    const sent = addSentEmail(t.core, {
      subscriberId: p.id,
      address: 'minji@example.net',
      fieldIds: [fieldIdOf(t.core, '문화공연')],
    });
    const first = t.core.clock.now().toISOString();
    expect((await fetch(`${base}/o/${sent.token}.gif`)).headers.get('content-type')).toBe('image/gif');
    t.clock.t += 3_600_000;
    await fetch(`${base}/o/${sent.token}.gif`);
    await feedbackOf(t.core).settled();
    expect(row(t, sent.outboxId).openedAt).toBe(first);
    expect(feedbackOf(t.core).counters).toMatchObject({ opens: 2, firstOpens: 1 });
    const res = campaignsOf(t.core).results.results(sent.campaignId);
    expect(res.channels.find((c) => c.channel === 'email')?.opened).toBe(1);
  });

  it('한 번 누르기 수신거부(RFC 8058): 원장에서 동의 철회, 진행 중인 캠페인의 대기 메일은 건너뜀', async () => {
    addPeople(t.core, [
      {
        name: '박서준',
        mobile: '01040001001',
        email: 'seojun@example.net',
        smsFields: ['culture'],
        emailFields: ['culture'],
      },
      { name: '최유나', mobile: '01040001002', email: 'yuna@example.net', emailFields: ['culture'] },
    ]);
    const m = campaignsOf(t.core);
    m.settings.update({
      smtp: { ...m.settings.get().smtp, host: '127.0.0.1', fromAddress: 'news@example.go.kr' },
    });
    const c = m.service.save(
      draft(t.core, {
        channels: { sms: false, email: true },
        email: { subject: '문화공연 안내', html: '<p>{이름}님 안녕하세요</p>' },
      }),
      'author',
    );
    m.service.launch(c.id, false, { userId: 'author', audit: () => {} }, { dispatch: false });
    const rows = t.core.sqlite
      .prepare(
        `SELECT id, address, token, subscriber_id AS sid FROM outbox WHERE campaign_id = ? ORDER BY address`,
      )
      .all(c.id) as { id: number; address: string; token: string; sid: string }[];
    const seojun = rows.find((r) => r.address === 'seojun@example.net')!;
    // an earlier mail of another campaign carries the link
    const earlier = addSentEmail(t.core, {
      subscriberId: seojun.sid,
      address: seojun.address,
      fieldIds: [fieldIdOf(t.core, '문화공연')],
    });
    const r = await fetch(`${base}/u/${earlier.token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(r.status).toBe(200);
    await publicServerOf(t.core).settled();
    const consent = t.core.subscriberRepo
      .consentOf(seojun.sid)
      .filter((x) => x.fieldId === fieldIdOf(t.core, '문화공연'));
    expect(consent.find((x) => x.channel === 'email')?.granted).toBe(false);
    expect(consent.find((x) => x.channel === 'sms')?.granted).toBe(true);
    // skipped at once, for the reason the dispatcher itself would give (consent withdrawn)
    expect(row(t, seojun.id)).toMatchObject({ status: 'skipped', reason: '이 채널 수신 동의 없음' });
    expect(row(t, rows.find((x) => x.address === 'yuna@example.net')!.id).status).toBe('queued');
  });

  it('DSN(반송 메일): VERP 토큰으로 그 메일 행이 반송됨, 일시 실패는 횟수만', async () => {
    const p = addPerson(t.core, { name: '이하늘', email: 'haneul@example.net', fields: ['문화공연'] });
    const q = addPerson(t.core, { name: '정다온', email: 'daon@example.net', fields: ['문화공연'] });
    const f = [fieldIdOf(t.core, '문화공연')];
    const hard = addSentEmail(t.core, { subscriberId: p.id, address: 'haneul@example.net', fieldIds: f });
    const soft = addSentEmail(t.core, { subscriberId: q.id, address: 'daon@example.net', fieldIds: f });
    const svc = bouncesOf(t.core).service;
    await svc.ingest(
      postfixDsn({
        verp: verpAddress(hard.token, 'bounce.example.go.kr'),
        recipient: 'haneul@example.net',
        status: '5.1.1',
        diagnostic: '550 5.1.1 <haneul@example.net>: Recipient address rejected: User unknown',
      }),
    );
    await svc.ingest(
      postfixDsn({
        verp: verpAddress(soft.token, 'bounce.example.go.kr'),
        recipient: 'daon@example.net',
        status: '4.2.2',
        diagnostic: '452 4.2.2 Mailbox full',
      }),
    );
    expect(row(t, hard.outboxId)).toMatchObject({ status: 'bounced', code: '5.1.1' });
    expect(row(t, hard.outboxId).reason).toMatch(/반송되었습니다.*5\.1\.1/);
    expect(t.core.subscriberRepo.byId(p.id)?.emailInvalidAt).not.toBeNull();
    expect(row(t, soft.outboxId)).toMatchObject({ status: 'accepted', code: '4.2.2' });
    expect(row(t, soft.outboxId).reason).toMatch(/일시적으로 반송됨 1회/);
    expect(t.core.subscriberRepo.byId(q.id)?.emailInvalidAt).toBeNull();
  });
});

describe.skipIf(kannelMissing.length > 0)('Kannel 문자 답장(MO) → 수신거부 → 캠페인', () => {
  let t: TestCore;
  let kannel: KannelPeer;
  let gw: KannelGateway;

  beforeAll(async () => {
    t = await makeTestCore();
    const base = (await applyPublicSettings(t.core, { host: '127.0.0.1', port: 0, force: true }))!.url;
    kannel = (await startKannel({ moUrl: `${base}/cb/kannel/mo`, what: 'Kannel 수신거부 시험' }))!;
    gw = new KannelGateway({
      sendsmsUrl: kannel.sendsmsUrl,
      username: kannel.username,
      password: kannel.password,
      smsc: kannel.smsc,
      dlrUrl: (key) => kannelDlrUrl(base, key),
    });
    t.core.settings.update({ senderNumber: '0222865114', optOutNumber: '02-2286-5114' });
    campaignsOf(t.core).useGateway(gw);
  }, 60_000);

  afterAll(async () => {
    await campaignsOf(t.core).dispatcher.idle();
    gw?.close();
    await kannel?.stop();
    await publicServerOf(t.core).close();
    t.cleanup();
  }, 30_000);

  const smsGranted = (id: string) =>
    t.core.subscriberRepo
      .consentOf(id)
      .filter((c) => c.channel === 'sms')
      .some((c) => c.granted);

  function launch(name: string) {
    const m = campaignsOf(t.core);
    const c = m.service.save(
      draft(t.core, {
        name,
        sms: { text: '[성동구] 문화공연 안내 {이름}님', subject: '', appendSns: false },
      }),
      'author',
    );
    m.service.launch(c.id, false, { userId: 'author', audit: () => {} }, { dispatch: false });
    return c.id;
  }

  it('주민이 보낸 "수신거부"(UCS-2)가 공개 웹에 닿아 동의 철회되고, 그 뒤 캠페인은 그 사람을 건너뜀', async () => {
    const [minji, seojun] = addPeople(t.core, [
      { name: '김민지', mobile: '01050001001', smsFields: ['culture'] },
      { name: '박서준', mobile: '01050001002', smsFields: ['culture'] },
    ]);
    await kannel.injectMo('01050001001', '15881234', '수신거부');
    await until('수신거부 적용', () => !smsGranted(minji) || undefined);
    const msg = t.core.sqlite
      .prepare(`SELECT source, status, text, mobile FROM optout_messages ORDER BY rowid DESC LIMIT 1`)
      .get() as { source: string; status: string; text: string } | undefined;
    expect(msg).toMatchObject({ source: 'sms-mo', status: 'applied', text: '수신거부' });
    expect(smsGranted(seojun)).toBe(true);

    const id = launch('수신거부 뒤 캠페인');
    await campaignsOf(t.core).dispatcher.run(id);
    await kannel.waitFor('박서준에게 문자', (r) => r.find((x) => x.to === '01050001002'));
    expect(kannel.received.find((x) => x.to === '01050001001')).toBeUndefined();
    const sent = t.core.sqlite
      .prepare(`SELECT address FROM outbox WHERE campaign_id = ? AND status NOT IN ('skipped')`)
      .pluck()
      .all(id);
    expect(sent).toEqual(['01050001002']);
  }, 90_000);

  it('발송 중에 온 수신거부: 아직 안 보낸 그 사람의 문자는 건너뜀', async () => {
    const people = Array.from({ length: 30 }, (_, i) => ({
      name: `주민${i}`,
      mobile: `0106000${String(1000 + i)}`,
      smsFields: ['culture'],
    }));
    addPeople(t.core, people);
    const m = campaignsOf(t.core);
    // slow enough that the reply arrives while the campaign is still sending
    m.settings.update({ dispatch: { ...m.settings.get().dispatch, smsBatchSize: 2, smsRatePerSecond: 4 } });
    const id = launch('발송 중 수신거부');
    // the row the dispatcher sends last
    const last = t.core.sqlite
      .prepare('SELECT address FROM outbox WHERE campaign_id = ? ORDER BY id DESC LIMIT 1')
      .pluck()
      .get(id) as string;
    const before = kannel.received.length;
    const running = m.dispatcher.run(id);
    await kannel.waitFor('첫 문자', (r) => r.length > before);
    await kannel.injectMo(last, '15881234', '문자 그만 보내세요');
    await running;
    const r = t.core.sqlite
      .prepare(`SELECT status, reason FROM outbox WHERE campaign_id = ? AND address = ?`)
      .get(id, last) as { status: string; reason: string };
    expect(r).toEqual({ status: 'skipped', reason: '이 채널 수신 동의 없음' });
    const others = people.map((p) => p.mobile).filter((n) => n !== last);
    await kannel.waitFor(
      '나머지 29건',
      (got) => others.every((n) => got.some((x) => x.to === n)) || undefined,
    );
    expect(kannel.received.find((x) => x.to === last)).toBeUndefined();
  }, 120_000);
});
