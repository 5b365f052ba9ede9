import os from 'node:os';
import { simpleParser } from 'mailparser';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { campaignsOf } from '../../../src/main/campaigns/module';
import { makeTestCore, type TestCore } from '../../support/core';
import { addPeople, draft } from '../campaigns/helpers';
import { startSink } from './sink';

type Sink = Awaited<ReturnType<typeof startSink>>;

const HTML =
  '<h1>{이름}님께</h1><p>4월 <b>구민회관</b> 공연을 안내합니다.</p><p><a href="https://ward.example/show">자세히 보기</a></p>';

describe('email campaigns through SMTP (smtp-server sink on 127.0.0.1)', () => {
  let t: TestCore;
  let sink: Sink;
  let busy = 0;

  beforeEach(async () => {
    busy = 0;
    sink = await startSink({
      rcpt: (a) => {
        if (a.startsWith('nouser')) return 550;
        if (a.startsWith('busy') && busy++ < 2) return 451;
        return null;
      },
    });
    t = await makeTestCore();
    const m = campaignsOf(t.core);
    m.settings.update({
      smtp: {
        host: '127.0.0.1',
        port: sink.port,
        secure: false,
        user: '',
        fromName: '성동구청 홍보과',
        fromAddress: 'news@seongdong.example',
        bounceDomain: 'bounce.seongdong.example',
        maxConnections: 2,
        ratePerSecond: 0,
      },
      dispatch: { ...m.settings.get().dispatch, retryBaseMs: 10, maxAttempts: 5, pauseAfterErrors: 3 },
    });
  });
  afterEach(async () => {
    campaignsOf(t.core).close();
    t.cleanup();
    await sink.close();
  });

  async function send(over: Parameters<typeof draft>[1]) {
    const m = campaignsOf(t.core);
    const c = m.service.save(
      draft(t.core, {
        channels: { sms: false, email: true },
        email: { subject: '4월 공연 안내', html: HTML },
        ...over,
      }),
      'author',
    );
    m.service.launch(c.id, false, { userId: 'author', audit: () => {} }, { dispatch: false });
    await m.dispatcher.run(c.id);
    return { m, id: c.id };
  }

  const rows = (id: string) =>
    t.core.sqlite
      .prepare(
        'SELECT address, status, reason, attempts, token, provider_code AS code FROM outbox WHERE campaign_id = ? ORDER BY id',
      )
      .all(id) as {
      address: string;
      status: string;
      reason: string | null;
      attempts: number;
      token: string;
      code: string;
    }[];

  test('a real campaign: VERP envelope, DSN, HTML + text parts, (광고) subject in Korean encoding', async () => {
    addPeople(t.core, [
      { name: '김민지', email: 'minji@example.com', emailFields: ['culture'] },
      { name: '이서준', email: 'seojun@example.com', emailFields: ['culture'] },
    ]);
    const { id } = await send({ isAd: true });
    const out = rows(id);
    expect(out.map((r) => r.status)).toEqual(['accepted', 'accepted']);
    expect(sink.received).toHaveLength(2);

    for (const r of out) {
      const got = sink.received.find((x) => x.rcptTo[0].address === r.address)!;
      // VERP: the envelope sender carries the outbox token; DSN asked for failures only.
      expect(got.mailFrom.address).toBe(`bounce+${r.token}@bounce.seongdong.example`);
      expect(got.rcptTo[0].dsn?.notify ?? (got.rcptTo[0].args as Record<string, string>).NOTIFY).toEqual(
        expect.arrayContaining(['FAILURE']),
      );
      expect((got.mailFrom.args as Record<string, string>).ENVID).toBe(r.token);
      expect((got.mailFrom.args as Record<string, string>).RET).toBe('HDRS');

      // The raw Subject header is an RFC 2047 encoded word (Korean is never sent raw).
      const rawSubject = /^Subject: (.+(?:\r\n[ \t].+)*)/m.exec(got.raw)![1];
      expect(rawSubject).toMatch(/=\?UTF-8\?[BQ]\?/i);
      const mail = await simpleParser(got.raw);
      expect(mail.subject).toBe('(광고) 4월 공연 안내');
      expect(mail.from?.value[0]).toEqual({ address: 'news@seongdong.example', name: '성동구청 홍보과' });
      expect(mail.messageId).toBe(`<${r.token}@bounce.seongdong.example>`);
      const name = r.address.startsWith('minji') ? '김민지' : '이서준';
      expect(mail.html).toContain(`<h1>${name}님께</h1>`);
      expect(mail.text).toContain(`${name}님께`);
      expect(mail.text).toContain('자세히 보기 (https://ward.example/show)');
      // The footer's unsubscribe link is per recipient (token), in the HTML, the text and the header.
      const url = `http://127.0.0.1:5190/u/${r.token}`;
      expect(mail.html).toContain(`href="${url}"`);
      expect(mail.text).toContain(url);
      const unfolded = got.raw.replace(/\r\n[ \t]+/g, ' ');
      expect(unfolded).toContain(`List-Unsubscribe: <${url}>`);
      expect(unfolded).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
      expect(got.raw).toMatch(/Content-Type: multipart\/alternative/i);
      expect(mail.html).toContain('(광고) 보낸 곳');
    }
  });

  test('not an ad: the subject has no (광고)', async () => {
    addPeople(t.core, [{ name: '박하늘', email: 'sky@example.com', emailFields: ['culture'] }]);
    await send({ isAd: false });
    const mail = await simpleParser(sink.received[0].raw);
    expect(mail.subject).toBe('4월 공연 안내');
  });

  test('5xx at RCPT is a hard bounce: failed with the reason, the address marked invalid', async () => {
    const [ok, bad] = addPeople(t.core, [
      { name: '정상', email: 'fine@example.com', emailFields: ['culture'] },
      { name: '없는주소', email: 'nouser@example.com', emailFields: ['culture'] },
    ]);
    const { id } = await send({});
    const out = rows(id);
    const failed = out.find((r) => r.address === 'nouser@example.com')!;
    expect(failed.status).toBe('failed');
    expect(failed.code).toBe('550');
    expect(failed.reason).toContain('주소를 거부했습니다');
    expect(failed.attempts).toBe(1);
    expect(t.core.subscriberRepo.byId(bad)?.emailInvalidAt).not.toBeNull();
    expect(t.core.subscriberRepo.byId(ok)?.emailInvalidAt).toBeNull();
    // The next campaign leaves the bounced address out, with the reason.
    const m = campaignsOf(t.core);
    const a = m.targeting.audience({
      fieldIds: draft(t.core).fieldIds,
      channels: { sms: false, email: true },
      filters: draft(t.core).filters,
    });
    expect(a.email?.recipients).toBe(1);
    expect(a.email?.excluded).toContainEqual(expect.objectContaining({ reason: 'email_invalid', count: 1 }));
  });

  test('4xx is retried with backoff until the server takes it', async () => {
    addPeople(t.core, [{ name: '바쁜서버', email: 'busy@example.com', emailFields: ['culture'] }]);
    const { id } = await send({});
    const [r] = rows(id);
    expect(r.status).toBe('accepted');
    expect(r.attempts).toBe(3);
    expect(sink.received).toHaveLength(1);
  });

  test('a dead SMTP server pauses the campaign after N consecutive errors', async () => {
    await sink.close();
    addPeople(
      t.core,
      Array.from({ length: 5 }, (_, i) => ({
        name: `주민${i}`,
        email: `p${i}@example.com`,
        emailFields: ['culture'],
      })),
    );
    const { m, id } = await send({});
    const c = m.service.row(id);
    expect(c.status).toBe('paused');
    expect(c.pauseReason).toContain('연속');
    expect(rows(id).every((r) => r.status === 'queued')).toBe(true);
    sink = await startSink();
  });

  test('mail caught in sending by a crash is left 확인 필요, never resent blindly', async () => {
    addPeople(t.core, [{ name: '충돌', email: 'crash@example.com', emailFields: ['culture'] }]);
    const m = campaignsOf(t.core);
    const c = m.service.save(
      draft(t.core, { channels: { sms: false, email: true }, email: { subject: 's', html: '<p>x</p>' } }),
      'a',
    );
    m.service.launch(c.id, false, { userId: 'a', audit: () => {} }, { dispatch: false });
    // A dead process (pid that cannot exist) had claimed the row.
    t.core.sqlite
      .prepare("UPDATE outbox SET status = 'sending', attempts = 1 WHERE campaign_id = ?")
      .run(c.id);
    t.core.sqlite
      .prepare('UPDATE campaigns SET runner_pid = 999999999, runner_host = ? WHERE id = ?')
      .run(os.hostname(), c.id);
    await m.dispatcher.run(c.id);
    const [r] = rows(c.id);
    expect(r.status).toBe('needs_review');
    expect(r.reason).toContain('확인');
    expect(sink.received).toHaveLength(0);
    // A person decides to resend it.
    expect(m.results.resolveReview(c.id, undefined, 'resend')).toBe(1);
    await m.dispatcher.idle();
    await m.dispatcher.run(c.id);
    expect(rows(c.id)[0].status).toBe('accepted');
    expect(sink.received).toHaveLength(1);
  });
});
