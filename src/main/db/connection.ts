// Connections to our database: the settings every one runs with, and further connections for
// worker threads (openDatabase in open.ts opens and migrates the main one). Only better-sqlite3 is
// loaded here, so a worker thread does not load drizzle and the schema for nothing.
import Database from 'better-sqlite3';

/**
 * How many writes of the main connection are running or waiting for the write lock right now.
 * Shared with the import thread (workerData), which gives way while it is above 0: SQLite's busy
 * handler only retries now and then (after 1, 2, 5, 10 … ms), and a writer that releases the lock
 * for microseconds between its transactions would starve it (measured: a write on the main thread
 * waited up to 2 s during an import).
 */
export const pendingWrites = new Int32Array(new SharedArrayBuffer(4));

let quiet = false;

/**
 * Runs `f` without announcing its writes: for a write that does not wait for the lock (busy_timeout
 * 0, e.g. a job's progress), which the import thread need not commit early for.
 */
export function unannounced<T>(f: () => T): T {
  const was = quiet;
  quiet = true;
  try {
    return f();
  } finally {
    quiet = was;
  }
}

function counted<A extends unknown[], R>(f: (...args: A) => R): (...args: A) => R {
  return (...args: A) => {
    if (quiet) return f(...args);
    Atomics.add(pendingWrites, 0, 1);
    try {
      return f(...args);
    } finally {
      Atomics.sub(pendingWrites, 0, 1);
    }
  };
}

/**
 * Every transaction on our connections begins IMMEDIATE (drizzle's and better-sqlite3's default is
 * DEFERRED). Two connections write at once while an import runs (the import worker's and the
 * main one): a deferred transaction that reads before it writes cannot wait for the other's lock
 * (SQLite fails it at once with SQLITE_BUSY, or SQLITE_BUSY_SNAPSHOT once the other has committed).
 * Taking the lock first makes it wait its turn (busy_timeout) instead.
 */
function immediateTransactions(sqlite: Database.Database, announce: boolean): void {
  const make = Database.prototype.transaction;
  sqlite.transaction = function <F extends (...args: never[]) => unknown>(this: Database.Database, fn: F) {
    const t = make.call(this, fn);
    const immediate = t.immediate;
    const run = announce ? counted(immediate) : immediate;
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

/** Writes outside a transaction (a statement that is not read-only, exec) are announced too. */
function announceWrites(sqlite: Database.Database): void {
  const prepare = sqlite.prepare.bind(sqlite);
  sqlite.prepare = ((source: string) => {
    const st = prepare(source);
    if (!st.readonly) {
      st.run = counted(st.run.bind(st)) as typeof st.run;
      st.get = counted(st.get.bind(st)) as typeof st.get;
      st.all = counted(st.all.bind(st)) as typeof st.all;
    }
    return st;
  }) as typeof sqlite.prepare;
  const exec = sqlite.exec.bind(sqlite);
  sqlite.exec = counted(exec) as typeof sqlite.exec;
}

/**
 * The settings every connection to our database runs with. `announce`: the process's main
 * connection, whose writes the import thread gives way to (pendingWrites).
 */
export function tune(sqlite: Database.Database, o: { announce?: boolean } = {}): void {
  immediateTransactions(sqlite, o.announce ?? false);
  if (o.announce) announceWrites(sqlite);
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
    // Half the main connection's cache: the import's pages are written once and seldom read again,
    // and this connection lives beside the main one (peak memory of a 100,000-row import < 500 MB).
    sqlite.pragma('cache_size = -32768');
    sqlite.pragma(`wal_autocheckpoint = ${Math.max(0, Math.trunc(autoCheckpoint))}`);
    return sqlite;
  } catch (e) {
    sqlite.close();
    throw e;
  }
}
