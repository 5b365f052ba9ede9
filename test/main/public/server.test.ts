import iconv from 'iconv-lite';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeliveryReport, InboundSms, UnsubscribeRequest } from '../../../src/main/public/hooks';
import { decodeKannelText } from '../../../src/main/public/routes';
import { isTokenShape, newPublicToken } from '../../../src/main/public/tokens';
import { listUnsubscribeHeaders, publicUrls } from '../../../src/main/public/urls';
import { csrfOf, form, request, startServer, TEST_TOKEN, TOKEN } from './helpers';

let stop: (() => Promise<void>) | null = null;
afterEach(async () => {
  await stop?.();
  stop = null;
});

async function server(opts: Parameters<typeof startServer>[0] = {}) {
  const s = await startServer(opts);
  stop = s.close;
  return s;
}

function recordUnsubscribes(s: Awaited<ReturnType<typeof server>>) {
  const got: UnsubscribeRequest[] = [];
  s.server.hooks.onUnsubscribe((u) => {
    got.push(u);
  });
  return got;
}

describe('공개 웹: 링크 주소', () => {
  it('수신거부·열람·설문 주소와 RFC 8058 머리글', () => {
    const u = publicUrls({ publicBaseUrl: 'https://news.sd.go.kr/' });
    expect(u.unsubscribe('abc')).toBe('https://news.sd.go.kr/u/abc');
    expect(u.openPixel('abc')).toBe('https://news.sd.go.kr/o/abc.gif');
    expect(u.survey('abc')).toBe('https://news.sd.go.kr/s/abc');
    expect(listUnsubscribeHeaders({ publicBaseUrl: 'https://news.sd.go.kr' }, 'abc')).toEqual({
      'List-Unsubscribe': '<https://news.sd.go.kr/u/abc>',
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    });
  });

  it('새 토큰은 128비트 이상, base64url', () => {
    const t = newPublicToken();
    expect(t).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(isTokenShape(t)).toBe(true);
    expect(isTokenShape('a'.repeat(32))).toBe(true); // campaigns' 128-bit hex tokens
    expect(isTokenShape('short')).toBe(false);
    expect(isTokenShape('../../etc/passwd/aaaaaaaaaaaaaaaaaaaa')).toBe(false);
  });
});

describe('공개 웹: 수신거부 화면', () => {
  it('GET: 한국어 모바일 화면, 범위 선택, 외부 자원 없음, 엄격한 CSP', async () => {
    const s = await server();
    const r = await request(`${s.base}/u/${TOKEN}`);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(r.text).toContain('이메일 수신 거부');
    expect(r.text).toContain('이 분야만');
    expect(r.text).toContain('모든 분야');
    expect(r.text).toContain('문화공연, 도서관 정보');
    expect(r.text).toContain('name="viewport"');
    expect(r.text).not.toMatch(/<script|https?:\/\/|src=/i);
    const csp = String(r.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toMatch(/style-src 'sha256-[A-Za-z0-9+/=]+'/);
    expect(csp).toContain("form-action 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(r.headers['x-frame-options']).toBe('DENY');
    expect(r.headers['cache-control']).toBe('no-store');
    expect(r.headers['referrer-policy']).toBe('no-referrer');
    // the page says nothing about the person
    expect(r.text).not.toContain('sub-1');
  });

  it('CSP의 해시가 화면의 스타일과 맞다', async () => {
    const s = await server();
    const r = await request(`${s.base}/u/${TOKEN}`);
    const css = /<style>([\s\S]*?)<\/style>/.exec(r.text)![1];
    const { createHash } = await import('node:crypto');
    const hash = createHash('sha256').update(css).digest('base64');
    expect(String(r.headers['content-security-policy'])).toContain(`'sha256-${hash}'`);
  });

  it('POST(이 분야만): 분야마다 onUnsubscribe, 완료 화면', async () => {
    const s = await server();
    const got = recordUnsubscribes(s);
    const page = await request(`${s.base}/u/${TOKEN}`);
    const r = await form(`${s.base}/u/${TOKEN}`, { csrf: csrfOf(page.text), scope: 'field' });
    expect(r.status).toBe(200);
    expect(r.text).toContain('수신 거부가 처리되었습니다');
    expect(got.map((g) => [g.subscriberId, g.fieldId, g.channel, g.source, g.outboxId])).toEqual([
      ['sub-1', 1, 'email', 'email-link', 7],
      ['sub-1', 3, 'email', 'email-link', 7],
    ]);
    expect(got[0].token).toBe(TOKEN);
  });

  it('POST(모든 분야): fieldId null 한 번', async () => {
    const s = await server();
    const got = recordUnsubscribes(s);
    const page = await request(`${s.base}/u/${TOKEN}`);
    const r = await form(`${s.base}/u/${TOKEN}`, { csrf: csrfOf(page.text), scope: 'all' });
    expect(r.status).toBe(200);
    expect(r.text).toContain('모든 분야');
    expect(got.map((g) => g.fieldId)).toEqual([null]);
  });

  it('CSRF: 값이 없거나, 다른 링크의 것이거나, 고친 것이면 400이고 아무것도 안 바뀐다', async () => {
    const s = await server();
    const got = recordUnsubscribes(s);
    const other = csrfOf((await request(`${s.base}/u/${TEST_TOKEN}`)).text);
    const mine = csrfOf((await request(`${s.base}/u/${TOKEN}`)).text);
    for (const csrf of ['', other, `${mine}x`, mine.replace(/^[^.]+/, '0')]) {
      const r = await form(`${s.base}/u/${TOKEN}`, { csrf, scope: 'all' });
      expect(r.status).toBe(400);
      expect(r.text).toContain('다시 시도해 주세요');
    }
    expect(got).toEqual([]);
  });

  it('CSRF 값은 하루가 지나면 쓸 수 없다', async () => {
    let now = new Date('2026-03-02T09:00:00+09:00');
    const s = await server({ now: () => now });
    recordUnsubscribes(s);
    const csrf = csrfOf((await request(`${s.base}/u/${TOKEN}`)).text);
    now = new Date(now.getTime() + 25 * 3600_000);
    expect((await form(`${s.base}/u/${TOKEN}`, { csrf, scope: 'all' })).status).toBe(400);
  });

  it('RFC 8058 한 번 누르기: 본문 List-Unsubscribe=One-Click → 200, 화면 없이', async () => {
    const s = await server();
    const got = recordUnsubscribes(s);
    const r = await form(`${s.base}/u/${TOKEN}`, { 'List-Unsubscribe': 'One-Click' });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(got.map((g) => [g.fieldId, g.source])).toEqual([
      [1, 'one-click'],
      [3, 'one-click'],
    ]);
  });

  it('모르는 토큰: 화면은 한국어 404, 한 번 누르기는 404', async () => {
    const s = await server();
    const got = recordUnsubscribes(s);
    const unknown = 'zzzzzzzzzzzzzzzzzzzzzzzzzzzz';
    const g = await request(`${s.base}/u/${unknown}`);
    expect(g.status).toBe(404);
    expect(g.text).toContain('링크를 찾을 수 없습니다');
    expect((await form(`${s.base}/u/${unknown}`, { 'List-Unsubscribe': 'One-Click' })).status).toBe(404);
    expect((await request(`${s.base}/u/%E0%A4%A`)).status).toBe(400);
    expect(got).toEqual([]);
  });

  it('직원 시험 발송 링크: 화면은 열리고, 눌러도 바뀌는 것이 없다', async () => {
    const s = await server();
    const got = recordUnsubscribes(s);
    const page = await request(`${s.base}/u/${TEST_TOKEN}`);
    expect(page.text).toContain('시험 메일');
    const r = await form(`${s.base}/u/${TEST_TOKEN}`, { csrf: csrfOf(page.text), scope: 'all' });
    expect(r.status).toBe(200);
    expect(got).toEqual([]);
  });

  it('받을 곳(onUnsubscribe)이 없으면 503: 조용히 버리지 않는다', async () => {
    const s = await server();
    const r = await form(`${s.base}/u/${TOKEN}`, { 'List-Unsubscribe': 'One-Click' });
    expect(r.status).toBe(503);
  });

  it('처리 중 오류는 한국어 500이고, 기록에 토큰이 남지 않는다', async () => {
    const s = await server();
    s.server.hooks.onUnsubscribe(() => {
      throw new Error(`db failed for ${TOKEN}`);
    });
    const r = await form(`${s.base}/u/${TOKEN}`, { 'List-Unsubscribe': 'One-Click' });
    expect(r.status).toBe(500);
    expect(r.text).toContain('잠시 후 다시 시도해 주세요');
    expect(s.logs.length).toBe(1);
    expect(s.logs.join('\n')).not.toContain(TOKEN);
    expect(s.logs.join('\n')).not.toContain(TOKEN.slice(4));
  });

  it('본문은 16 KB까지: 넘으면 413', async () => {
    const s = await server();
    recordUnsubscribes(s);
    const r = await request(`${s.base}/u/${TOKEN}`, {
      method: 'POST',
      body: `scope=all&x=${'a'.repeat(20_000)}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(r.status).toBe(413);
  });
});

describe('공개 웹: 열람 확인 그림', () => {
  it('1×1 GIF, no-store, onOpen(outboxId, at, userAgent)', async () => {
    const at = new Date('2026-03-02T10:00:00+09:00');
    const s = await server({ now: () => at });
    const opens: [number, Date, string | null][] = [];
    s.server.hooks.onOpen((id, when, ua) => {
      opens.push([id, when, ua]);
    });
    const r = await request(`${s.base}/o/${TOKEN}.gif`, {
      headers: { 'user-agent': 'Mozilla/5.0 (iPhone)' },
    });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('image/gif');
    expect(r.headers['cache-control']).toBe('no-store');
    expect(r.body.subarray(0, 6).toString('latin1')).toBe('GIF89a');
    expect(r.body.length).toBeLessThan(64);
    expect(opens).toEqual([[7, at, 'Mozilla/5.0 (iPhone)']]);
  });

  it('모르는 토큰에도 같은 그림 (맞는지 알려 주지 않음), 기록은 없음', async () => {
    const s = await server();
    const opens: number[] = [];
    s.server.hooks.onOpen((id) => {
      opens.push(id);
    });
    const r = await request(`${s.base}/o/zzzzzzzzzzzzzzzzzzzzzzzzzz.gif`);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('image/gif');
    expect(opens).toEqual([]);
  });

  it('기록하다 실패해도 그림은 나간다', async () => {
    const s = await server();
    s.server.hooks.onOpen(() => {
      throw new Error('x');
    });
    expect((await request(`${s.base}/o/${TOKEN}.gif`)).status).toBe(200);
  });
});

describe('공개 웹: Kannel 콜백', () => {
  it('MO: coding=2 UTF-16BE 한국어를 바르게 풀어 onInboundSms', async () => {
    const at = new Date('2026-03-02T10:00:00+09:00');
    const s = await server({ now: () => at });
    const got: InboundSms[] = [];
    s.server.hooks.onInboundSms((m) => {
      got.push(m);
    });
    const bytes = iconv.encode('수신거부 문화공연', 'utf-16be');
    const text = [...bytes].map((b) => `%${b.toString(16).padStart(2, '0').toUpperCase()}`).join('');
    const r = await request(
      `${s.base}/cb/kannel/mo?from=01012345678&to=15881234&text=${text}&coding=2&charset=UTF-16BE&smsc=FAKE`,
    );
    expect(r.status).toBe(200);
    expect(r.body.length).toBe(0); // Kannel sends no reply text
    expect(got).toEqual([
      { from: '01012345678', to: '15881234', text: '수신거부 문화공연', receivedAt: at, smsc: 'FAKE' },
    ]);
  });

  it('MO: 7비트(coding=0) 문자는 그대로', async () => {
    const s = await server();
    const got: InboundSms[] = [];
    s.server.hooks.onInboundSms((m) => {
      got.push(m);
    });
    await request(`${s.base}/cb/kannel/mo?from=010&to=1588&text=STOP+please&coding=0&charset=UTF-8`);
    expect(got[0].text).toBe('STOP please');
    expect(decodeKannelText(iconv.encode('거부', 'euc-kr'), '0', 'EUC-KR')).toBe('거부');
  });

  it('DLR: onDeliveryReport({id, status, raw})', async () => {
    const s = await server();
    const got: DeliveryReport[] = [];
    s.server.hooks.onDeliveryReport((d) => {
      got.push(d);
    });
    const r = await request(`${s.base}/cb/kannel/dlr?id=${TOKEN}&status=1&answer=ACK%2F&to=01012345678`);
    expect(r.status).toBe(200);
    expect(got).toEqual([
      { id: TOKEN, status: 1, raw: { id: TOKEN, status: '1', answer: 'ACK/', to: '01012345678' } },
    ]);
    expect((await request(`${s.base}/cb/kannel/dlr?id=x`)).status).toBe(400);
  });

  it('허용 목록에 없는 주소의 콜백은 403', async () => {
    const s = await server({
      context: {
        wardName: () => '성동구',
        fieldNames: () => [],
        trustProxy: () => false,
        callbackAllow: () => ['192.0.2.10'],
      },
    });
    const got: InboundSms[] = [];
    s.server.hooks.onInboundSms((m) => {
      got.push(m);
    });
    const r = await request(`${s.base}/cb/kannel/mo?from=010&to=1588&text=x`);
    expect(r.status).toBe(403);
    expect(got).toEqual([]);
  });
});

describe('공개 웹: 그 밖의 경로와 보호', () => {
  it('없는 경로는 한국어 404 화면, 관리용 경로는 없다', async () => {
    const s = await server();
    for (const p of ['/', '/api/call', '/admin', '/api/session', '/index.html', '/u/']) {
      const r = await request(`${s.base}${p}`);
      expect(r.status, p).toBe(404);
      expect(r.text).toContain('페이지를 찾을 수 없습니다');
      expect(r.headers['x-frame-options']).toBe('DENY');
    }
  });

  it('허용하지 않는 방식은 405, HEAD는 본문 없이', async () => {
    const s = await server();
    const r = await request(`${s.base}/o/${TOKEN}.gif`, { method: 'DELETE' });
    expect(r.status).toBe(405);
    expect(r.headers.allow).toBe('GET');
    const h = await request(`${s.base}/u/${TOKEN}`, { method: 'HEAD' });
    expect(h.status).toBe(200);
    expect(h.body.length).toBe(0);
  });

  it('route(): 나중 기능이 경로를 더한다 (/s/:token)', async () => {
    const s = await server();
    s.server.route('GET', '/s/:token', (req, reply) =>
      reply.html(200, `<p>설문 ${req.params.token.length}</p>`),
    );
    const r = await request(`${s.base}/s/${TOKEN}`);
    expect(r.status).toBe(200);
    expect(r.text).toBe(`<p>설문 ${TOKEN.length}</p>`);
    expect(r.headers['content-security-policy']).toContain("default-src 'none'");
    expect(() => s.server.route('GET', '/s/:token', () => {})).toThrow();
  });

  it('주소마다 요청 수 제한: 넘치면 429 (틀린 토큰은 더 빨리)', async () => {
    const s = await server({ rateLimit: { capacity: 20, refillPerSecond: 0.001 } });
    let first429 = -1;
    for (let i = 0; i < 10; i++) {
      const r = await request(`${s.base}/u/wrongwrongwrongwrongwrong${i}`);
      if (r.status === 429 && first429 < 0) first429 = i;
    }
    expect(first429).toBeGreaterThan(0);
    expect(first429).toBeLessThan(5); // misses cost 10 each
    const r = await request(`${s.base}/o/${TOKEN}.gif`);
    expect(r.status).toBe(429);
    expect(r.text).toContain('요청이 너무 많습니다');
    expect(s.server.counters.rateLimited).toBeGreaterThan(0);
  });

  it('프록시 뒤: publicTrustProxy면 X-Forwarded-For의 마지막 주소로 센다', async () => {
    const s = await server({
      rateLimit: { capacity: 3, refillPerSecond: 0.001 },
      context: {
        wardName: () => '성동구',
        fieldNames: () => [],
        trustProxy: () => true,
        callbackAllow: () => ['198.51.100.7'],
      },
    });
    for (let i = 0; i < 3; i++)
      expect(
        (await request(`${s.base}/o/${TOKEN}.gif`, { headers: { 'x-forwarded-for': '203.0.113.1' } })).status,
      ).toBe(200);
    expect(
      (await request(`${s.base}/o/${TOKEN}.gif`, { headers: { 'x-forwarded-for': '203.0.113.1' } })).status,
    ).toBe(429);
    // another resident behind the same proxy is not affected
    expect(
      (await request(`${s.base}/o/${TOKEN}.gif`, { headers: { 'x-forwarded-for': '1.2.3.4, 203.0.113.2' } }))
        .status,
    ).toBe(200);
    // the callback allow-list sees the forwarded address too
    expect(
      (
        await request(`${s.base}/cb/kannel/dlr?id=a&status=1`, {
          headers: { 'x-forwarded-for': '198.51.100.7' },
        })
      ).status,
    ).toBe(200);
  });
});
