// A real invitation: campaigns through the test SMS gateway and an SMTP sink on 127.0.0.1, links
// taken from the mails, the open pixel and the survey page over HTTP, then the funnel.
import { simpleParser } from 'mailparser';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { campaignsOf } from '../../../src/main/campaigns/module';
import { feedbackOf } from '../../../src/main/dispatch/feedback';
import { publicServerOf } from '../../../src/main/public';
import type { SurveyResults } from '../../../src/shared/contract/surveys';
import { makeTestCore, type TestCore } from '../../support/core';
import { addPeople } from '../campaigns/helpers';
import { startSink } from '../mail/sink';
import { call, csrfOf, listen, policyCustomers, publishedSurvey, request } from './helpers';

type Sink = Awaited<ReturnType<typeof startSink>>;
let t: TestCore;
let sink: Sink;
let base: string;

beforeEach(async () => {
  sink = await startSink({ rcpt: (a) => (a.startsWith('nouser') ? 550 : null) });
  t = await makeTestCore();
  base = await listen(t.core);
  const m = campaignsOf(t.core);
  m.settings.update({
    smtp: {
      host: '127.0.0.1',
      port: sink.port,
      secure: false,
      user: '',
      fromName: '성동구청',
      fromAddress: 'survey@seongdong.example',
      bounceDomain: 'bounce.seongdong.example',
      maxConnections: 2,
      ratePerSecond: 0,
    },
    testGateway: { failureRate: 0, deliveryDelayMs: 0 },
    dispatch: {
      ...m.settings.get().dispatch,
      smsRatePerSecond: 1000,
      emailRatePerSecond: 1000,
      retryBaseMs: 10,
    },
  });
});
afterEach(async () => {
  await campaignsOf(t.core).dispatcher.idle();
  await publicServerOf(t.core).close();
  campaignsOf(t.core).close();
  t.cleanup();
  await sink.close();
});

async function settle(campaignId: string) {
  const m = campaignsOf(t.core);
  await m.dispatcher.idle();
  await m.dispatcher.waitReports(campaignId, 3000);
}

async function mails() {
  return Promise.all(sink.received.map((r) => simpleParser(r.raw)));
}

describe('survey invitations through the campaign dispatcher', () => {
  test('email + SMS invitations, open pixel, answers over HTTP: the funnel counts each stage', async () => {
    policyCustomers(t.core, 5);
    const [bad] = addPeople(t.core, [
      {
        name: '오주소',
        mobile: '01029999999',
        email: 'nouser@example.com',
        smsFields: ['survey'],
        emailFields: ['survey'],
        birthYear: 1980,
        dongId: t.core.reference.list().dongs[0].id,
      },
    ]);
    // someone who consented to another field only is no policy customer
    addPeople(t.core, [{ name: '문화만', email: 'culture@example.com', emailFields: ['culture'] }]);
    const s = await publishedSurvey(t, {
      invitation: {
        channels: { email: true, sms: true },
        emailSubject: '마을버스 설문',
        emailHtml: '',
        smsText: '',
        reminderSmsText: '',
      },
    });
    const inv = await call<{ campaignId: string; participants: number; email: number; sms: number }>(
      t,
      'surveys.invite',
      { id: s.id },
    );
    expect(inv).toMatchObject({ participants: 6, email: 6, sms: 6 });
    await settle(inv.campaignId);

    const campaign = await call<{
      status: string;
      counts: { sms: Record<string, number>; email: Record<string, number> };
    }>(t, 'campaigns.get', { id: inv.campaignId });
    expect(campaign.status).toBe('done');
    expect(campaign.counts.sms).toEqual({ delivered: 6 });
    expect(campaign.counts.email).toEqual({ accepted: 5, failed: 1 });

    const got = await mails();
    expect(got).toHaveLength(5);
    expect(got.map((g) => g.subject)).toContain('마을버스 설문');
    const links = got.map((g) => {
      const html = String(g.html);
      const link = new RegExp(`${base}/s/([A-Za-z0-9_-]{22})`).exec(html);
      const pixel = new RegExp(`${base}/o/([A-Za-z0-9_-]+)\\.gif`).exec(html);
      expect(link, 'personal link in the mail').not.toBeNull();
      expect(pixel, 'open pixel in the mail').not.toBeNull();
      expect(String(g.text)).toContain(`${base}/s/${link![1]}`);
      return { token: link![1], pixel: pixel![0] };
    });
    expect(new Set(links.map((l) => l.token)).size).toBe(5);
    // the SMS carries the same personal link, counted in bytes as LMS/SMS
    const smsTexts = t.core.sqlite
      .prepare('SELECT text FROM test_gateway_messages')
      .pluck()
      .all() as string[];
    expect(smsTexts).toHaveLength(6);
    for (const l of links) expect(smsTexts.some((x) => x.includes(`/s/${l.token}`))).toBe(true);

    // two open the mail (one twice), one of them answers everything, another starts
    for (const l of [links[0], links[1], links[1]]) expect((await request(l.pixel)).status).toBe(200);
    const answerPage = async (token: string, fields: Record<string, string>, nav = 'next') => {
      const g = await request(`${base}/s/${token}`);
      const page = /name="page" value="(\d+)"/.exec(g.text)![1];
      const body = new URLSearchParams({ csrf: csrfOf(g.text), page, nav, ...fields });
      return request(`${base}/s/${token}`, {
        method: 'POST',
        body: body.toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
    };
    await answerPage(links[0].token, { 'a.q1': '1', 'a.q2': '5' });
    await answerPage(links[0].token, { 'm.q4.0': '4', 'm.q4.1': '4', 'm.q4.2': '4' });
    const done = await answerPage(links[0].token, {}, 'submit');
    expect(done.text).toContain('소중한 의견 감사합니다.');
    await answerPage(links[2].token, { 'a.q1': '0', 'a.q2': '2' });
    // one only clicks the SMS link
    await request(`${base}/s/${links[3].token}`);
    await feedbackOf(t.core).settled();

    const r = await call<SurveyResults>(t, 'surveys.results', { id: s.id });
    expect(r.funnel.total).toEqual({
      invited: 6,
      delivered: 6,
      opened: 4,
      started: 2,
      completed: 1,
      responseRate: 0.167,
    });
    const email = r.funnel.byChannel.find((c) => c.channel === 'email')!;
    expect(email).toMatchObject({ invited: 6, delivered: 5, opened: 4, started: 2, completed: 1 });
    const sms = r.funnel.byChannel.find((c) => c.channel === 'sms')!;
    expect(sms).toMatchObject({ invited: 6, delivered: 6, opened: 3, started: 2, completed: 1 });
    expect(r.funnel.byDong.reduce((a, d) => a + d.invited, 0)).toBe(6);
    expect(r.funnel.byAgeBand.reduce((a, d) => a + d.completed, 0)).toBe(1);
    expect(r.responses).toBe(1);
    const q2 = r.questions.find((q) => q.id === 'q2')!;
    expect(q2).toMatchObject({ answered: 1, mean: 5 });

    // the failed address is listed, corrected and resent to that person only, same personal link
    const bounces = await call<{
      items: { outboxId: number; subscriberId: string; address: string; reason: string }[];
    }>(t, 'surveys.bounces', { id: s.id });
    expect(bounces.items).toHaveLength(1);
    expect(bounces.items[0]).toMatchObject({ subscriberId: bad, address: 'nouser@example.com' });
    expect(bounces.items[0].reason).toMatch(/주소를 거부/);
    const resent = await call<{ address: string; status: string }>(t, 'surveys.resend', {
      outboxId: bounces.items[0].outboxId,
      address: 'fixed@example.com',
    });
    expect(resent).toMatchObject({ address: 'fixed@example.com', status: 'queued' });
    await settle(inv.campaignId);
    const after = await mails();
    const fixed = after.find((g) => g.to && JSON.stringify(g.to).includes('fixed@example.com'))!;
    expect(fixed).toBeTruthy();
    const badToken = t.core.sqlite
      .prepare('SELECT token FROM survey_participants WHERE survey_id = ? AND subscriber_id = ?')
      .pluck()
      .get(s.id, bad) as string;
    expect(String(fixed.html)).toContain(`/s/${badToken}`);
    const newRow = t.core.sqlite
      .prepare("SELECT token FROM outbox WHERE address = 'fixed@example.com'")
      .pluck()
      .get() as string;
    expect(String(fixed.html)).toContain(`/o/${newRow}.gif`);
    expect(t.core.subscriberRepo.byId(bad)!.email).toBe('fixed@example.com');
    expect((await call<{ items: unknown[] }>(t, 'surveys.bounces', { id: s.id })).items).toMatchObject([
      { resent: true },
    ]);
    const r2 = await call<SurveyResults>(t, 'surveys.results', { id: s.id });
    expect(r2.funnel.byChannel.find((c) => c.channel === 'email')!.delivered).toBe(6);
  });

  test('an SMS nudge goes only to the invited who have not opened or visited', async () => {
    policyCustomers(t.core, 4);
    // invited by email only; the SMS nudge comes later, to those who did not react
    const s = await publishedSurvey(t, {
      invitation: {
        channels: { email: true, sms: false },
        emailSubject: '설문',
        emailHtml: '',
        smsText: '',
        reminderSmsText: '',
      },
    });
    const inv = await call<{ campaignId: string; sms: number }>(t, 'surveys.invite', { id: s.id });
    expect(inv.sms).toBe(0);
    await settle(inv.campaignId);
    const got = await mails();
    const pixel = new RegExp(`${base}/o/[A-Za-z0-9_-]+\\.gif`).exec(String(got[0].html))![0];
    await request(pixel);
    const token = new RegExp(`${base}/s/([A-Za-z0-9_-]{22})`).exec(String(got[1].html))![1];
    await request(`${base}/s/${token}`);
    // the pixel is answered at once; its open is written with the next feedback batch
    await feedbackOf(t.core).settled();
    const n = await call<{ campaignId: string; sms: number }>(t, 'surveys.nudge', { id: s.id });
    expect(n.sms).toBe(2);
    await settle(n.campaignId);
    // a second nudge finds no one: they have had their SMS
    expect((await call<{ sms: number }>(t, 'surveys.nudge', { id: s.id })).sms).toBe(0);
    const texts = t.core.sqlite.prepare('SELECT text FROM test_gateway_messages').pluck().all() as string[];
    expect(texts).toHaveLength(2);
    expect(texts.every((x) => /\/s\/[A-Za-z0-9_-]{22}/.test(x))).toBe(true);
    expect(texts.some((x) => x.includes(token))).toBe(false);
  });
});
