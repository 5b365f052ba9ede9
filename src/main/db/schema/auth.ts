import { integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { dongs } from './reference';

export const users = sqliteTable(
  'users',
  {
    id: text('id').primaryKey(),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    role: text('role', { enum: ['admin', 'pr', 'dong', 'dept'] }).notNull(),
    /** dong users are scoped to exactly one dong */
    dongId: integer('dong_id').references(() => dongs.id),
    department: text('department'),
    passwordHash: text('password_hash').notNull(),
    mustChangePassword: integer('must_change_password', { mode: 'boolean' }).notNull().default(false),
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: text('locked_until'),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    passwordChangedAt: text('password_changed_at'),
    lastLoginAt: text('last_login_at'),
  },
  (t) => [uniqueIndex('users_username_uq').on(t.username)],
);
