// A real Kannel on loopback for tests: bearerbox + smsbox from Debian's `kannel`, and `fakesmsc`
// from `kannel-extras` standing in for the carrier. fakesmsc prints every message Kannel hands it
// (MT) and injects inbound messages (MO) given on its command line; Kannel forwards MO to the
// public listener's MO URL through an sms-service and calls each message's dlr-url.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';

export const BEARERBOX = '/usr/sbin/bearerbox';
export const SMSBOX = '/usr/sbin/smsbox';
export const FAKESMSC = '/usr/lib/kannel/test/fakesmsc';

/** The binaries that are missing here (CI installs kannel and kannel-extras). */
export const kannelMissing: string[] = [BEARERBOX, SMSBOX, FAKESMSC].filter((f) => !fs.existsSync(f));

/** Call at the top of a test file: prints why the Kannel tests are skipped, returns true to skip. */
export function skipKannel(what: string): boolean {
  if (kannelMissing.length === 0) return false;
  console.warn(`[건너뜀] ${what}: ${kannelMissing.join(', ')} 없음 (apt-get install kannel kannel-extras)`);
  return true;
}

/** One message fakesmsc received from Kannel, decoded. */
export interface CarrierMessage {
  from: string;
  to: string;
  /** fakesmsc's type word: text, data, ucs-2, udh-… */
  type: string;
  text: string;
  line: string;
}

export interface KannelPeer {
  sendsmsUrl: string;
  username: string;
  password: string;
  smsc: string;
  adminUrl: string;
  dir: string;
  /** everything the carrier received so far (concatenated parts joined) */
  received: CarrierMessage[];
  /** waits until `pred` holds for the received list */
  waitFor<T>(
    what: string,
    fn: (received: CarrierMessage[]) => T | undefined | false,
    ms?: number,
  ): Promise<T>;
  /** a resident's text arriving at the carrier (MO): Korean goes as UCS-2 like a handset sends it */
  injectMo(from: string, to: string, text: string): Promise<void>;
  log(): string;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
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

export async function until<T>(
  what: string,
  fn: () => T | undefined | false | Promise<T | undefined | false>,
  ms = 30_000,
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined && v !== false) return v as T;
    if (Date.now() > end) throw new Error(`기다렸지만 오지 않음: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const pct = (b: Buffer) => [...b].map((x) => `%${x.toString(16).padStart(2, '0')}`).join('');

/** fakesmsc's url-coding ('+' is a space) → bytes. */
function unescapeBytes(s: string): Buffer {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '+') out.push(0x20);
    else if (s[i] === '%' && /^[0-9a-fA-F]{2}$/.test(s.slice(i + 1, i + 3))) {
      out.push(Number.parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else out.push(...Buffer.from(s[i], 'latin1'));
  }
  return Buffer.from(out);
}

interface Part {
  from: string;
  to: string;
  type: string;
  ucs2: boolean;
  udh: Buffer | null;
  data: Buffer;
  line: string;
}

/** "Got message N: <from to type [udh] data>" as fakesmsc prints what Kannel sent it. */
export function parseCarrierLine(line: string): Part | null {
  const m = line.match(/Got message \d+: <(\S+) (\S+) (\S+) (.*)>\s*$/);
  if (!m) return null;
  const [, from, to, type, rest] = m;
  const ucs2 = /ucs-?2/i.test(type);
  if (/^udh/i.test(type)) {
    // "udh <udh> data <bytes>": the coding is not printed; Sotong sends coding=2, so UCS-2 bytes
    // (even length, with zero high bytes for ASCII) are read as UTF-16BE
    const [udh, ...more] = rest.split(' ');
    const data = unescapeBytes(more.length > 1 ? more.slice(1).join(' ') : (more[0] ?? ''));
    const wide = ucs2 || (data.length % 2 === 0 && data.includes(0));
    return { from, to, type, ucs2: wide, udh: unescapeBytes(udh), data, line };
  }
  const data = type === 'text' ? Buffer.from(rest, 'latin1') : unescapeBytes(rest);
  return { from, to, type, ucs2, udh: null, data, line };
}

const decode = (p: Part) => (p.ucs2 ? iconv.decode(p.data, 'utf-16be') : p.data.toString('utf8'));

/** Concatenation header (IEI 0x00, 8-bit reference): [ref, total, seq]. */
function concat(udh: Buffer | null): { ref: number; total: number; seq: number } | null {
  if (!udh || udh.length < 6) return null;
  for (let i = 1; i + 1 < udh.length; ) {
    const iei = udh[i];
    const len = udh[i + 1];
    if (iei === 0x00 && len === 3) return { ref: udh[i + 2], total: udh[i + 3], seq: udh[i + 4] };
    if (iei === 0x08 && len === 4)
      return { ref: udh.readUInt16BE(i + 2), total: udh[i + 4], seq: udh[i + 5] };
    i += 2 + len;
  }
  return null;
}

/**
 * Starts bearerbox, smsbox and fakesmsc on free loopback ports. `moUrl` is the public listener's
 * MO route (…/cb/kannel/mo). Returns null (after printing why) when Kannel is not installed.
 */
export async function startKannel(opts: { moUrl: string; what?: string }): Promise<KannelPeer | null> {
  if (skipKannel(opts.what ?? 'Kannel 시험')) return null;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sotong-kannel-'));
  const ports = {
    admin: await freePort(),
    box: await freePort(),
    sendsms: await freePort(),
    fake: await freePort(),
  };
  const conf = path.join(dir, 'kannel.conf');
  const username = 'sotong';
  const password = 'kannel-test-pw';
  fs.writeFileSync(
    conf,
    `group = core
admin-port = ${ports.admin}
admin-interface = 127.0.0.1
admin-password = adminpw
status-password = statuspw
admin-allow-ip = "127.0.0.1"
smsbox-port = ${ports.box}
smsbox-interface = 127.0.0.1
log-file = "${dir}/bearerbox.log"
log-level = 1
access-log = "${dir}/access.log"
dlr-storage = internal

group = smsc
smsc = fake
smsc-id = FAKE
port = ${ports.fake}
our-host = 127.0.0.1
connect-allow-ip = 127.0.0.1

group = smsbox
bearerbox-host = 127.0.0.1
bearerbox-port = ${ports.box}
sendsms-port = ${ports.sendsms}
sendsms-interface = 127.0.0.1
log-file = "${dir}/smsbox.log"
log-level = 1

group = sendsms-user
username = ${username}
password = ${password}
max-messages = 10
concatenation = true

group = sms-service
keyword = default
get-url = "${opts.moUrl}?from=%p&to=%P&text=%a&coding=%c&charset=%C&smsc=%i"
max-messages = 0
`,
  );

  const procs: ChildProcess[] = [];
  const parts: Part[] = [];
  const received: CarrierMessage[] = [];
  const pending = new Map<string, Part[]>();
  let carrier: ChildProcess | null = null;
  let output = '';

  const onLine = (line: string) => {
    const p = parseCarrierLine(line);
    if (!p) return;
    parts.push(p);
    const c = concat(p.udh);
    if (!c) {
      received.push({ from: p.from, to: p.to, type: p.type, text: decode(p), line });
      return;
    }
    const key = `${p.from}|${p.to}|${c.ref}`;
    const list = pending.get(key) ?? [];
    list[c.seq - 1] = p;
    pending.set(key, list);
    if (list.filter(Boolean).length === c.total) {
      pending.delete(key);
      received.push({
        from: p.from,
        to: p.to,
        type: p.type,
        text: list.map(decode).join(''),
        line: list.map((x) => x.line).join('\n'),
      });
    }
  };

  const run = (cmd: string, args: string[]) => {
    const p = spawn(cmd, args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let buf = '';
    const feed = (chunk: Buffer) => {
      const s = chunk.toString('latin1');
      output += s;
      if (output.length > 200_000) output = output.slice(-100_000);
      buf += s;
      const lines = buf.split('\n');
      buf = lines.pop() ?? '';
      for (const l of lines) onLine(l);
    };
    p.stdout?.on('data', feed);
    p.stderr?.on('data', feed);
    procs.push(p);
    return p;
  };

  const exited = (p: ChildProcess) =>
    p.exitCode !== null || p.signalCode !== null
      ? Promise.resolve()
      : new Promise<void>((r) => p.once('exit', () => r()));

  /** fakesmsc takes one carrier connection at a time: each injection replaces the running one. */
  const startCarrier = async (msg: string | null) => {
    if (carrier) {
      const old = carrier;
      carrier = null;
      old.kill('SIGTERM');
      await exited(old);
    }
    carrier = run(FAKESMSC, [
      '-H',
      '127.0.0.1',
      '-r',
      String(ports.fake),
      '-i',
      '0.1',
      '-m',
      msg ? '1' : '0',
      msg ?? '0 0 text idle',
    ]);
  };

  const stop = async () => {
    await fetch(`http://127.0.0.1:${ports.admin}/shutdown?password=adminpw`).catch(() => {});
    const left = procs.filter((p) => p.exitCode === null && p.signalCode === null);
    await Promise.race([Promise.all(left.map(exited)), new Promise((r) => setTimeout(r, 3000))]);
    for (const p of procs) if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
    await Promise.all(procs.map(exited));
    fs.rmSync(dir, { recursive: true, force: true });
  };

  try {
    run(BEARERBOX, [conf]);
    await until('bearerbox', async () => await portOpen(ports.admin), 20_000);
    run(SMSBOX, [conf]);
    await until('smsbox', async () => await portOpen(ports.sendsms), 20_000);
    await startCarrier(null);
    // ready when bearerbox says the carrier connected
    await until(
      'fakesmsc 연결',
      () =>
        fs.existsSync(path.join(dir, 'bearerbox.log')) &&
        /Fakesmsc client connected/.test(fs.readFileSync(path.join(dir, 'bearerbox.log'), 'utf8')),
      20_000,
    );
  } catch (e) {
    await stop();
    throw e;
  }

  return {
    sendsmsUrl: `http://127.0.0.1:${ports.sendsms}/cgi-bin/sendsms`,
    username,
    password,
    smsc: 'FAKE',
    adminUrl: `http://127.0.0.1:${ports.admin}`,
    dir,
    received,
    waitFor: (what, fn, ms = 30_000) => until(what, () => fn(received), ms),
    async injectMo(from, to, text) {
      // ASCII as a text line; anything else as UCS-2 (url-coded UTF-16BE), the way a handset sends Hangul
      const msg = /^[\x20-\x7e]*$/.test(text)
        ? `${from} ${to} text ${text}`
        : `${from} ${to} ucs2 ${pct(iconv.encode(text, 'utf-16be'))}`;
      await startCarrier(msg);
    },
    log: () => output,
    stop,
  };
}
