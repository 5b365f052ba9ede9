import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Bridge, startBridge } from '../../../src/main/web/bridge';
import { makeTestCore, type TestCore } from '../../support/core';

let t: TestCore;
let b: Bridge;
let cookie: string;
beforeEach(async () => {
  t = await makeTestCore();
  b = await startBridge(t.core, {});
  const opts = await (await invoke('setup.options', {})).json();
  const res = await invoke('setup.firstRun', {
    wardName: '성동구',
    stationId: opts.value.stations[0].id,
    adminUsername: 'admin',
    adminDisplayName: '관리자',
    adminPassword: 'Sotong2026!',
  });
  cookie = res.headers.get('set-cookie')!.split(';')[0];
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

async function prepare(file: string): Promise<{ id: string; fileName: string }> {
  const r = await (await invoke('downloads.prepare', { file }, { cookie })).json();
  expect(r.ok).toBe(true);
  return r.value;
}

describe('web bridge downloads', () => {
  it('streams an export once, with its Korean name, to the signed-in user', async () => {
    const exp = await (await invoke('subscribers.export', { reason: '점검' }, { cookie })).json();
    expect(exp.ok).toBe(true);
    const d = await prepare(exp.value.file);
    const url = `${b.url}download/${d.id}?token=${b.token}`;

    expect((await fetch(url)).status).toBe(401); // no session cookie
    expect((await fetch(`${b.url}download/${d.id}?token=wrong`, { headers: { cookie } })).status).toBe(403);

    // a HEAD (link preview, prefetch) must not use the id up
    expect((await fetch(url, { method: 'HEAD', headers: { cookie } })).status).toBe(405);

    const res = await fetch(url, { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain(
      `filename*=UTF-8''${encodeURIComponent('구독자명단')}`,
    );
    const body = Buffer.from(await res.arrayBuffer());
    expect(body.equals(fs.readFileSync(exp.value.file))).toBe(true);
    expect(body.subarray(0, 2).toString()).toBe('PK'); // a real xlsx

    const again = await fetch(url, { headers: { cookie } });
    expect(again.status).toBe(404);
    expect(await again.text()).toContain('다시 내려받기');
  });

  it('never serves a path: unknown ids and traversal attempts are 404', async () => {
    for (const p of ['download/..%2Fsotong.db', 'download/abc', `download/${'a'.repeat(20)}`]) {
      const res = await fetch(`${b.url}${p}?token=${b.token}`, { headers: { cookie } });
      expect(res.status).toBe(404);
    }
    const outside = await (await invoke('downloads.prepare', { file: t.dbPath }, { cookie })).json();
    expect(outside.error.code).toBe('NOT_FOUND');
    const sneaky = path.join(t.dir, 'exports', '..', 'sotong.db');
    expect((await (await invoke('downloads.prepare', { file: sneaky }, { cookie })).json()).ok).toBe(false);
  });

  it('refuses the id once its session has logged out', async () => {
    const exp = await (await invoke('subscribers.export', { reason: '점검' }, { cookie })).json();
    const d = await prepare(exp.value.file);
    await invoke('auth.logout', {}, { cookie });
    const res = await fetch(`${b.url}download/${d.id}?token=${b.token}`, { headers: { cookie } });
    expect(res.status).toBe(401);
  });
});
