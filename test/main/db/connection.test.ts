// Connection settings shared by the main connection and the import thread's: IMMEDIATE
// transactions, and the main connection's writes announced to the import thread.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore } from '../../../src/main/core/core';
import { pendingWrites, unannounced } from '../../../src/main/db/connection';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sotong-conn-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('connections', () => {
  it('begins every transaction IMMEDIATE, so one that reads first waits for another writer instead of failing', async () => {
    const core = await createCore({ dbPath: path.join(dir, 'e.db') });
    const other = new Database(path.join(dir, 'e.db'));
    other.pragma('busy_timeout = 0');
    const otherWrite = () =>
      other
        .prepare(
          "INSERT INTO settings (key, value, updated_at) VALUES ('probe', '1', 'x') ON CONFLICT(key) DO NOTHING",
        )
        .run();
    try {
      // better-sqlite3's transaction() and drizzle's transaction() alike: the lock is held from the
      // start (with DEFERRED the other connection could write here, and this transaction's own
      // write would then fail with SQLITE_BUSY_SNAPSHOT).
      for (const begin of [
        (fn: () => void) => core.sqlite.transaction(fn)(),
        (fn: () => void) => core.db.transaction(() => fn()),
      ]) {
        begin(() => {
          core.sqlite.prepare('SELECT count(*) FROM settings').get();
          expect(otherWrite).toThrow(/locked|busy/i);
          core.sqlite.prepare("UPDATE settings SET value = value WHERE key = 'wardName'").run();
        });
      }
      // nested transactions still become savepoints
      core.sqlite.transaction(() => core.sqlite.transaction(() => core.sqlite.prepare('SELECT 1').get())())();
      expect(otherWrite().changes).toBe(1);
    } finally {
      other.close();
      core.close();
    }
  });

  it('counts the main connection’s writes while they run (statements that write, transactions), not its reads', async () => {
    const core = await createCore({ dbPath: path.join(dir, 'w.db') });
    try {
      core.sqlite.function('pending', () => BigInt(Atomics.load(pendingWrites, 0)));
      const seen = (sql: string) => (core.sqlite.prepare(sql).get() as { n: number }).n;
      expect(seen('SELECT pending() AS n')).toBe(0);
      core.sqlite
        .prepare("INSERT INTO settings (key, value, updated_at) VALUES ('probe', pending(), 'x')")
        .run();
      expect(seen("SELECT value AS n FROM settings WHERE key = 'probe'")).toBe('1');
      expect(
        (
          core.sqlite
            .prepare("UPDATE settings SET value = pending() WHERE key = 'probe' RETURNING value AS n")
            .get() as { n: number }
        ).n,
      ).toBe('1');
      const inTx = core.sqlite.transaction(() => seen('SELECT pending() AS n'))();
      expect(inTx).toBe(1);
      const viaDrizzle = core.db.transaction(() => seen('SELECT pending() AS n'));
      expect(viaDrizzle).toBe(1);
      expect(Atomics.load(pendingWrites, 0)).toBe(0);
      // a write that does not wait for the lock (a job's progress) is not announced
      unannounced(() =>
        core.sqlite.prepare("UPDATE settings SET value = pending() WHERE key = 'probe'").run(),
      );
      expect(seen("SELECT value AS n FROM settings WHERE key = 'probe'")).toBe('0');
      // a failing write is counted out again
      expect(() => core.sqlite.prepare('INSERT INTO settings (key) VALUES (NULL)').run()).toThrow();
      expect(Atomics.load(pendingWrites, 0)).toBe(0);
    } finally {
      core.close();
    }
  });

  it('a further connection (the import thread’s) announces nothing', async () => {
    const core = await createCore({ dbPath: path.join(dir, 'x.db') });
    const { openConnection } = await import('../../../src/main/db/connection');
    const other = openConnection(path.join(dir, 'x.db'), 0);
    try {
      other.function('pending', () => BigInt(Atomics.load(pendingWrites, 0)));
      const n = other.transaction(
        () =>
          other
            .prepare(
              "INSERT INTO settings (key, value, updated_at) VALUES ('p2', pending(), 'x') RETURNING value AS n",
            )
            .get() as {
            n: string;
          },
      )();
      expect(n.n).toBe('0');
      expect(other.pragma('cache_size', { simple: true })).toBe(-32768);
    } finally {
      other.close();
      core.close();
    }
  });
});
