import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore } from '../../../src/main/core/core';
import { defaultMigrationsDir, openDatabase } from '../../../src/main/db/open';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sotong-db-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('opening the database', () => {
  it('creates, migrates, enables WAL and foreign keys', async () => {
    const o = await openDatabase(path.join(dir, 'a.db'));
    expect(o.migrated).toBeGreaterThan(0);
    expect(o.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(o.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(o.backupPath).toBeUndefined();
    o.sqlite.close();
    const again = await openDatabase(path.join(dir, 'a.db'));
    expect(again.migrated).toBe(0);
    again.sqlite.close();
  });

  it('takes an online backup before applying a new migration to existing data', async () => {
    const real = defaultMigrationsDir();
    const old = path.join(dir, 'old-migrations');
    fs.cpSync(real, old, { recursive: true });
    const journal = JSON.parse(fs.readFileSync(path.join(old, 'meta/_journal.json'), 'utf8'));
    journal.entries = journal.entries.slice(0, 1); // an older app knew only the first migration
    fs.writeFileSync(path.join(old, 'meta/_journal.json'), JSON.stringify(journal));
    const file = path.join(dir, 'b.db');
    (await openDatabase(file, { migrationsDir: old })).sqlite.close();
    const o = await openDatabase(file);
    expect(o.migrated).toBeGreaterThan(0);
    expect(o.backupPath && fs.existsSync(o.backupPath)).toBeTruthy();
    o.sqlite.close();
  });

  it('refuses a database written by a newer version', async () => {
    const file = path.join(dir, 'c.db');
    (await openDatabase(file)).sqlite.close();
    const db = new Database(file);
    db.prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)').run(
      'future',
      9_999_999_999_999,
    );
    db.close();
    await expect(openDatabase(file)).rejects.toMatchObject({
      code: 'DB_NEWER',
      message: expect.stringContaining('새 버전'),
    });
  });

  it('refuses a file that is not a database, with a Korean message', async () => {
    const file = path.join(dir, 'junk.db');
    fs.writeFileSync(file, 'this is not sqlite '.repeat(200));
    await expect(openDatabase(file)).rejects.toMatchObject({
      code: 'DB_CORRUPT',
      message: expect.stringContaining('데이터베이스'),
    });
  });

  it('refuses another application’s SQLite database and leaves it untouched', async () => {
    const file = path.join(dir, 'other.db');
    const db = new Database(file);
    db.exec('CREATE TABLE contacts (id INTEGER PRIMARY KEY, name TEXT)');
    db.close();
    await expect(openDatabase(file)).rejects.toMatchObject({ code: 'DB_FOREIGN' });
    const check = new Database(file);
    expect(check.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type='table'").get()).toEqual({
      n: 1,
    });
    check.close();
  });

  it('seeds the ward reference data once: 17 dongs, 15 fields, 12 business types, HQ + 17 stations', async () => {
    const core = await createCore({ dbPath: path.join(dir, 'd.db') });
    const ref = core.reference.list();
    expect(ref.dongs).toHaveLength(17);
    expect(ref.fields.filter((f) => f.audience === 'individual')).toHaveLength(11);
    expect(ref.fields.filter((f) => f.kind === 'notice' && f.audience === 'individual')).toHaveLength(4);
    expect(ref.businessTypes).toHaveLength(12);
    expect(ref.stations).toHaveLength(18);
    expect(core.settings.get().wardName).toBe('성동구');
    core.reference.saveDong({ id: 1, code: 'D01', name: '바뀐동', sortOrder: 1, active: true });
    core.close();
    const again = await createCore({ dbPath: path.join(dir, 'd.db') });
    expect(again.reference.list().dongs[0].name).toBe('바뀐동');
    again.close();
  });
});
