import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base, expect, type Locator, type Page } from '@playwright/test';

const ROOT = path.resolve(__dirname, '../..');
const BIN = path.join(ROOT, 'src/main/cli/bin.cjs');
export const ADMIN_PASSWORD = 'Sotong2026!';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the sotong CLI against the test's database. */
export function runCli(dbPath: string, args: string[]): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [BIN, '--db', dbPath, ...args], { cwd: ROOT, env: process.env });
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

function startWeb(dbPath: string): Promise<{ child: ChildProcess; url: string; log: () => string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, '--db', dbPath, 'web', '--port', '0'], {
      cwd: ROOT,
      env: process.env,
    });
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`web server did not print its address within 60 s:\n${out}`));
    }, 60_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /http:\/\/127\.0\.0\.1:\d+\//.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[0], log: () => out });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`web server exited (${code}) before it was ready:\n${out}`));
    });
  });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const kill = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export interface Server {
  url: string;
  dir: string;
  dbPath: string;
  /** the one-time admin password printed by `init` (init: 'one-time' only) */
  oneTimePassword: string | null;
}

type Init = 'admin' | 'one-time' | 'none';

/**
 * `server`: a fresh temp folder and database for each test, prepared by `init` as chosen with
 * test.use({ init }), and `sotong web --port 0` serving the built renderer; stopped afterwards.
 */
export const test = base.extend<{ init: Init; server: Server }>({
  init: ['admin', { option: true }],
  server: async ({ init }, use) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sotong-e2e-'));
    const dbPath = path.join(dir, 'sotong.db');
    let oneTimePassword: string | null = null;
    if (init !== 'none') {
      const r = await runCli(dbPath, [
        'init',
        ...(init === 'admin' ? ['--admin-password', ADMIN_PASSWORD] : []),
      ]);
      expect(r.code, r.stderr).toBe(0);
      if (init === 'one-time') {
        oneTimePassword = /일회용 비밀번호:\s*(\S+)/.exec(r.stdout)?.[1] ?? null;
        expect(oneTimePassword, r.stdout).toBeTruthy();
      }
    }
    const web = await startWeb(dbPath);
    try {
      await use({ url: web.url, dir, dbPath, oneTimePassword });
    } finally {
      await stop(web.child);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
});

export { expect };

export async function login(page: Page, username: string, password: string) {
  await page.getByLabel('아이디').fill(username);
  await page.getByLabel('비밀번호', { exact: true }).fill(password);
  await page.getByLabel('비밀번호', { exact: true }).press('Enter');
}

export async function logout(page: Page) {
  await page.getByRole('button', { name: '로그아웃' }).click();
  await expect(page.getByRole('heading', { name: '로그인' })).toBeVisible();
}

export function nav(page: Page) {
  return page.getByRole('navigation', { name: '주 메뉴' });
}

/**
 * Clicks a dialog's button until the dialog closes. A click during the modal's opening animation
 * can be lost; as a person would, click again (a click on a button that is loading does nothing).
 */
export async function confirmDialog(dialog: Locator, button: string) {
  await expect(async () => {
    if (await dialog.isVisible()) await dialog.getByRole('button', { name: button }).click({ timeout: 2000 });
    await expect(dialog).toBeHidden({ timeout: 3000 });
  }).toPass({ timeout: 20_000 });
}
