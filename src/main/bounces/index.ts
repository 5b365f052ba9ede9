// The bounce mailbox of a core: the service (shared resolver with the public listener), its
// settings and password, and the timer that polls in the desktop app and web mode.
import type { PollResult } from '../../shared/contract/public';
import { AppError } from '../../shared/errors';
import type { Core } from '../core/core';
import { type SecretStore, secretStoreFor } from '../mail/secrets';
import { publicServerOf } from '../public';
import { type ImapConfig, mailboxKey, pollMailbox, saveState } from './poller';
import { BounceService } from './service';

export type { BounceEvent } from './service';
export { BounceService } from './service';
export { classifyMessage } from './classify';
export { findVerpTokens, verpAddress } from './verp';

export const BOUNCE_PASSWORD = 'bounceImapPassword';

class BounceModule {
  readonly service: BounceService;
  readonly secrets: SecretStore;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<PollResult> | null = null;
  lastError: string | null = null;

  constructor(private core: Core) {
    this.secrets = secretStoreFor(core.dbPath);
    this.service = new BounceService(core, () => publicServerOf(core).resolver);
  }

  config(): ImapConfig | null {
    const s = this.core.settings.get();
    if (!s.bounceImapHost || !s.bounceImapUser) return null;
    return {
      host: s.bounceImapHost,
      port: s.bounceImapPort,
      secure: s.bounceImapSecure,
      user: s.bounceImapUser,
      password: this.secrets.get(BOUNCE_PASSWORD) ?? '',
      mailbox: s.bounceMailbox,
    };
  }

  /** One poll at a time; a second caller waits for the running one. */
  poll(): Promise<PollResult> {
    if (this.running) return this.running;
    const cfg = this.config();
    if (!cfg)
      return Promise.reject(new AppError('VALIDATION', '반송 메일함 서버와 아이디를 먼저 설정하세요.'));
    const at = this.core.clock.now().toISOString();
    this.running = pollMailbox(this.service, this.core.sqlite, cfg)
      .then(({ result, markedSubscriberIds }) => {
        this.service.auditMarked(markedSubscriberIds);
        this.lastError = null;
        saveState(this.core.sqlite, mailboxKey(cfg), { lastPollAt: at, lastResult: JSON.stringify(result) });
        return result;
      })
      .catch((e) => {
        this.lastError = (e as Error).message;
        saveState(this.core.sqlite, mailboxKey(cfg), {
          lastPollAt: at,
          lastResult: JSON.stringify({ error: this.lastError }),
        });
        throw e;
      })
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }

  status() {
    const s = this.core.settings.get();
    const cfg = this.config();
    const row = cfg
      ? (this.core.sqlite
          .prepare(
            'SELECT last_poll_at AS lastPollAt, last_result AS lastResult FROM bounce_mailbox_state WHERE mailbox = ?',
          )
          .get(mailboxKey(cfg)) as { lastPollAt: string | null; lastResult: string | null } | undefined)
      : undefined;
    let lastResult: PollResult | null = null;
    let lastError = this.lastError;
    try {
      const v = row?.lastResult ? JSON.parse(row.lastResult) : null;
      if (v && typeof v.error === 'string') lastError ??= v.error;
      else lastResult = v;
    } catch {}
    return {
      enabled: s.bounceEnabled,
      configured: !!cfg,
      passwordSet: !!this.secrets.get(BOUNCE_PASSWORD),
      lastPollAt: row?.lastPollAt ?? null,
      lastResult,
      lastError,
      openHard: this.service.openHard(),
    };
  }

  /** Polls every bouncePollMinutes while bounceEnabled (re-read each round, so settings apply). */
  start(): void {
    if (this.timer) return;
    const tick = () => {
      const s = this.core.settings.get();
      if (s.bounceEnabled && this.config())
        this.poll().catch((e) => console.error(`[sotong] 반송 메일함: ${(e as Error).message}`));
      this.timer = setTimeout(tick, s.bouncePollMinutes * 60_000);
      this.timer.unref();
    };
    this.timer = setTimeout(tick, 30_000);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}

const modules = new WeakMap<Core, BounceModule>();

export function bouncesOf(core: Core): BounceModule {
  let m = modules.get(core);
  if (!m) {
    m = new BounceModule(core);
    modules.set(core, m);
  }
  return m;
}

/** modules.ts: the poll timer runs in the desktop app and web mode, not in one-off CLI commands. */
export function installBounces(core: Core): void {
  const m = bouncesOf(core);
  core.addDashboardTiles((ctx) => {
    if (!ctx.user || !['admin', 'pr'].includes(ctx.user.role)) return [];
    return [
      {
        key: 'bounces.openHard',
        label: '고칠 이메일 주소(반송)',
        value: m.service.openHard(),
        unit: '건',
        link: '/bounces',
      },
    ];
  });
  if (core.mode !== 'cli') m.start();
}
