// The bounce mailbox (issue #5): what came back, tied to the outbox row and the person when it
// could be, so staff can correct the address (and find the paper form to call the person).
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

export const BOUNCE_KINDS = ['hard', 'soft', 'complaint'] as const;

export const bounces = sqliteTable(
  'bounces',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** when the report says it happened (its Date), ISO */
    at: text('at').notNull(),
    kind: text('kind', { enum: BOUNCE_KINDS }).notNull(),
    /** the failed (or complaining) address as the report names it; null when it names none */
    email: text('email'),
    /** enhanced status code, e.g. 5.1.1 */
    status: text('status'),
    diagnostic: text('diagnostic'),
    outboxId: integer('outbox_id'),
    campaignId: text('campaign_id'),
    subscriberId: text('subscriber_id'),
    /** how the report was tied to a row: verp, message-id, recipient (latest row to that address), address (subscriber only) */
    matchedBy: text('matched_by'),
    /** the person's address was marked invalid because of this report */
    markedInvalid: integer('marked_invalid', { mode: 'boolean' }).notNull().default(false),
    /** sha256 of the report (its Message-ID or bytes) + the address: a report read twice is stored once */
    reportKey: text('report_key').notNull(),
    resolvedAt: text('resolved_at'),
    resolvedBy: text('resolved_by'),
    resolvedNote: text('resolved_note'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('bounces_report_uq').on(t.reportKey),
    index('bounces_open_idx').on(t.resolvedAt, t.kind, t.at),
    index('bounces_subscriber_idx').on(t.subscriberId),
  ],
);

/** Where the poller stopped in each mailbox (UIDVALIDITY + last UID seen). */
export const bounceMailboxState = sqliteTable('bounce_mailbox_state', {
  /** host|user|mailbox */
  mailbox: text('mailbox').primaryKey(),
  uidValidity: text('uid_validity').notNull(),
  lastUid: integer('last_uid').notNull().default(0),
  lastPollAt: text('last_poll_at'),
  /** the last poll's counts (JSON) or its Korean error */
  lastResult: text('last_result'),
});

/**
 * The public listener's durable to-do list: an RFC 8058 one-click unsubscribe is written here and
 * answered at once, then applied through the opt-out hook in the background (replayed after a crash).
 */
export const publicActions = sqliteTable(
  'public_actions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind', { enum: ['unsubscribe'] }).notNull(),
    payload: text('payload').notNull(),
    createdAt: text('created_at').notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAt: text('next_at'),
    lastError: text('last_error'),
    doneAt: text('done_at'),
  },
  (t) => [index('public_actions_pending_idx').on(t.doneAt, t.nextAt)],
);
