// Issue #7: the survey page on the public listener at 50 concurrent respondents on loopback (page
// GET and one-page submissions, against a bare node:http handler in the same run), the page size,
// and the results (funnel + every question + crosstabs) over many stored responses.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { SurveyDefinition } from '../../shared/contract/surveys';
import { createCore } from '../core/core';
import { PublicServer } from '../public/server';
import { surveysOf } from '../surveys/module';
import { registerSurveyRoutes } from '../surveys/publicRoutes';
import { newSurveyToken } from '../surveys/respond';
import { type BenchRow, percentile } from './table';

const CONCURRENCY = 50;

interface Shot {
  path: string;
  method: 'GET' | 'POST';
  body?: string;
}

// Load from a worker thread (its own event loop). Plain JS: no TypeScript loader inside workers.
const CLIENT = `
const http = require('node:http');
const { parentPort, workerData } = require('node:worker_threads');
const { port, shots, concurrency } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
const times = [];
let next = 0;
let bytes = 0;
function one(s) {
  return new Promise((resolve, reject) => {
    const t = process.hrtime.bigint();
    const headers = s.body ? { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(Buffer.byteLength(s.body)) } : {};
    const req = http.request({ host: '127.0.0.1', port, path: s.path, method: s.method, agent, headers }, (res) => {
      res.on('data', (c) => { bytes += c.length; });
      res.on('end', () => {
        if (res.statusCode !== 200) return reject(new Error('HTTP ' + res.statusCode + ' ' + s.method + ' ' + s.path));
        times.push(Number(process.hrtime.bigint() - t) / 1e6);
        resolve();
      });
    });
    req.on('error', reject);
    req.end(s.body);
  });
}
async function worker() { while (next < shots.length) await one(shots[next++]); }
const t0 = Date.now();
Promise.all(Array.from({ length: concurrency }, worker)).then(
  () => { agent.destroy(); parentPort.postMessage({ times, ms: Date.now() - t0, bytes }); },
  (e) => parentPort.postMessage({ error: String(e && e.message || e) }),
);
`;

function hammer(port: number, shots: Shot[]): Promise<{ times: number[]; ms: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const w = new Worker(CLIENT, { eval: true, workerData: { port, shots, concurrency: CONCURRENCY } });
    w.once('message', (m: { times?: number[]; ms: number; bytes: number; error?: string }) => {
      void w.terminate();
      if (m.error || !m.times) reject(new Error(m.error ?? 'no result'));
      else resolve({ times: m.times.sort((a, b) => a - b), ms: m.ms, bytes: m.bytes });
    });
    w.once('error', reject);
  });
}

/** 20 questions: 8 single, 4 multiple, 4 scale, 2 matrix, 1 number, 1 text. */
function benchDefinition(pages: number): SurveyDefinition {
  const qs: SurveyDefinition['pages'][number]['questions'] = [];
  for (let i = 1; i <= 20; i++) {
    const id = `q${i}`;
    if (i <= 8)
      qs.push({
        id,
        type: 'single',
        title: `문항 ${i}`,
        required: true,
        options: ['매우 그렇다', '그렇다', '보통', '아니다'],
        other: i === 1,
      });
    else if (i <= 12)
      qs.push({
        id,
        type: 'multiple',
        title: `문항 ${i}`,
        required: false,
        options: ['가', '나', '다', '라', '마'],
      });
    else if (i <= 16) qs.push({ id, type: 'scale5', title: `문항 ${i}`, required: true });
    else if (i <= 18)
      qs.push({ id, type: 'matrix', title: `문항 ${i}`, required: false, rows: ['청결', '친절', '편리'] });
    else if (i === 19) qs.push({ id, type: 'number', title: `문항 ${i}`, required: false, min: 0, max: 100 });
    else qs.push({ id, type: 'long', title: `문항 ${i}`, required: false });
  }
  const per = Math.ceil(qs.length / pages);
  return {
    intro: '측정용 설문입니다.',
    closing: '감사합니다.',
    pages: Array.from({ length: pages }, (_, p) => ({ questions: qs.slice(p * per, (p + 1) * per) })),
  };
}

export async function surveysBench(dir: string, quick: boolean): Promise<BenchRow[]> {
  const n = quick ? 300 : 3000;
  const responses = quick ? 10_000 : 30_000;
  const core = await createCore({ dbPath: path.join(dir, 'surveys.db'), mode: 'cli' });
  const m = surveysOf(core);
  const now = Date.now();
  const save = (title: string, def: SurveyDefinition) =>
    m.service.publish(
      m.service.save(
        {
          requestId: null,
          title,
          department: '',
          definition: def,
          anonymous: false,
          opensAt: new Date(now - 86_400_000).toISOString(),
          closesAt: new Date(now + 30 * 86_400_000).toISOString(),
          filters: { dongIds: [], ageBands: [], genders: [] },
          invitation: {
            channels: { email: true, sms: false },
            emailSubject: '',
            emailHtml: '',
            smsText: '',
            reminderSmsText: '',
          },
          reminders: { afterDays: 3, max: 0 },
          incentiveWinners: 0,
        },
        null,
      ).id,
    ).id;
  const pageSurvey = save('화면 측정', benchDefinition(4));
  const submitSurvey = save('제출 측정', benchDefinition(1));
  const resultSurvey = save('집계 측정', benchDefinition(4));
  const at = new Date(now).toISOString();
  const ins = core.sqlite.prepare(
    `INSERT INTO survey_participants (survey_id, subscriber_id, token, dong_id, age_band, gender, invited_at, completed_at, completed_via)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const dongs = core.reference.list().dongs.map((d) => d.id);
  const bands = ['20s', '30s', '40s', '50s', '60s', '70+'];
  const pageTokens: string[] = [];
  const submitTokens: string[] = [];
  core.sqlite.transaction(() => {
    for (let i = 0; i < n; i++) {
      const a = newSurveyToken();
      const b = newSurveyToken();
      ins.run(
        pageSurvey,
        `p${i}`,
        a,
        dongs[i % dongs.length],
        bands[i % 6],
        i % 2 ? 'F' : 'M',
        at,
        null,
        null,
      );
      ins.run(
        submitSurvey,
        `s${i}`,
        b,
        dongs[i % dongs.length],
        bands[i % 6],
        i % 2 ? 'F' : 'M',
        at,
        null,
        null,
      );
      pageTokens.push(a);
      submitTokens.push(b);
    }
  })();

  // stored responses for the results: participants completed on the web, answers of every type
  const resp = core.sqlite.prepare(
    `INSERT INTO survey_responses (id, survey_id, participant_id, subscriber_id, via, dong_id, age_band, gender, answers, submitted_on, submitted_at)
     VALUES (?, ?, ?, ?, 'web', ?, ?, ?, ?, ?, ?)`,
  );
  const opts = ['매우 그렇다', '그렇다', '보통', '아니다'];
  core.sqlite.transaction(() => {
    for (let i = 0; i < responses; i++) {
      const a: Record<string, unknown> = {};
      for (let q = 1; q <= 8; q++) a[`q${q}`] = opts[(i * q) % 4];
      for (let q = 9; q <= 12; q++)
        a[`q${q}`] = ['가', '나', '다', '라', '마'].filter((_x, k) => (i + k + q) % 3 === 0);
      for (let q = 13; q <= 16; q++) a[`q${q}`] = 1 + ((i + q) % 5);
      for (let q = 17; q <= 18; q++)
        a[`q${q}`] = { 청결: 1 + (i % 5), 친절: 1 + ((i + 1) % 5), 편리: 1 + ((i + 2) % 5) };
      a.q19 = i % 100;
      if (i % 10 === 0) a.q20 = `의견 ${i}`;
      const tok = newSurveyToken();
      const r = ins.run(
        resultSurvey,
        `r${i}`,
        tok,
        dongs[i % dongs.length],
        bands[i % 6],
        i % 2 ? 'F' : 'M',
        at,
        at,
        'web',
      );
      resp.run(
        i + 1,
        resultSurvey,
        Number(r.lastInsertRowid),
        `r${i}`,
        dongs[i % dongs.length],
        bands[i % 6],
        i % 2 ? 'F' : 'M',
        JSON.stringify(a),
        at.slice(0, 10),
        at,
      );
    }
  })();

  const server = new PublicServer({
    rateLimit: false,
    context: {
      wardName: () => core.settings.get().wardName,
      fieldNames: () => [],
      trustProxy: () => false,
      callbackAllow: () => [],
    },
  });
  registerSurveyRoutes(server, m);
  const l = await server.listen({ host: '127.0.0.1', port: 0 });
  const bare = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'text/plain' }).end('OK'));
  });
  await new Promise<void>((r) => bare.listen(0, '127.0.0.1', () => r()));
  const barePort = (bare.address() as AddressInfo).port;

  // one submission per token: every required question of the one page answered
  const body = (token: string) => {
    const f = new URLSearchParams({ csrf: server.csrfFor(token), page: '0', nav: 'submit' });
    for (let q = 1; q <= 8; q++) f.set(`a.q${q}`, String(q % 4));
    for (let q = 13; q <= 16; q++) f.set(`a.q${q}`, '4');
    f.set('a.q19', '12');
    f.set('a.q20', '배차 간격을 줄여 주세요. <script>alert(1)</script>');
    return f.toString();
  };
  const gets: Shot[] = pageTokens.map((t) => ({ path: `/s/${t}`, method: 'GET' }));
  const posts: Shot[] = submitTokens.map((t) => ({ path: `/s/${t}`, method: 'POST', body: body(t) }));
  try {
    await hammer(barePort, gets.slice(0, 100)); // warm-up
    await hammer(l.port, gets.slice(0, 100));
    const bareGet = await hammer(barePort, gets);
    const page = await hammer(l.port, gets);
    const barePost = await hammer(barePort, posts);
    const submit = await hammer(l.port, posts);
    const done = core.sqlite
      .prepare('SELECT count(*) FROM survey_responses WHERE survey_id = ?')
      .pluck()
      .get(submitSurvey);
    if (done !== n) throw new Error(`제출 ${n}건 가운데 ${done}건만 저장되었습니다`);

    // results: the same work as the results screen (funnel, every question) plus three crosstabs
    const bareT0 = performance.now();
    const rows = core.sqlite
      .prepare('SELECT answers FROM survey_responses WHERE survey_id = ?')
      .pluck()
      .all(resultSurvey) as string[];
    for (const r of rows) JSON.parse(r);
    const bareMs = performance.now() - bareT0;
    const t0 = performance.now();
    const res = m.results.results(resultSurvey);
    for (const by of ['dong', 'ageBand', 'gender'] as const) m.results.crosstab(resultSurvey, 'q2', by);
    const resultsMs = performance.now() - t0;
    if (res.responses !== responses) throw new Error('집계 건수가 맞지 않습니다');
    // the screen's filters (dong, gender, how answered) over the same responses, with a crosstab
    const dongIds = core.reference
      .list()
      .dongs.slice(0, 5)
      .map((d) => d.id);
    const filters = { dongIds, genders: ['F' as const], via: ['web' as const] };
    const f0 = performance.now();
    const filtered = m.results.results(resultSurvey, filters);
    m.results.crosstab(resultSurvey, 'q2', 'ageBand', filters);
    const filteredMs = performance.now() - f0;
    if (filtered.responses > responses) throw new Error('거른 집계 건수가 맞지 않습니다');

    const pageKb = page.bytes / gets.length / 1024;
    const limit = quick ? 500 : 1000;
    return [
      {
        issue: '#7',
        name: `설문 화면 GET p95 (동시 ${CONCURRENCY}, ${n}회)`,
        value: percentile(page.times, 95),
        unit: 'ms',
        baseline: { name: '빈 http GET p95', value: percentile(bareGet.times, 95) },
        goal: '< 50 ms',
        pass: percentile(page.times, 95) < 50,
      },
      {
        issue: '#7',
        name: '설문 화면 크기 (20문항 중 1쪽)',
        value: pageKb,
        unit: 'KB',
        goal: '< 100 KB',
        pass: pageKb < 100,
      },
      {
        issue: '#7',
        name: `설문 제출 p95 (동시 ${CONCURRENCY}, ${n}건)`,
        value: percentile(submit.times, 95),
        unit: 'ms',
        baseline: { name: '빈 http POST p95', value: percentile(barePost.times, 95) },
        goal: '< 50 ms',
        pass: percentile(submit.times, 95) < 50,
      },
      {
        issue: '#7',
        name: '설문 제출 처리량',
        value: (n / submit.ms) * 1000,
        unit: '건/초',
        baseline: { name: '빈 http POST', value: (n / barePost.ms) * 1000 },
        goal: '≥ 200 건/초',
        pass: (n / submit.ms) * 1000 >= 200,
      },
      {
        issue: '#7',
        name: `설문 결과 집계 (${responses.toLocaleString('ko-KR')}건 × 20문항, 교차표 3개)`,
        value: resultsMs,
        unit: 'ms',
        baseline: { name: '응답 읽기+JSON 해석', value: bareMs },
        goal: `< ${limit} ms`,
        pass: resultsMs < limit,
      },
      {
        issue: '#7',
        name: `설문 결과 거르기 (행정동 5·여성·웹, ${filtered.responses.toLocaleString('ko-KR')}건, 교차표 1개)`,
        value: filteredMs,
        unit: 'ms',
        baseline: { name: '거르지 않은 집계', value: resultsMs },
        goal: `< ${limit} ms`,
        pass: filteredMs < limit,
      },
    ];
  } finally {
    await server.close();
    await new Promise<void>((r) => bare.close(() => r()));
    core.close();
  }
}
