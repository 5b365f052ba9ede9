// Issue #8 rows: every report's query on a registry of 100,000 people and 2,000,000 messages a year
// (quick: 20,000 and 200,000), the dashboard's tiles together, and the A4 PDF through Chromium.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { CallContext } from '../core/context';
import { type Core, createCore } from '../core/core';
import { htmlToPdf, reportPdf } from '../reports/pdf';
import { reportDefs, runReport } from '../reports/registry';
import { snsOf } from '../sns/service';
import { generateDemo } from '../subscribers/demo';
import type { BenchRow } from './table';

const ms = (t: bigint) => Number(process.hrtime.bigint() - t) / 1e6;

/** ~150 campaigns over 2025 whose outbox rows add up to `messages` (SMS, LMS and e-mail, 3 % failed). */
export function writeYearOfSends(core: Core, messages: number): void {
  const db = core.sqlite;
  const camp = db.prepare(
    `INSERT INTO campaigns (id, name, kind, status, sms_enabled, email_enabled, field_ids, filters, sms_class,
       created_at, updated_at, launched_at, finished_at) VALUES (?, ?, 'info', 'done', 1, 1, ?, '{}', ?, ?, ?, ?, ?)`,
  );
  const row = db.prepare(
    `INSERT INTO outbox (campaign_id, channel, address, status, token, created_at, updated_at, done_at)
     VALUES (?, ?, '01000000000', ?, ?, ?, ?, ?)`,
  );
  const fields = core.reference.list().fields.map((f) => f.id);
  const campaigns = 150;
  const per = Math.ceil(messages / campaigns);
  let n = 0;
  db.transaction(() => {
    for (let c = 0; c < campaigns && n < messages; c++) {
      const id = randomUUID();
      const at = new Date(Date.UTC(2025, c % 12, 1 + (c % 27), 1)).toISOString();
      camp.run(
        id,
        `캠페인 ${c}`,
        JSON.stringify([fields[c % fields.length]]),
        c % 3 ? 'LMS' : 'SMS',
        at,
        at,
        at,
        at,
      );
      for (let k = 0; k < per && n < messages; k++, n++) {
        const channel = k % 3 === 2 ? 'email' : 'sms';
        const status = k % 33 === 0 ? 'failed' : channel === 'email' ? 'accepted' : 'delivered';
        row.run(id, channel, status, `b${n}`, at, at, at);
      }
    }
  })();
}

export async function reportsBench(
  dir: string,
  quick: boolean,
  log: (s: string) => void,
): Promise<BenchRow[]> {
  const people = quick ? 20_000 : 100_000;
  const messages = quick ? 200_000 : 2_000_000;
  const label = `구독자 ${(people / 10_000).toFixed(0)}만·메시지 ${(messages / 10_000).toFixed(0)}만`;
  const core = await createCore({ dbPath: path.join(dir, 'reports.db'), mode: 'cli' });
  const rows: BenchRow[] = [];
  try {
    log(`측정 중: 보고서용 자료 만들기 (${label})…`);
    generateDemo(core, { individuals: people, businesses: Math.round((people * 5381) / 76988), seed: 8 });
    writeYearOfSends(core, messages);
    const sns = snsOf(core);
    for (const c of sns.list())
      for (let m = 1; m <= 12; m++)
        sns.saveFigure(
          {
            channelId: c.id,
            month: `2025-${String(m).padStart(2, '0')}`,
            followers: 1000 * m,
            posts: m,
            visitors: null,
          },
          null,
        );
    core.sqlite.exec('ANALYZE');

    // Baseline: the bare scan any per-month count over the year's messages needs.
    const t0 = process.hrtime.bigint();
    core.sqlite.prepare('SELECT count(*) FROM outbox').pluck().get();
    const bare = ms(t0);
    const opts = { role: 'admin' as const, dongScope: null };
    for (const def of reportDefs(core)) {
      const req = { name: def.name, from: '2025-01-01', to: '2025-12-31', filters: {} };
      runReport(core, req, opts); // warm the page cache
      const t = process.hrtime.bigint();
      const cpu0 = process.cpuUsage();
      runReport(core, req, opts);
      const took = ms(t);
      const cpu = process.cpuUsage(cpu0);
      const cpuMs = (cpu.user + cpu.system) / 1000;
      const goal = def.name === 'sends' ? 1000 : 500;
      rows.push({
        issue: '#8',
        // CPU time beside the wall time: on a busy machine the wall time is mostly waiting
        name: `보고서 '${def.title}' 1년 (${label}; CPU ${cpuMs.toFixed(0)} ms)`,
        value: took,
        unit: 'ms',
        baseline: { name: 'outbox 전체 count(*)', value: bare },
        goal: `< ${goal} ms`,
        pass: took < goal,
      });
    }

    const ctx = { user: { role: 'pr' }, dongScope: null, call: { origin: 'cli' } as CallContext } as never;
    core.dashboardTiles(ctx);
    const td = process.hrtime.bigint();
    const tiles = core.dashboardTiles(ctx);
    const dash = ms(td);
    rows.push({
      issue: '#8',
      name: `대시보드 타일 ${tiles.length}개 모두 (${label})`,
      value: dash,
      unit: 'ms',
      goal: '< 200 ms',
      pass: dash < 200,
    });

    log('측정 중: A4 PDF (Chromium)…');
    const model = runReport(core, { name: 'sends', from: '2025-01-01', to: '2025-12-31', filters: {} }, opts);
    const tb = process.hrtime.bigint();
    await htmlToPdf('<p>빈 쪽</p>', { headerTemplate: '<span></span>', footerTemplate: '<span></span>' });
    const blank = ms(tb);
    const tp = process.hrtime.bigint();
    const pdf = await reportPdf(model);
    const took = ms(tp);
    rows.push({
      issue: '#8',
      name: `발송 현황 PDF ${pdf.pages}쪽 (Chromium 시작 포함)`,
      value: took / 1000,
      unit: 's',
      baseline: { name: '빈 쪽 PDF (Chromium 시작 포함)', value: blank / 1000 },
      // Chromium's own start dominates and depends on the machine: the goal is what the report adds
      goal: '≤ 1.5× 빈 쪽',
      pass: took <= blank * 1.5,
    });
  } finally {
    core.close();
  }
  return rows;
}
