import ExcelJS from 'exceljs';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { campaignsOf } from '../../../src/main/campaigns/module';
import type { CampaignRow, PreviewOutput } from '../../../src/shared/contract/campaigns';
import { makeTestCore, type TestCore } from '../../support/core';
import { addPeople, draft } from './helpers';

let t: TestCore;
beforeEach(async () => {
  t = await makeTestCore({ now: new Date('2026-03-02T10:00:00+09:00') });
});
afterEach(async () => {
  await campaignsOf(t.core).dispatcher.idle();
  t.cleanup();
});
const call = <T>(ch: string, input: unknown) => t.core.router.call(ch as never, input, t.cli) as Promise<T>;

/** The tax department's file, written with exceljs as a department would. */
async function taxFile(): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('고지');
  ws.addRow(['2026년 3월 지방세 고지 대상']);
  ws.addRow(['성명', '휴대전화', '세목', '금액', '납기 일자']);
  ws.addRow(['김납세', '010-1111-2222', '자동차세', 123450, new Date('2026-03-31T00:00:00+09:00')]);
  ws.addRow(['이동의', 1033334444, '재산세', 98000, new Date('2026-03-31T00:00:00+09:00')]); // Excel dropped the 0
  ws.addRow(['박모름', '010-5555-6666', '주민세', 6250, new Date('2026-03-31T00:00:00+09:00')]); // not a subscriber
  ws.addRow(['최다름', '010-7777-8888', '자동차세', 50000, new Date('2026-03-31T00:00:00+09:00')]); // name differs
  ws.addRow(['정미동의', '010-9999-0000', '재산세', 70000, new Date('2026-03-31T00:00:00+09:00')]); // other field only
  ws.addRow(['오번호', '02-123-4567', '재산세', 1000, new Date('2026-03-31T00:00:00+09:00')]);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

test('notice campaign: xlsx matched to consenting subscribers, personalised, unmatched rows reported', async () => {
  addPeople(t.core, [
    { name: '김납세', mobile: '01011112222', smsFields: ['tax'] },
    { name: '이동의', mobile: '01033334444', smsFields: ['tax'] },
    { name: '최동명', mobile: '01077778888', smsFields: ['tax'] },
    { name: '정미동의', mobile: '01099990000', smsFields: ['culture'] },
  ]);
  const c = await call<CampaignRow>(
    'campaigns.save',
    draft(t.core, {
      kind: 'notice',
      fields: ['tax'],
      name: '3월 지방세 고지',
      sms: {
        text: '{이름}님 {세목} {금액}원, 납기 {납기일자}까지입니다.',
        subject: '지방세 고지',
        appendSns: false,
      },
    }),
  );
  await expect(call('campaigns.launch', { id: c.id })).rejects.toThrow(/고지 자료/);

  const up = await call<{
    rows: number;
    matched: number;
    columns: string[];
    unmatched: { reason: string; count: number }[];
  }>('campaigns.noticeUpload', { id: c.id, fileName: '3월_지방세.xlsx', contentBase64: await taxFile() });
  expect(up.rows).toBe(6);
  expect(up.matched).toBe(2);
  expect(up.columns).toEqual(expect.arrayContaining(['성명', '세목', '금액', '납기일자']));
  expect(Object.fromEntries(up.unmatched.map((u) => [u.reason, u.count]))).toEqual({
    no_subscriber: 1,
    name_mismatch: 1,
    no_consent: 1,
    invalid_phone: 1,
  });

  const p = await call<PreviewOutput>('campaigns.preview', { id: c.id });
  expect(p.sms!.text).toBe(
    '김납세님 자동차세 123,450원, 납기 2026.03.31까지입니다.\n수신거부 문자 02-2286-5114',
  );
  expect(p.sms!.recipients).toBe(2);
  expect(p.sms!.warnings).toEqual([]);

  const report = await call<{ fileName: string; contentBase64: string; rows: number }>(
    'campaigns.noticeReport',
    {
      id: c.id,
      reason: '세무과 회신',
    },
  );
  expect(report.rows).toBe(4);
  expect(report.fileName).toBe('3월_지방세_발송제외.xlsx');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(report.contentBase64, 'base64') as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  expect(ws.getRow(1).values).toEqual(
    expect.arrayContaining(['원본 행', '이름', '전화번호', '제외 사유', '금액']),
  );
  const reasons = [2, 3, 4, 5].map((r) => ws.getRow(r).getCell(4).text);
  expect(reasons).toEqual([
    '전자소통 구독자가 아님',
    '번호는 같지만 이름이 다름',
    '이 고지의 수신 동의 없음',
    '휴대전화 번호가 없거나 잘못됨',
  ]);

  await call('campaigns.launch', { id: c.id });
  const m = campaignsOf(t.core);
  await m.dispatcher.idle();
  await m.dispatcher.waitReports(c.id, 2000);
  const texts = t.core.sqlite
    .prepare('SELECT recipient, text FROM test_gateway_messages ORDER BY recipient')
    .all();
  expect(texts).toEqual([
    {
      recipient: '01011112222',
      text: '김납세님 자동차세 123,450원, 납기 2026.03.31까지입니다.\n수신거부 문자 02-2286-5114',
    },
    {
      recipient: '01033334444',
      text: '이동의님 재산세 98,000원, 납기 2026.03.31까지입니다.\n수신거부 문자 02-2286-5114',
    },
  ]);
});

test('a notice campaign may only use notice fields', async () => {
  await expect(
    call('campaigns.save', draft(t.core, { kind: 'notice', fields: ['culture'] })),
  ).rejects.toThrow(/고지/);
});
