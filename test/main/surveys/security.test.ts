// Tokens (unguessable, one per person, saying nothing) and anonymous mode (no link from an answer
// back to the person).
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { campaignsOf } from '../../../src/main/campaigns/module';
import { publicServerOf } from '../../../src/main/public';
import { surveysOf } from '../../../src/main/surveys/module';
import { newSurveyToken } from '../../../src/main/surveys/respond';
import type { SurveyResults } from '../../../src/shared/contract/surveys';
import { makeTestCore, type TestCore } from '../../support/core';
import { call, csrfOf, listen, policyCustomers, publishedSurvey, request, tokensOf } from './helpers';

let t: TestCore;
beforeEach(async () => {
  t = await makeTestCore();
  campaignsOf(t.core).settings.update({ testGateway: { failureRate: 0, deliveryDelayMs: 0 } });
});
afterEach(async () => {
  await campaignsOf(t.core).dispatcher.idle();
  await publicServerOf(t.core).close();
  t.cleanup();
});

const smsOnly = {
  invitation: {
    channels: { email: false, sms: true },
    emailSubject: '',
    emailHtml: '',
    smsText: '',
    reminderSmsText: '',
  },
};

describe('personal link tokens', () => {
  test('128 random bits, base64url: no repeats and no structure across many', () => {
    const seen = new Set<string>();
    const bits = new Array(128).fill(0);
    for (let i = 0; i < 5000; i++) {
      const tok = newSurveyToken();
      expect(tok).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(Buffer.from(tok, 'base64url')).toHaveLength(16);
      seen.add(tok);
      const b = Buffer.from(tok, 'base64url');
      for (let k = 0; k < 128; k++) bits[k] += (b[k >> 3] >> (k & 7)) & 1;
    }
    expect(seen.size).toBe(5000);
    // every bit is set about half the time (no fixed prefix, counter or timestamp)
    for (const n of bits) expect(Math.abs(n - 2500)).toBeLessThan(250);
  });

  test('one per participant, unique, not derived from the person; inviting again adds no second link', async () => {
    const ids = policyCustomers(t.core, 6, { email: false });
    const s = await publishedSurvey(t, smsOnly);
    await call(t, 'surveys.invite', { id: s.id });
    await campaignsOf(t.core).dispatcher.idle();
    const again = await call<{ newParticipants: number; participants: number }>(t, 'surveys.invite', {
      id: s.id,
    });
    expect(again).toMatchObject({ newParticipants: 0, participants: 6 });
    const toks = tokensOf(t.core, s.id);
    expect(toks).toHaveLength(6);
    expect(new Set(toks.map((x) => x.token)).size).toBe(6);
    for (const x of toks) {
      expect(ids).toContain(x.subscriberId);
      expect(x.token).not.toContain(x.subscriberId.slice(0, 8));
      expect(x.token).not.toContain(x.subscriberId.replace(/-/g, '').slice(0, 6));
    }
    // the outbox token (unsubscribe, VERP) is another value: the survey link cannot be derived from it
    const outboxTokens = t.core.sqlite.prepare('SELECT token FROM outbox').pluck().all() as string[];
    for (const x of toks) expect(outboxTokens).not.toContain(x.token);
  });

  test('the page reveals nothing about the person, and a tampered token is just "not found"', async () => {
    const base = await listen(t.core);
    policyCustomers(t.core, 1, { email: false });
    const s = await publishedSurvey(t, smsOnly);
    await call(t, 'surveys.invite', { id: s.id });
    await campaignsOf(t.core).dispatcher.idle();
    const [{ token }] = tokensOf(t.core, s.id);
    const page = await request(`${base}/s/${token}`);
    expect(page.status).toBe(200);
    expect(page.text).not.toContain('주민0');
    expect(page.text).not.toContain('010');
    const flipped = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
    const forged = await request(`${base}/s/${flipped}`);
    const unknown = await request(`${base}/s/${'Z'.repeat(22)}`);
    expect(forged.status).toBe(404);
    expect(forged.text).toBe(unknown.text);
    expect((await request(`${base}/s/${token}x`)).status).toBe(404);
  });
});

describe('anonymous surveys', () => {
  test('the stored answer cannot be linked to the person; group attributes are kept', async () => {
    const base = await listen(t.core);
    const ids = policyCustomers(t.core, 3, { email: false });
    const s = await publishedSurvey(t, { ...smsOnly, anonymous: true });
    await call(t, 'surveys.invite', { id: s.id });
    await campaignsOf(t.core).dispatcher.idle();
    const toks = tokensOf(t.core, s.id);
    const mine = toks.find((x) => x.subscriberId === ids[1])!;
    const post = async (fields: Record<string, string>, nav = 'next') => {
      const g = await request(`${base}/s/${mine.token}`);
      const page = /name="page" value="(\d+)"/.exec(g.text)![1];
      return request(`${base}/s/${mine.token}`, {
        method: 'POST',
        body: new URLSearchParams({ csrf: csrfOf(g.text), page, nav, ...fields }).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
    };
    await post({ 'a.q1': '1', 'a.q2': '2' });
    // while unfinished, progress is kept with the participant…
    expect(
      t.core.sqlite
        .prepare('SELECT progress FROM survey_participants WHERE subscriber_id = ?')
        .pluck()
        .get(ids[1]),
    ).toContain('아니오');
    await post({ 'm.q4.0': '1', 'm.q4.1': '2', 'm.q4.2': '3' });
    expect((await post({ 'a.q6': '익명 의견' }, 'submit')).status).toBe(200);
    // …and removed at completion
    const part = t.core.sqlite
      .prepare('SELECT progress, completed_at FROM survey_participants WHERE subscriber_id = ?')
      .get(ids[1]) as { progress: string | null; completed_at: string };
    expect(part.progress).toBeNull();
    const rows = t.core.sqlite
      .prepare('SELECT * FROM survey_responses WHERE survey_id = ?')
      .all(s.id) as Record<string, unknown>[];
    expect(rows).toHaveLength(1);
    const r = rows[0];
    expect(r.participant_id).toBeNull();
    expect(r.subscriber_id).toBeNull();
    expect(r.submitted_at).toBeNull(); // only the day
    expect(r.submitted_on).toBe('2026-03-02');
    expect(r.entered_by).toBeNull();
    expect(String(r.answers)).toContain('익명 의견');
    const person = t.core.subscriberRepo.byId(ids[1])!;
    expect(r.dong_id).toBe(person.dongId);
    expect(r.gender).toBe(person.gender);
    expect(r.age_band).toBe('60s');
    // nothing in the row carries the person's id, token or contact
    const flat = JSON.stringify(r);
    for (const secret of [ids[1], mine.token, person.mobile!]) expect(flat).not.toContain(secret);
    // the row id is random, not the order of completion
    expect(Number(r.id)).toBeGreaterThan(1000);

    // the export has no name column; results still count it
    const x = await call<{ contentBase64: string; rows: number }>(t, 'surveys.export', {
      id: s.id,
      reason: '결과 보고',
    });
    expect(x.rows).toBe(1);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(x.contentBase64, 'base64') as never);
    const head = (wb.getWorksheet('응답')!.getRow(1).values as unknown[]).filter(Boolean);
    expect(head).not.toContain('이름');
    const res = await call<SurveyResults>(t, 'surveys.results', { id: s.id });
    expect(res.responses).toBe(1);
    expect(res.funnel.total.completed).toBe(1);
    expect(surveysOf(t.core).store.get(s.id)?.anonymous).toBe(1);
  });
});
