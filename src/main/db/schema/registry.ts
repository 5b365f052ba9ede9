// The subscriber registry: people and businesses, their consent ledger, paper forms and the
// suppression list. Records that travel between stations carry a UUID, origin station and version.
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { users } from './auth';
import { businessTypes, dongs, fields, stations } from './reference';

export const subscribers = sqliteTable(
  'subscribers',
  {
    id: text('id').primaryKey(), // UUID
    kind: text('kind', { enum: ['individual', 'business'] }).notNull(),
    /** person's name, or the business name */
    name: text('name').notNull(),
    /** 초성 of name, for ㅎㄱㄷ-style search */
    nameChoseong: text('name_choseong').notNull().default(''),
    representative: text('representative'),
    businessTypeId: integer('business_type_id').references(() => businessTypes.id),
    /** digits only, e.g. 01012345678 */
    mobile: text('mobile'),
    phoneKind: text('phone_kind', {
      enum: ['mobile', 'withdrawn-mobile', 'landline', 'representative', 'invalid'],
    }),
    email: text('email'),
    /** set when mail to the address bounced hard; staff correct it */
    emailInvalidAt: text('email_invalid_at'),
    birthYear: integer('birth_year'),
    gender: text('gender', { enum: ['M', 'F'] }),
    dongId: integer('dong_id').references(() => dongs.id),
    address: text('address'),
    status: text('status', { enum: ['active', 'withdrawn'] })
      .notNull()
      .default('active'),
    note: text('note'),
    stationId: text('station_id').references(() => stations.id),
    createdBy: text('created_by'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('subscribers_mobile_idx').on(t.mobile),
    index('subscribers_email_idx').on(t.email),
    index('subscribers_dong_idx').on(t.dongId, t.birthYear),
    index('subscribers_name_idx').on(t.name),
    index('subscribers_created_idx').on(t.createdAt),
    // Covering index the registry search scans in name order (초성, phone and e-mail fragments, filters).
    index('subscribers_search_idx').on(
      t.name,
      t.nameChoseong,
      t.mobile,
      t.email,
      t.kind,
      t.status,
      t.dongId,
      t.birthYear,
      t.gender,
      t.businessTypeId,
    ),
    // Statistics group by these in one streaming pass.
    index('subscribers_stats_idx').on(t.status, t.kind, t.dongId, t.birthYear, t.gender, t.businessTypeId),
  ],
);

export const CONSENT_SOURCES = [
  'paper',
  'web',
  'import',
  'phone',
  'visit',
  'optout',
  'email-link',
  'station',
] as const;

/** Append-only consent ledger: what the person agreed to or withdrew, when, how, taken by whom where. */
export const consentEvents = sqliteTable(
  'consent_events',
  {
    id: text('id').primaryKey(), // UUID: merged across stations by id
    subscriberId: text('subscriber_id')
      .notNull()
      .references(() => subscribers.id),
    fieldId: integer('field_id')
      .notNull()
      .references(() => fields.id),
    channel: text('channel', { enum: ['sms', 'email'] }).notNull(),
    action: text('action', { enum: ['granted', 'withdrawn', 'reconfirmed'] }).notNull(),
    /** when it happened (the form's date), ISO */
    at: text('at').notNull(),
    source: text('source', { enum: CONSENT_SOURCES }).notNull(),
    formRef: text('form_ref'),
    stationId: text('station_id'),
    userId: text('user_id'),
    reason: text('reason'),
    /** the raw opt-out text or import row, kept as evidence */
    evidence: text('evidence'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('consent_events_subscriber_idx').on(t.subscriberId, t.at)],
);

/** Current state derived from the ledger (rebuilt from it at any time). */
export const consentState = sqliteTable(
  'consent_state',
  {
    subscriberId: text('subscriber_id')
      .notNull()
      .references(() => subscribers.id),
    fieldId: integer('field_id')
      .notNull()
      .references(() => fields.id),
    channel: text('channel', { enum: ['sms', 'email'] }).notNull(),
    granted: integer('granted', { mode: 'boolean' }).notNull(),
    since: text('since').notNull(),
    lastEventId: text('last_event_id').notNull(),
    // Copies of the person's segment attributes, kept by triggers (migration 'segment'), so that a
    // campaign's segment count is one covering-index range instead of a join over 100k people.
    dongId: integer('dong_id'),
    birthYear: integer('birth_year'),
    gender: text('gender'),
    businessTypeId: integer('business_type_id'),
    /** person active and the contact can receive on this channel (010 mobile / valid e-mail) */
    reachable: integer('reachable', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.subscriberId, t.fieldId, t.channel] }),
    index('consent_state_field_idx').on(t.fieldId, t.channel, t.granted, t.subscriberId),
    index('consent_state_segment_idx').on(
      t.fieldId,
      t.channel,
      t.granted,
      t.dongId,
      t.birthYear,
      t.gender,
      t.businessTypeId,
      t.reachable,
    ),
  ],
);

/** Granted consents per field × channel, kept by triggers on consent_state (statistics, unfiltered counts). */
export const consentTotals = sqliteTable(
  'consent_totals',
  {
    fieldId: integer('field_id').notNull(),
    channel: text('channel', { enum: ['sms', 'email'] }).notNull(),
    granted: integer('granted').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.fieldId, t.channel] })],
);

/** One row per paper form typed in: where the paper is, and what each dong took in (동 행정 종합평가). */
export const intakeForms = sqliteTable(
  'intake_forms',
  {
    id: text('id').primaryKey(),
    formRef: text('form_ref').notNull(),
    subscriberId: text('subscriber_id')
      .notNull()
      .references(() => subscribers.id),
    stationId: text('station_id').references(() => stations.id),
    kind: text('kind', { enum: ['new', 'update'] }).notNull(),
    /** date written on the form */
    signedAt: text('signed_at').notNull(),
    userId: text('user_id').references(() => users.id),
    createdAt: text('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('intake_forms_ref_uq').on(t.formRef),
    index('intake_forms_station_idx').on(t.stationId, t.signedAt),
    // intake statistics per period (covering) and the station's "today" counter
    index('intake_forms_signed_idx').on(t.signedAt, t.stationId, t.kind),
    index('intake_forms_created_idx').on(t.stationId, t.createdAt),
  ],
);

/** Next form reference number per station and year. */
export const formSequences = sqliteTable(
  'form_sequences',
  {
    stationId: text('station_id').notNull(),
    year: integer('year').notNull(),
    last: integer('last').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.stationId, t.year] })],
);

/**
 * 수신거부 list: only what is needed to honour an opt-out — a keyed hash of the number or
 * address, the scope and the date. Lifted only by a new signed paper form.
 */
export const suppressions = sqliteTable(
  'suppressions',
  {
    id: text('id').primaryKey(),
    channel: text('channel', { enum: ['sms', 'email'] }).notNull(),
    contactHash: text('contact_hash').notNull(),
    /** null = every field on that channel */
    fieldId: integer('field_id').references(() => fields.id),
    source: text('source').notNull(),
    createdAt: text('created_at').notNull(),
    liftedAt: text('lifted_at'),
    liftedFormRef: text('lifted_form_ref'),
    liftedBy: text('lifted_by'),
  },
  (t) => [index('suppressions_hash_idx').on(t.contactHash, t.channel)],
);

/** Column mappings staff saved for recurring import files. */
export const importMappings = sqliteTable(
  'import_mappings',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    kind: text('kind', { enum: ['individual', 'business'] }).notNull(),
    mapping: text('mapping', { mode: 'json' }).notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [uniqueIndex('import_mappings_name_uq').on(t.name)],
);
