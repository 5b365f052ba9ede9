import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sotong } from '../../support/cli';

let dir: string;
let db: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sotong-cli-'));
  db = path.join(dir, 'sotong.db');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('sotong CLI', () => {
  it('lists its commands in Korean', () => {
    const r = sotong(['--help']);
    expect(r.code).toBe(0);
    for (const c of ['init', 'user', 'web', 'backup', 'restore', 'audit', 'bench'])
      expect(r.stdout).toContain(c);
    expect(r.stdout).toContain('사용법:');
  });

  it('init without a password prints a one-time password once, and is idempotent', () => {
    const r = sotong(['--db', db, 'init', '--json']);
    expect(r.code).toBe(0);
    const out = r.json<{ created: boolean; admin: string; oneTimePassword: string }>();
    expect(out).toMatchObject({ created: true, admin: 'admin' });
    expect(out.oneTimePassword).toMatch(/^[a-z]{8}[2-9]{4}$/);
    const again = sotong(['--db', db, 'init', '--json']).json<{
      created: boolean;
      oneTimePassword?: string;
    }>();
    expect(again.created).toBe(false);
    expect(again.oneTimePassword).toBeUndefined();
  });

  it('adds users of each role and refuses bad input with exit 1 and a Korean message', () => {
    expect(sotong(['--db', db, 'user', 'add', 'pr1', '--role', 'pr', '--password', 'Hongbo2026!']).code).toBe(
      0,
    );
    expect(sotong(['--db', db, 'user', 'add', 'dong1', '--role', 'dong', '--dong', '마장동']).code).toBe(0);
    expect(
      sotong(['--db', db, 'user', 'add', 'dept1', '--role', 'dept', '--department', '문화체육과']).code,
    ).toBe(0);
    const dup = sotong(['--db', db, 'user', 'add', 'pr1', '--role', 'pr']);
    expect(dup.code).toBe(1);
    expect(dup.stderr).toContain('이미 있는 아이디입니다.');
    const noDong = sotong(['--db', db, 'user', 'add', 'dong2', '--role', 'dong', '--dong', '없는동']);
    expect(noDong.code).toBe(1);
    expect(noDong.stderr).toContain('행정동 없는동을(를) 찾을 수 없습니다.');
    const list = sotong(['--db', db, '--json', 'user', 'list']).json<{ username: string; role: string }[]>();
    expect(list.map((u) => u.role).sort()).toEqual(['admin', 'dept', 'dong', 'pr']);
  });

  it('usage errors exit 2 with a Korean message', () => {
    const r = sotong(['--db', db, 'frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('알 수 없는 명령입니다: frobnicate');
    const missing = sotong(['--db', db, 'user', 'add', 'x']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('꼭 필요한 옵션이 빠졌습니다');
  });

  it('resets a password and unlocks', () => {
    const r = sotong(['--db', db, '--json', 'user', 'passwd', 'pr1']).json<{ oneTimePassword: string }>();
    expect(r.oneTimePassword).toHaveLength(12);
    expect(sotong(['--db', db, 'user', 'unlock', 'pr1']).stdout).toContain('잠금을 풀었습니다');
    expect(sotong(['--db', db, 'user', 'unlock', 'ghost']).code).toBe(1);
  });

  it('backs up, restores, and keeps the audit chain verifiable', () => {
    const b = sotong(['--db', db, '--json', 'backup']).json<{ file: string; bytes: number }>();
    expect(fs.existsSync(b.file)).toBe(true);
    sotong(['--db', db, 'user', 'add', 'later', '--role', 'pr']);
    const r = sotong(['--db', db, '--json', 'restore', b.file]);
    expect(r.code).toBe(0);
    const users = sotong(['--db', db, '--json', 'user', 'list']).json<{ username: string }[]>();
    expect(users.map((u) => u.username)).not.toContain('later');
    const v = sotong(['--db', db, '--json', 'audit', 'verify']);
    expect(v.code).toBe(0);
    expect(v.json()).toMatchObject({ ok: true });
  });

  it('restore refuses a file that is not a Sotong backup and changes nothing', () => {
    const junk = path.join(dir, 'junk.db');
    fs.writeFileSync(junk, 'hello');
    const r = sotong(['--db', db, 'restore', junk]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('백업 파일');
    expect(sotong(['--db', db, '--json', 'user', 'list']).code).toBe(0);
  });

  it('audit verify fails loudly on a tampered log', () => {
    const copy = path.join(dir, 'tampered.db');
    fs.copyFileSync(db, copy);
    const Database = require('better-sqlite3');
    const x = new Database(copy);
    x.prepare("UPDATE audit_log SET username = 'someone' WHERE id = 1").run();
    x.close();
    const r = sotong(['--db', copy, 'audit', 'verify']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('위·변조 의심');
  });

  it('says plainly when the database file is not a database', () => {
    const bad = path.join(dir, 'bad.db');
    fs.writeFileSync(bad, 'x'.repeat(4096));
    const r = sotong(['--db', bad, 'user', 'list']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('데이터베이스 파일을 읽을 수 없습니다');
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
  });
});
