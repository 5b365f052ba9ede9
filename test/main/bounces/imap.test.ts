// The poller against a real IMAP server (Dovecot on loopback) holding real bounce mails.
import fs from 'node:fs';
import path from 'node:path';
import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOUNCE_PASSWORD, bouncesOf } from '../../../src/main/bounces';
import { verpAddress } from '../../../src/main/bounces/verp';
import { makeTestCore, type TestCore } from '../../support/core';
import { Dovecot, ensureDovecot } from './dovecot';
import { addPerson, addSentEmail, fieldIdOf, postfixDsn } from './helpers';

const FIXTURES = path.resolve(__dirname, '../../../../shared/fixtures/bounces');
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, `${name}.eml`));

const skipReason = ensureDovecot();
if (skipReason) console.warn(`[건너뜀] 실제 IMAP 시험: ${skipReason}`);

// mails in the box, in delivery order
const MAILS = [
  'lhost-postfix-01', // hard; kijitora@example.org is one of our people (matched by address)
  'lhost-gmail-06', // soft, Gmail prose
  'lhost-office365-13', // hard, Exchange Online
  'lhost-sendmail-54', // soft (4.4.7), sendmail without a MIME header
  'lhost-opensmtpd-02', // two hard recipients, OpenSMTPD prose
  'arf-16', // complaint
  'rfc3834-02', // auto-reply: left alone
  'not-bounce-is-not-bounce-01', // a person writing in: left alone
];

describe.skipIf(!!skipReason)('반송 메일함: 실제 IMAP 서버(Dovecot)', () => {
  const dovecot = new Dovecot();
  let t: TestCore;
  let minji: { id: string };
  let kijitora: { id: string };

  async function flags(): Promise<{ subject: string; seen: boolean }[]> {
    const c = new ImapFlow({
      host: '127.0.0.1',
      port: dovecot.port,
      secure: false,
      auth: { user: dovecot.user, pass: dovecot.password },
      logger: false,
    });
    await c.connect();
    const lock = await c.getMailboxLock('INBOX');
    try {
      const msgs = await c.fetchAll('1:*', { uid: true, flags: true, envelope: true });
      return msgs.map((m) => ({ subject: m.envelope?.subject ?? '', seen: !!m.flags?.has('\\Seen') }));
    } finally {
      lock.release();
      await c.logout();
    }
  }

  beforeAll(async () => {
    await dovecot.start();
    t = await makeTestCore();
    t.core.settings.update({
      bounceEnabled: true,
      bounceImapHost: '127.0.0.1',
      bounceImapPort: dovecot.port,
      bounceImapSecure: false,
      bounceImapUser: dovecot.user,
      bounceMailbox: 'INBOX',
    });
    bouncesOf(t.core).secrets.set(BOUNCE_PASSWORD, dovecot.password);
    const p = addPerson(t.core, {
      name: '김민지',
      email: 'minji@example.net',
      fields: ['문화공연'],
      formRef: 'SD-2025-0001',
    });
    minji = p;
    kijitora = addPerson(t.core, { name: '기지토라', email: 'kijitora@example.org', fields: ['교육정보'] });
    const sent = addSentEmail(t.core, {
      subscriberId: p.id,
      address: 'minji@example.net',
      fieldIds: [fieldIdOf(t.core, '문화공연')],
    });
    for (const m of MAILS) dovecot.deliver(fixture(m));
    dovecot.deliver(
      postfixDsn({
        verp: verpAddress(sent.token, 'news.example.go.kr'),
        recipient: 'minji@example.net',
        status: '5.1.1',
        diagnostic:
          '550 5.1.1 <minji@example.net>: Recipient address rejected: User unknown in virtual mailbox table',
      }),
    );
  }, 120_000);

  afterAll(async () => {
    t?.cleanup();
    await dovecot.stop();
  });

  it('한 번 확인: 가져오고, 분류하고, 영구 실패 주소를 표시하고, 반송 아닌 메일은 그대로 둔다', async () => {
    const r = await bouncesOf(t.core).poll();
    expect(r).toEqual({
      fetched: 9,
      hard: 5, // postfix-01, office365-13, opensmtpd-02 ×2, our VERP DSN
      soft: 2, // gmail-06, sendmail-54
      complaints: 1,
      ignored: 2,
      unmatched: 6, // everything but our VERP DSN and kijitora@example.org
    });
    expect(t.core.subscriberRepo.byId(minji.id)?.emailInvalidAt).not.toBeNull();
    expect(t.core.subscriberRepo.byId(kijitora.id)?.emailInvalidAt).not.toBeNull();

    const list = bouncesOf(t.core).service.list({
      state: 'open',
      kind: 'hard',
      matchedOnly: true,
      page: 1,
      pageSize: 10,
    });
    expect(list.items.map((i) => [i.subscriberName, i.matchedBy, i.status]).sort()).toEqual([
      ['기지토라', 'address', '5.1.1'],
      ['김민지', 'verp', '5.1.1'],
    ]);
    expect(list.items.find((i) => i.subscriberName === '김민지')?.forms[0].formRef).toBe('SD-2025-0001');

    // nothing deleted; bounces marked read, the rest untouched
    const box = await flags();
    expect(box).toHaveLength(9);
    expect(box.filter((m) => !m.seen).map((m) => m.subject)).toEqual(['Automatic reply: Nyaan', 'にゃんこ']);

    const audit = t.core.sqlite
      .prepare(
        "SELECT subject_count AS n, origin FROM audit_log WHERE action = 'edit' AND target_type = 'subscriber'",
      )
      .all();
    expect(audit).toEqual([{ n: 2, origin: 'system' }]);
  }, 90_000);

  it('다시 확인하면 새 메일만 읽는다', async () => {
    expect((await bouncesOf(t.core).poll()).fetched).toBe(0);
    dovecot.deliver(fixture('lhost-postfix-40'));
    expect(await bouncesOf(t.core).poll()).toEqual({
      fetched: 1,
      hard: 0,
      soft: 1,
      complaints: 0,
      ignored: 0,
      unmatched: 1,
    });
    const st = (await t.core.router.call('bounces.status', {}, t.cli)) as {
      lastResult: { fetched: number } | null;
      openHard: number;
    };
    expect(st.lastResult?.fetched).toBe(1);
    expect(st.openHard).toBe(5);
  }, 90_000);

  it('CLI와 같은 길: bounces.poll 채널', async () => {
    dovecot.deliver(fixture('lhost-amazonses-09'));
    const r = await t.core.router.call('bounces.poll', {}, t.cli);
    expect(r).toMatchObject({ fetched: 1, hard: 1 });
  }, 90_000);

  it('비밀번호가 틀리면 한국어 오류, 상태에 남는다', async () => {
    bouncesOf(t.core).secrets.set(BOUNCE_PASSWORD, 'wrong');
    await expect(bouncesOf(t.core).poll()).rejects.toThrow('반송 메일함 로그인에 실패했습니다');
    const st = (await t.core.router.call('bounces.status', {}, t.cli)) as { lastError: string | null };
    expect(st.lastError).toContain('로그인에 실패');
    bouncesOf(t.core).secrets.set(BOUNCE_PASSWORD, dovecot.password);
  }, 90_000);
});
