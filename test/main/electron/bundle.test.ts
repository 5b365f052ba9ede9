import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../../..');

// Builds the Electron bundles as Forge would and boots the main bundle on Node with a stand-in
// Electron module: proves the glue is wired (migrations shipped, IPC routed, window hardened).
describe('Electron main bundle', () => {
  let report: {
    windows: { webPreferences: Record<string, unknown>; title: string }[];
    ipc: Record<string, { ok: boolean; value?: unknown; error?: { code: string } }>;
    csp: string;
    userData: string;
    loaded: string;
    openExternalDenied: { action: string };
    error?: string;
  };

  let dbCreated = false;

  beforeAll(() => {
    execFileSync(process.execPath, [path.join(root, 'test/support/build-electron.mjs')], {
      cwd: root,
      stdio: 'pipe',
    });
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sotong-el-'));
    const env: NodeJS.ProcessEnv = { ...process.env, SOTONG_DATA_DIR: dataDir };
    delete env.SOTONG_DB;
    const r = spawnSync(
      process.execPath,
      ['-r', path.join(root, 'test/support/fake-electron.cjs'), path.join(root, '.vite/build/main.js')],
      {
        env,
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    report = JSON.parse(r.stdout.trim().split('\n').at(-1)!);
    dbCreated = fs.existsSync(path.join(dataDir, 'sotong.db'));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }, 120_000);

  it('opens the database from the bundle (shipped migrations and seed) and answers over IPC', () => {
    expect(report.error).toBeUndefined();
    expect(report.ipc.status).toMatchObject({ ok: true, value: { setupDone: false, wardName: '성동구' } });
    expect(dbCreated).toBe(true);
  });

  it('hardens the window', () => {
    expect(report.windows[0].webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    });
    expect(report.windows[0].title).toBe('소통창구');
    expect(report.csp).toContain("default-src 'self'");
    expect(report.openExternalDenied).toEqual({ action: 'deny' });
    expect(report.loaded).toBe('main_window/index.html');
  });

  it('refuses IPC from a frame that is not the app, and unknown channels', () => {
    expect(report.ipc.foreign).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(report.ipc.unknown).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
  });

  it('ships the import reader thread beside main.js, and it reads a LibreOffice xlsx', async () => {
    const { Worker } = await import('node:worker_threads');
    const file = path.join(root, '.vite/build/readWorker.js');
    expect(fs.existsSync(file)).toBe(true);
    const w = new Worker(file, {
      workerData: { file: path.join(root, 'test/fixtures/import/lo-individuals.xlsx'), format: 'xlsx' },
    });
    const rows: unknown[][] = [];
    await new Promise<void>((resolve, reject) => {
      w.on('message', (m: { type: string; rows?: { cells: unknown[] }[]; detail?: string }) => {
        if (m.type === 'rows') {
          for (const r of m.rows ?? []) rows.push(r.cells);
          w.postMessage('more');
        } else if (m.type === 'end') resolve();
        else if (m.type === 'error') reject(new Error(m.detail));
      });
      w.on('error', reject);
    });
    await w.terminate();
    expect(rows.length).toBeGreaterThan(1);
    expect(rows[0].join(' ')).toContain('전자소통 수신 신청 명단'); // the sheet's title row
    expect(rows.some((r) => /성명/.test(r.join(' ')))).toBe(true);
  });

  it('ships the import thread beside main.js: it imports a LibreOffice xlsx on its own connection', async () => {
    const { Worker } = await import('node:worker_threads');
    const { createCore } = await import('../../../src/main/core/core');
    const { referenceOf } = await import('../../../src/main/subscribers/import/job');
    const file = path.join(root, '.vite/build/importWorker.js');
    expect(fs.existsSync(file)).toBe(true);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sotong-el-import-'));
    const dbPath = path.join(dir, 'sotong.db');
    const core = await createCore({ dbPath, mode: 'cli' });
    try {
      const w = new Worker(file, {
        workerData: {
          dbPath,
          autoCheckpoint: 1000,
          sliceMs: 40,
          pendingWrites: new Int32Array(new SharedArrayBuffer(4)),
          rowByRow: false,
          params: {
            filePath: path.join(root, 'test/fixtures/import/lo-individuals.xlsx'),
            fileName: 'lo-individuals.xlsx',
            kind: 'individual',
            sheet: null,
            mapping: null,
            mappingId: null,
            userId: null,
            dongScope: null,
            startedAt: Date.now(),
            ref: referenceOf(core),
            stationId: null,
            rowLimit: 1000,
            reportDir: dir,
            tag: 'bundle',
          },
        },
      });
      const outcome = await new Promise<{ rows: number; imported: number }>((resolve, reject) => {
        w.on(
          'message',
          (m: { type: string; outcome?: { rows: number; imported: number }; message?: string }) => {
            if (m.type === 'done') resolve(m.outcome!);
            else if (m.type === 'failed') reject(new Error(m.message));
          },
        );
        w.on('error', reject);
      });
      expect(outcome.imported).toBeGreaterThan(0);
      const n = core.sqlite.prepare('SELECT count(*) AS n FROM subscribers').get() as { n: number };
      expect(n.n).toBe(outcome.imported);
    } finally {
      core.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
