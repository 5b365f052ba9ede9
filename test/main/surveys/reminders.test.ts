// Reminders go to invited people who have not completed, after N days, at most M times each.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { campaignsOf } from '../../../src/main/campaigns/module';
import { SCHEDULER_ACTOR } from '../../../src/main/dispatch/scheduler';
import { surveysOf } from '../../../src/main/surveys/module';
import { makeTestCore, type TestCore } from '../../support/core';
import { call, policyCustomers, publishedSurvey } from './helpers';

let t: TestCore;
beforeEach(async () => {
  t = await makeTestCore();
  const m = campaignsOf(t.core);
  m.settings.update({ testGateway: { failureRate: 0, deliveryDelayMs: 0 } });
});
afterEach(async () => {
  await campaignsOf(t.core).dispatcher.idle();
  t.cleanup();
});

const DAY = 86_400_000;
const smsTo = (sid: string) =>
  t.core.sqlite
    .prepare(
      `SELECT sc.kind FROM outbox o JOIN survey_campaigns sc ON sc.campaign_id = o.campaign_id
       WHERE o.subscriber_id = ? ORDER BY o.id`,
    )
    .pluck()
    .all(sid) as string[];

describe('reminders', () => {
  test('only non-respondents, only after N days, at most M times; the scheduler does the same', async () => {
    const ids = policyCustomers(t.core, 4, { email: false });
    const s = await publishedSurvey(t, {
      invitation: {
        channels: { email: false, sms: true },
        emailSubject: '',
        emailHtml: '',
        smsText: '',
        reminderSmsText: '',
      },
      reminders: { afterDays: 3, max: 2 },
    });
    const inv = await call<{ sms: number }>(t, 'surveys.invite', { id: s.id });
    expect(inv.sms).toBe(4);
    await campaignsOf(t.core).dispatcher.idle();
    // one answers on paper (staff entry), one on the web
    await call(t, 'surveys.enterAnswers', {
      id: s.id,
      subscriberId: ids[0],
      via: 'paper',
      answers: { q1: '아니오', q2: 3, q4: { 청결: 3, 친절: 3, '배차 간격': 3 } },
    });
    const p1 = surveysOf(t.core).responses.byToken(
      t.core.sqlite
        .prepare('SELECT token FROM survey_participants WHERE subscriber_id = ?')
        .pluck()
        .get(ids[1]) as string,
    )!;
    surveysOf(t.core).responses.submit(p1, { q1: '예' }, 'web', t.core.clock.now(), null);

    // not yet: 3 days have not passed
    expect(await call(t, 'surveys.remind', { id: s.id })).toEqual({ campaignId: null, people: 0 });
    t.clock.t += 3 * DAY;
    const r1 = await call<{ campaignId: string; people: number }>(t, 'surveys.remind', { id: s.id });
    expect(r1.people).toBe(2);
    await campaignsOf(t.core).dispatcher.idle();
    // right after a reminder: the next waits another 3 days
    expect((await call<{ people: number }>(t, 'surveys.remind', { id: s.id })).people).toBe(0);
    t.clock.t += 3 * DAY;
    const actor = {
      userId: null,
      audit: (e: Parameters<typeof t.core.audit.append>[1]) => t.core.audit.append(SCHEDULER_ACTOR, e),
    };
    const viaScheduler = surveysOf(t.core).invitations.tickReminders(actor);
    expect(viaScheduler).toHaveLength(1);
    await campaignsOf(t.core).dispatcher.idle();
    t.clock.t += 10 * DAY;
    // the maximum (2) is reached; force does not pass it either
    expect((await call<{ people: number }>(t, 'surveys.remind', { id: s.id, force: true })).people).toBe(0);

    expect(smsTo(ids[0])).toEqual(['invite']);
    expect(smsTo(ids[1])).toEqual(['invite']);
    expect(smsTo(ids[2])).toEqual(['invite', 'reminder', 'reminder']);
    expect(smsTo(ids[3])).toEqual(['invite', 'reminder', 'reminder']);
    const rounds = t.core.sqlite
      .prepare("SELECT round FROM survey_campaigns WHERE survey_id = ? AND kind = 'reminder' ORDER BY round")
      .pluck()
      .all(s.id);
    expect(rounds).toEqual([1, 2]);
    const texts = t.core.sqlite
      .prepare('SELECT text FROM test_gateway_messages ORDER BY id')
      .pluck()
      .all() as string[];
    expect(texts.at(-1)).toContain('아직 응답하지 않으셨다면');
    const audit = t.core.sqlite
      .prepare(
        "SELECT username FROM audit_log WHERE action = 'send' AND detail LIKE '%reminder%' ORDER BY id",
      )
      .pluck()
      .all();
    expect(audit).toEqual(['cli', '예약 발송']);
  });

  test('the scheduler sends no reminder at night or for a closed survey', async () => {
    policyCustomers(t.core, 2, { email: false });
    const s = await publishedSurvey(t, {
      invitation: {
        channels: { email: false, sms: true },
        emailSubject: '',
        emailHtml: '',
        smsText: '',
        reminderSmsText: '',
      },
      reminders: { afterDays: 1, max: 3 },
    });
    await call(t, 'surveys.invite', { id: s.id });
    await campaignsOf(t.core).dispatcher.idle();
    const actor = { userId: null, audit: () => {} };
    t.clock.t = new Date('2026-03-03T22:00:00+09:00').getTime();
    expect(surveysOf(t.core).invitations.tickReminders(actor)).toEqual([]);
    await call(t, 'surveys.close', { id: s.id });
    t.clock.t = new Date('2026-03-04T10:00:00+09:00').getTime();
    expect(surveysOf(t.core).invitations.tickReminders(actor)).toEqual([]);
  });
});
