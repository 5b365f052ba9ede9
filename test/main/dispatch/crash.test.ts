import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, test } from 'vitest';
import { campaignsOf } from '../../../src/main/campaigns/module';
import { createCore } from '../../../src/main/core/core';
import { addMany, fieldId } from '../campaigns/helpers';

const BIN = path.resolve(__dirname, '../../../src/main/cli/bin.cjs');
const N = 5000;

function startSend(
  db: string,
  id: string,
): { child: ChildProcess; exited: Promise<number | null>; progressed: Promise<void> } {
  const child = spawn(
    process.execPath,
    [BIN, '--db', db, 'campaign', 'send', id, '--json', '--confirm-night', '--wait-reports', '20'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let err = '';
  const progressed = new Promise<void>((resolve) => {
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      if (err.includes('발송 진행')) resolve();
    });
    child.on('exit', () => resolve());
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, progressed };
}

describe('crash safety: SIGKILL during a 5,000-message send', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sotong-crash-'));
  const db = path.join(dir, 'sotong.db');
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('every message reaches the test gateway exactly once or is left 확인 필요', async () => {
    const core = await createCore({ dbPath: db, mode: 'cli' });
    addMany(core, N, 'culture');
    const m = campaignsOf(core);
    // Slow enough that the kills land mid-send; some simulated failures too.
    m.settings.update({
      testGateway: { failureRate: 0.05, deliveryDelayMs: 0 },
      dispatch: { ...m.settings.get().dispatch, smsRatePerSecond: 1500, smsBatchSize: 50 },
    });
    const c = m.service.save(
      {
        name: '충돌 시험',
        kind: 'info',
        fieldIds: [fieldId(core, 'culture')],
        channels: { sms: true, email: false },
        filters: { dongIds: [], ageBands: [], genders: [], businessTypeIds: [], kinds: [] },
        sms: { text: '{이름}님, 공연 안내입니다.', subject: '', appendSns: false },
        email: { subject: '', html: '' },
        templateId: null,
      },
      'tester',
    );
    core.close();

    let kills = 0;
    for (let i = 0; i < 5; i++) {
      const run = startSend(db, c.id);
      await run.progressed;
      await new Promise((r) => setTimeout(r, 50 + Math.random() * 900));
      if (run.child.exitCode === null) {
        run.child.kill('SIGKILL');
        kills++;
      }
      await run.exited;
    }
    expect(kills).toBeGreaterThanOrEqual(3);
    const final = startSend(db, c.id);
    expect(await final.exited).toBe(0);

    const sqlite = new Database(db, { readonly: true });
    const states = sqlite
      .prepare('SELECT status, count(*) AS n FROM outbox WHERE campaign_id = ? GROUP BY status')
      .all(c.id) as { status: string; n: number }[];
    const byState = Object.fromEntries(states.map((s) => [s.status, s.n]));
    expect(Object.values(byState).reduce((a, b) => a + b, 0)).toBe(N);
    // Every row ends in a final state.
    for (const s of Object.keys(byState)) expect(['delivered', 'failed', 'needs_review']).toContain(s);

    // At the gateway: no key sent twice, no recipient twice.
    const dupKeys = sqlite
      .prepare('SELECT count(*) FROM test_gateway_messages WHERE calls > 1')
      .pluck()
      .get();
    expect(dupKeys).toBe(0);
    const dupTo = sqlite
      .prepare(
        'SELECT count(*) FROM (SELECT recipient FROM test_gateway_messages GROUP BY recipient HAVING count(*) > 1)',
      )
      .pluck()
      .get();
    expect(dupTo).toBe(0);
    // Every delivered/failed row arrived exactly once; every gateway message belongs to a row.
    const arrived = sqlite
      .prepare(
        `SELECT count(*) FROM outbox o JOIN test_gateway_messages g ON g.idem_key = o.token
         WHERE o.campaign_id = ? AND o.status IN ('delivered', 'failed')`,
      )
      .pluck()
      .get(c.id);
    expect(arrived).toBe((byState.delivered ?? 0) + (byState.failed ?? 0));
    const orphans = sqlite
      .prepare(
        'SELECT count(*) FROM test_gateway_messages g WHERE NOT EXISTS (SELECT 1 FROM outbox o WHERE o.token = g.idem_key)',
      )
      .pluck()
      .get();
    expect(orphans).toBe(0);
    const status = sqlite.prepare('SELECT status FROM campaigns WHERE id = ?').pluck().get(c.id);
    expect(status).toBe('done');
    sqlite.close();
    console.log(`crash test: ${kills} kills, final states`, byState);
  }, 600_000);
});
