// Issue #5: 10,000 Kannel delivery reports applied < 2 s. The reports are GETs to the core's real
// public listener (its dlr route, hooks and the feedback queue that batches them into
// transactions), sent by keep-alive clients in a worker thread the way smsbox calls dlr-urls; the
// clock stops when the last outbox row is 'delivered'. Baseline: the same GETs answered by a bare
// node:http handler, measured in the same run.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { createCore } from '../core/core';
import { feedbackOf } from '../dispatch/feedback';
import { applyPublicSettings, newPublicToken, publicServerOf } from '../public';
import type { BenchRow } from './table';

const CONCURRENCY = 20;

// Plain JS: no TypeScript loader inside workers.
const CLIENT = `
const http = require('node:http');
const { parentPort, workerData } = require('node:worker_threads');
const { port, paths, concurrency } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
let next = 0;
function one(p) {
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path: p, agent }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error('HTTP ' + res.statusCode))));
    }).on('error', reject);
  });
}
async function worker() { while (next < paths.length) await one(paths[next++]); }
parentPort.once('message', () => {
  Promise.all(Array.from({ length: concurrency }, worker)).then(
    () => { agent.destroy(); parentPort.postMessage({ ok: true }); },
    (e) => parentPort.postMessage({ error: String((e && e.message) || e) }),
  );
});
parentPort.postMessage({ ready: true });
`;

/** Starts the client, then resolves with it ready to go on `go()`. */
function client(port: number, paths: string[]): Promise<{ go: () => Promise<void> }> {
  return new Promise((resolve, reject) => {
    const w = new Worker(CLIENT, { eval: true, workerData: { port, paths, concurrency: CONCURRENCY } });
    w.once('error', reject);
    w.once('message', () =>
      resolve({
        go: () =>
          new Promise<void>((done, fail) => {
            w.once('message', (m: { ok?: boolean; error?: string }) => {
              void w.terminate();
              if (m.error) fail(new Error(m.error));
              else done();
            });
            w.postMessage('go');
          }),
      }),
    );
  });
}

const dlrPath = (token: string) => `/cb/kannel/dlr?id=${token}&status=1&answer=&to=01012345678&ts=1772409600`;

export async function feedbackBench(dir: string, quick: boolean): Promise<BenchRow[]> {
  const n = quick ? 2_000 : 10_000;
  const core = await createCore({ dbPath: path.join(dir, 'feedback.db'), mode: 'cli' });
  const at = core.clock.now().toISOString();
  const campaignId = 'bench-dlr';
  core.sqlite
    .prepare(
      `INSERT INTO campaigns (id, name, kind, status, sms_enabled, field_ids, filters, created_at, updated_at)
       VALUES (?, '전달 보고 측정', 'info', 'done', 1, '[]', '{}', ?, ?)`,
    )
    .run(campaignId, at, at);
  const ins = core.sqlite.prepare(
    `INSERT INTO outbox (campaign_id, channel, address, status, token, created_at, updated_at, sent_at)
     VALUES (?, 'sms', ?, 'accepted', ?, ?, ?, ?)`,
  );
  const tokens: string[] = [];
  core.sqlite.transaction(() => {
    for (let i = 0; i < n; i++) {
      const t = newPublicToken();
      ins.run(campaignId, `010${String(i).padStart(8, '0')}`, t, at, at, at);
      tokens.push(t);
    }
  })();
  const delivered = core.sqlite
    .prepare(`SELECT count(*) FROM outbox WHERE campaign_id = ? AND status = 'delivered'`)
    .pluck();

  const bare = http.createServer((req, res) => {
    req.resume();
    res.writeHead(200, { 'content-type': 'text/plain' }).end('OK');
  });
  await new Promise<void>((r) => bare.listen(0, '127.0.0.1', () => r()));
  const l = await applyPublicSettings(core, { host: '127.0.0.1', port: 0, force: true });
  const paths = tokens.map(dlrPath);
  try {
    const warm = await client((bare.address() as AddressInfo).port, paths.slice(0, 200));
    await warm.go();
    const b = await client((bare.address() as AddressInfo).port, paths);
    let t0 = process.hrtime.bigint();
    await b.go();
    const bareMs = Number(process.hrtime.bigint() - t0) / 1e6;

    const c = await client(l!.port, paths);
    t0 = process.hrtime.bigint();
    await c.go();
    // every request was answered after its batch committed; settle any stragglers all the same
    await feedbackOf(core).settled();
    const got = delivered.get(campaignId) as number;
    const realMs = Number(process.hrtime.bigint() - t0) / 1e6;
    if (got !== n) throw new Error(`전달됨 ${got}/${n}건`);
    const goal = (2000 * n) / 10_000;
    return [
      {
        issue: '#5',
        name: `Kannel 전달 보고 ${n.toLocaleString('en-US')}건 적용 (공개 웹 → outbox, 동시 ${CONCURRENCY})`,
        value: realMs,
        unit: 'ms',
        baseline: { name: `빈 http GET ${n.toLocaleString('en-US')}건`, value: bareMs },
        goal: `< ${goal.toLocaleString('en-US')} ms`,
        pass: realMs < goal,
      },
    ];
  } finally {
    await publicServerOf(core).close();
    await new Promise<void>((r) => bare.close(() => r()));
    core.close();
  }
}
