import os from 'node:os';
import { campaignsOf } from '../../../src/main/campaigns/module';
import type { TestCore } from '../../support/core';
import { addMany, draft } from '../campaigns/helpers';

export const DAY = new Date('2026-03-02T10:00:00+09:00');

export const call = <T = unknown>(t: TestCore, ch: string, input: unknown) =>
  t.core.router.call(ch as never, input, t.cli) as Promise<T>;

/** n consenting people (mobiles 010-1000-0000 …) and a launched SMS campaign, not yet dispatched. */
export function launch(t: TestCore, n: number, start = 0) {
  addMany(t.core, n, 'culture', { start });
  const m = campaignsOf(t.core);
  m.settings.update({
    dispatch: { ...m.settings.get().dispatch, smsRatePerSecond: 100_000, retryBaseMs: 10 },
  });
  const c = m.service.save(draft(t.core), 'author');
  m.service.launch(c.id, false, { userId: 'author', audit: () => {} }, { dispatch: false });
  return { m, id: c.id };
}

export const states = (t: TestCore, id: string) =>
  Object.fromEntries(
    (
      t.core.sqlite
        .prepare('SELECT status, count(*) AS n FROM outbox WHERE campaign_id = ? GROUP BY status')
        .all(id) as { status: string; n: number }[]
    ).map((r) => [r.status, r.n]),
  );

export interface OutRow {
  token: string;
  address: string;
  status: string;
  reason: string | null;
  code: string | null;
  providerId: string | null;
  attempts: number;
}

export const rows = (t: TestCore, id: string) =>
  t.core.sqlite
    .prepare(
      `SELECT token, address, status, reason, provider_code AS code, provider_id AS providerId, attempts
       FROM outbox WHERE campaign_id = ? ORDER BY id`,
    )
    .all(id) as OutRow[];

/** What a process that died right after its gateway call leaves: rows in 'sending', a dead lease. */
export function crashedWhileSending(t: TestCore, id: string, tokens: string[]) {
  const st = t.core.sqlite.prepare("UPDATE outbox SET status = 'sending', attempts = 1 WHERE token = ?");
  for (const k of tokens) st.run(k);
  t.core.sqlite
    .prepare('UPDATE campaigns SET runner_pid = 999999999, runner_host = ? WHERE id = ?')
    .run(os.hostname(), id);
}
