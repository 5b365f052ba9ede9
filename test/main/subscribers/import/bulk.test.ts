// The bulk write path (repo.insertImported, slices that normalise and write in one transaction)
// against the row-by-row calls it replaced (insertQuiet + appendFirstConsents): the same file on
// the same registry must leave exactly the same subscribers, ledger, states, totals and report.
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ImportKind, ImportResult } from '../../../../src/shared/contract/imports';
import { runImport } from '../../../../src/main/subscribers/import/job';
import type { NewSubscriber } from '../../../../src/main/subscribers/repository';
import { makeTestCore, type TestCore } from '../../../support/core';
import { dongId, FIXTURES, fieldId, importFile, readBack, writeCsv, writeXlsx } from './helpers';

const ROW_BY_ROW = 'test.import.rowByRow';
const open: TestCore[] = [];
afterEach(() => {
  for (const t of open.splice(0)) t.cleanup();
});

async function core(): Promise<TestCore> {
  const t = await makeTestCore();
  open.push(t);
  t.core.jobs.register(ROW_BY_ROW, (job) =>
    runImport(t.core, job as Parameters<typeof runImport>[1], { rowByRow: true }),
  );
  return t;
}

/** The same import through the reference job (row by row), answered like imports.result. */
async function importRowByRow(t: TestCore, file: string, kind: ImportKind): Promise<ImportResult> {
  const job = t.core.jobs.start(
    ROW_BY_ROW,
    {
      filePath: file,
      fileName: path.basename(file),
      uploaded: false,
      kind,
      sheet: null,
      mapping: null,
      mappingId: null,
      actor: {
        userId: null,
        username: 'cli',
        role: 'admin',
        origin: 'cli',
        stationId: null,
        address: null,
      },
      userId: null,
      dongScope: null,
    },
    null,
  );
  const done = await t.core.jobs.wait(job.id);
  expect(done.status).toBe('done');
  return done.result as ImportResult;
}

/**
 * Every row the import can touch, with ids replaced by their rank: ids are time-ordered and both
 * paths draw them in the same order, so equal ranks mean the same rows link to the same people.
 */
function snapshot(t: TestCore) {
  const q = (sql: string) => t.core.sqlite.prepare(sql).all() as Record<string, unknown>[];
  const ids = [...q('SELECT id FROM subscribers'), ...q('SELECT id FROM consent_events')]
    .map((r) => r.id as string)
    .sort();
  const rank = new Map(ids.map((id, i) => [id, `#${i}`]));
  const anon = (rows: Record<string, unknown>[]) =>
    rows.map((r) =>
      Object.fromEntries(
        Object.entries(r).map(([k, v]) => [k, typeof v === 'string' && rank.has(v) ? rank.get(v) : v]),
      ),
    );
  const byRank = (rows: Record<string, unknown>[], ...keys: string[]) =>
    rows.sort((a, b) => {
      for (const k of keys) {
        const c = String(a[k]).localeCompare(String(b[k]), 'en', { numeric: true });
        if (c) return c;
      }
      return 0;
    });
  return {
    subscribers: byRank(anon(q('SELECT * FROM subscribers')), 'id'),
    events: byRank(anon(q('SELECT * FROM consent_events')), 'id'),
    states: byRank(anon(q('SELECT * FROM consent_state')), 'subscriber_id', 'field_id', 'channel'),
    totals: q('SELECT * FROM consent_totals ORDER BY field_id, channel'),
    suppressions: q('SELECT channel, contact_hash, field_id, lifted_at FROM suppressions ORDER BY 1, 2, 3'),
  };
}

const person = (over: Partial<NewSubscriber>): NewSubscriber => ({
  kind: 'individual',
  name: '홍길동',
  representative: null,
  businessTypeId: null,
  mobile: null,
  phoneKind: null,
  email: null,
  birthYear: null,
  gender: null,
  dongId: null,
  address: null,
  note: null,
  stationId: null,
  createdBy: null,
  ...over,
});

/** People already registered before the import, written the same way (same ids) on each core. */
function seed(t: TestCore): void {
  const repo = t.core.subscriberRepo;
  const culture = fieldId(t, '문화공연');
  const health = fieldId(t, '건강정보');
  repo.insert(
    person({
      id: '00000000-0000-7000-8000-000000000001',
      mobile: '01012345678',
      phoneKind: 'mobile',
      birthYear: 1970,
    }),
  );
  repo.insert(
    person({ id: '00000000-0000-7000-8000-000000000002', name: '최지우', email: 'jiwoo@daum.net' }),
  );
  const ev = (
    n: number,
    subscriberId: string,
    fieldId: number,
    action: 'granted' | 'withdrawn',
    at: string,
  ) => ({
    id: `00000000-0000-7000-8000-0000000001${String(n).padStart(2, '0')}`,
    subscriberId,
    fieldId,
    channel: 'sms' as const,
    action,
    at,
    source: 'paper' as const,
  });
  repo.appendConsent([
    ev(1, '00000000-0000-7000-8000-000000000001', culture, 'granted', '2025-01-01T00:00:00.000Z'),
  ]);
  repo.appendConsent([
    ev(2, '00000000-0000-7000-8000-000000000001', health, 'granted', '2025-01-01T00:00:00.000Z'),
  ]);
  repo.appendConsent([
    ev(3, '00000000-0000-7000-8000-000000000001', health, 'withdrawn', '2025-06-01T00:00:00.000Z'),
  ]);
  repo.addSuppression('sms', '01099990000', null, 'optout'); // every field by SMS
  repo.addSuppression('email', 'gone@naver.com', culture, 'optout'); // one field by email
}

async function compare(write: (dir: string) => Promise<string> | string, kind: ImportKind = 'individual') {
  const a = await core();
  const b = await core();
  seed(a);
  seed(b);
  const ref = await importRowByRow(a, await write(a.dir), kind);
  const bulk = await importFile(b, await write(b.dir), { kind });
  const { reportFile: ra, ...ca } = ref;
  const { reportFile: rb, jobId: _j, status: _s, error: _e, ...cb } = bulk;
  expect(cb).toEqual(ca);
  expect(snapshot(b)).toEqual(snapshot(a));
  expect(rb === null).toBe(ra === null);
  if (ra && rb) {
    const [ba, bb] = [await readBack(ra), await readBack(rb)];
    // the summary sheet names the report's time and file only; every row sheet must match
    expect(bb).toEqual(ba);
  }
  return { result: ref, snapshot: snapshot(a) };
}

describe('the bulk import path writes exactly what the row-by-row path wrote', () => {
  it('new people, duplicates in the file, merges, withdrawals, suppressions, rejects, warnings', async () => {
    const { result, snapshot: s } = await compare((dir) =>
      writeXlsx(path.join(dir, 'mixed.xlsx'), [
        ['성명', '휴대전화', '이메일', '생년월일', '성별', '행정동', '문화공연', '건강정보', '접수일'],
        ['김민준', '010-1111-2222', 'mj@naver.com', '1980-03-02', '남', '마장동', 'O', 'O', '2026-01-05'],
        ['이서연', '011-333-4444', '', '', '', '', 'O', '', ''], // old mobile, no segment copies
        ['박도윤', '', 'doyoon@gmial.com', '1990', '여', '사근동', 'O', 'X', ''], // typo warning
        ['김민준', '01011112222', '', '', '', '', 'O', 'O', ''], // same person again: merged
        ['홍길동', '010-1234-5678', 'hong@daum.net', '1975', '남', '', 'O', 'O', ''], // seeded: fills, 건강 withdrawn
        ['최지우', '010-5555-6666', 'JiWoo@Daum.net', '', '', '', '', 'O', ''], // seeded by email: gains mobile
        ['정희', '010-9999-0000', '', '', '', '', 'O', '', ''], // suppressed by SMS: not registered
        ['오영수', '010-9999-0000', 'gone@naver.com', '', '', '', 'O', 'O', ''], // partly suppressed
        ['', '', '', '', '', '', '', '', ''], // blank: not a row
        ['장순자', '02-123-4567', '', '', '', '', 'O', '', ''], // landline only: rejected
        ['한하은', '02-123-4567', 'ha@nate.com', '1940', '여', '없는동', 'O', '?', ''], // bad mark: rejected
        ['서수아', '010-7777-8888', 'sua@gmail.com', '', '', '옥수동', 'X', 'X', ''], // no fields: warning
      ]),
    );
    expect(result).toMatchObject({ rows: 11, imported: 5, merged: 3, rejected: 3 });
    expect(result.review).toBeGreaterThanOrEqual(2);
    expect(s.subscribers).toHaveLength(7);
    expect(s.events.length).toBeGreaterThan(8);
    expect(s.states.some((x) => x.reachable === 0 && x.dong_id === null)).toBe(true);
  });

  it('the same file imported twice on each side', async () => {
    const rows = [
      ['성명', '휴대전화', '이메일', '문화공연', '건강정보'],
      ['김민준', '010-1111-2222', 'mj@naver.com', 'O', 'O'],
      ['이서연', '010-3333-4444', '', 'O', ''],
    ];
    const a = await core();
    const b = await core();
    const f = (t: TestCore) => writeXlsx(path.join(t.dir, 'twice.xlsx'), rows);
    for (let i = 0; i < 2; i++) {
      await importRowByRow(a, await f(a), 'individual');
      await importFile(b, await f(b));
    }
    expect(snapshot(b)).toEqual(snapshot(a));
  });

  it('the office fixtures: individuals, a two-row header, businesses', async () => {
    for (const [name, kind] of [
      ['lo-individuals.xlsx', 'individual'],
      ['lo-two-row-header.xlsx', 'individual'],
      ['lo-business.xlsx', 'business'],
    ] as const) {
      const { snapshot: s } = await compare(() => path.join(FIXTURES, name), kind);
      expect(s.subscribers.length).toBeGreaterThan(2);
    }
  });

  it('a CSV with many rows (more than one slice, more than one batch from the reader)', async () => {
    const rows = [['성명', '휴대전화', '이메일', '행정동', '문화공연', '건강정보']];
    for (let i = 0; i < 1500; i++) {
      const k = i % 50 === 49 ? i - 20 : i; // some repeat an earlier person
      rows.push([
        `김${k}`,
        `010-${String(2000 + (k % 7000)).padStart(4, '0')}-${String(k).padStart(4, '0')}`,
        k % 3 === 0 ? `u${k}@naver.com` : '',
        k % 2 ? '마장동' : '',
        k % 2 ? 'O' : 'X',
        k % 3 ? 'O' : '',
      ]);
    }
    const { result } = await compare((dir) => writeCsv(path.join(dir, 'many.csv'), rows));
    expect(result).toMatchObject({ rows: 1500, merged: 30 });
  });
});

describe('insertImported', () => {
  it('writes the same rows as insertQuiet + appendFirstConsents', async () => {
    const a = await core();
    const b = await core();
    const culture = fieldId(a, '문화공연');
    const people = [
      person({
        id: '00000000-0000-7000-8000-000000000011',
        mobile: '01012345678',
        phoneKind: 'mobile',
        birthYear: 1980,
        gender: 'F',
        dongId: dongId(a, '마장동'),
      }),
      person({
        id: '00000000-0000-7000-8000-000000000012',
        mobile: '01112345678',
        phoneKind: 'withdrawn-mobile',
      }),
      person({
        id: '00000000-0000-7000-8000-000000000013',
        email: 'a@b.kr',
        note: '메모',
        address: '성동구',
      }),
      person({
        id: '00000000-0000-7000-8000-000000000014',
        mobile: '0212345678',
        phoneKind: 'landline',
        email: 'c@d.kr',
      }),
    ];
    for (const [t, bulk] of [
      [a, false],
      [b, true],
    ] as const) {
      const repo = t.core.subscriberRepo;
      people.forEach((p, i) => {
        const s = { ...p, id: p.id!, createdAt: '2026-03-02T00:00:00.000Z' };
        const events = (['sms', 'email'] as const).slice(0, i % 3).map((channel, j) => ({
          id: `00000000-0000-7000-8000-0000000002${i}${j}`,
          subscriberId: s.id,
          fieldId: culture,
          channel,
          action: 'granted' as const,
          at: '2026-01-01T00:00:00.000Z',
          source: 'import' as const,
          stationId: null,
          userId: null,
          evidence: `x.xlsx ${i + 2}행`,
        }));
        t.core.subscriberRepo.transaction(() => {
          if (bulk) repo.insertImported(s, events);
          else {
            repo.insertQuiet(s);
            repo.appendFirstConsents(s, events);
          }
        });
      });
    }
    const sa = snapshot(a);
    expect(sa.subscribers).toHaveLength(4);
    expect(sa.states).toHaveLength(3);
    expect(snapshot(b)).toEqual(sa);
  });
});
