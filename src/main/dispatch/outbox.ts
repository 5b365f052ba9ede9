import type Database from 'better-sqlite3';

export interface ClaimedRow {
  id: number;
  campaignId: string;
  channel: 'sms' | 'email';
  subscriberId: string | null;
  address: string;
  name: string;
  vars: string | null;
  token: string;
  attempts: number;
  isTest: number;
}

const CLAIM_COLS = `id, campaign_id AS campaignId, channel, subscriber_id AS subscriberId, address, name, vars, token,
  attempts, is_test AS isTest`;

/**
 * The outbox state machine on prepared statements. Claiming (queued → sending) happens in a
 * transaction before any gateway call, so a crash leaves evidence ('sending') instead of a
 * silent duplicate.
 */
export class OutboxQueries {
  private st: Record<string, Database.Statement>;
  readonly claim: (campaignId: string, channel: string, limit: number, nowIso: string) => ClaimedRow[];
  readonly claimIds: (ids: number[]) => ClaimedRow[];

  constructor(private sqlite: Database.Database) {
    const p = (s: string) => sqlite.prepare(s);
    this.st = {
      pickId: p(`SELECT ${CLAIM_COLS} FROM outbox WHERE id = ? AND status = 'queued'`),
      toSending: p(
        `UPDATE outbox SET status = 'sending', attempts = attempts + 1, updated_at = ? WHERE id = ?`,
      ),
      result: p(`UPDATE outbox SET status = @status, reason = @reason, provider_code = @code,
        provider_id = coalesce(@providerId, provider_id), updated_at = @at,
        sent_at = CASE WHEN @status IN ('accepted', 'delivered') THEN coalesce(sent_at, @at) ELSE sent_at END,
        done_at = CASE WHEN @status IN ('delivered', 'failed', 'bounced', 'skipped', 'needs_review', 'cancelled')
          THEN @at ELSE done_at END
        WHERE id = @id`),
      retry:
        p(`UPDATE outbox SET status = 'queued', reason = @reason, provider_code = @code, next_attempt_at = @next,
        updated_at = @at WHERE id = @id`),
      nextDue: p(
        `SELECT min(next_attempt_at) FROM outbox WHERE campaign_id = ? AND channel = ? AND status = 'queued' AND is_test = 0`,
      ),
      inState: p(`SELECT ${CLAIM_COLS} FROM outbox WHERE campaign_id = ? AND status = ? ORDER BY id LIMIT ?`),
      accepted:
        p(`SELECT id, token FROM outbox WHERE campaign_id = ? AND is_test IN (0, 1) AND channel = 'sms'
        AND status = 'accepted' AND id > ? ORDER BY id LIMIT ?`),
      hasAccepted:
        p(`SELECT EXISTS (SELECT 1 FROM outbox WHERE campaign_id = ? AND is_test IN (0, 1) AND channel = 'sms'
        AND status = 'accepted')`),
      cancelQueued: p(`UPDATE outbox SET status = 'cancelled', reason = ?, updated_at = ?, done_at = ?
        WHERE campaign_id = ? AND status = 'queued'`),
      pending: p(
        `SELECT count(*) FROM outbox WHERE campaign_id = ? AND status IN ('queued', 'sending') AND is_test = 0`,
      ),
    };
    // One set-based statement: a per-row UPDATE from JS costs more than the row.
    const claimSet = p(`UPDATE outbox SET status = 'sending', attempts = attempts + 1, updated_at = @now
      WHERE id IN (SELECT id FROM outbox WHERE campaign_id = @campaignId AND channel = @channel
        AND status = 'queued' AND is_test = 0 AND (next_attempt_at IS NULL OR next_attempt_at <= @now)
        ORDER BY id LIMIT @limit)
      RETURNING ${CLAIM_COLS}`);
    // IMMEDIATE: two processes claiming at once serialise here, so no row is claimed twice.
    const claimTx = sqlite.transaction((campaignId: string, channel: string, limit: number, nowIso: string) =>
      (claimSet.all({ campaignId, channel, limit, now: nowIso }) as ClaimedRow[]).sort((a, b) => a.id - b.id),
    );
    this.claim = (a, b, c, d) => claimTx.immediate(a, b, c, d);
    const claimIdsTx = sqlite.transaction((ids: number[]) => {
      const now = new Date().toISOString();
      const out: ClaimedRow[] = [];
      for (const id of ids) {
        const r = this.st.pickId.get(id) as ClaimedRow | undefined;
        if (!r) continue;
        this.st.toSending.run(now, id);
        r.attempts += 1;
        out.push(r);
      }
      return out;
    });
    this.claimIds = (ids) => claimIdsTx.immediate(ids);
  }

  setResult(r: {
    id: number;
    status: string;
    reason?: string | null;
    code?: string | null;
    providerId?: string | null;
    at: string;
  }): void {
    this.st.result.run({ reason: null, code: null, providerId: null, ...r });
  }

  retryLater(r: { id: number; reason: string; code: string | null; next: string; at: string }): void {
    this.st.retry.run(r);
  }

  tx<T>(fn: () => T): T {
    return this.sqlite.transaction(fn)();
  }

  nextDue(campaignId: string, channel: string): string | null {
    return this.st.nextDue.pluck().get(campaignId, channel) as string | null;
  }

  inState(campaignId: string, status: string, limit = 1000): ClaimedRow[] {
    return this.st.inState.all(campaignId, status, limit) as ClaimedRow[];
  }

  accepted(campaignId: string, afterId: number, limit: number): { id: number; token: string }[] {
    return this.st.accepted.all(campaignId, afterId, limit) as { id: number; token: string }[];
  }

  hasAccepted(campaignId: string): boolean {
    return !!this.st.hasAccepted.pluck().get(campaignId);
  }

  cancelQueued(campaignId: string, reason: string, at: string): number {
    return this.st.cancelQueued.run(reason, at, at, campaignId).changes;
  }

  pending(campaignId: string): number {
    return this.st.pending.pluck().get(campaignId) as number;
  }
}
