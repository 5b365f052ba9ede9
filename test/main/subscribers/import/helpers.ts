import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import type { ImportResult } from '../../../../src/shared/contract/imports';
import type { CallContext } from '../../../../src/main/core/context';
import type { TestCore } from '../../../support/core';

export const FIXTURES = path.resolve(__dirname, '../../../fixtures/import');

type Cell =
  | string
  | number
  | boolean
  | Date
  | null
  | { formula: string; result: unknown }
  | { richText: { text: string }[] }
  | { text: string; hyperlink: string };

/** An xlsx written by exceljs's streaming writer (as the bench does). */
export async function writeXlsx(file: string, rows: Cell[][], sheet = '명단'): Promise<string> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: file,
    useSharedStrings: true,
    useStyles: false,
  });
  const ws = wb.addWorksheet(sheet);
  for (const r of rows) ws.addRow(r as ExcelJS.CellValue[]).commit();
  await ws.commit();
  await wb.commit();
  return file;
}

export function writeCsv(
  file: string,
  rows: string[][],
  encoding: 'utf-8' | 'utf-8-bom' | 'cp949' = 'utf-8',
): string {
  const text = rows
    .map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(','))
    .join('\r\n');
  const buf =
    encoding === 'cp949'
      ? iconv.encode(text, 'cp949')
      : encoding === 'utf-8-bom'
        ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')])
        : Buffer.from(text, 'utf8');
  fs.writeFileSync(file, buf);
  return file;
}

/** Reads every sheet of an xlsx back: { sheetName: rows of cell texts }. */
export async function readBack(file: string): Promise<Record<string, string[][]>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const out: Record<string, string[][]> = {};
  wb.eachSheet((ws) => {
    const rows: string[][] = [];
    ws.eachRow((row) => {
      const vals = (row.values as unknown[])
        .slice(1)
        .map((v) => (v === null || v === undefined ? '' : String(v)));
      rows.push(vals);
    });
    out[ws.name] = rows;
  });
  return out;
}

/** Starts an import through the router and waits for the job. */
export async function importFile(
  t: TestCore,
  file: string,
  extra: Record<string, unknown> = {},
  ctx: CallContext = t.cli,
): Promise<ImportResult> {
  const { jobId } = (await t.core.router.call(
    'imports.start',
    { path: file, fileName: path.basename(file), ...extra },
    ctx,
  )) as { jobId: string };
  await t.core.jobs.wait(jobId);
  return (await t.core.router.call('imports.result', { jobId }, ctx)) as ImportResult;
}

export function count(t: TestCore, table: string): number {
  return (t.core.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}

export function tableCounts(t: TestCore) {
  return {
    subscribers: count(t, 'subscribers'),
    events: count(t, 'consent_events'),
    states: count(t, 'consent_state'),
  };
}

export function fieldId(t: TestCore, name: string): number {
  const f = t.core.reference.list().fields.find((x) => x.name === name);
  if (!f) throw new Error(`no field ${name}`);
  return f.id;
}

export function dongId(t: TestCore, name: string): number {
  const d = t.core.reference.list().dongs.find((x) => x.name === name);
  if (!d) throw new Error(`no dong ${name}`);
  return d.id;
}

/** consents of a subscriber as 'field(channel)' strings, sorted */
export function consentsOf(t: TestCore, mobileOrEmail: string): string[] {
  const s =
    t.core.subscriberRepo.byMobile(mobileOrEmail)[0] ?? t.core.subscriberRepo.byEmail(mobileOrEmail)[0];
  if (!s) return [];
  const names = new Map(t.core.reference.list().fields.map((f) => [f.id, f.name]));
  return t.core.subscriberRepo
    .consentOf(s.id)
    .filter((c) => c.granted)
    .map((c) => `${names.get(c.fieldId)}(${c.channel})`)
    .sort();
}
