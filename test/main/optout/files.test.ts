import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readOptOutFile, readText } from '../../../src/main/optout/files';
import type { IngestSummary } from '../../../src/shared/contract/optout';
import { sotong } from '../../support/cli';
import { makeTestCore, type TestCore } from '../../support/core';
import { addPeople, grantedNames } from './helpers';

let t: TestCore;
beforeEach(async () => {
  t = await makeTestCore();
});
afterEach(() => t.cleanup());

const NOW = new Date('2026-11-26T00:00:00Z');
const seoul = (s: string) => new Date(`${s}+09:00`).toISOString();

function registry() {
  return addPeople(t.core, [
    { name: '홍길동', mobile: '01012345678', sms: ['문화공연', '건강정보'] },
    { name: '김영희', mobile: '01022223333', sms: ['문화공연', '건강정보'] },
    { name: '박철수', mobile: '01044445555', sms: ['교육정보'] },
  ]);
}

const CSV = [
  '발신번호,내용,수신일시',
  '010-1234-5678,수신거부,2026-11-20 14:03',
  '01022223333,"문화공연 그만, 건강은 계속 받을게요",2026.11.20 14:05',
  '010-4444-5555,그만 보내세요,2026/11/20 오후 2:07',
  '010-9999-0000,수신거부,2026-11-20 14:09',
].join('\r\n');

function expectCsvResult(r: IngestSummary) {
  expect(r).toMatchObject({ messages: 4, applied: 2, review: 1, unmatched: 1, duplicates: 0, skipped: 0 });
}

describe('reading what the work phone gives', () => {
  it('pasted lines: "010-1234-5678 수신거부 2026.11.20 14:03", with continuation lines and a time on its own line', () => {
    const r = readText(
      [
        '010-1234-5678 수신거부 2026.11.20 14:03',
        '2026.11.20 14:05 01022223333 문화공연 그만',
        '보내 주세요 ㅠ',
        '',
        '010-4444-5555',
        '그만',
        '2026. 11. 20. 오후 2:07',
        '번호 없는 메모',
      ].join('\n'),
      NOW,
    );
    expect(r.format).toBe('text');
    expect(r.rows.map((x) => [x.from, x.text, x.receivedAt?.toISOString()])).toEqual([
      ['010-1234-5678', '수신거부', seoul('2026-11-20T14:03:00')],
      ['01022223333', '문화공연 그만\n보내 주세요 ㅠ', seoul('2026-11-20T14:05:00')],
      ['010-4444-5555', '그만\n번호 없는 메모', seoul('2026-11-20T14:07:00')],
    ]);
  });

  it('a tab-separated copy from Excel, no header', () => {
    const r = readText(
      '01012345678\t수신거부\t2026-11-20 14:03\n010-2222-3333\t거부요\t2026-11-20 14:04\n',
      NOW,
    );
    expect(r.format).toBe('tsv');
    expect(r.rows.map((x) => [x.from, x.text])).toEqual([
      ['01012345678', '수신거부'],
      ['010-2222-3333', '거부요'],
    ]);
  });

  it('a Samsung-style export: separate date and time, 수신/발신 type (sent messages skipped)', () => {
    const r = readText(
      [
        '번호,이름,내용,날짜,시간,유형',
        '010-1234-5678,홍길동,수신거부,2026-11-20,오후 2:03,수신',
        '010-1234-5678,홍길동,처리했습니다,2026-11-20,오후 2:10,발신',
        '010-2222-3333,,그만,2026-11-20,14:05,수신',
      ].join('\n'),
      NOW,
    );
    expect(r.rows.map((x) => [x.from, x.text, x.receivedAt?.toISOString()])).toEqual([
      ['010-1234-5678', '수신거부', seoul('2026-11-20T14:03:00')],
      ['010-2222-3333', '그만', seoul('2026-11-20T14:05:00')],
    ]);
  });

  it('an Android backup-style CSV: address, epoch-millisecond date, type 1/2, body', () => {
    const at = Date.parse('2026-11-20T05:03:00Z');
    const r = readText(
      `address,date,type,body\n+82 10-1234-5678,${at},1,STOP\n+821012345678,${at + 60000},2,알겠습니다\n`,
      NOW,
    );
    expect(r.rows.map((x) => [x.from, x.text, x.receivedAt?.toISOString()])).toEqual([
      ['+82 10-1234-5678', 'STOP', '2026-11-20T05:03:00.000Z'],
    ]);
  });

  it('reports rows whose number cannot be read', () => {
    const r = readText('발신번호,내용,수신일시\n모름,수신거부,2026-11-20 14:03\n010-1234-5678,거부,\n', NOW);
    expect(r.rows).toHaveLength(1);
    expect(r.rows[0].receivedAt).toBeNull();
    expect(r.problems).toEqual([{ row: 2, message: '번호를 읽을 수 없습니다: 모름' }]);
  });
});

describe('optout.ingest', () => {
  it('a UTF-8 CSV with BOM (발신번호/내용/수신일시)', async () => {
    const people = registry();
    const b64 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(CSV, 'utf8')]).toString('base64');
    const r = (await t.core.router.call(
      'optout.ingest',
      { fileBase64: b64, fileName: '수신거부.csv' },
      t.cli,
    )) as IngestSummary;
    expectCsvResult(r);
    expect(grantedNames(t.core, people[0].id, 'sms')).toEqual([]);
    // "문화공연 그만, 건강은 계속 받을게요" asks to keep one: a person decides
    expect(grantedNames(t.core, people[1].id, 'sms')).toEqual(['건강정보', '문화공연']);
  });

  it('a CP949 CSV as Korean Excel saves it', async () => {
    registry();
    const file = path.join(t.dir, 'cp949.csv');
    fs.writeFileSync(file, iconv.encode(CSV, 'cp949'));
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(fs.readFileSync(file))).toThrow();
    const read = await readOptOutFile(fs.readFileSync(file), 'cp949.csv', NOW);
    expect(read.encoding).toBe('cp949');
    expect(read.rows[0].text).toBe('수신거부');
    expectCsvResult((await t.core.router.call('optout.ingest', { path: file }, t.cli)) as IngestSummary);
  });

  it('an xlsx written by exceljs: numbers that lost their 0, date cells, rich text', async () => {
    const people = registry();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('문자');
    ws.addRow(['업무폰 수신 문자 (11월)']);
    ws.addRow(['수신일시', '발신번호', '내용']);
    ws.addRow([new Date(Date.UTC(2026, 10, 20, 14, 3)), 1012345678, '수신거부']);
    ws.addRow([
      '2026.11.20 14:05',
      '010-2222-3333',
      { richText: [{ text: '문화공연 ' }, { text: '거부', font: { bold: true } }] },
    ]);
    ws.addRow([46346.5, '01099990000', '그만']);
    const file = path.join(t.dir, '업무폰.xlsx');
    await wb.xlsx.writeFile(file);
    const read = await readOptOutFile(fs.readFileSync(file), '업무폰.xlsx', NOW);
    expect(read.format).toBe('xlsx');
    expect(read.rows.map((r) => [r.from, r.text, r.receivedAt?.toISOString()])).toEqual([
      ['1012345678', '수신거부', seoul('2026-11-20T14:03:00')],
      ['010-2222-3333', '문화공연 거부', seoul('2026-11-20T14:05:00')],
      ['01099990000', '그만', seoul('2026-11-20T12:00:00')],
    ]);
    const r = (await t.core.router.call('optout.ingest', { path: file }, t.cli)) as IngestSummary;
    expect(r).toMatchObject({ messages: 3, applied: 2, review: 0, unmatched: 1, duplicates: 0 });
    expect(grantedNames(t.core, people[1].id, 'sms')).toEqual(['건강정보']);
  });

  it('pasted text, then the same paste again: all duplicates', async () => {
    registry();
    const text = '010-1234-5678 수신거부 2026.11.20 14:03\n010-2222-3333 다시 받고 싶어요 2026.11.20 14:04';
    const first = (await t.core.router.call('optout.ingest', { text }, t.cli)) as IngestSummary;
    expect(first).toMatchObject({ messages: 2, applied: 1, review: 1, duplicates: 0 });
    const again = (await t.core.router.call('optout.ingest', { text }, t.cli)) as IngestSummary;
    expect(again).toMatchObject({ messages: 2, applied: 0, review: 0, duplicates: 2 });
    const audit = t.core.sqlite
      .prepare(
        `SELECT count(*) AS n FROM audit_log WHERE action = 'import' AND target_type = 'optout_message'`,
      )
      .get() as { n: number };
    expect(audit.n).toBe(2);
  });

  it('refuses an old .xls and a file that is not there, in Korean', async () => {
    const xls = await t.core.router.dispatch(
      'optout.ingest',
      { fileBase64: Buffer.from([0xd0, 0xcf, 0x11, 0xe0]).toString('base64'), fileName: 'old.xls' },
      t.cli,
    );
    expect(xls).toMatchObject({
      ok: false,
      error: { code: 'FILE', message: expect.stringContaining('xls') },
    });
    const missing = await t.core.router.dispatch(
      'optout.ingest',
      { path: path.join(t.dir, 'none.csv') },
      t.cli,
    );
    expect(missing).toMatchObject({ ok: false, error: { code: 'FILE' } });
  });
});

describe('sotong optout (CLI)', () => {
  it('ingest FILE --json prints {messages, applied, review, unmatched, duplicates}; list --status; sync', () => {
    registry();
    t.core.close();
    const file = path.join(t.dir, 'in.csv');
    fs.writeFileSync(file, iconv.encode(CSV, 'cp949'));
    const r = sotong(['--db', t.dbPath, 'optout', 'ingest', file, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toMatchObject({ messages: 4, applied: 2, review: 1, unmatched: 1, duplicates: 0 });
    const again = sotong(['--db', t.dbPath, 'optout', 'ingest', file, '--json']);
    expect(again.json()).toMatchObject({ messages: 4, applied: 0, duplicates: 4 });
    const list = sotong(['--db', t.dbPath, 'optout', 'list', '--status', 'unmatched', '--json']);
    expect(list.code).toBe(0);
    const l = list.json<{ items: { mobile: string; status: string }[]; total: number }>();
    expect(l.total).toBe(1);
    expect(l.items[0]).toMatchObject({ mobile: '01099990000', status: 'unmatched' });
    const sync = sotong(['--db', t.dbPath, 'optout', 'sync', '--json']);
    expect(sync.code).toBe(0);
    expect(sync.json()).toMatchObject({ sources: [], messages: 0 });
  }, 300_000);
});
