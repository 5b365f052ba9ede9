import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Bridge, startBridge } from '../../../src/main/web/bridge';
import { makeTestCore, type TestCore } from '../../support/core';

let t: TestCore;
let b: Bridge;
let staticDir: string;
beforeEach(async () => {
  t = await makeTestCore();
  staticDir = path.join(t.dir, 'ui');
  fs.mkdirSync(staticDir);
  fs.writeFileSync(
    path.join(staticDir, 'index.html'),
    '<html><head><title>소통창구</title></head><body></body></html>',
  );
  b = await startBridge(t.core, { staticDir });
});
afterEach(async () => {
  await b.close();
  t.cleanup();
});

function invoke(channel: string, input: unknown, headers: Record<string, string> = {}) {
  return fetch(`${b.url}api/invoke/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-sotong-token': b.token, ...headers },
    body: JSON.stringify({ input }),
  });
}

describe('web bridge', () => {
  it('binds to 127.0.0.1 only', () => {
    expect(b.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it('serves the page with the per-run token and a strict CSP', async () => {
    const res = await fetch(b.url);
    const html = await res.text();
    expect(html).toContain(`<meta name="sotong-bridge-token" content="${b.token}">`);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
  });

  it('refuses calls without the token', async () => {
    const res = await invoke('auth.status', {}, { 'x-sotong-token': 'wrong' });
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe('FORBIDDEN');
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const http = await import('node:http');
    const status = await new Promise<number>((resolve) => {
      const req = http.request(
        { host: '127.0.0.1', port: b.port, path: '/', headers: { host: 'evil.example:80' } },
        (res) => resolve(res.statusCode ?? 0),
      );
      req.end();
    });
    expect(status).toBe(421);
  });

  it('keeps the session in an HttpOnly cookie and speaks the contract', async () => {
    const opts = await (await invoke('setup.options', {})).json();
    const hq = opts.value.stations.find((s: { kind: string }) => s.kind === 'hq');
    const res = await invoke('setup.firstRun', {
      wardName: '성동구',
      stationId: hq.id,
      adminUsername: 'admin',
      adminDisplayName: '관리자',
      adminPassword: 'Sotong2026!',
    });
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/sotong_session=.+; HttpOnly; SameSite=Strict/);
    const body = await res.json();
    expect(body).toMatchObject({ ok: true, value: { user: { username: 'admin' } } });
    expect(JSON.stringify(body)).not.toContain(cookie.split(';')[0].split('=')[1]);
    const me = await (await invoke('auth.status', {}, { cookie: cookie.split(';')[0] })).json();
    expect(me.value.user.username).toBe('admin');
    const anon = await (await invoke('users.list', {})).json();
    expect(anon.error.code).toBe('UNAUTHENTICATED');
  });

  it('answers malformed JSON with a Korean validation error', async () => {
    const res = await fetch(`${b.url}api/invoke/auth.login`, {
      method: 'POST',
      headers: { 'x-sotong-token': b.token },
      body: '{not json',
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toBe('요청 형식이 올바르지 않습니다.');
  });

  it('does not serve files outside the renderer folder', async () => {
    fs.writeFileSync(path.join(t.dir, 'secret.txt'), 'secret');
    const res = await fetch(`${b.url}..%2Fsecret.txt`);
    expect(await res.text()).not.toContain('secret');
  });

  it('streams contract events to the page', async () => {
    const ctrl = new AbortController();
    const res = await fetch(`${b.url}api/events?token=${b.token}`, { signal: ctrl.signal });
    const reader = res.body!.getReader();
    await reader.read(); // ': connected'
    t.core.events.emit('data.changed', { domain: 'subscribers' });
    const { value } = await reader.read();
    expect(new TextDecoder().decode(value)).toContain('event: data.changed');
    ctrl.abort();
  });
});
