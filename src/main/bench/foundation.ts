import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import Database from 'better-sqlite3';
import { createCore } from '../core/core';
import { startBridge } from '../web/bridge';
import { type BenchRow, median, percentile } from './table';

function ms(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Bare baseline: open a SQLite file and set the same pragmas, nothing else. */
function bareOpen(file: string): number {
  const t = process.hrtime.bigint();
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.prepare('SELECT count(*) FROM sqlite_master').get();
  db.close();
  return ms(t);
}

export async function coreStart(
  _dir: string,
  label: string,
  dbFile: string,
  issue = '#2',
): Promise<BenchRow> {
  const runs: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < 5; i++) {
    bare.push(bareOpen(dbFile));
    const t = process.hrtime.bigint();
    const core = await createCore({ dbPath: dbFile, mode: 'cli' });
    core.settings.get();
    runs.push(ms(t));
    core.close();
  }
  // The first run of the empty database includes creating it and applying every migration.
  return {
    issue,
    name: `코어 시작 (열기+마이그레이션+서비스), ${label}`,
    value: median(runs),
    unit: 'ms',
    baseline: { name: 'SQLite 열기', value: median(bare) },
    goal: '< 500 ms',
    pass: median(runs) < 500,
  };
}

async function timeCalls(n: number, call: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < 50; i++) await call(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = process.hrtime.bigint();
    await call();
    times.push(ms(t));
  }
  return times.sort((a, b) => a - b);
}

/** Round trip of a small call through the web bridge vs a bare node:http JSON echo on loopback. */
export async function bridgeRoundTrip(dir: string, n: number): Promise<BenchRow[]> {
  const core = await createCore({ dbPath: path.join(dir, 'rt.db'), mode: 'web' });
  const bridge = await startBridge(core, { staticDir: null });
  const echo = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: true, value: JSON.parse(body || '{}') }));
    });
  });
  await new Promise<void>((r) => echo.listen(0, '127.0.0.1', () => r()));
  const echoPort = (echo.address() as AddressInfo).port;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const post = (port: number, p: string, headers: Record<string, string>) =>
    new Promise<void>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port,
          path: p,
          method: 'POST',
          agent,
          headers: { 'content-type': 'application/json', ...headers },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve());
        },
      );
      req.on('error', reject);
      req.end(JSON.stringify({ input: {} }));
    });
  const bare = await timeCalls(n, () => post(echoPort, '/', {}));
  const real = await timeCalls(n, () =>
    post(bridge.port, '/api/invoke/auth.status', {
      'x-sotong-token': bridge.token,
      host: `127.0.0.1:${bridge.port}`,
    }),
  );
  agent.destroy();
  await bridge.close();
  echo.close();
  core.close();
  return [
    {
      issue: '#2',
      name: `웹 통로 왕복 p50 (auth.status, ${n}회)`,
      value: percentile(real, 50),
      unit: 'ms',
      baseline: { name: 'http 에코 p50', value: percentile(bare, 50) },
      goal: '-',
      pass: true,
    },
    {
      issue: '#2',
      name: `웹 통로 왕복 p99 (auth.status, ${n}회)`,
      value: percentile(real, 99),
      unit: 'ms',
      baseline: { name: 'http 에코 p99', value: percentile(bare, 99) },
      goal: '< 20 ms',
      pass: percentile(real, 99) < 20,
    },
  ];
}

export function freshDir(root: string, name: string): string {
  const d = path.join(root, name);
  fs.rmSync(d, { recursive: true, force: true });
  fs.mkdirSync(d, { recursive: true });
  return d;
}
