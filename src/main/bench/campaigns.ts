import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { campaignsOf } from '../campaigns/module';
import { renderEmail } from '../campaigns/render';
import { frozenOf } from '../campaigns/store';
import { type Core, createCore } from '../core/core';
import type { CallContext } from '../core/context';
import { type BenchRow, median, percentile } from './table';

const CLI: CallContext = { origin: 'cli', asLocalAdmin: true };
const ms = (t: bigint) => Number(process.hrtime.bigint() - t) / 1e6;
const FILTERS = { dongIds: [], ageBands: [], genders: [], businessTypeIds: [], kinds: [] };

/** n subscribers, `consenting` of them to the field on SMS (every 3rd also by email): raw prepared SQL. */
function fillRegistry(core: Core, n: number, consenting: number, fieldId: number): void {
  const dongs = core.reference.list().dongs.map((d) => d.id);
  const at = new Date().toISOString();
  const sub = core.sqlite.prepare(
    `INSERT INTO subscribers (id, kind, name, name_choseong, mobile, phone_kind, email, birth_year, gender, dong_id,
      status, created_at, updated_at) VALUES (?, 'individual', ?, '', ?, 'mobile', ?, ?, ?, ?, 'active', ?, ?)`,
  );
  const cs = core.sqlite.prepare(
    'INSERT INTO consent_state (subscriber_id, field_id, channel, granted, since, last_event_id) VALUES (?, ?, ?, 1, ?, ?)',
  );
  core.sqlite.transaction(() => {
    for (let i = 0; i < n; i++) {
      const id = randomUUID();
      const email = i % 3 === 0 ? `user${i}@example.com` : null;
      sub.run(
        id,
        `주민${i}`,
        `010${String(i).padStart(8, '0')}`,
        email,
        1940 + (i % 70),
        i % 2 ? 'M' : 'F',
        dongs[i % dongs.length],
        at,
        at,
      );
      if (i < consenting) {
        cs.run(id, fieldId, 'sms', at, 'bench');
        if (email) cs.run(id, fieldId, 'email', at, 'bench');
      }
    }
  })();
  core.subscriberRepo.addSuppression('sms', '01000000007', null, 'bench');
}

/** Bare baseline: the same number of rows with the outbox's columns, one prepared insert in one transaction. */
function bareInsert(core: Core, n: number): number {
  core.sqlite.exec(
    'CREATE TEMP TABLE bare_outbox (id INTEGER PRIMARY KEY, campaign_id TEXT, channel TEXT, subscriber_id TEXT, address TEXT, name TEXT, vars TEXT, status TEXT, token TEXT UNIQUE, created_at TEXT, updated_at TEXT)',
  );
  const st = core.sqlite.prepare('INSERT INTO bare_outbox VALUES (NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const t = process.hrtime.bigint();
  core.sqlite.transaction(() => {
    for (let i = 0; i < n; i++)
      st.run('c', 'sms', `s${i}`, `010${i}`, `주민${i}`, '{"이름":"주민"}', 'queued', `tok${i}`, 'x', 'x');
  })();
  const took = ms(t);
  core.sqlite.exec('DROP TABLE bare_outbox');
  return took;
}

/** The SMTP sink in its own process (see smtpSinkChild.ts). */
async function sink(): Promise<{ port: number; close: () => Promise<void> }> {
  const child = fork(path.join(__dirname, 'smtpSinkChild.ts'), [], {
    execArgv: ['--require', 'tsx/cjs'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const { port } = await new Promise<{ port: number }>((resolve, reject) => {
    child.once('message', (m) => resolve(m as { port: number }));
    child.once('exit', (code) => reject(new Error(`bench: the SMTP sink stopped (${code})`)));
  });
  return {
    port,
    close: () =>
      new Promise<void>((r) => {
        child.once('exit', () => r());
        child.send('close');
      }),
  };
}

/** Bare baseline: nodemailer's pool, same connections, maxMessages Infinity, the same rendered mail. */
async function bareMailLoop(
  port: number,
  n: number,
  connections: number,
  mail: { subject: string; html: string; text: string },
): Promise<number> {
  const tr = nodemailer.createTransport({
    pool: true,
    host: '127.0.0.1',
    port,
    secure: false,
    maxConnections: connections,
    maxMessages: Number.POSITIVE_INFINITY,
  });
  const t = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: n }, (_, i) =>
      tr.sendMail({
        from: { name: '성동구청', address: 'news@bench.example' },
        to: `user${i}@example.com`,
        subject: mail.subject,
        html: mail.html,
        text: mail.text,
      }),
    ),
  );
  const took = ms(t);
  tr.close();
  return (n / took) * 1000;
}

/**
 * Issue #4 rows: launch (outbox written), live audience count, email throughput against a bare
 * nodemailer pool, and IPC latency while a large SMS send runs through the test gateway.
 */
export async function campaignsBench(
  dir: string,
  quick: boolean,
  log: (s: string) => void,
): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const registry = quick ? 30_000 : 100_000;
  const sendTo = quick ? 15_000 : 60_000;
  const mails = quick ? 1_000 : 5_000;
  const core = await createCore({ dbPath: path.join(dir, 'campaigns.db'), mode: 'cli' });
  const m = campaignsOf(core);
  try {
    const culture = core.reference.list().fields.find((f) => f.code === 'culture')!.id;
    log(`측정 준비: 구독자 ${registry.toLocaleString('ko-KR')}명…`);
    fillRegistry(core, registry, sendTo, culture);

    // Live audience count.
    const spec = { fieldIds: [culture], channels: { sms: true, email: true }, filters: FILTERS };
    m.targeting.audience(spec); // warm-up (hash memo, statement cache)
    const aud: number[] = [];
    const bare: number[] = [];
    const countSt = core.sqlite.prepare(
      "SELECT count(*) FROM consent_state WHERE field_id = ? AND channel = 'sms' AND granted = 1",
    );
    for (let i = 0; i < 7; i++) {
      let t = process.hrtime.bigint();
      countSt.get(culture);
      bare.push(ms(t));
      t = process.hrtime.bigint();
      m.targeting.audience({ ...spec, filters: { ...FILTERS, ageBands: i % 2 ? ['30s', '40s'] : [] } });
      aud.push(ms(t));
    }
    rows.push({
      issue: '#4',
      name: `받는 사람 수·제외 사유 (구독자 ${registry.toLocaleString('ko-KR')}명)`,
      value: median(aud),
      unit: 'ms',
      baseline: { name: '동의자 count(*)', value: median(bare) },
      goal: '< 100 ms',
      pass: median(aud) < 100,
    });

    // Launch: recipients resolved, checked and written to the outbox in one transaction.
    log(`측정 중: ${sendTo.toLocaleString('ko-KR')}명 캠페인 발송 시작…`);
    m.settings.update({
      dispatch: { ...m.settings.get().dispatch, smsRatePerSecond: 100_000, smsBatchSize: 500 },
    });
    const c = m.service.save(
      {
        name: '성능 측정',
        kind: 'info',
        fieldIds: [culture],
        channels: { sms: true, email: false },
        filters: FILTERS,
        sms: { text: '{이름}님, 4월 구민회관 공연 안내입니다.', subject: '', appendSns: false },
        email: { subject: '', html: '' },
        templateId: null,
      },
      'bench',
    );
    const baseInsert = bareInsert(core, sendTo);
    const t0 = process.hrtime.bigint();
    m.service.launch(c.id, true, { userId: 'bench', audit: () => {} }, { dispatch: false });
    const launchMs = ms(t0);
    const written = core.sqlite
      .prepare('SELECT count(*) FROM outbox WHERE campaign_id = ?')
      .pluck()
      .get(c.id) as number;
    rows.push({
      issue: '#4',
      name: `캠페인 발송 시작: 발송함 ${written.toLocaleString('ko-KR')}건 기록`,
      value: launchMs,
      unit: 'ms',
      baseline: { name: '같은 행수 단순 insert', value: baseInsert },
      goal: '< 2000 ms',
      pass: launchMs < 2000,
    });

    // IPC latency while the whole outbox goes through the test gateway.
    log('측정 중: 발송 중 IPC 왕복…');
    const idle: number[] = [];
    for (let i = 0; i < 200; i++) {
      const t = process.hrtime.bigint();
      await core.router.dispatch('campaigns.gateway', {}, CLI);
      idle.push(ms(t));
    }
    const during: number[] = [];
    let sending = true;
    const tSend = process.hrtime.bigint();
    const run = m.dispatcher.run(c.id).finally(() => {
      sending = false;
    });
    while (sending) {
      const t = process.hrtime.bigint();
      await core.router.dispatch('campaigns.gateway', {}, CLI);
      during.push(ms(t));
      await new Promise((r) => setTimeout(r, 10));
    }
    await run;
    const sendMs = ms(tSend);
    during.sort((a, b) => a - b);
    idle.sort((a, b) => a - b);
    rows.push({
      issue: '#4',
      name: `IPC 왕복 p99, ${written.toLocaleString('ko-KR')}건 문자 발송 중 (${during.length}회, 발송 ${(sendMs / 1000).toFixed(1)}초)`,
      value: percentile(during, 99),
      unit: 'ms',
      baseline: { name: '발송 없을 때 p99', value: percentile(idle, 99) },
      goal: '< 50 ms',
      pass: percentile(during, 99) < 50,
    });

    // Email throughput against the same sink as a bare nodemailer pool loop.
    log(`측정 중: 이메일 ${mails.toLocaleString('ko-KR')}통…`);
    const s = await sink();
    const connections = 5;
    m.settings.update({
      smtp: {
        host: '127.0.0.1',
        port: s.port,
        secure: false,
        user: '',
        fromName: '성동구청',
        fromAddress: 'news@bench.example',
        bounceDomain: 'bounce.bench.example',
        maxConnections: connections,
        ratePerSecond: 0,
      },
      dispatch: { ...m.settings.get().dispatch, emailBatchSize: 500 },
    });
    const html = '<h1>{이름}님께</h1><p>4월 <b>구민회관</b> 공연을 안내합니다.</p>'.repeat(3);
    const e = m.service.save(
      {
        name: '이메일 성능',
        kind: 'info',
        fieldIds: [culture],
        channels: { sms: false, email: true },
        filters: FILTERS,
        sms: { text: '', subject: '', appendSns: false },
        email: { subject: '4월 공연 안내', html },
        templateId: null,
        isAd: true,
      },
      'bench',
    );
    m.service.launch(e.id, false, { userId: 'bench', audit: () => {} }, { dispatch: false });
    // Only `mails` of them: the rest are cancelled before the clock starts.
    core.sqlite
      .prepare(
        `UPDATE outbox SET status = 'cancelled' WHERE campaign_id = ? AND id NOT IN
         (SELECT id FROM outbox WHERE campaign_id = ? ORDER BY id LIMIT ?)`,
      )
      .run(e.id, e.id, mails);
    // the very mail a recipient gets (the ward's layout and footer around the body), rendered once
    const sample = renderEmail(frozenOf(m.service.record(e.id))!, { 이름: '주민1' }, randomUUID());
    const bareRate = await bareMailLoop(s.port, mails, connections, sample);
    const t1 = process.hrtime.bigint();
    await m.dispatcher.run(e.id);
    const ours = (mails / ms(t1)) * 1000;
    const accepted = core.sqlite
      .prepare("SELECT count(*) FROM outbox WHERE campaign_id = ? AND status = 'accepted'")
      .pluck()
      .get(e.id) as number;
    await s.close();
    rows.push({
      issue: '#4',
      name: `이메일 발송 속도 (${accepted.toLocaleString('ko-KR')}통, 연결 ${connections}개, smtp-server)`,
      value: ours,
      unit: '통/초',
      baseline: { name: 'nodemailer 풀 단순 반복', value: bareRate },
      goal: '≥ 0.9×',
      pass: accepted === mails && ours >= 0.9 * bareRate,
    });
  } finally {
    m.close();
    core.close();
  }
  return rows;
}
