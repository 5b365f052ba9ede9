import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';

/**
 * WAL checkpoints off the main thread. With SQLite's automatic checkpoint, the connection that
 * commits also copies the log into the database file and syncs it: tens of milliseconds, taken in
 * the middle of somebody's call, after every few megabytes written by an import or a launch. The
 * main connection turns that off and this worker, on its own connection, runs a PASSIVE checkpoint
 * (it never blocks readers or writers) whenever the log has grown.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 2000');
let busy = false;
const tick = () => {
  if (busy) return;
  busy = true;
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch {} finally { busy = false; }
};
const timer = setInterval(tick, workerData.intervalMs);
parentPort.on('message', (m) => {
  if (m && m.type === 'catchUp') {
    let done = false;
    try {
      const r = db.pragma('wal_checkpoint(PASSIVE)')[0];
      done = r.busy === 0 && r.log === r.checkpointed;
    } catch {}
    parentPort.postMessage({ type: 'caughtUp', id: m.id, done });
    return;
  }
  if (m !== 'stop') return;
  clearInterval(timer);
  try { db.close(); } catch {}
  parentPort.close();
});
`;

export interface Checkpointer {
  /**
   * Checkpoints now and resolves when done (true: the whole log is in the database file). A long
   * run of writes (an import) calls this now and then while it pauses: passive checkpoints never
   * finish while writes keep coming, and the log would grow by gigabytes, every lookup in it slower.
   */
  catchUp(): Promise<boolean>;
  stop(): void;
}

/**
 * Starts the checkpoint worker for a file database; null (SQLite checkpoints by itself as before)
 * for an in-memory database or when a worker cannot be started.
 */
export function startCheckpointer(
  sqlite: Database.Database,
  file: string,
  intervalMs = 500,
): Checkpointer | null {
  if (file === ':memory:' || process.env.SOTONG_NO_CHECKPOINT_WORKER) return null;
  let worker: Worker;
  try {
    worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { driver: require.resolve('better-sqlite3'), file, intervalMs },
    });
  } catch (e) {
    console.error('[sotong] checkpoint worker unavailable; SQLite checkpoints on commit', e);
    return null;
  }
  worker.unref();
  sqlite.pragma('wal_autocheckpoint = 0');
  // If the worker dies, fall back to SQLite's own checkpoints rather than letting the log grow.
  worker.on('error', (e) => {
    console.error('[sotong] checkpoint worker failed; SQLite checkpoints on commit again', e);
    if (sqlite.open) sqlite.pragma('wal_autocheckpoint = 1000');
  });
  const waiting = new Map<number, (done: boolean) => void>();
  let nextId = 0;
  let dead = false;
  worker.on('message', (m: { type: string; id: number; done: boolean }) => {
    if (m.type !== 'caughtUp') return;
    waiting.get(m.id)?.(m.done);
    waiting.delete(m.id);
  });
  worker.on('exit', () => {
    dead = true;
    for (const w of waiting.values()) w(false);
    waiting.clear();
  });
  return {
    catchUp() {
      if (dead) return Promise.resolve(false);
      const id = ++nextId;
      return new Promise((resolve) => {
        waiting.set(id, resolve);
        worker.postMessage({ type: 'catchUp', id });
      });
    },
    stop() {
      worker.postMessage('stop');
    },
  };
}
