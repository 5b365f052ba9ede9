// IMAP polling of the envelope-sender mailbox (imapflow). Only new UIDs are read (UIDVALIDITY +
// last UID kept per mailbox); fetching uses BODY.PEEK, so mail that is not a bounce stays exactly
// as it was (unread, not moved, not deleted). Bounces and complaints read are marked \Seen.
import type Database from 'better-sqlite3';
import { ImapFlow } from 'imapflow';
import type { PollResult } from '../../shared/contract/public';
import { AppError } from '../../shared/errors';
import { addResults, type BounceService } from './service';

export interface ImapConfig {
  host: string;
  port: number;
  secure: boolean;
  user: string;
  password: string;
  mailbox: string;
}

export interface PollOptions {
  /** messages fetched per round trip */
  batch?: number;
  /** most messages read in one poll (the rest wait for the next) */
  max?: number;
}

const ZERO: PollResult = { fetched: 0, hard: 0, soft: 0, complaints: 0, ignored: 0, unmatched: 0 };

export function mailboxKey(c: Pick<ImapConfig, 'host' | 'user' | 'mailbox'>): string {
  return `${c.host}|${c.user}|${c.mailbox}`;
}

interface State {
  uidValidity: string;
  lastUid: number;
}

function loadState(sqlite: Database.Database, key: string): State | null {
  return (
    (sqlite
      .prepare(
        'SELECT uid_validity AS uidValidity, last_uid AS lastUid FROM bounce_mailbox_state WHERE mailbox = ?',
      )
      .get(key) as State | undefined) ?? null
  );
}

export function saveState(
  sqlite: Database.Database,
  key: string,
  patch: { uidValidity?: string; lastUid?: number; lastPollAt?: string; lastResult?: string },
): void {
  sqlite
    .prepare(
      `INSERT INTO bounce_mailbox_state (mailbox, uid_validity, last_uid, last_poll_at, last_result)
       VALUES (@key, coalesce(@uidValidity, ''), coalesce(@lastUid, 0), @lastPollAt, @lastResult)
       ON CONFLICT(mailbox) DO UPDATE SET
         uid_validity = coalesce(@uidValidity, uid_validity), last_uid = coalesce(@lastUid, last_uid),
         last_poll_at = coalesce(@lastPollAt, last_poll_at), last_result = coalesce(@lastResult, last_result)`,
    )
    .run({
      key,
      uidValidity: patch.uidValidity ?? null,
      lastUid: patch.lastUid ?? null,
      lastPollAt: patch.lastPollAt ?? null,
      lastResult: patch.lastResult ?? null,
    });
}

function koreanError(e: unknown, cfg: ImapConfig): AppError {
  const err = e as { authenticationFailed?: boolean; code?: string; responseText?: string; message?: string };
  if (err.authenticationFailed)
    return new AppError('VALIDATION', '반송 메일함 로그인에 실패했습니다. 아이디와 비밀번호를 확인하세요.');
  if (
    err.code === 'ECONNREFUSED' ||
    err.code === 'ENOTFOUND' ||
    err.code === 'ETIMEDOUT' ||
    err.code === 'EHOSTUNREACH'
  )
    return new AppError('VALIDATION', `반송 메일함 서버(${cfg.host}:${cfg.port})에 연결하지 못했습니다.`);
  if (err.code === 'NoConnection' || /mailbox|select/i.test(err.responseText ?? ''))
    return new AppError('VALIDATION', `반송 메일함의 편지함(${cfg.mailbox})을 열지 못했습니다.`);
  return new AppError('VALIDATION', `반송 메일함을 읽지 못했습니다: ${err.responseText ?? err.message ?? e}`);
}

/** One poll: new mails since the last one, classified, recorded; returns the counts. */
export async function pollMailbox(
  service: BounceService,
  sqlite: Database.Database,
  cfg: ImapConfig,
  opts: PollOptions = {},
): Promise<{ result: PollResult; markedSubscriberIds: string[] }> {
  const batch = opts.batch ?? 50;
  const max = opts.max ?? 2000;
  const key = mailboxKey(cfg);
  const client = new ImapFlow({
    host: cfg.host,
    port: cfg.port,
    secure: cfg.secure,
    auth: { user: cfg.user, pass: cfg.password },
    logger: false,
    disableAutoIdle: true,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
  });
  client.on('error', () => {}); // surfaced through the awaited calls below
  let result = { ...ZERO };
  const marked: string[] = [];
  try {
    await client.connect();
  } catch (e) {
    throw koreanError(e, cfg);
  }
  try {
    const lock = await client.getMailboxLock(cfg.mailbox).catch((e) => {
      throw koreanError(e, cfg);
    });
    try {
      const mb = client.mailbox;
      if (!mb) throw new AppError('VALIDATION', `반송 메일함의 편지함(${cfg.mailbox})을 열지 못했습니다.`);
      const uidValidity = String(mb.uidValidity);
      const state = loadState(sqlite, key);
      // a new UIDVALIDITY means the server renumbered: read everything again (recording is idempotent)
      let lastUid = state && state.uidValidity === uidValidity ? state.lastUid : 0;
      saveState(sqlite, key, { uidValidity, lastUid });
      const found = await client.search({ uid: `${lastUid + 1}:*` }, { uid: true });
      const uids = (found || [])
        .filter((u) => u > lastUid)
        .sort((a, b) => a - b)
        .slice(0, max);
      for (let i = 0; i < uids.length; i += batch) {
        const chunk = uids.slice(i, i + batch);
        const msgs = await client.fetchAll(
          chunk.join(','),
          { uid: true, source: true, internalDate: true },
          { uid: true },
        );
        const seen: number[] = [];
        for (const m of msgs.sort((a, b) => a.uid - b.uid)) {
          if (!m.source) continue;
          const at = m.internalDate instanceof Date ? m.internalDate : undefined;
          const out = await service.ingest(m.source, at);
          result = addResults(result, out.result);
          marked.push(...out.markedSubscriberIds);
          if (out.handled) seen.push(m.uid);
        }
        if (seen.length > 0) await client.messageFlagsAdd(seen.join(','), ['\\Seen'], { uid: true });
        lastUid = chunk[chunk.length - 1];
        saveState(sqlite, key, { lastUid });
      }
    } finally {
      lock.release();
    }
  } finally {
    await client.logout().catch(() => client.close());
  }
  return { result, markedSubscriberIds: marked };
}
