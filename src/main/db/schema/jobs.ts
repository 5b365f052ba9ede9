import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Long work (imports, sends, exports): resumable, with progress, cancel and a result. */
export const jobs = sqliteTable(
  'jobs',
  {
    id: text('id').primaryKey(),
    kind: text('kind').notNull(),
    status: text('status', {
      enum: ['queued', 'running', 'paused', 'done', 'failed', 'cancelled'],
    }).notNull(),
    total: integer('total').notNull().default(0),
    done: integer('done').notNull().default(0),
    message: text('message'),
    params: text('params', { mode: 'json' }),
    result: text('result', { mode: 'json' }),
    error: text('error'),
    createdBy: text('created_by'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('jobs_status_idx').on(t.status, t.kind)],
);
