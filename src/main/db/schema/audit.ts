import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * 접속기록: append-only and hash-chained. Each row's hash covers its own content and the
 * previous row's hash, so editing or deleting any row breaks verification from there on.
 */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: text('at').notNull(),
    userId: text('user_id'),
    username: text('username').notNull(),
    role: text('role'),
    origin: text('origin', { enum: ['ipc', 'web', 'cli', 'system', 'public'] }).notNull(),
    stationId: text('station_id'),
    address: text('address'),
    action: text('action').notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    subjectCount: integer('subject_count').notNull().default(0),
    reason: text('reason'),
    detail: text('detail'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [index('audit_at_idx').on(t.at), index('audit_user_idx').on(t.userId, t.at)],
);
