// The Kannel callbacks against a real Kannel (Debian's bearerbox + smsbox) with fakesmsc as the
// carrier: Korean MO arrives as UTF-16BE bytes (coding=2), DLRs reach dlr-url.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeliveryReport, InboundSms } from '../../../src/main/public/hooks';
import { startServer } from './helpers';

const FAKESMSC = '/usr/lib/kannel/test/fakesmsc';
const missing = ['/usr/sbin/bearerbox', '/usr/sbin/smsbox', FAKESMSC].filter((f) => !fs.existsSync(f));
if (missing.length)
  console.warn(`[건너뜀] Kannel 시험: ${missing.join(', ')} 없음 (apt-get install kannel kannel-extras)`);

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}

async function until<T>(
  what: string,
  fn: () => T | undefined | Promise<T | undefined>,
  ms = 45_000,
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`기다렸지만 오지 않음: ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const portOpen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });

describe.skipIf(missing.length > 0)('공개 웹 ↔ 실제 Kannel (fakesmsc)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sotong-kannel-'));
  const procs: ChildProcess[] = [];
  const mo: InboundSms[] = [];
  const dlr: DeliveryReport[] = [];
  let web: Awaited<ReturnType<typeof startServer>>;
  const ports = { admin: 0, smsbox: 0, sendsms: 0, fake: 0 };

  const run = (cmd: string, args: string[]) => {
    const p = spawn(cmd, args, { cwd: dir, stdio: 'ignore' });
    procs.push(p);
    return p;
  };

  beforeAll(async () => {
    web = await startServer();
    web.server.hooks.onInboundSms((m) => {
      mo.push(m);
    });
    web.server.hooks.onDeliveryReport((d) => {
      dlr.push(d);
    });
    for (const k of Object.keys(ports) as (keyof typeof ports)[]) ports[k] = await freePort();
    fs.writeFileSync(
      path.join(dir, 'kannel.conf'),
      `group = core
admin-port = ${ports.admin}
admin-interface = 127.0.0.1
admin-password = adminpw
status-password = statuspw
admin-allow-ip = "127.0.0.1"
smsbox-port = ${ports.smsbox}
smsbox-interface = 127.0.0.1
log-file = "${dir}/bearerbox.log"
access-log = "${dir}/access.log"

group = smsc
smsc = fake
smsc-id = FAKE
port = ${ports.fake}
our-host = 127.0.0.1
connect-allow-ip = 127.0.0.1

group = smsbox
bearerbox-host = 127.0.0.1
bearerbox-port = ${ports.smsbox}
sendsms-port = ${ports.sendsms}
sendsms-interface = 127.0.0.1
log-file = "${dir}/smsbox.log"

group = sendsms-user
username = tester
password = foobar

group = sms-service
keyword = default
get-url = "${web.base}/cb/kannel/mo?from=%p&to=%P&text=%a&coding=%c&charset=%C&smsc=%i"
max-messages = 0
`,
    );
    run('/usr/sbin/bearerbox', [path.join(dir, 'kannel.conf')]);
    await until('bearerbox', async () => ((await portOpen(ports.admin)) ? true : undefined));
    run('/usr/sbin/smsbox', [path.join(dir, 'kannel.conf')]);
    await until('smsbox', async () => ((await portOpen(ports.sendsms)) ? true : undefined));
  }, 120_000);

  afterAll(async () => {
    await fetch(`http://127.0.0.1:${ports.admin}/shutdown?password=adminpw`).catch(() => {});
    await new Promise((r) => setTimeout(r, 1000));
    for (const p of procs) if (p.exitCode === null) p.kill('SIGTERM');
    await web?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('한국어 MO(ucs2 → coding=2, UTF-16BE)와 UTF-8 MO가 onInboundSms로 바르게', async () => {
    const ucs2 = [...iconv.encode('수신거부 문화공연', 'utf-16be')]
      .map((b) => `%${b.toString(16).padStart(2, '0')}`)
      .join('');
    const carrier = (msg: string) =>
      run(FAKESMSC, ['-H', '127.0.0.1', '-r', String(ports.fake), '-m', '1', msg]);
    const first = carrier(`01012345678 15881234 ucs2 ${ucs2}`);
    expect(await until('ucs2 MO', () => mo[0])).toMatchObject({
      from: '01012345678',
      to: '15881234',
      text: '수신거부 문화공연',
      smsc: 'FAKE',
    });
    // the fake SMSC takes one carrier connection at a time
    const gone = new Promise((r) => first.once('exit', r));
    first.kill('SIGTERM');
    await gone;
    carrier('01099998888 15881234 text 거부 교육');
    const second = await until('text MO', () => mo[1]);
    expect(second).toMatchObject({ from: '01099998888', text: '거부 교육' });
  }, 120_000);

  it('sendsms의 dlr-url로 온 전달 보고가 onDeliveryReport로', async () => {
    const dlrUrl = `${web.base}/cb/kannel/dlr?id=tok-dlr-1&status=%d&answer=%A&to=%p`;
    const q = new URLSearchParams({
      username: 'tester',
      password: 'foobar',
      from: '15881234',
      to: '01012345678',
      text: '구청 소식',
      charset: 'UTF-8',
      coding: '2',
      'dlr-mask': '31',
      'dlr-url': dlrUrl,
    });
    const r = await fetch(`http://127.0.0.1:${ports.sendsms}/cgi-bin/sendsms?${q}`);
    expect(r.status).toBeLessThan(300);
    const d = await until('DLR', () => dlr.find((x) => x.id === 'tok-dlr-1'));
    expect([1, 2, 4, 8, 16]).toContain(d.status);
    expect(d.raw.to).toBe('01012345678');
  }, 120_000);
});
