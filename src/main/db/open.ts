import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { AppError } from '../../shared/errors';
import * as schema from './schema';
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
 * Every transaction on our connections begins IMMEDIATE (drizzle's and better-sqlite3's default is
 * DEFERRED). Two connections write at once while an import runs (the import worker's and the
 * main one): a deferred transaction that reads before it writes cannot wait for the other's lock
 * (SQLite fails it at once with SQLITE_BUSY, or SQLITE_BUSY_SNAPSHOT once the other has committed).
 * Taking the lock first makes it wait its turn (busy_timeout) instead.
 */
function immediateTransactions(sqlite: Database.Database): void {
  const make = Database.prototype.transaction;
  sqlite.transaction = function <F extends (...args: never[]) => unknown>(this: Database.Database, fn: F) {
    const t = make.call(this, fn);
    const run = t.immediate;
    const tx = ((...args: Parameters<F>) => run(...args)) as unknown as typeof t;
    Object.defineProperties(tx, {
      default: { value: tx },
      deferred: { value: tx },
      immediate: { value: tx },
      exclusive: { value: t.exclusive },
      database: { value: sqlite, enumerable: true },
    });
    return tx;
  } as typeof sqlite.transaction;
}

/** The settings every connection to our database runs with. */
function tune(sqlite: Database.Database): void {
  immediateTransactions(sqlite);
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  // 64 MB of page cache (default 2 MB): at 100,000 people opt-outs and sends touch pages all over the
  // ledger and its indexes; a small cache re-reads and spills them inside every transaction.
  sqlite.pragma('cache_size = -65536');
  // Statement journals (kept for every write with a trigger or a foreign key inside a transaction)
  // in memory, not in temp files: in one large transaction, inserting consent state went from
  // ~32 to ~12 µs a row.
  sqlite.pragma('temp_store = MEMORY');
  // When the log starts over after a checkpoint, its file is cut back to this size (a big import
  // may have grown it to hundreds of megabytes; it would otherwise keep that size on disk).
  sqlite.pragma('journal_size_limit = 67108864');
}

/**
 * A further connection to a database openDatabase has already opened and migrated, for a worker
 * thread that writes on its own (the import): the same settings, no migrations.
 * `autoCheckpoint`: the main connection's wal_autocheckpoint (0 while the checkpoint worker runs).
 */
export function openConnection(file: string, autoCheckpoint: number): Database.Database {
  const sqlite = new Database(file, { fileMustExist: true });
  try {
    tune(sqlite);
    sqlite.pragma(`wal_autocheckpoint = ${Math.max(0, Math.trunc(autoCheckpoint))}`);
    return sqlite;
  } catch (e) {
    sqlite.close();
    throw e;
  }
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
    tune(sqlite);

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
