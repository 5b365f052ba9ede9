import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { AppError } from '../../shared/errors';
import * as schema from './schema';
import { tune } from './connection';
import { translateSqliteError } from './sqliteErrors';

export type Db = BetterSQLite3Database<typeof schema>;

export interface OpenedDb {
  sqlite: Database.Database;
  db: Db;
  /** migrations applied by this open (0 when the schema was current) */
  migrated: number;
  /** path of the backup taken before migrating, if any */
  backupPath?: string;
}

interface JournalEntry {
  idx: number;
  when: number;
  tag: string;
}

/** Where the shipped migrations live: beside this file in source, copied next to the bundle when packaged. */
export function defaultMigrationsDir(): string {
  const candidates = [
    path.join(__dirname, 'migrations'),
    path.join(__dirname, 'db', 'migrations'),
    path.resolve(__dirname, '../../../src/main/db/migrations'),
  ];
  if (process.env.SOTONG_MIGRATIONS) candidates.unshift(process.env.SOTONG_MIGRATIONS);
  const found = candidates.find((d) => fs.existsSync(path.join(d, 'meta', '_journal.json')));
  if (!found) throw new Error(`migrations folder not found (looked in ${candidates.join(', ')})`);
  return found;
}

function readJournal(dir: string): JournalEntry[] {
  const raw = JSON.parse(fs.readFileSync(path.join(dir, 'meta', '_journal.json'), 'utf8'));
  return raw.entries as JournalEntry[];
}

function timestampForFile(d = new Date()): string {
  return d.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}

/**
 * Opens (creating if needed) the database, checks that it is ours and not from a newer
 * version, takes an online backup when migrations are pending on a non-empty database,
 * then applies them.
 */
export async function openDatabase(
  file: string,
  opts: { migrationsDir?: string; backupDir?: string } = {},
): Promise<OpenedDb> {
  const migrationsDir = opts.migrationsDir ?? defaultMigrationsDir();
  const journal = readJournal(migrationsDir);
  const inMemory = file === ':memory:';
  if (!inMemory) fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });

  let sqlite: Database.Database;
  try {
    sqlite = new Database(file);
    sqlite.pragma('journal_mode = WAL');
  } catch (e) {
    throw translateSqliteError(e, 'DB_CORRUPT');
  }
  try {
    tune(sqlite, { announce: true });

    const tables = sqlite
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      .all() as { name: string }[];
    const hasMigrations = tables.some((t) => t.name === '__drizzle_migrations');
    if (!hasMigrations && tables.length > 0) throw new AppError('DB_FOREIGN');

    let applied: { hash: string; created_at: number }[] = [];
    if (hasMigrations) {
      applied = sqlite
        .prepare('SELECT hash, created_at FROM __drizzle_migrations ORDER BY created_at')
        .all() as {
        hash: string;
        created_at: number;
      }[];
      const newestKnown = journal.at(-1)?.when ?? 0;
      if (applied.some((m) => Number(m.created_at) > newestKnown)) throw new AppError('DB_NEWER');
    }
    const pending = journal.filter((j) => !applied.some((a) => Number(a.created_at) === j.when)).length;

    let backupPath: string | undefined;
    if (pending > 0 && applied.length > 0 && !inMemory) {
      const dir = opts.backupDir ?? path.join(path.dirname(path.resolve(file)), 'backups');
      fs.mkdirSync(dir, { recursive: true });
      backupPath = path.join(dir, `sotong-${timestampForFile()}-before-migration.db`);
      await sqlite.backup(backupPath);
    }

    const db = drizzle(sqlite, { schema });
    if (pending > 0) migrate(db, { migrationsFolder: migrationsDir });
    return { sqlite, db, migrated: pending, backupPath };
  } catch (e) {
    sqlite.close();
    if (e instanceof AppError) throw e;
    throw translateSqliteError(e, 'DB_CORRUPT');
  }
}
