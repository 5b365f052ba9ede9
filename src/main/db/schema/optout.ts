// Opt-out (issue #6): every received opt-out message (the inbox), what applying it did to whom, the
// confirmation / 14-day result notices it owes, the 080-list sync state and the opt-out settings.
// The suppression list itself lives in registry.ts (hash only); consent withdrawals in the ledger.
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { subscribers } from './registry';

export const OPTOUT_SOURCES = [
  'sms-mo', // Kannel MO forwarded by the public listener
  'provider-mo', // inbound messages polled from a provider
  '080-list', // 080 opt-out list polled from a provider
  'work-phone', // pasted or imported from the work smartphone
  'email-link', // one-click unsubscribe / unsubscribe page
  'phone-call', // typed by staff during a call
  'visit', // typed by staff at the counter
] as const;

export const OPTOUT_STATUSES = ['new', 'applied', 'review', 'unmatched', 'dismissed'] as const;

export const optoutMessages = sqliteTable(
  'optout_messages',
  {
    id: text('id').primaryKey(), // UUID
    /** sha256 of source-independent content (number + text + minute) or the provider's id */
    dedupeKey: text('dedupe_key').notNull(),
    source: text('source', { enum: OPTOUT_SOURCES }).notNull(),
    /** file name, provider or source name */
    sourceDetail: text('source_detail'),
    providerId: text('provider_id'),
    /** the sender as received */
    sender: text('sender'),
    /** normalised mobile digits, when the sender is a phone number */
    mobile: text('mobile'),
    email: text('email'),
    text: text('text').notNull().default(''),
    /** message time (ISO); ingest time when the source gave none */
    receivedAt: text('received_at').notNull(),
    timeKnown: integer('time_known', { mode: 'boolean' }).notNull().default(true),
    status: text('status', { enum: OPTOUT_STATUSES }).notNull(),
    /** the reader's code (optout, question, negation …) */
    code: text('code').notNull(),
    /** Korean, shown in the inbox */
    reason: text('reason'),
    scope: text('scope', { enum: ['all', 'fields'] })
      .notNull()
      .default('all'),
    fieldIds: text('field_ids', { mode: 'json' }).$type<number[]>().notNull(),
    channel: text('channel', { enum: ['sms', 'email', 'both'] })
      .notNull()
      .default('sms'),
    /** subscribers the sender matched when the message came in */
    matchedIds: text('matched_ids', { mode: 'json' }).$type<string[]>().notNull(),
    /** a clear opt-out from a number nobody has: the number is suppressed all the same */
    suppressed: integer('suppressed', { mode: 'boolean' }).notNull().default(false),
    resolvedBy: text('resolved_by'),
    resolvedAt: text('resolved_at'),
    note: text('note'),
    createdBy: text('created_by'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('optout_messages_dedupe_uq').on(t.dedupeKey),
    index('optout_messages_status_idx').on(t.status, t.receivedAt),
    index('optout_messages_mobile_idx').on(t.mobile),
    index('optout_messages_received_idx').on(t.receivedAt),
  ],
);

/** One row per person and channel an opt-out was applied to (the person's opt-out history, statistics). */
export const optoutApplications = sqliteTable(
  'optout_applications',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    messageId: text('message_id')
      .notNull()
      .references(() => optoutMessages.id),
    subscriberId: text('subscriber_id')
      .notNull()
      .references(() => subscribers.id),
    channel: text('channel', { enum: ['sms', 'email'] }).notNull(),
    /** null = every field on the channel */
    fieldIds: text('field_ids', { mode: 'json' }).$type<number[] | null>(),
    /** consent events written (0 when nothing was granted any more) */
    withdrawn: integer('withdrawn').notNull().default(0),
    /** the campaign the person last received on this channel before opting out, when known */
    campaignId: text('campaign_id'),
    at: text('at').notNull(),
    userId: text('user_id'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('optout_applications_uq').on(t.messageId, t.subscriberId, t.channel),
    index('optout_applications_subscriber_idx').on(t.subscriberId, t.at),
    index('optout_applications_at_idx').on(t.at),
  ],
);

export const OPTOUT_NOTICE_STATUSES = ['pending', 'handed', 'sent', 'failed', 'cancelled', 'done'] as const;

/**
 * What the opt-out owes the person: the optional confirmation SMS ("수신거부가 처리되었습니다") and,
 * after an advertising (is-ad) campaign, the result notice the law wants within 14 days. Rows wait as
 * 'pending' until the dispatcher takes them ('handed') and reports back ('sent' / 'failed').
 */
export const optoutNotices = sqliteTable(
  'optout_notices',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    messageId: text('message_id')
      .notNull()
      .references(() => optoutMessages.id),
    subscriberId: text('subscriber_id'),
    kind: text('kind', { enum: ['confirmation', 'result-notice'] }).notNull(),
    channel: text('channel', { enum: ['sms', 'email'] }).notNull(),
    address: text('address').notNull(),
    body: text('body').notNull(),
    /** the advertising campaign that makes a result notice due */
    campaignId: text('campaign_id'),
    dueAt: text('due_at').notNull(),
    status: text('status', { enum: OPTOUT_NOTICE_STATUSES }).notNull().default('pending'),
    error: text('error'),
    handedAt: text('handed_at'),
    doneAt: text('done_at'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('optout_notices_uq').on(t.messageId, t.kind, t.address),
    index('optout_notices_status_idx').on(t.status, t.dueAt),
  ],
);

/** Where each polled source left off. */
export const optoutSyncState = sqliteTable(
  'optout_sync_state',
  {
    name: text('name').notNull(),
    kind: text('kind', { enum: ['list', 'inbound'] }).notNull(),
    since: text('since'),
    lastRunAt: text('last_run_at'),
    lastOkAt: text('last_ok_at'),
    lastError: text('last_error'),
    lastCount: integer('last_count').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.name, t.kind] })],
);

/** Opt-out settings (aliases, confirmation SMS, auto-apply, sync interval) as JSON values by key. */
export const optoutSettings = sqliteTable('optout_settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: text('updated_at').notNull(),
});
