// Campaigns (issue #4): what PR staff compose, the durable outbox the dispatcher drains, the saved
// templates, the rows of a department's notice file, and the test gateway's own record of what it got.
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

export const CAMPAIGN_STATUSES = ['draft', 'scheduled', 'sending', 'paused', 'done', 'cancelled'] as const;

export const campaigns = sqliteTable(
  'campaigns',
  {
    id: text('id').primaryKey(), // UUID
    name: text('name').notNull(),
    /** 'info' = one text to many; 'notice' = mail-merge from a department's file */
    kind: text('kind', { enum: ['info', 'notice'] })
      .notNull()
      .default('info'),
    status: text('status', { enum: CAMPAIGN_STATUSES }).notNull().default('draft'),
    smsEnabled: integer('sms_enabled', { mode: 'boolean' }).notNull().default(false),
    emailEnabled: integer('email_enabled', { mode: 'boolean' }).notNull().default(false),
    /** field ids (JSON array): a person must consent to one of them on the channel */
    fieldIds: text('field_ids', { mode: 'json' }).$type<number[]>().notNull(),
    /** dongIds, ageBands, genders, businessTypeIds, kinds (JSON) */
    filters: text('filters', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    isAd: integer('is_ad', { mode: 'boolean' }).notNull().default(false),
    smsText: text('sms_text').notNull().default(''),
    smsSubject: text('sms_subject').notNull().default(''),
    appendSns: integer('append_sns', { mode: 'boolean' }).notNull().default(false),
    emailSubject: text('email_subject').notNull().default(''),
    emailHtml: text('email_html').notNull().default(''),
    templateId: text('template_id'),
    scheduledAt: text('scheduled_at'),
    /** the author confirmed a night-time (21–08 시) SMS send */
    confirmNight: integer('confirm_night', { mode: 'boolean' }).notNull().default(false),
    approvedBy: text('approved_by'),
    approvedAt: text('approved_at'),
    /** why the dispatcher paused by itself (consecutive errors, night-time limit) */
    pauseReason: text('pause_reason'),
    /** SMS class and worst-case bytes frozen at launch */
    smsClass: text('sms_class'),
    smsBytes: integer('sms_bytes'),
    /** the final templates frozen at launch (opt-out line, prefix, footer as they were then) */
    frozen: text('frozen', { mode: 'json' }).$type<Record<string, string>>(),
    /** notice campaigns: uploaded file name and its placeholder columns (JSON) */
    noticeMeta: text('notice_meta', { mode: 'json' }).$type<Record<string, unknown>>(),
    /** approver's or canceller's note */
    note: text('note'),
    createdBy: text('created_by'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    launchedBy: text('launched_by'),
    launchedAt: text('launched_at'),
    finishedAt: text('finished_at'),
    /** dispatch lease: the process sending this campaign (crash recovery tells a dead owner by it) */
    runnerPid: integer('runner_pid'),
    runnerHost: text('runner_host'),
    runnerBeat: text('runner_beat'),
  },
  (t) => [index('campaigns_status_idx').on(t.status, t.scheduledAt)],
);

export const OUTBOX_STATUSES = [
  'queued',
  'sending',
  'accepted',
  'delivered',
  'failed',
  'bounced',
  'skipped',
  'needs_review',
  'cancelled',
] as const;

/**
 * One row per recipient per channel, written in one transaction at launch. The dispatcher claims
 * rows (queued → sending) before calling a gateway; `token` is the idempotency key sent to the
 * gateway, the VERP envelope id and the unsubscribe-link token.
 */
export const outbox = sqliteTable(
  'outbox',
  {
    // Plain rowid (no AUTOINCREMENT bookkeeping per insert): the token, not the id, is the idempotency key.
    id: integer('id').primaryKey(),
    campaignId: text('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    channel: text('channel', { enum: ['sms', 'email'] }).notNull(),
    /** null for test sends to staff */
    subscriberId: text('subscriber_id'),
    /** mobile digits or email address at launch (a correction makes a new row) */
    address: text('address').notNull(),
    name: text('name').notNull().default(''),
    /** placeholder values ({이름}, {동}, notice columns) as JSON */
    vars: text('vars'),
    status: text('status', { enum: OUTBOX_STATUSES }).notNull().default('queued'),
    /** Korean reason for failed / skipped / needs_review */
    reason: text('reason'),
    providerCode: text('provider_code'),
    providerId: text('provider_id'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: text('next_attempt_at'),
    token: text('token').notNull(),
    isTest: integer('is_test', { mode: 'boolean' }).notNull().default(false),
    /** the row this one resends (address corrected, resend to failed) */
    resendOf: integer('resend_of'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    sentAt: text('sent_at'),
    doneAt: text('done_at'),
    openedAt: text('opened_at'),
  },
  (t) => [
    // Progress counts run every few hundred ms during a send: covering, test sends apart.
    index('outbox_campaign_state_idx').on(t.campaignId, t.isTest, t.channel, t.status),
    index('outbox_subscriber_idx').on(t.subscriberId),
    uniqueIndex('outbox_token_uq').on(t.token),
  ],
);

/** Saved texts staff reuse. */
export const campaignTemplates = sqliteTable('campaign_templates', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  smsText: text('sms_text').notNull().default(''),
  smsSubject: text('sms_subject').notNull().default(''),
  emailSubject: text('email_subject').notNull().default(''),
  emailHtml: text('email_html').notNull().default(''),
  createdBy: text('created_by'),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
});

/** A notice campaign's uploaded rows, each matched (or not) to a consenting subscriber. */
export const noticeRows = sqliteTable(
  'campaign_notice_rows',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    campaignId: text('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    rowNo: integer('row_no').notNull(),
    name: text('name').notNull().default(''),
    phone: text('phone').notNull().default(''),
    vars: text('vars').notNull(),
    subscriberId: text('subscriber_id'),
    /** 'matched' or why not: invalid_phone, no_subscriber, name_mismatch, no_consent, suppressed */
    match: text('match').notNull(),
    /** channels this row goes out on: 'sms', 'email', 'sms,email' */
    channels: text('channels').notNull().default(''),
  },
  (t) => [index('notice_rows_campaign_idx').on(t.campaignId, t.match)],
);

/** The test gateway's own log: one row per idempotency key; `calls` counts repeated sends of it. */
export const testGatewayMessages = sqliteTable(
  'test_gateway_messages',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    idemKey: text('idem_key').notNull(),
    recipient: text('recipient').notNull(),
    sender: text('sender').notNull().default(''),
    class: text('class').notNull(),
    subject: text('subject'),
    text: text('text').notNull(),
    /** what delivery will report: delivered, or failed with code */
    outcome: text('outcome').notNull(),
    code: text('code').notNull(),
    calls: integer('calls').notNull().default(1),
    receivedAt: text('received_at').notNull(),
    deliverAt: text('deliver_at').notNull(),
  },
  (t) => [uniqueIndex('test_gateway_key_uq').on(t.idemKey)],
);
