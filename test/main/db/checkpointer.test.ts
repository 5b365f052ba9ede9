import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { type Checkpointer, startCheckpointer } from '../../../src/main/db/checkpointer';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function walDb(): { db: Database.Database; file: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sotong-ckpt-'));
  dirs.push(dir);
  const file = path.join(dir, 'x.db');
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)');
  return { db, file };
}

/** The worker, although the unit tests turn it off everywhere else (SOTONG_NO_CHECKPOINT_WORKER). */
function startWorker(db: Database.Database, file: string, intervalMs: number): Checkpointer {
  const saved = process.env.SOTONG_NO_CHECKPOINT_WORKER;
  delete process.env.SOTONG_NO_CHECKPOINT_WORKER;
  const ck = startCheckpointer(db, file, intervalMs);
  process.env.SOTONG_NO_CHECKPOINT_WORKER = saved;
  if (!ck) throw new Error('worker did not start');
  return ck;
}

/** Frames the log holds that are not yet copied into the database file. */
function uncopied(db: Database.Database): number {
  const [r] = db.pragma('wal_checkpoint(NOOP)') as { log: number; checkpointed: number }[];
  return r.log - r.checkpointed;
}

const fill = (db: Database.Database, n: number) => {
  const ins = db.prepare('INSERT INTO t (v) VALUES (?)');
  db.transaction(() => {
    for (let i = 0; i < n; i++) ins.run('가'.repeat(200));
  })();
};

describe('checkpoint worker', () => {
  it('turns off checkpoints on commit and copies the log in the background', async () => {
    const { db, file } = walDb();
    const ck = startWorker(db, file, 20);
    try {
      expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
      fill(db, 20_000); // ~12 MB: far past the 1,000 pages an automatic checkpoint would allow
      const deadline = Date.now() + 20_000;
      while (uncopied(db) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(uncopied(db)).toBe(0);
      expect((db.prepare('SELECT count(*) AS n FROM t').get() as { n: number }).n).toBe(20_000);
    } finally {
      db.close();
      ck.stop();
    }
  });

  it('catchUp: a writer that pauses for it gets the log restarted from the start (it does not keep growing)', async () => {
    const { db, file } = walDb();
    // an interval long enough that only catchUp checkpoints during the test
    const ck = startWorker(db, file, 60_000);
    const frames = () => (db.pragma('wal_checkpoint(NOOP)') as { log: number }[])[0].log;
    try {
      fill(db, 5_000);
      const first = frames();
      expect(first).toBeGreaterThan(500);
      expect(await ck.catchUp()).toBe(true);
      expect(uncopied(db)).toBe(0);
      // the next write starts the log over: it holds only this write's frames
      fill(db, 100);
      expect(frames()).toBeLessThan(first / 10);
      expect((db.prepare('SELECT count(*) AS n FROM t').get() as { n: number }).n).toBe(5_100);
    } finally {
      db.close();
      ck.stop();
    }
  });

  it('leaves an in-memory database to SQLite', () => {
    const db = new Database(':memory:');
    expect(startCheckpointer(db, ':memory:')).toBeNull();
    db.close();
  });

  it('is off when SOTONG_NO_CHECKPOINT_WORKER is set (the unit tests set it)', () => {
    const { db, file } = walDb();
    expect(process.env.SOTONG_NO_CHECKPOINT_WORKER).toBe('1');
    expect(startCheckpointer(db, file)).toBeNull();
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    db.close();
  });
});
