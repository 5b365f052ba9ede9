// A real IMAP server for tests: Debian's Dovecot with a throw-away config (Maildir in a temp
// folder, passwd-file login, 127.0.0.1 on a free port, no TLS). Mail is "delivered" the way an
// MDA does it: a file in the user's Maildir/new.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const DOVECOT = '/usr/sbin/dovecot';

/** Dovecot present, or installable here (root + apt); otherwise the reason to skip. */
export function ensureDovecot(): string | null {
  if (fs.existsSync(DOVECOT)) return null;
  if (process.getuid?.() !== 0) return 'dovecot-imapd가 없고 root가 아니어서 설치할 수 없습니다';
  const r = spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'dovecot-imapd'], {
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    timeout: 300_000,
    encoding: 'utf8',
  });
  if (r.status !== 0 || !fs.existsSync(DOVECOT))
    return `dovecot-imapd를 설치하지 못했습니다: ${(r.stderr || r.error?.message || '').slice(0, 200)}`;
  return null;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

function waitForGreeting(port: number, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const sock = net.connect(port, '127.0.0.1');
      sock.once('data', (d) => {
        sock.destroy();
        if (d.toString().startsWith('* OK')) resolve();
        else retry();
      });
      sock.once('error', retry);
    };
    const retry = () =>
      Date.now() > until ? reject(new Error('dovecot did not start')) : setTimeout(attempt, 200);
    attempt();
  });
}

export class Dovecot {
  readonly user = 'bounce@news.example.go.kr';
  readonly password = 'imap-pw-1';
  private proc: ChildProcess | null = null;
  private seq = 0;
  port = 0;
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sotong-dovecot-'));
  private mailUid = 8;
  private mailGid = 8;

  get maildir(): string {
    return path.join(this.dir, 'mail', this.user);
  }

  async start(): Promise<void> {
    this.port = await freePort();
    const d = this.dir;
    fs.chmodSync(d, 0o755); // Dovecot's auth process (user dovecot) reads the passwd file
    for (const sub of ['run', 'state', 'mail']) fs.mkdirSync(path.join(d, sub), { recursive: true });
    for (const sub of ['new', 'cur', 'tmp']) fs.mkdirSync(path.join(this.maildir, sub), { recursive: true });
    // Dovecot never gives mail to uid 0: the Maildir belongs to Debian's "mail" user
    const mailUser = spawnSync('id', ['-u', 'mail'], { encoding: 'utf8' });
    if (mailUser.status === 0) {
      this.mailUid = Number(mailUser.stdout.trim());
      this.mailGid = Number(spawnSync('id', ['-g', 'mail'], { encoding: 'utf8' }).stdout.trim());
    }
    fs.writeFileSync(path.join(d, 'passwd'), `${this.user}:{PLAIN}${this.password}\n`, { mode: 0o644 });
    fs.writeFileSync(
      path.join(d, 'dovecot.conf'),
      `protocols = imap
listen = 127.0.0.1
base_dir = ${d}/run
state_dir = ${d}/state
log_path = ${d}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:${d}/mail/%u
first_valid_uid = 1
default_internal_user = dovecot
default_internal_group = dovecot
default_login_user = dovenull
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${d}/passwd
}
userdb {
  driver = static
  args = uid=${this.mailUid} gid=${this.mailGid} home=${d}/mail/%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${this.port}
  }
  inet_listener imaps {
    port = 0
  }
}
service pop3-login {
  inet_listener pop3 {
    port = 0
  }
}
`,
    );
    this.chown();
    this.proc = spawn(DOVECOT, ['-F', '-c', path.join(d, 'dovecot.conf')], { stdio: 'ignore' });
    await waitForGreeting(this.port, 30_000);
  }

  private chown(): void {
    const walk = (p: string) => {
      fs.chownSync(p, this.mailUid, this.mailGid);
      if (fs.statSync(p).isDirectory()) for (const c of fs.readdirSync(p)) walk(path.join(p, c));
    };
    walk(path.join(this.dir, 'mail'));
  }

  /** Delivers one message into INBOX (Maildir/new), as an MDA would. */
  deliver(raw: Buffer | string): void {
    this.seq++;
    const name = `${Date.now()}.M${this.seq}P${process.pid}.sotong-test`;
    const tmp = path.join(this.maildir, 'tmp', name);
    fs.writeFileSync(tmp, raw);
    fs.chownSync(tmp, this.mailUid, this.mailGid);
    fs.renameSync(tmp, path.join(this.maildir, 'new', name));
  }

  log(): string {
    try {
      return fs.readFileSync(path.join(this.dir, 'dovecot.log'), 'utf8');
    } catch {
      return '';
    }
  }

  async stop(): Promise<void> {
    const p = this.proc;
    this.proc = null;
    if (p && p.exitCode === null) {
      const exited = new Promise((r) => p.once('exit', r));
      p.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    }
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
