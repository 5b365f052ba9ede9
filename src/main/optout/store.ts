// Prepared statements over the opt-out tables: ingest runs thousands of messages a second through here.
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { OptOutSourceName, OptOutStatus } from '../../shared/contract/optout';

export interface MessageRecord {
  id: string;
  dedupeKey: string;
  source: OptOutSourceName;
  sourceDetail: string | null;
  providerId: string | null;
  sender: string | null;
  mobile: string | null;
  email: string | null;
  text: string;
  receivedAt: string;
  timeKnown: boolean;
  status: OptOutStatus;
  code: string;
  reason: string | null;
  scope: 'all' | 'fields';
  fieldIds: number[];
  channel: 'sms' | 'email' | 'both';
  matchedIds: string[];
  suppressed: boolean;
  resolvedBy: string | null;
  resolvedAt: string | null;
  note: string | null;
  createdBy: string | null;
  createdAt: string;
}

export const MESSAGE_COLS = `id, dedupe_key AS dedupeKey, source, source_detail AS sourceDetail, provider_id AS providerId,
  sender, mobile, email, text, received_at AS receivedAt, time_known AS timeKnown, status, code, reason, scope,
  field_ids AS fieldIds, channel, matched_ids AS matchedIds, suppressed, resolved_by AS resolvedBy,
  resolved_at AS resolvedAt, note, created_by AS createdBy, created_at AS createdAt`;

type RawMessage = Omit<MessageRecord, 'timeKnown' | 'fieldIds' | 'matchedIds' | 'suppressed'> & {
  timeKnown: number;
  fieldIds: string;
  matchedIds: string;
  suppressed: number;
};

export function toMessage(r: RawMessage): MessageRecord {
  return {
    ...r,
    timeKnown: !!r.timeKnown,
    suppressed: !!r.suppressed,
    fieldIds: JSON.parse(r.fieldIds),
    matchedIds: JSON.parse(r.matchedIds),
  };
}

export function sha256(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}

/** A stable UUID from a string, so re-applying the same message writes the same ledger event ids. */
export function uuidFrom(s: string): string {
  const h = sha256(s);
  const variant = ((Number.parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export class OptOutStore {
  private st: Record<string, Database.Statement>;

  constructor(readonly sqlite: Database.Database) {
    const p = (sql: string) => sqlite.prepare(sql);
    this.st = {
      byKey: p('SELECT id, status FROM optout_messages WHERE dedupe_key = ?'),
      byId: p(`SELECT ${MESSAGE_COLS} FROM optout_messages WHERE id = ?`),
      insert:
        p(`INSERT INTO optout_messages (id, dedupe_key, source, source_detail, provider_id, sender, mobile, email, text,
          received_at, time_known, status, code, reason, scope, field_ids, channel, matched_ids, suppressed, note,
          created_by, created_at)
        VALUES (@id, @dedupeKey, @source, @sourceDetail, @providerId, @sender, @mobile, @email, @text, @receivedAt,
          @timeKnown, @status, @code, @reason, @scope, @fieldIds, @channel, @matchedIds, @suppressed, @note, @createdBy,
          @createdAt)`),
      resolve:
        p(`UPDATE optout_messages SET status = @status, scope = @scope, field_ids = @fieldIds, channel = @channel,
          matched_ids = @matchedIds, suppressed = @suppressed, resolved_by = @resolvedBy, resolved_at = @resolvedAt,
          note = @note WHERE id = @id`),
      insertApp:
        p(`INSERT OR IGNORE INTO optout_applications (message_id, subscriber_id, channel, field_ids, withdrawn,
          campaign_id, at, user_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      insertNotice:
        p(`INSERT OR IGNORE INTO optout_notices (message_id, subscriber_id, kind, channel, address, body,
          campaign_id, due_at, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)`),
    };
  }

  findKey(key: string): { id: string; status: OptOutStatus } | undefined {
    return this.st.byKey.get(key) as { id: string; status: OptOutStatus } | undefined;
  }

  get(id: string): MessageRecord | undefined {
    const r = this.st.byId.get(id) as RawMessage | undefined;
    return r ? toMessage(r) : undefined;
  }

  insert(m: MessageRecord): void {
    this.st.insert.run({
      ...m,
      timeKnown: m.timeKnown ? 1 : 0,
      suppressed: m.suppressed ? 1 : 0,
      fieldIds: JSON.stringify(m.fieldIds),
      matchedIds: JSON.stringify(m.matchedIds),
    });
  }

  resolve(
    id: string,
    v: Pick<MessageRecord, 'status' | 'scope' | 'fieldIds' | 'channel' | 'matchedIds' | 'suppressed'> & {
      resolvedBy: string | null;
      resolvedAt: string;
      note: string | null;
    },
  ): void {
    this.st.resolve.run({
      id,
      ...v,
      suppressed: v.suppressed ? 1 : 0,
      fieldIds: JSON.stringify(v.fieldIds),
      matchedIds: JSON.stringify(v.matchedIds),
    });
  }

  addApplication(a: {
    messageId: string;
    subscriberId: string;
    channel: 'sms' | 'email';
    fieldIds: number[] | null;
    withdrawn: number;
    campaignId: string | null;
    at: string;
    userId: string | null;
    createdAt: string;
  }): void {
    this.st.insertApp.run(
      a.messageId,
      a.subscriberId,
      a.channel,
      a.fieldIds ? JSON.stringify(a.fieldIds) : null,
      a.withdrawn,
      a.campaignId,
      a.at,
      a.userId,
      a.createdAt,
    );
  }

  addNotice(n: {
    messageId: string;
    subscriberId: string | null;
    kind: 'confirmation' | 'result-notice';
    channel: 'sms' | 'email';
    address: string;
    body: string;
    campaignId: string | null;
    dueAt: string;
    at: string;
  }): void {
    this.st.insertNotice.run(
      n.messageId,
      n.subscriberId,
      n.kind,
      n.channel,
      n.address,
      n.body,
      n.campaignId,
      n.dueAt,
      n.at,
      n.at,
    );
  }
}
