import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sotong } from '../../support/cli';

const FIXTURES = path.resolve(__dirname, '../../../../shared/fixtures/bounces');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sotong-bounces-cli-'));
const db = path.join(dir, 'sotong.db');
let child: ChildProcess | null = null;
afterAll(() => {
  if (child && child.exitCode === null) child.kill('SIGTERM'); // never leave a listener behind
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('CLI: sotong bounces …, sotong public-web', () => {
  it('bounces check: 파일 하나를 읽어 분류만 (기록 없음)', () => {
    const r = sotong(['--db', db, '--json', 'bounces', 'check', path.join(FIXTURES, 'lhost-gmail-06.eml')]);
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({
      classification: 'soft',
      recipients: [{ email: 'kijitora@example.jp', status: '4.2.2', kind: 'soft' }],
    });
  }, 180_000);

  it('bounces list --json: 빈 목록, bounces poll: 설정 전엔 한국어 오류', () => {
    const l = sotong(['--db', db, '--json', 'bounces', 'list']);
    expect(l.code).toBe(0);
    expect(l.json()).toMatchObject({ items: [], total: 0 });
    const p = sotong(['--db', db, '--json', 'bounces', 'poll']);
    expect(p.code).toBe(1);
    expect(p.json()).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: '반송 메일함 서버와 아이디를 먼저 설정하세요.' },
    });
  }, 180_000);

  it('public-web: 혼자 열리고, 신호를 받으면 닫힌다', async () => {
    const bin = path.resolve(__dirname, '../../../src/main/cli/bin.cjs');
    const proc = spawn(process.execPath, [
      bin,
      '--db',
      db,
      '--json',
      'public-web',
      '--host',
      '127.0.0.1',
      '--port',
      '0',
    ]);
    child = proc;
    let out = '';
    proc.stdout.on('data', (d) => {
      out += d;
    });
    const line = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no output: ${out}`)), 90_000);
      proc.stdout.on('data', () => {
        if (out.includes('\n')) {
          clearTimeout(timer);
          resolve(out.split('\n')[0]);
        }
      });
    });
    const { listening } = JSON.parse(line) as { listening: string };
    expect(listening).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${listening}/u/zzzzzzzzzzzzzzzzzzzzzzzzzz`);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('링크를 찾을 수 없습니다');
    const exited = new Promise<number | null>((r) => proc.once('exit', (code) => r(code)));
    proc.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 180_000);
});
