// Reference data the ward edits itself: nothing here is hard-wired to one ward.
import { integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

export const dongs = sqliteTable(
  'dongs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    code: text('code').notNull(),
    name: text('name').notNull(),
    sortOrder: integer('sort_order').notNull().default(0),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
  },
  (t) => [uniqueIndex('dongs_code_uq').on(t.code), uniqueIndex('dongs_name_uq').on(t.name)],
);

/** 분야: information fields (one message to many) and notice fields (personalised, mail-merge). */
export const fields = sqliteTable(
  'fields',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    code: text('code').notNull(),
    name: text('name').notNull(),
    kind: text('kind', { enum: ['info', 'notice'] }).notNull(),
    audience: text('audience', { enum: ['individual', 'business'] }).notNull(),
    /** default of a campaign's is-ad flag (정보통신망법 제50조) */
    isAdDefault: integer('is_ad_default', { mode: 'boolean' }).notNull().default(false),
    /** true for the field whose subscribers are "policy customers" (PCRM 여론조사) */
    isSurvey: integer('is_survey', { mode: 'boolean' }).notNull().default(false),
    sortOrder: integer('sort_order').notNull().default(0),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
  },
  (t) => [uniqueIndex('fields_code_uq').on(t.code)],
);

export const businessTypes = sqliteTable(
  'business_types',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    code: text('code').notNull(),
    name: text('name').notNull(),
    sortOrder: integer('sort_order').notNull().default(0),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
  },
  (t) => [uniqueIndex('business_types_code_uq').on(t.code)],
);

/** Where paper forms are taken: HQ and one station per dong center. */
export const stations = sqliteTable(
  'stations',
  {
    id: text('id').primaryKey(), // UUID, stable across installations
    code: text('code').notNull(), // form-reference prefix, e.g. "WS01"
    name: text('name').notNull(),
    kind: text('kind', { enum: ['hq', 'dong'] }).notNull(),
    dongId: integer('dong_id').references(() => dongs.id),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
  },
  (t) => [uniqueIndex('stations_code_uq').on(t.code)],
);

/** Key/value settings (JSON values). Secrets never live here. */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value', { mode: 'json' }).notNull(),
  updatedAt: text('updated_at').notNull(),
});
