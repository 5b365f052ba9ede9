// The listener inside a real core: tokens resolved from the campaigns' outbox table, unsubscribes
// applied by the opt-out service, settings and status channels.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyPublicSettings, publicServerOf, publicUrls } from '../../../src/main/public';
import { settingsSchema } from '../../../src/shared/contract/settings';
import { makeTestCore, type TestCore } from '../../support/core';
import { addPerson, addSentEmail, fieldIdOf } from '../bounces/helpers';
import { csrfOf, form, freePort, request } from './helpers';

let t: TestCore;
beforeEach(async () => {
  t = await makeTestCore();
});
afterEach(async () => {
  await publicServerOf(t.core).close();
  t.cleanup();
});

function granted(subscriberId: string): string[] {
  const names = new Map(t.core.reference.list().fields.map((f) => [f.id, f.name]));
  return t.core.subscriberRepo
    .consentOf(subscriberId)
    .filter((c) => c.channel === 'email' && c.granted)
    .map((c) => names.get(c.fieldId) ?? '')
    .sort();
}

async function listen() {
  const l = await applyPublicSettings(t.core, { host: '127.0.0.1', port: 0, force: true });
  return l!.url;
}

describe('공개 웹 + 코어', () => {
  it('설정 기본값: 꺼짐, 127.0.0.1:8088', () => {
    const d = settingsSchema.parse({});
    expect(d).toMatchObject({
      publicEnabled: false,
      publicHost: '127.0.0.1',
      publicPort: 8088,
      publicBaseUrl: 'http://127.0.0.1:8088',
      bounceEnabled: false,
      bounceMailbox: 'INBOX',
    });
    expect(() => settingsSchema.parse({ publicBaseUrl: 'javascript:alert(1)' })).toThrow();
  });

  it('settings.update 채널로 공개 웹·반송 메일함 설정을 바꾼다 (다른 값은 그대로)', async () => {
    await t.core.router.call(
      'settings.update',
      { publicBaseUrl: 'https://news.sd.go.kr', bounceImapHost: 'imap.sd.go.kr', bouncePollMinutes: 5 },
      t.cli,
    );
    const s = (await t.core.router.call('settings.get', {}, t.cli)) as Record<string, unknown>;
    expect(s).toMatchObject({
      publicBaseUrl: 'https://news.sd.go.kr',
      bounceImapHost: 'imap.sd.go.kr',
      bouncePollMinutes: 5,
      publicPort: 8088,
      bounceImapPort: 993,
    });
    await expect(t.core.router.call('settings.update', { publicPort: 70000 }, t.cli)).rejects.toMatchObject({
      code: 'VALIDATION',
    });
  });

  it('캠페인 outbox의 토큰으로 화면을 열고, 한 번 누르기로 이 분야만 수신 거부된다 (opt-out 원장에)', async () => {
    const p = addPerson(t.core, {
      name: '김민지',
      email: 'minji@example.net',
      fields: ['문화공연', '교육정보'],
    });
    const sent = addSentEmail(t.core, {
      subscriberId: p.id,
      address: 'minji@example.net',
      fieldIds: [fieldIdOf(t.core, '문화공연')],
    });
    const base = await listen();
    const url = publicUrls({ publicBaseUrl: base }).unsubscribe(sent.token);

    const page = await request(url);
    expect(page.status).toBe(200);
    expect(page.text).toContain('문화공연');
    expect(page.text).toContain(t.core.settings.get().wardName);
    expect(page.text).not.toContain('minji');

    const r = await form(url, { 'List-Unsubscribe': 'One-Click' });
    expect(r.status).toBe(200);
    await publicServerOf(t.core).settled(); // written down, then applied right after the answer
    expect(granted(p.id)).toEqual(['교육정보']);
    expect(
      t.core.subscriberRepo.isSuppressed('email', 'minji@example.net', fieldIdOf(t.core, '문화공연')),
    ).toBe(true);
    // clicking again changes nothing and still answers 200
    expect((await form(url, { 'List-Unsubscribe': 'One-Click' })).status).toBe(200);
    await publicServerOf(t.core).settled();
    expect(granted(p.id)).toEqual(['교육정보']);
    const st = (await t.core.router.call('public.status', {}, t.cli)) as { counters: Record<string, number> };
    expect(st.counters).toMatchObject({ oneClick: 2, unsubscribesApplied: 2, unsubscribesWaiting: 0 });
  });

  it('한 번 누르기는 먼저 적어 두고 답한다: 적용 전에 멈춰도 다시 시작하면 적용된다', async () => {
    const p = addPerson(t.core, { name: '오하린', email: 'harin@example.net', fields: ['문화공연'] });
    const sent = addSentEmail(t.core, {
      subscriberId: p.id,
      address: 'harin@example.net',
      fieldIds: [fieldIdOf(t.core, '문화공연')],
    });
    const server = publicServerOf(t.core);
    // the process "dies" before applying: the row stays in the journal
    server.journal!.add([
      {
        subscriberId: p.id,
        fieldId: fieldIdOf(t.core, '문화공연'),
        channel: 'email',
        source: 'one-click',
        token: sent.token,
        outboxId: sent.outboxId,
        campaignId: sent.campaignId,
        at: t.core.clock.now(),
      },
    ]);
    expect(server.journal!.counts()).toEqual({ pending: 1, failed: 0 });
    expect(granted(p.id)).toEqual(['문화공연']);
    await listen(); // starting the listener replays it
    await server.settled();
    expect(granted(p.id)).toEqual([]);
    expect(server.journal!.counts()).toEqual({ pending: 0, failed: 0 });
  });

  it('적용이 실패하면 기록해 두고 나중에 다시 한다', async () => {
    const p = addPerson(t.core, { name: '류도윤', email: 'doyun@example.net', fields: ['문화공연'] });
    const sent = addSentEmail(t.core, {
      subscriberId: p.id,
      address: 'doyun@example.net',
      fieldIds: [fieldIdOf(t.core, '문화공연')],
    });
    const server = publicServerOf(t.core);
    let fail = true;
    server.hooks.onUnsubscribe(() => {
      if (fail) throw new Error('잠깐 잠김');
    });
    const url = publicUrls({ publicBaseUrl: await listen() }).unsubscribe(sent.token);
    expect((await form(url, { 'List-Unsubscribe': 'One-Click' })).status).toBe(200);
    await server.settled();
    expect(server.journal!.counts()).toEqual({ pending: 1, failed: 0 });
    expect(granted(p.id)).toEqual([]); // the opt-out hook ran first and applied; ours failed after
    fail = false;
    t.clock.t += 5 * 60_000; // past the back-off
    await server.drain();
    expect(server.journal!.counts()).toEqual({ pending: 0, failed: 0 });
  });

  it('화면에서 "모든 분야"를 고르면 이메일 전 분야 수신 거부', async () => {
    const p = addPerson(t.core, {
      name: '이서준',
      email: 'seojun@example.net',
      fields: ['문화공연', '교육정보'],
    });
    const sent = addSentEmail(t.core, {
      subscriberId: p.id,
      address: 'seojun@example.net',
      fieldIds: [fieldIdOf(t.core, '문화공연')],
    });
    const url = publicUrls({ publicBaseUrl: await listen() }).unsubscribe(sent.token);
    const page = await request(url);
    const r = await form(url, { csrf: csrfOf(page.text), scope: 'all' });
    expect(r.status).toBe(200);
    expect(r.text).toContain('모든 분야');
    expect(granted(p.id)).toEqual([]);
  });

  it('폼 키는 데이터베이스 옆 파일에 있어 다시 시작해도 화면이 유효하다', async () => {
    const p = addPerson(t.core, { name: '박지호', email: 'jiho@example.net', fields: ['문화공연'] });
    const sent = addSentEmail(t.core, {
      subscriberId: p.id,
      address: 'jiho@example.net',
      fieldIds: [fieldIdOf(t.core, '문화공연')],
    });
    const csrf = publicServerOf(t.core).csrfFor(sent.token);
    const { createCore } = await import('../../../src/main/core/core');
    const again = await createCore({ dbPath: t.dbPath, mode: 'cli', now: () => new Date(t.clock.t) });
    try {
      expect(publicServerOf(again).checkCsrf(sent.token, csrf)).toBe(true);
    } finally {
      again.close();
    }
  });

  it('public.apply / public.status: 설정대로 켜고 끈다', async () => {
    const port = await freePort();
    t.core.settings.update({ publicEnabled: true, publicPort: port, publicHost: '127.0.0.1' });
    const on = (await t.core.router.call('public.apply', {}, t.cli)) as {
      running: boolean;
      listening: string;
    };
    expect(on).toMatchObject({ running: true, listening: `http://127.0.0.1:${port}` });
    expect((await request(`http://127.0.0.1:${port}/nothing`)).status).toBe(404);
    const st = (await t.core.router.call('public.status', {}, t.cli)) as { counters: Record<string, number> };
    expect(st.counters.notFound).toBe(1);

    t.core.settings.update({ publicEnabled: false });
    const off = (await t.core.router.call('public.apply', {}, t.cli)) as { running: boolean };
    expect(off.running).toBe(false);
    await expect(request(`http://127.0.0.1:${port}/nothing`)).rejects.toThrow();
  });

  it('포트가 이미 쓰이면 상태에 한국어 이유', async () => {
    const other = await listen();
    const port = Number(new URL(other).port);
    t.core.settings.update({ publicEnabled: true, publicPort: port });
    // a second core on the same database tries the same port
    const { createCore } = await import('../../../src/main/core/core');
    const second = await createCore({ dbPath: t.dbPath, mode: 'cli' });
    try {
      const st = (await second.router.call('public.apply', {}, t.cli)) as { running: boolean; error: string };
      expect(st.running).toBe(false);
      expect(st.error).toContain('이미 다른 프로그램이 쓰고 있습니다');
    } finally {
      await publicServerOf(second).close();
      second.close();
    }
  });
});
