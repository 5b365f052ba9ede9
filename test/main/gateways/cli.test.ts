import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type SolapiTestServer, startSolapiServer } from '../../support/solapiServer';

const BIN = path.resolve(__dirname, '../../../src/main/cli/bin.cjs');

/** The real CLI in a child process, without blocking this process (the test server answers it). */
function sotong(args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const p = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => {
      stdout += d;
    });
    p.stderr.on('data', (d) => {
      stderr += d;
    });
    p.on('error', reject);
    p.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

let dir: string;
let db: string;
let srv: SolapiTestServer;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sotong-gwcli-'));
  db = path.join(dir, 'sotong.db');
  srv = await startSolapiServer({ apiKey: 'CLIKEY', apiSecret: 'cli-secret', senders: ['0222860114'] });
  const init = await sotong(['--db', db, 'init', '--admin-password', 'Sotong2026!']);
  expect(init.code, init.stderr).toBe(0);
});
afterAll(async () => {
  await srv.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('sotong gateway …', () => {
  test('use, secret from the environment, 연결 시험 and a test send through the Solapi test server', async () => {
    const use = await sotong([
      '--db',
      db,
      '--json',
      'gateway',
      'use',
      'solapi',
      '--base-url',
      srv.url,
      '--key',
      'CLIKEY',
      '--sender',
      '0222860114',
    ]);
    expect(use.code, use.stderr).toBe(0);
    expect(JSON.parse(use.stdout)).toEqual({ ok: true, smsGateway: 'solapi' });

    const noValue = await sotong(['--db', db, 'gateway', 'secret', 'solapiApiSecret']);
    expect(noValue.code).toBe(1);
    expect(noValue.stderr).toContain('SOTONG_GATEWAY_SECRET');

    const wrong = await sotong(['--db', db, 'gateway', 'secret', 'solapiApiSecret'], {
      SOTONG_GATEWAY_SECRET: 'not-it',
    });
    expect(wrong.code, wrong.stderr).toBe(0);
    const bad = await sotong(['--db', db, 'gateway', 'test']);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('API Secret이 맞지 않습니다');

    await sotong(['--db', db, 'gateway', 'secret', 'solapiApiSecret'], {
      SOTONG_GATEWAY_SECRET: 'cli-secret',
    });
    const ok = await sotong(['--db', db, '--json', 'gateway', 'test']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ ok: true, balance: 100000 });

    const sent = await sotong(['--db', db, 'gateway', 'test-send', '010-2222-3333', '--text', '시험입니다']);
    expect(sent.code, sent.stderr).toBe(0);
    expect(srv.messages.map((m) => [m.to, m.from, m.text])).toEqual([
      ['01022223333', '0222860114', '시험입니다'],
    ]);
    // the secret never reached the database file
    expect(fs.readFileSync(db).includes(Buffer.from('cli-secret'))).toBe(false);
  });
});
