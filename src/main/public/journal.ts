// One-click unsubscribes are written down before they are answered, and applied right after
// (in the background, one at a time so page views are not held up). A crash in between loses
// nothing: pending rows are applied when the listener starts again.
import type Database from 'better-sqlite3';
import type { UnsubscribeRequest } from './hooks';

export interface PendingAction {
  id: number;
  request: UnsubscribeRequest;
}

export interface ActionJournal {
  add(requests: UnsubscribeRequest[]): void;
  /** due, not done, fewer than the allowed attempts */
  pending(limit: number, now: Date): PendingAction[];
  done(id: number, now: Date): void;
  failed(id: number, error: string, now: Date): void;
  counts(): { pending: number; failed: number };
}

export const MAX_ATTEMPTS = 5;

export class SqliteActionJournal implements ActionJournal {
  private st: Record<'add' | 'pending' | 'done' | 'failed' | 'counts', Database.Statement>;

  constructor(private sqlite: Database.Database) {
    const p = (s: string) => sqlite.prepare(s);
    this.st = {
      add: p(`INSERT INTO public_actions (kind, payload, created_at) VALUES ('unsubscribe', ?, ?)`),
      pending: p(`SELECT id, payload FROM public_actions WHERE done_at IS NULL AND attempts < ${MAX_ATTEMPTS}
        AND (next_at IS NULL OR next_at <= ?) ORDER BY id LIMIT ?`),
      done: p('UPDATE public_actions SET done_at = ?, last_error = NULL WHERE id = ?'),
      failed: p(
        'UPDATE public_actions SET attempts = attempts + 1, last_error = ?, next_at = ? WHERE id = ?',
      ),
      counts: p(`SELECT sum(CASE WHEN attempts < ${MAX_ATTEMPTS} THEN 1 ELSE 0 END) AS pending,
        sum(CASE WHEN attempts >= ${MAX_ATTEMPTS} THEN 1 ELSE 0 END) AS failed FROM public_actions WHERE done_at IS NULL`),
    };
  }

  add(requests: UnsubscribeRequest[]): void {
    this.sqlite.transaction(() => {
      for (const r of requests) this.st.add.run(JSON.stringify(r), r.at.toISOString());
    })();
  }

  pending(limit: number, now: Date): PendingAction[] {
    const rows = this.st.pending.all(now.toISOString(), limit) as { id: number; payload: string }[];
    return rows.map((r) => {
      const v = JSON.parse(r.payload) as UnsubscribeRequest & { at: string };
      return { id: r.id, request: { ...v, at: new Date(v.at) } };
    });
  }

  done(id: number, now: Date): void {
    this.st.done.run(now.toISOString(), id);
  }

  failed(id: number, error: string, now: Date): void {
    // back off: 1, 2, 4, 8 minutes
    const row = this.sqlite.prepare('SELECT attempts FROM public_actions WHERE id = ?').get(id) as
      | { attempts: number }
      | undefined;
    const wait = 60_000 * 2 ** (row?.attempts ?? 0);
    this.st.failed.run(error.slice(0, 500), new Date(now.getTime() + wait).toISOString(), id);
  }

  counts(): { pending: number; failed: number } {
    const r = this.st.counts.get() as { pending: number | null; failed: number | null };
    return { pending: r.pending ?? 0, failed: r.failed ?? 0 };
  }
}
