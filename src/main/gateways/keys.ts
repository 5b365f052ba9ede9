import type Database from 'better-sqlite3';
import type { DeliveryStatus, SendResult } from './types';

/** What the outbox knows of one idempotency key (the row's token). */
export interface KeyInfo {
  key: string;
  /** the provider's id of the message once accepted */
  providerId: string | null;
  /** recipient digits: what a provider without key search is searched by */
  to: string;
  /** earliest moment the message can have reached the provider (ISO) */
  since: string;
  /** 1 = first try; more = an earlier try may have reached the provider */
  attempts: number;
}

export interface KeyLookup {
  (keys: string[]): Map<string, KeyInfo>;
  /** only the keys tried before (attempts > 1): what a send must check first */
  retried(keys: string[]): KeyInfo[];
}

const COLS = `token AS key, provider_id AS providerId, address AS "to", created_at AS since, attempts`;

/**
 * The adapters' memory of keys is the outbox itself: providers keep their own message ids, the
 * outbox keeps them in provider_id, and a row's attempts tell a retry from a first send. One
 * statement per call (json_each over the unique token index), so a 10,000-message batch costs
 * one round into SQLite, not 10,000.
 */
export function outboxKeyLookup(sqlite: Database.Database): KeyLookup {
  const all = sqlite.prepare(`SELECT ${COLS} FROM outbox WHERE token IN (SELECT value FROM json_each(?))`);
  const retried = sqlite.prepare(
    `SELECT ${COLS} FROM outbox WHERE token IN (SELECT value FROM json_each(?)) AND attempts > 1`,
  );
  const fn = ((keys: string[]) => {
    const rows = all.all(JSON.stringify(keys)) as KeyInfo[];
    return new Map(rows.map((r) => [r.key, r]));
  }) as KeyLookup;
  fn.retried = (keys) => retried.all(JSON.stringify(keys)) as KeyInfo[];
  return fn;
}

/**
 * Before a batch goes out: keys tried before are looked up at the provider first (the answer to an
 * earlier try may have been lost after the provider stored it). Those found are answered from the
 * provider; only the rest are sent.
 */
export async function withoutKnownKeys<M extends { key: string; attempt?: number }>(
  messages: M[],
  lookup: KeyLookup | null | undefined,
  find: (infos: KeyInfo[]) => Promise<Map<string, DeliveryStatus>>,
): Promise<{ known: SendResult[]; toSend: M[] }> {
  // The dispatcher says which try each message is: only retries are asked of the outbox.
  const unsure = messages.every((m) => m.attempt !== undefined)
    ? messages.filter((m) => (m.attempt ?? 1) > 1)
    : messages;
  const retried = unsure.length && lookup ? lookup.retried(unsure.map((m) => m.key)) : [];
  if (retried.length === 0) return { known: [], toSend: messages };
  const found = await find(retried);
  const known: SendResult[] = [];
  for (const s of found.values())
    if (s.status !== 'unknown')
      known.push({ key: s.key, status: s.status, providerId: s.providerId, code: s.code, reason: s.reason });
  return { known, toSend: messages.filter((m) => (found.get(m.key)?.status ?? 'unknown') === 'unknown') };
}
