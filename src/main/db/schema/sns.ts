// SNS (issue #8): the ward's channels (a list staff extend; their addresses are the "SNS links"
// campaigns append), the monthly figures per channel, and other wards' figures for comparison.
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const SNS_KINDS = ['twitter', 'facebook', 'blog', 'instagram', 'youtube', 'kakao', 'other'] as const;

export const snsChannels = sqliteTable(
  'sns_channels',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind', { enum: SNS_KINDS }).notNull(),
    name: text('name').notNull(),
    url: text('url').notNull(),
    /** appended to SMS as an SNS link when a campaign asks for it */
    inMessages: integer('in_messages', { mode: 'boolean' }).notNull().default(true),
    /** 'YYYY-MM' the channel opened */
    openedIn: text('opened_in'),
    sortOrder: integer('sort_order').notNull().default(0),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('sns_channels_order_idx').on(t.active, t.sortOrder)],
);

/** One row per channel and month: followers/friends, posts, visitors (each may be unknown). */
export const snsFigures = sqliteTable(
  'sns_figures',
  {
    channelId: integer('channel_id')
      .notNull()
      .references(() => snsChannels.id),
    /** 'YYYY-MM' */
    month: text('month').notNull(),
    followers: integer('followers'),
    posts: integer('posts'),
    visitors: integer('visitors'),
    note: text('note'),
    updatedBy: text('updated_by'),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.channelId, t.month] }), index('sns_figures_month_idx').on(t.month)],
);

/** Other wards' figures (a table like the seed's attachment 3) for the comparison and ranking. */
export const snsPeerFigures = sqliteTable(
  'sns_peer_figures',
  {
    /** 'YYYY-MM' the table is as of */
    asOf: text('as_of').notNull(),
    ward: text('ward').notNull(),
    kind: text('kind', { enum: SNS_KINDS }).notNull(),
    value: integer('value').notNull(),
    importedAt: text('imported_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.asOf, t.ward, t.kind] })],
);
