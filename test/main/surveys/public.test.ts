// The respondent's page over real HTTP on the public listener (127.0.0.1).
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { publicServerOf } from '../../../src/main/public';
import { surveysOf } from '../../../src/main/surveys/module';
import { makeTestCore, type TestCore } from '../../support/core';
import { call, csrfOf, form, listen, policyCustomers, publishedSurvey, request } from './helpers';

let t: TestCore;
let base: string;
beforeEach(async () => {
  t = await makeTestCore();
  base = await listen(t.core);
});
afterEach(async () => {
  await publicServerOf(t.core).close();
  t.cleanup();
});

async function respondent(over = {}) {
  const s = await publishedSurvey(t, over);
  const [sid] = policyCustomers(t.core, 1);
  const p = surveysOf(t.core).responses.participantFor(s.id, sid);
  const token = t.core.sqlite
    .prepare('SELECT token FROM survey_participants WHERE id = ?')
    .pluck()
    .get(p.id) as string;
  const url = `${base}/s/${token}`;
  return { s, sid, token, url };
}

const pageOf = (html: string) => Number(/name="page" value="(\d+)"/.exec(html)?.[1]);

/** GET the page, then post these fields with its csrf and page number. */
async function answer(url: string, fields: Record<string, string | string[]>, nav = 'next') {
  const g = await request(url);
  const body = new URLSearchParams();
  body.set('csrf', csrfOf(g.text));
  body.set('page', String(pageOf(g.text)));
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
  body.set('nav', nav);
  return request(url, {
    method: 'POST',
    body: body.toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
}

describe('GET/POST /s/:token', () => {
  test('a light Korean page: strict CSP, no script, no external resource, form fields labelled', async () => {
    const { url } = await respondent();
    const r = await request(url);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    const csp = String(r.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toMatch(/style-src 'sha256-[A-Za-z0-9+/=]+'/);
    expect(csp).not.toContain('unsafe-inline');
    expect(r.headers['x-frame-options']).toBe('DENY');
    expect(r.headers['cache-control']).toBe('no-store');
    expect(r.text).not.toMatch(/<script|https?:\/\//i);
    expect(r.text).toContain('마을버스를 이용하십니까?');
    expect(r.text).toContain('1 / 3 쪽'); // the show-if page is not counted until 예 is answered
    expect(r.text).toContain('3분이면 끝납니다.');
    expect(r.body.length).toBeLessThan(100 * 1024);
  });

  test('answer across pages, come back later (resume), show-if skips a page, one submission only', async () => {
    const { s, url, sid } = await respondent();
    let r = await answer(url, { 'a.q1': '1', 'a.q2': '4' }); // 아니오
    expect(r.status).toBe(303);
    const back = await request(url); // a new visit resumes on page 2
    expect(pageOf(back.text)).toBe(1);
    expect(back.text).toContain('2 / 3 쪽'); // page 3 (q5) is not shown for 아니오
    r = await answer(url, { 'a.q3': ['0', '2'], 'm.q4.0': '5', 'm.q4.1': '4', 'm.q4.2': '2' });
    expect(r.status).toBe(303);
    const last = await request(url);
    expect(pageOf(last.text)).toBe(3); // q5's page skipped
    expect(last.text).not.toContain('주로 타는 노선');
    expect(last.text).toContain('제출하기');
    r = await answer(url, { 'a.q6': '배차 간격을 줄여 주세요', 'a.q7': '12' }, 'submit');
    expect(r.status).toBe(200);
    expect(r.text).toContain('소중한 의견 감사합니다.');
    const again = await request(url);
    expect(again.status).toBe(200);
    expect(again.text).toContain('이미 응답하셨습니다');
    const replay = await form(url, { csrf: csrfOf(last.text), page: '3', nav: 'submit', 'a.q6': '또' });
    expect(replay.status).toBe(409);
    expect(replay.text).toContain('이미 응답하셨습니다');
    const rows = t.core.sqlite
      .prepare('SELECT subscriber_id AS sid, via, answers FROM survey_responses WHERE survey_id = ?')
      .all(s.id) as {
      sid: string;
      via: string;
      answers: string;
    }[];
    expect(rows).toHaveLength(1);
    expect(rows[0].sid).toBe(sid);
    expect(rows[0].via).toBe('web');
    expect(JSON.parse(rows[0].answers)).toEqual({
      q1: '아니오',
      q2: 4,
      q3: ['지하철', '자전거'],
      q4: { 청결: 5, 친절: 4, '배차 간격': 2 },
      q6: '배차 간격을 줄여 주세요',
      q7: 12,
    });
  });

  test('show-if: answering 예 shows the route question on its own page; going back keeps answers', async () => {
    const { url } = await respondent();
    await answer(url, { 'a.q1': '0', 'a.q2': '5' });
    await answer(url, { 'm.q4.0': '3', 'm.q4.1': '3', 'm.q4.2': '3' });
    const p3 = await request(url);
    expect(pageOf(p3.text)).toBe(2);
    expect(p3.text).toContain('주로 타는 노선');
    expect(p3.text).toContain('3 / 4 쪽');
    const missing = await answer(url, {});
    expect(missing.status).toBe(422);
    expect(missing.text).toContain('꼭 답해 주세요.');
    const prev = await answer(url, { 'a.q5': '성동01' }, 'prev');
    expect(prev.status).toBe(303);
    const p2 = await request(url);
    expect(pageOf(p2.text)).toBe(1);
    expect(p2.text).toMatch(/name="m\.q4\.0" value="3" checked/);
  });

  test('input is length-limited and shown escaped: <script> comes back as text', async () => {
    const { url, s } = await respondent();
    await answer(url, { 'a.q1': 'other', 'o.q1': '<script>alert(1)</script>', 'a.q2': '3' });
    const back = await answer(url, { 'a.q3': '0' }, 'prev');
    expect(back.status).toBe(303);
    const p1 = await request(url);
    expect(p1.text).not.toContain('<script>alert(1)</script>');
    expect(p1.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    const long = await answer(url, { 'a.q1': '0', 'a.q2': '3' });
    expect(long.status).toBe(303);
    const tooLong = await answer(url, { 'm.q4.0': '1', 'm.q4.1': '1', 'm.q4.2': '1', 'a.q3': '9' });
    expect(tooLong.status).toBe(422); // an option that does not exist
    expect(tooLong.text).toContain('보기 가운데에서 고르세요.');
    // the body limit: 64 KB
    const big = await request(url, {
      method: 'POST',
      body: `a.q6=${'가'.repeat(30_000)}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(big.status).toBe(413);
    expect(s.id).toBeTruthy();
  });

  test('a stale form (csrf) and a form for another page are not taken', async () => {
    const { url } = await respondent();
    const bad = await form(url, { csrf: 'a.b.c', page: '0', nav: 'next', 'a.q1': '0', 'a.q2': '1' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('화면이 오래되었습니다');
    const g = await request(url);
    const other = await form(url, { csrf: csrfOf(g.text), page: '2', nav: 'next' });
    expect(other.status).toBe(409);
  });

  test('closed, not yet open and unknown tokens get clear pages', async () => {
    const { url, s } = await respondent();
    await call(t, 'surveys.close', { id: s.id });
    const closed = await request(url);
    expect(closed.status).toBe(410);
    expect(closed.text).toContain('설문이 마감되었습니다');
    expect(String(closed.headers['content-security-policy'])).toContain("default-src 'none'");

    const later = await respondent({
      title: '다음 달 설문',
      opensAt: '2026-04-01T00:00:00+09:00',
      closesAt: '2026-04-30T00:00:00+09:00',
    });
    const notYet = await request(later.url);
    expect(notYet.status).toBe(403);
    expect(notYet.text).toContain('아직 설문 기간이 아닙니다');

    const expired = await respondent({ title: '지난 설문', closesAt: '2026-03-10T00:00:00+09:00' });
    t.clock.t = new Date('2026-03-10T00:00:01+09:00').getTime();
    const exp = await request(expired.url);
    expect(exp.status).toBe(410);

    const unknown = await request(`${base}/s/AAAAAAAAAAAAAAAAAAAAAA`);
    expect(unknown.status).toBe(404);
    expect(unknown.text).toContain('설문을 찾을 수 없습니다');
    const junk = await request(`${base}/s/%3Cscript%3E`);
    expect(junk.status).toBe(404);
    expect(junk.text).not.toContain('<script>');
  });
});
