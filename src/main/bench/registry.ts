import path from 'node:path';
import Database from 'better-sqlite3';
import { choseongOf } from '../../shared/text/hangulSearch';
import type { CallContext } from '../core/context';
import { createCore } from '../core/core';
import { generateDemo, seededRandom } from '../subscribers/demo';
import { coreStart } from './foundation';
import { type BenchRow, percentile } from './table';

const CLI: CallContext = { origin: 'cli', asLocalAdmin: true, address: 'local' };

function ms(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

async function p95(inputs: unknown[], fn: (input: unknown) => unknown): Promise<number> {
  for (const i of inputs.slice(0, 20)) await fn(i); // warm-up
  const times: number[] = [];
  for (const i of inputs) {
    const t = process.hrtime.bigint();
    await fn(i);
    times.push(ms(t));
  }
  return percentile(
    times.sort((a, b) => a - b),
    95,
  );
}

/** The floor for the demo generator: the same number of rows into a bare one-index table. */
function bareInsert(dir: string, rows: number): number {
  const db = new Database(path.join(dir, 'bare.db'));
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE t (id TEXT PRIMARY KEY, a TEXT, b INTEGER, c TEXT)');
  const st = db.prepare('INSERT INTO t VALUES (?, ?, ?, ?)');
  const t = process.hrtime.bigint();
  db.transaction(() => {
    for (let i = 0; i < rows; i++)
      st.run(String(i).padStart(12, '0'), '홍길동', i, '2015-03-01T00:00:00.000Z');
  })();
  const took = ms(t) / 1000;
  db.close();
  return took;
}

/**
 * Issue #3 rows: a registry of 100,000 people (20,000 with --quick) built by `sotong demo`, then core
 * start on it, search p95 (names, 초성, phone fragments) against a bare LIKE, the segment count and
 * the statistics query.
 */
export async function registryBench(
  dir: string,
  quick: boolean,
  log: (s: string) => void,
): Promise<BenchRow[]> {
  const n = quick ? 20_000 : 100_000;
  const label = `${(n / 10_000).toFixed(0)}만 명`;
  const dbFile = path.join(dir, 'registry.db');
  const rows: BenchRow[] = [];

  log(`측정 중: 시연 구독자 ${n.toLocaleString('ko-KR')}명 만들기…`);
  let core = await createCore({ dbPath: dbFile, mode: 'cli' });
  const demo = generateDemo(core, { individuals: n, businesses: Math.round((n * 5381) / 76988), seed: 1 });
  core.close();
  const written = demo.individuals + demo.businesses + 2 * demo.consentEvents + demo.forms;
  rows.push({
    issue: '#3',
    name: `sotong demo ${label} (구독자·동의·신청서 ${written.toLocaleString('ko-KR')}행)`,
    value: demo.seconds,
    unit: 's',
    baseline: { name: '같은 행 수 단순 삽입', value: bareInsert(dir, written) },
    goal: '< 60 s',
    pass: demo.seconds < 60,
  });

  log('측정 중: 구독자 DB에서 코어 시작…');
  rows.push(await coreStart(dir, `구독자 ${label}`, dbFile, '#3'));

  core = await createCore({ dbPath: dbFile, mode: 'cli' });
  try {
    const rnd = seededRandom(42);
    const sample = core.sqlite
      .prepare(
        "SELECT name, mobile FROM subscribers WHERE kind = 'individual' AND mobile IS NOT NULL ORDER BY id LIMIT 400",
      )
      .all() as { name: string; mobile: string }[];
    const queries = sample.map((s, i) => {
      const k = i % 3;
      if (k === 0) return s.name.slice(1); // given name: '길동'
      if (k === 1) return choseongOf(s.name); // 'ㅎㄱㄷ'
      return s.mobile.slice(-4); // last four digits
    });
    const count = quick ? 150 : 400;

    log('측정 중: 구독자 검색 p95…');
    const raw = core.sqlite.prepare(
      'SELECT rowid, name, mobile FROM subscribers WHERE name LIKE @q OR name_choseong LIKE @q OR mobile LIKE @q LIMIT 50',
    );
    const bareSearch = await p95(queries.slice(0, count), (q) => raw.all({ q: `%${q}%` }));
    const search = await p95(queries.slice(0, count), (q) =>
      core.router.call('subscribers.list', { q, limit: 50 }, CLI),
    );
    rows.push({
      issue: '#3',
      name: `구독자 검색 p95 (이름·초성·전화 뒷자리, ${label}, ${count}회)`,
      value: search,
      unit: 'ms',
      baseline: { name: '같은 LIKE를 SQL로 직접', value: bareSearch },
      goal: '< 50 ms',
      pass: search < 50,
    });

    log('측정 중: 대상 인원 세기 p95…');
    const ref = core.reference.list();
    const fields = ref.fields.filter((f) => f.audience === 'individual').map((f) => f.id);
    const dongs = ref.dongs.map((d) => d.id);
    const bands = ['20s', '30s', '40s', '50s', '60s', '70+'] as const;
    const segments = Array.from({ length: quick ? 200 : 500 }, (_, i) => {
      const s: Record<string, unknown> = {
        fieldId: fields[Math.floor(rnd() * fields.length)],
        channel: rnd() < 0.7 ? 'sms' : 'email',
      };
      if (i % 4 !== 1) s.dongId = dongs[Math.floor(rnd() * dongs.length)];
      if (i % 4 !== 2) s.ageBand = bands[Math.floor(rnd() * bands.length)];
      return s;
    });
    const year = new Date(core.clock.now().getTime() + 9 * 3_600_000).getUTCFullYear();
    const join = core.sqlite.prepare(
      `SELECT count(*) FROM consent_state c JOIN subscribers s ON s.id = c.subscriber_id
       WHERE c.field_id = @fieldId AND c.channel = @channel AND c.granted = 1
         AND (@dongId IS NULL OR s.dong_id = @dongId) AND (@lo IS NULL OR s.birth_year BETWEEN @lo AND @hi)`,
    );
    const bareSegment = await p95(segments, (s) => {
      const x = s as { fieldId: number; channel: string; dongId?: number; ageBand?: (typeof bands)[number] };
      const i = x.ageBand ? bands.indexOf(x.ageBand) + 1 : 0;
      const lo = x.ageBand ? (x.ageBand === '70+' ? 0 : year - (i + 1) * 10 - 9) : null;
      const hi = x.ageBand ? year - (i + 1) * 10 : null;
      return join.get({ fieldId: x.fieldId, channel: x.channel, dongId: x.dongId ?? null, lo, hi });
    });
    const segment = await p95(segments, (s) => core.router.call('subscribers.count', s, CLI));
    rows.push({
      issue: '#3',
      name: `대상 인원 세기 p95 (분야×수단×동×연령대, ${label})`,
      value: segment,
      unit: 'ms',
      baseline: { name: '구독자 조인 SQL', value: bareSegment },
      goal: '< 10 ms',
      pass: segment < 10,
    });

    log('측정 중: 구독자 통계…');
    const runs = Array.from({ length: quick ? 20 : 50 }, () => ({}));
    const group = core.sqlite.prepare(
      'SELECT field_id, channel, count(*) FROM consent_state WHERE granted = 1 GROUP BY field_id, channel',
    );
    const bareStats = await p95(runs, () => group.all());
    const stats = await p95(runs, () => core.router.call('stats.subscribers', {}, CLI));
    rows.push({
      issue: '#3',
      name: `구독자 통계 p95 (분야·연령대·성별·동·업종, ${label})`,
      value: stats,
      unit: 'ms',
      baseline: { name: '분야×수단 GROUP BY만', value: bareStats },
      goal: '< 100 ms',
      pass: stats < 100,
    });
  } finally {
    core.close();
  }
  return rows;
}
