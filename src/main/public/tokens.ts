// Link tokens: one per outbox row, unguessable (≥ 128 bits), saying nothing about the person.
// The listener only ever asks a TokenResolver what a token stands for.
import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';

export interface ResolvedToken {
  outboxId: number;
  /** null for test sends to staff */
  subscriberId: string | null;
  campaignId: string;
  /** the campaign's fields: "this field" on the unsubscribe page */
  fieldIds: number[];
  channel: 'sms' | 'email';
  /** the address the row was sent to */
  address?: string;
}

/** Campaigns implement this over their outbox; the default below reads the outbox table directly. */
export interface TokenResolver {
  resolve(token: string): ResolvedToken | null;
  /** Bounces whose VERP address was lost: the original Message-ID if it came back, else the latest row to that address. */
  byRecipient?(email: string, messageId: string | null): (ResolvedToken & { matchedBy: string }) | null;
}

/** base64url (hex is a subset): 22 characters are 132 bits. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{22,128}$/;

export function isTokenShape(t: string): boolean {
  return TOKEN_SHAPE.test(t);
}

/** 144 random bits, base64url: for anyone minting link tokens. */
export function newPublicToken(): string {
  return randomBytes(18).toString('base64url');
}

function columns(sqlite: Database.Database, table: string): Set<string> {
  try {
    return new Set(
      (sqlite.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name),
    );
  } catch {
    return new Set();
  }
}

interface Row {
  outboxId: number;
  subscriberId: string | null;
  campaignId: string;
  channel: 'sms' | 'email';
  address: string;
  fieldIds: string | null;
}

/**
 * Reads the campaigns engineer's `outbox` (token, campaign_id, subscriber_id, channel, address) and
 * `campaigns.field_ids`. Checked by column name at first use, so a database without them resolves
 * nothing instead of failing.
 */
export class OutboxTokenResolver implements TokenResolver {
  private st: { byToken: Database.Statement; byAddress: Database.Statement } | null | undefined;

  constructor(private sqlite: Database.Database) {}

  private statements() {
    if (this.st !== undefined) return this.st;
    const o = columns(this.sqlite, 'outbox');
    const c = columns(this.sqlite, 'campaigns');
    const need = ['id', 'token', 'campaign_id', 'subscriber_id', 'channel', 'address'];
    if (!need.every((k) => o.has(k))) {
      this.st = null;
      return null;
    }
    const fields = c.has('field_ids') ? 'c.field_ids' : 'NULL';
    const select = `SELECT o.id AS outboxId, o.subscriber_id AS subscriberId, o.campaign_id AS campaignId,
      o.channel, o.address, ${fields} AS fieldIds FROM outbox o LEFT JOIN campaigns c ON c.id = o.campaign_id`;
    const sent = o.has('sent_at') ? 'o.sent_at IS NOT NULL AND' : '';
    this.st = {
      byToken: this.sqlite.prepare(`${select} WHERE o.token = ?`),
      byAddress: this.sqlite.prepare(
        `${select} WHERE ${sent} o.channel = 'email' AND o.address = ? COLLATE NOCASE ORDER BY o.id DESC LIMIT 1`,
      ),
    };
    return this.st;
  }

  private toResolved(r: Row | undefined): ResolvedToken | null {
    if (!r) return null;
    let fieldIds: number[] = [];
    try {
      const v = r.fieldIds ? JSON.parse(r.fieldIds) : [];
      if (Array.isArray(v)) fieldIds = v.filter((x) => Number.isInteger(x));
    } catch {}
    return {
      outboxId: r.outboxId,
      subscriberId: r.subscriberId,
      campaignId: r.campaignId,
      fieldIds,
      channel: r.channel,
      address: r.address,
    };
  }

  resolve(token: string): ResolvedToken | null {
    if (!isTokenShape(token)) return null;
    const st = this.statements();
    return st ? this.toResolved(st.byToken.get(token) as Row | undefined) : null;
  }

  byRecipient(email: string, messageId: string | null): (ResolvedToken & { matchedBy: string }) | null {
    const st = this.statements();
    if (!st) return null;
    // a Message-ID built from the row's token (<token@domain> or <token.x@domain>)
    const local = messageId?.replace(/^<|>$/g, '').split('@')[0] ?? '';
    for (const part of local.split(/[.+]/)) {
      const hit = this.resolve(part);
      if (hit) return { ...hit, matchedBy: 'message-id' };
    }
    const byAddr = this.toResolved(st.byAddress.get(email) as Row | undefined);
    return byAddr ? { ...byAddr, matchedBy: 'recipient' } : null;
  }
}
