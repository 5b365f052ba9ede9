import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportPreview } from '../../../../src/shared/contract/imports';
import { makeTestCore, sessionCtx, type TestCore } from '../../../support/core';
import {
  consentsOf,
  count,
  dongId,
  FIXTURES,
  fieldId,
  importFile,
  readBack,
  tableCounts,
  writeCsv,
  writeXlsx,
} from './helpers';

let t: TestCore;
beforeEach(async () => {
  t = await makeTestCore();
});
afterEach(() => t.cleanup());

const lo = (name: string) => path.join(FIXTURES, name);

describe('a LibreOffice-made sheet (title rows, rich text, numbers that lost their 0, date serials)', () => {
  it('accounts for every row: imported + merged + rejected = rows', async () => {
    const r = await importFile(t, lo('lo-individuals.xlsx'));
    expect(r).toMatchObject({
      status: 'done',
      rows: 11,
      imported: 7,
      merged: 1,
      rejected: 3,
      warnings: 3,
      review: 0,
    });
    expect(r.imported + r.merged + r.rejected).toBe(r.rows);
    expect(count(t, 'subscribers')).toBe(7);
  });

  it('normalises what offices type', async () => {
    await importFile(t, lo('lo-individuals.xlsx'));
    const repo = t.core.subscriberRepo;
    const hong = repo.byMobile('01012345678')[0]; // typed as 01012345678, stored by Excel as 1012345678
    expect(hong).toMatchObject({
      name: '홍길동',
      email: 'hong@naver.com',
      birthYear: 1975,
      gender: 'M',
      dongId: dongId(t, '금호2·3가동'),
    });
    expect(repo.byMobile('01022223333')[0]).toMatchObject({ name: 'Kim 민수', birthYear: 1975 }); // rich text, 750302
    expect(repo.byMobile('01033334444')[0]).toMatchObject({
      birthYear: 1980,
      gender: 'F',
      email: 'younghee@naver.con',
    });
    expect(repo.byMobile('0114445555')[0]).toMatchObject({ phoneKind: 'withdrawn-mobile', birthYear: 1962 });
    expect(repo.byEmail('jiwoo@daum.net')[0]).toMatchObject({ mobile: null, gender: 'F' });
    expect(repo.byMobile('01055556666')[0].dongId).toBeNull(); // unknown dong → warning, blank
  });

  it('merges the duplicate row into the first and writes consents with evidence', async () => {
    await importFile(t, lo('lo-individuals.xlsx'));
    // row 4: 문화공연 O (mobile + email → both channels); row 11, same mobile: 건강정보 O (mobile only)
    expect(consentsOf(t, '01012345678')).toEqual(['건강정보(sms)', '문화공연(email)', '문화공연(sms)']);
    expect(consentsOf(t, 'jiwoo@daum.net')).toEqual(['교육정보(email)', '문화공연(email)']);
    const hong = t.core.subscriberRepo.byMobile('01012345678')[0];
    const events = t.core.subscriberRepo.historyOf(hong.id);
    expect(events.every((e) => e.source === 'import')).toBe(true);
    const station = t.core.settings.get().thisStationId;
    const health = events.find((e) => e.fieldId === fieldId(t, '건강정보'))!;
    expect(health).toMatchObject({
      evidence: 'lo-individuals.xlsx 11행',
      at: '2026-01-08T15:00:00.000Z',
      stationId: station,
    });
  });

  it('writes the rejected rows and warnings to a Korean report with the original columns and 사유', async () => {
    const r = await importFile(t, lo('lo-individuals.xlsx'));
    expect(r.reportFile).toBeTruthy();
    const book = await readBack(r.reportFile!);
    expect(Object.keys(book)).toEqual(['요약', '제외된 행', '경고', '검토 필요']);
    const rej = book['제외된 행'];
    expect(rej[0]).toEqual([
      '연번',
      '성명',
      '휴대폰',
      '이메일',
      '생년월일',
      '성별',
      '행정동',
      '문화공연',
      '건강정보',
      '교육정보',
      '접수일',
      '원본 행',
      '사유',
    ]);
    expect(rej).toHaveLength(4);
    const reasons = Object.fromEntries(rej.slice(1).map((x) => [x[1] || '(이름 없음)', x[12]]));
    expect(reasons.강민호).toContain('휴대전화가 아니라');
    expect(reasons.윤서연).toContain('읽을 수 없습니다');
    expect(reasons['(이름 없음)']).toBe('이름이 없습니다.');
    expect(rej[1][4]).toBe('1970.01.01'); // a date serial is shown as the date
    const warn = book.경고;
    expect(warn.slice(1).map((x) => x[12])).toEqual([
      expect.stringContaining('naver.com'),
      expect.stringContaining('사용이 끝난'),
      expect.stringContaining('행정동 목록에 없는'),
    ]);
  });

  it('the same file imported twice adds nothing', async () => {
    await importFile(t, lo('lo-individuals.xlsx'));
    const before = tableCounts(t);
    const r = await importFile(t, lo('lo-individuals.xlsx'));
    expect(r).toMatchObject({ rows: 11, imported: 0, merged: 8, rejected: 3 });
    expect(tableCounts(t)).toEqual(before);
  });

  it('reads a two-row header: one column per field and channel', async () => {
    const r = await importFile(t, lo('lo-two-row-header.xlsx'));
    expect(r).toMatchObject({ rows: 2, imported: 2 });
    expect(consentsOf(t, '01011112222')).toEqual([
      '건강정보(sms)',
      '문화공연(email)',
      '문화공연(sms)',
      '여론조사(email)',
    ]);
    expect(consentsOf(t, '01011113333')).toEqual(['문화공연(sms)', '여론조사(sms)']);
  });

  it('imports businesses: 상호, 대표자, 업종, 주소 and a list of fields', async () => {
    const r = await importFile(t, lo('lo-business.xlsx'), { kind: 'business' });
    expect(r).toMatchObject({ rows: 2, imported: 2, rejected: 0 });
    const food = t.core.reference.list().businessTypes.find((b) => b.name === '식품·공중위생업소')!;
    expect(t.core.subscriberRepo.byMobile('01012123434')[0]).toMatchObject({
      kind: 'business',
      name: '성동식당',
      representative: '김사장',
      businessTypeId: food.id,
      address: '서울 성동구 왕십리로 1',
    });
    expect(consentsOf(t, '01012123434')).toEqual(['법령·제도 변경 안내(sms)', '운영자 교육 안내(sms)']);
    expect(consentsOf(t, '01056567878')).toEqual(['행정처분 안내(email)', '행정처분 안내(sms)']);
  });
});

describe('CSV encodings', () => {
  const rows = [
    ['성명', '휴대전화', '성별', '수신분야'],
    ['홍길동', '010-1234-5678', '남', '문화공연, 도서관 정보'],
    ['똠방각하', '01098765432', '여', '건강정보'],
  ];

  it('reads CP949 (Excel’s Korean CSV), including cp949-only syllables', async () => {
    const file = writeCsv(path.join(t.dir, '명단.csv'), rows, 'cp949');
    const p = (await t.core.router.call(
      'imports.preview',
      { path: file, fileName: '명단.csv' },
      t.cli,
    )) as ImportPreview;
    expect(p.encoding).toBe('cp949');
    expect(p.rows.map((x) => x.name)).toEqual(['홍길동', '똠방각하']);
    const r = await importFile(t, file);
    expect(r).toMatchObject({ rows: 2, imported: 2 });
    expect(consentsOf(t, '01012345678')).toEqual(['도서관 정보(sms)', '문화공연(sms)']);
  });

  it('reads UTF-8 with a BOM (the BOM is not part of the first header)', async () => {
    const file = writeCsv(path.join(t.dir, 'bom.csv'), rows, 'utf-8-bom');
    const p = (await t.core.router.call(
      'imports.preview',
      { path: file, fileName: 'bom.csv' },
      t.cli,
    )) as ImportPreview;
    expect(p.encoding).toBe('utf-8-bom');
    expect(p.mapping.columns[0]).toMatchObject({ header: '성명', target: 'name' });
    expect((await importFile(t, file)).imported).toBe(2);
  });

  it('reads plain UTF-8', async () => {
    const file = writeCsv(path.join(t.dir, 'u.csv'), rows, 'utf-8');
    expect((await importFile(t, file)).imported).toBe(2);
  });
});

describe('exceljs cells: formulas, rich text, hyperlinks, dates', () => {
  it('uses a formula’s result, joins rich text, reads a hyperlink’s text', async () => {
    const file = await writeXlsx(path.join(t.dir, 'f.xlsx'), [
      ['성명', '휴대전화', '이메일', '생년월일', '문화공연'],
      [
        { richText: [{ text: 'Lee ' }, { text: '지은' }] },
        { formula: '"010"&"11112222"', result: '01011112222' },
        { text: 'jieun@naver.com', hyperlink: 'mailto:jieun@naver.com' },
        new Date('1990-05-05T00:00:00+09:00'),
        { formula: 'IF(1,"O","X")', result: 'O' },
      ],
    ]);
    const r = await importFile(t, file);
    expect(r).toMatchObject({ rows: 1, imported: 1 });
    expect(t.core.subscriberRepo.byMobile('01011112222')[0]).toMatchObject({
      name: 'Lee 지은',
      email: 'jieun@naver.com',
      birthYear: 1990,
    });
    expect(consentsOf(t, '01011112222')).toEqual(['문화공연(email)', '문화공연(sms)']);
  });
});

describe('merging against the registry', () => {
  const base = {
    kind: 'individual' as const,
    representative: null,
    businessTypeId: null,
    phoneKind: 'mobile' as const,
    email: null,
    birthYear: null,
    gender: null,
    dongId: null,
    address: null,
    note: null,
    stationId: null,
    createdBy: null,
  };

  it('merges by mobile, fills blanks, adds only new consents', async () => {
    const s = t.core.subscriberRepo.insert({
      ...base,
      name: '홍길동',
      mobile: '01012345678',
      birthYear: 1970,
    });
    t.core.subscriberRepo.appendConsent([
      {
        subscriberId: s.id,
        fieldId: fieldId(t, '문화공연'),
        channel: 'sms',
        action: 'granted',
        at: '2025-01-01T00:00:00.000Z',
        source: 'paper',
      },
    ]);
    const file = await writeXlsx(path.join(t.dir, 'm.xlsx'), [
      ['성명', '휴대폰', '생년월일', '성별', '문화공연', '건강정보'],
      ['홍길동', 1012345678, '1975-03-02', '남', 'O', 'O'],
    ]);
    const r = await importFile(t, file);
    expect(r).toMatchObject({ imported: 0, merged: 1 });
    const after = t.core.subscriberRepo.byId(s.id)!;
    expect(after).toMatchObject({ birthYear: 1970, gender: 'M' }); // never overwrites, fills the blank
    expect(consentsOf(t, '01012345678')).toEqual(['건강정보(sms)', '문화공연(sms)']);
    expect(t.core.subscriberRepo.historyOf(s.id)).toHaveLength(2); // the existing 문화공연 consent is not re-appended
  });

  it('merges an email-only person by email and gives them the mobile', async () => {
    const s = t.core.subscriberRepo.insert({
      ...base,
      name: '최지우',
      mobile: null,
      phoneKind: null,
      email: 'jiwoo@daum.net',
    });
    const file = writeCsv(path.join(t.dir, 'e.csv'), [
      ['이름', '전자우편', '핸드폰', '건강정보'],
      ['최지우', 'JiWoo@Daum.net', '', 'O'],
      ['최지우', 'jiwoo@daum.net', '010-4444-5555', 'O'],
    ]);
    const r = await importFile(t, file);
    expect(r).toMatchObject({ rows: 2, imported: 0, merged: 2 });
    expect(t.core.subscriberRepo.byId(s.id)!.mobile).toBe('01044445555');
  });

  it('warns when the same number comes with another name', async () => {
    t.core.subscriberRepo.insert({ ...base, name: '김영수', mobile: '01012345678' });
    const file = writeCsv(path.join(t.dir, 'n.csv'), [
      ['성명', '휴대전화', '문화공연'],
      ['김영희', '010-1234-5678', 'O'],
    ]);
    const r = await importFile(t, file);
    expect(r).toMatchObject({ merged: 1, warnings: 1 });
    const book = await readBack(r.reportFile!);
    expect(book.경고[1].at(-1)).toContain('김영수');
  });
});

describe('the suppression list (수신거부)', () => {
  it('does not re-subscribe a suppressed contact and lists it for review', async () => {
    const repo = t.core.subscriberRepo;
    repo.addSuppression('sms', '01012345678', null, 'optout'); // every field by SMS
    repo.addSuppression('sms', '01022223333', null, 'optout');
    const file = writeCsv(path.join(t.dir, 's.csv'), [
      ['성명', '휴대전화', '이메일', '문화공연'],
      ['홍길동', '010-1234-5678', '', 'O'], // only SMS asked → nothing left: not registered
      ['김철수', '010-2222-3333', 'cs@naver.com', 'O'], // email still allowed
      ['이영희', '010-3333-4444', '', 'O'],
    ]);
    const r = await importFile(t, file);
    expect(r).toMatchObject({ rows: 3, imported: 2, rejected: 1, review: 2 });
    expect(repo.byMobile('01012345678')).toHaveLength(0);
    expect(consentsOf(t, '01022223333')).toEqual(['문화공연(email)']);
    const book = await readBack(r.reportFile!);
    expect(book['검토 필요'].slice(1).map((x) => x[0])).toEqual(['홍길동', '김철수']);
    expect(book['검토 필요'][1].at(-1)).toContain('수신거부');
  });

  it('does not re-grant a field the person withdrew', async () => {
    const repo = t.core.subscriberRepo;
    const s = repo.insert({
      kind: 'individual',
      name: '홍길동',
      representative: null,
      businessTypeId: null,
      mobile: '01012345678',
      phoneKind: 'mobile',
      email: null,
      birthYear: null,
      gender: null,
      dongId: null,
      address: null,
      note: null,
      stationId: null,
      createdBy: null,
    });
    const f = fieldId(t, '문화공연');
    repo.appendConsent([
      {
        subscriberId: s.id,
        fieldId: f,
        channel: 'sms',
        action: 'granted',
        at: '2025-01-01T00:00:00.000Z',
        source: 'paper',
      },
    ]);
    repo.appendConsent([
      {
        subscriberId: s.id,
        fieldId: f,
        channel: 'sms',
        action: 'withdrawn',
        at: '2025-06-01T00:00:00.000Z',
        source: 'phone',
      },
    ]);
    const file = writeCsv(path.join(t.dir, 'w.csv'), [
      ['성명', '휴대전화', '문화공연'],
      ['홍길동', '010-1234-5678', 'O'],
    ]);
    const r = await importFile(t, file);
    expect(r).toMatchObject({ merged: 1, review: 1 });
    expect(repo.consentOf(s.id)[0].granted).toBe(false);
  });
});

describe('fatal errors write nothing and say why in Korean', () => {
  async function startFails(file: string, fileName = path.basename(file)) {
    const res = await t.core.router.dispatch('imports.start', { path: file, fileName }, t.cli);
    if (!res.ok) return res.error.message;
    const { jobId } = res.value as { jobId: string };
    const job = await t.core.jobs.wait(jobId);
    expect(job.status).toBe('failed');
    return job.error!;
  }

  it('a text file renamed .xlsx', async () => {
    const file = path.join(t.dir, 'list.xlsx');
    fs.writeFileSync(file, '성명,휴대전화\n홍길동,01012345678\n');
    expect(await startFails(file)).toMatch(/엑셀 파일이 아닙니다/);
    expect(count(t, 'subscribers')).toBe(0);
  });

  it('a broken zip', async () => {
    const rows: (string | number)[][] = [['성명', '휴대전화', '문화공연']];
    for (let i = 0; i < 3000; i++) rows.push([`주민${i}`, `010${String(10000000 + i)}`, 'O']);
    const good = await writeXlsx(path.join(t.dir, 'good.xlsx'), rows);
    const buf = fs.readFileSync(good);
    const bad = path.join(t.dir, 'broken.xlsx');
    fs.writeFileSync(bad, buf.subarray(0, Math.floor(buf.length * 0.6)));
    expect(await startFails(bad)).toMatch(/손상/);
    expect(tableCounts(t)).toEqual({ subscribers: 0, events: 0, states: 0 });
  });

  it('a sheet without a recognisable header', async () => {
    const file = await writeXlsx(path.join(t.dir, 'nohead.xlsx'), [
      ['홍길동', '010-1234-5678', 'O'],
      ['김철수', '010-2222-3333', 'X'],
    ]);
    expect(await startFails(file)).toMatch(/머리글/);
    expect(count(t, 'subscribers')).toBe(0);
  });

  it('a sheet name that is not in the file', async () => {
    const file = await writeXlsx(
      path.join(t.dir, 'one.xlsx'),
      [
        ['성명', '휴대전화'],
        ['홍길동', '01012345678'],
      ],
      '명단',
    );
    const { jobId } = (await t.core.router.call(
      'imports.start',
      { path: file, fileName: 'one.xlsx', sheet: '2월' },
      t.cli,
    )) as { jobId: string };
    const job = await t.core.jobs.wait(jobId);
    expect(job.error).toMatch(/‘2월’ 시트가 없습니다.*명단/);
    expect(count(t, 'subscribers')).toBe(0);
  });

  it('more rows than the limit (setting), even after some were written', async () => {
    t.core.settings.update({ importRowLimit: 1000 });
    const rows: string[][] = [['성명', '휴대전화', '문화공연']];
    for (let i = 0; i < 1500; i++) rows.push([`주민${i}`, `010${String(20000000 + i)}`, 'O']);
    const file = writeCsv(path.join(t.dir, 'big.csv'), rows);
    expect(await startFails(file)).toMatch(/1,000행까지/);
    expect(tableCounts(t)).toEqual({ subscribers: 0, events: 0, states: 0 });
  });

  it('an old .xls and an unknown extension', async () => {
    const xls = path.join(t.dir, 'old.xls');
    fs.writeFileSync(xls, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]));
    expect(await startFails(xls)).toMatch(/\.xls/);
    const pdf = path.join(t.dir, 'a.pdf');
    fs.writeFileSync(pdf, '%PDF-1.4');
    expect(await startFails(pdf)).toMatch(/지원하지 않는 파일 형식/);
  });
});

/** Starts an import of `file` and calls `stop` once 1,000 rows are written; resolves with the job id. */
async function startThenStop(file: string, stop: (jobId: string) => void): Promise<string> {
  const { jobId } = (await t.core.router.call(
    'imports.start',
    { path: file, fileName: path.basename(file) },
    t.cli,
  )) as { jobId: string };
  await new Promise<void>((resolve) => {
    const off = t.core.events.subscribe((name, p) => {
      const pl = p as { jobId: string; done: number };
      if (name === 'job.progress' && pl.jobId === jobId && pl.done >= 1000) {
        off();
        stop(jobId);
        resolve();
      }
    });
  });
  return jobId;
}

describe('cancel', () => {
  it('takes back everything the import wrote, including merges into existing people', async () => {
    const repo = t.core.subscriberRepo;
    const existing = repo.insert({
      kind: 'individual',
      name: '기존주민',
      representative: null,
      businessTypeId: null,
      mobile: '01030000005',
      phoneKind: 'mobile',
      email: null,
      birthYear: null,
      gender: null,
      dongId: null,
      address: null,
      note: null,
      stationId: null,
      createdBy: null,
    });
    const before = tableCounts(t);
    const rows: (string | number)[][] = [['성명', '휴대전화', '생년월일', '문화공연', '건강정보']];
    for (let i = 0; i < 20000; i++)
      rows.push([`주민${i}`, `010${String(30000000 + i)}`, 1960 + (i % 40), 'O', i % 2 ? 'O' : 'X']);
    const file = await writeXlsx(path.join(t.dir, 'many.xlsx'), rows);
    // Cancel once rows are being written (the 6th row merged into the existing person early on).
    const jobId = await startThenStop(file, (id) => t.core.jobs.cancel(id));
    const job = await t.core.jobs.wait(jobId);
    expect(job.status).toBe('cancelled');
    expect(tableCounts(t)).toEqual(before);
    expect(repo.byId(existing.id)).toMatchObject({ birthYear: null });
    const r = (await t.core.router.call('imports.result', { jobId }, t.cli)) as {
      status: string;
      imported: number;
    };
    expect(r).toMatchObject({ status: 'cancelled', imported: 0 });
  });
});

describe('pause', () => {
  it('takes back what the import thread wrote; resume reads the file again and imports it whole', async () => {
    const before = tableCounts(t);
    const rows: (string | number)[][] = [['성명', '휴대전화', '문화공연']];
    for (let i = 0; i < 20000; i++) rows.push([`주민${i}`, `010${String(40000000 + i)}`, 'O']);
    const file = await writeXlsx(path.join(t.dir, 'pause.xlsx'), rows);
    const jobId = await startThenStop(file, (id) => t.core.jobs.pause(id));
    expect((await t.core.jobs.wait(jobId)).status).toBe('paused');
    expect(tableCounts(t)).toEqual(before);
    t.core.jobs.resume(jobId);
    const done = await t.core.jobs.wait(jobId);
    expect(done.status).toBe('done');
    expect(done.result).toMatchObject({ rows: 20000, imported: 20000, merged: 0, rejected: 0 });
    const n = t.core.sqlite.prepare('SELECT count(*) AS n FROM subscribers').get() as { n: number };
    expect(n.n).toBe(before.subscribers + 20000);
  });
});

describe('channels, roles and audit', () => {
  it('previews the header, the mapping and the first 20 rows with their problems', async () => {
    const rows: string[][] = [['성명', '휴대전화', '이메일', '문화공연']];
    for (let i = 0; i < 30; i++)
      rows.push([
        `주민${i}`,
        `010-1000-${String(1000 + i)}`,
        i === 1 ? 'a@naver.con' : '',
        i === 2 ? '모름' : 'O',
      ]);
    const file = writeCsv(path.join(t.dir, 'p.csv'), rows);
    const bytes = fs.readFileSync(file).toString('base64');
    const p = (await t.core.router.call(
      'imports.preview',
      { fileBase64: bytes, fileName: 'p.csv' },
      t.cli,
    )) as ImportPreview;
    expect(p.uploadId).toBeTruthy();
    expect(p.format).toBe('csv');
    expect(p.headers).toEqual(['성명', '휴대전화', '이메일', '문화공연']);
    expect(p.rows).toHaveLength(20);
    expect(p.rows[0]).toMatchObject({
      rowNumber: 2,
      outcome: 'new',
      name: '주민0',
      mobile: '010-1000-1000',
      consents: ['문화공연(문자)'],
    });
    expect(p.rows[1].problems[0]).toMatchObject({ level: 'warning', column: '이메일' });
    expect(p.rows[2]).toMatchObject({ outcome: 'rejected' });
    // start from the stored upload: the bytes travel once
    const { jobId } = (await t.core.router.call(
      'imports.start',
      { uploadId: p.uploadId, fileName: 'p.csv', mapping: p.mapping },
      t.cli,
    )) as { jobId: string };
    await t.core.jobs.wait(jobId);
    const r = (await t.core.router.call('imports.result', { jobId }, t.cli)) as {
      imported: number;
      rejected: number;
    };
    expect(r).toMatchObject({ imported: 29, rejected: 1 });
    const report = (await t.core.router.call('imports.report', { jobId }, t.cli)) as {
      fileName: string;
      base64: string;
    };
    expect(report.fileName).toMatch(/\.xlsx$/);
    expect(Buffer.from(report.base64, 'base64').subarray(0, 2).toString()).toBe('PK');
  });

  it('saves a mapping and applies it to the next file', async () => {
    const file = writeCsv(path.join(t.dir, 'x.csv'), [
      ['이름', '번호', '관심'],
      ['홍길동', '01012345678', '문화공연'],
    ]);
    const mapping = {
      headerRow: 1,
      columns: [
        { column: 0, header: '이름', target: 'name' },
        { column: 1, header: '번호', target: 'mobile' },
        { column: 2, header: '관심', target: 'fieldList' },
      ],
    };
    const saved = (await t.core.router.call(
      'imports.mappings.save',
      { name: '동 신청서', kind: 'individual', mapping },
      t.cli,
    )) as { id: number };
    const list = (await t.core.router.call('imports.mappings.list', {}, t.cli)) as {
      items: { name: string }[];
    };
    expect(list.items.map((x) => x.name)).toEqual(['동 신청서']);
    const r = await importFile(t, file, { mappingId: saved.id });
    expect(r).toMatchObject({ imported: 1 });
    expect(consentsOf(t, '01012345678')).toEqual(['문화공연(sms)']);
  });

  it('a dong user imports only their own dong: blank → theirs, other dongs rejected', async () => {
    const wang = dongId(t, '왕십리2동');
    await t.core.router.call(
      'users.create',
      {
        username: 'wang',
        password: 'Sotong2026!',
        displayName: '왕십리',
        role: 'dong',
        dongId: wang,
        mustChangePassword: false,
      },
      t.cli,
    );
    const ctx = sessionCtx('ipc');
    await t.core.router.call('auth.login', { username: 'wang', password: 'Sotong2026!' }, ctx);
    const file = writeCsv(path.join(t.dir, 'd.csv'), [
      ['성명', '휴대전화', '행정동', '문화공연'],
      ['가', '010-1111-0001', '왕십리2동', 'O'],
      ['나', '010-1111-0002', '', 'O'],
      ['다', '010-1111-0003', '마장동', 'O'],
    ]);
    const r = await importFile(t, file, {}, ctx);
    expect(r).toMatchObject({ rows: 3, imported: 2, rejected: 1 });
    expect(t.core.subscriberRepo.byMobile('01011110002')[0].dongId).toBe(wang);
    const book = await readBack(r.reportFile!);
    expect(book['제외된 행'][1].at(-1)).toContain('다른 동');
    // a browser session may not name a path on the machine
    const web = sessionCtx('web');
    await t.core.router.call('auth.login', { username: 'wang', password: 'Sotong2026!' }, web);
    const res = await t.core.router.dispatch('imports.start', { path: file, fileName: 'd.csv' }, web);
    expect(res).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('audits the import with the number of people', async () => {
    await importFile(t, lo('lo-individuals.xlsx'));
    const row = t.core.sqlite.prepare("SELECT * FROM audit_log WHERE action = 'import'").get() as {
      subject_count: number;
      origin: string;
    };
    expect(row).toMatchObject({ subject_count: 8, origin: 'cli' });
  });
});

describe('derived tables', () => {
  it('state rows carry the same segment copies the registry’s trigger would give them', async () => {
    await importFile(t, lo('lo-individuals.xlsx'));
    const diff = t.core.sqlite
      .prepare(
        `SELECT count(*) AS n FROM consent_state c JOIN subscribers s ON s.id = c.subscriber_id
         WHERE c.dong_id IS NOT s.dong_id OR c.birth_year IS NOT s.birth_year OR c.gender IS NOT s.gender
           OR c.business_type_id IS NOT s.business_type_id
           OR c.reachable <> (CASE WHEN c.channel = 'sms' THEN coalesce(s.phone_kind = 'mobile', 0)
             ELSE (s.email IS NOT NULL AND s.email_invalid_at IS NULL) END)`,
      )
      .get() as { n: number };
    expect(count(t, 'consent_state')).toBeGreaterThan(10);
    expect(diff.n).toBe(0);
  });
});
