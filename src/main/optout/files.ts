/**
 * What staff bring from the work smartphone: pasted lines ("010-1234-5678 수신거부 2026.11.20 14:03"),
 * a tab-separated copy from Excel, a CSV (UTF-8 or CP949) with 발신번호/내용/수신일시 headers, a
 * phone app's export (Number/Message/Date/Type columns, epoch dates), or an xlsx sheet. Everything
 * becomes rows of {from, text, receivedAt}.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { AppError } from '../../shared/errors';
import { normalizePhone } from '../../shared/text/phone';
import { findDateTime, parseMessageTime, withTimeOfDay } from './time';

export interface ReadRow {
  /** 1-based row or line number in the source, for problem reports */
  row: number;
  from: string;
  text: string;
  receivedAt: Date | null;
}

export interface ReadResult {
  rows: ReadRow[];
  problems: { row: number; message: string }[];
  format: 'xlsx' | 'csv' | 'tsv' | 'text';
  encoding: string | null;
}

type Cell = string | number | Date | null;

const H = {
  sender: /^(?:발신번호|발신자번호|보낸번호|보낸사람번호|발신자|보낸사람|발신|보낸이)$/,
  phone: /전화번호|휴대폰|휴대전화|핸드폰|연락처|^번호$|phone|number|^from$|sender|^address$|^주소$/,
  text: /내용|메시지|메세지|본문|^body$|message|^text$|content|^sms$|^msg$|^문자$/,
  datetime:
    /수신일시|수신시간|수신시각|받은시간|받은일시|^일시$|readable_?date|datetime|date\/?time|^received|날짜및시간|^시간\(일시\)$/,
  date: /날짜|일자|^date$|^수신일$|받은날/,
  time: /^시간$|^time$|^시각$/,
  type: /^유형$|^구분$|^type$|^종류$|수발신|^box$|^folder$|폴더/,
};
const SENT = /발신|보낸|^sent$|outbox|^2$|outgoing|^out$|송신/i;

function flatten(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return v;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText))
      return (o.richText as { text?: string }[]).map((r) => r.text ?? '').join('');
    if ('result' in o || 'formula' in o || 'sharedFormula' in o) return flatten(o.result);
    if ('text' in o) return flatten(o.text);
    if ('error' in o) return null;
  }
  return String(v);
}

function text(v: Cell): string {
  if (v === null) return '';
  if (typeof v === 'number') return Number.isInteger(v) ? v.toFixed(0) : String(v);
  if (v instanceof Date) return v.toISOString();
  return v.replace(/[\u200B-\u200D\uFEFF]/g, '').trim();
}

const headerKey = (v: Cell) =>
  text(v)
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_]+/g, '')
    .replace(/_/g, '');

function looksLikePhone(v: Cell): boolean {
  const s = text(v);
  if (!s || s.length > 20) return false;
  const k = normalizePhone(s).kind;
  return k !== 'invalid';
}

interface Columns {
  from: number;
  text: number;
  datetime: number;
  date: number;
  time: number;
  type: number;
}

function byHeader(row: Cell[]): Columns | null {
  const keys = row.map(headerKey);
  const find = (re: RegExp, skip: number[] = []) =>
    keys.findIndex((k, i) => k !== '' && re.test(k) && !skip.includes(i));
  let from = find(H.sender);
  if (from < 0) from = find(H.phone);
  const textCol = find(H.text, [from]);
  if (from < 0 || textCol < 0) return null;
  const datetime = find(H.datetime, [from, textCol]);
  const date = datetime < 0 ? find(H.date, [from, textCol]) : -1;
  const time = datetime < 0 ? find(H.time, [from, textCol, date]) : -1;
  return { from, text: textCol, datetime, date, time, type: find(H.type, [from, textCol]) };
}

/** No header: the column of phone numbers, the one of dates, and the longest remaining text. */
function byContent(rows: Cell[][], now: Date): Columns | null {
  const width = Math.max(0, ...rows.map((r) => r.length));
  const sample = rows.slice(0, 200);
  const share = (i: number, f: (v: Cell) => boolean) => {
    const vals = sample.map((r) => r[i] ?? null).filter((v) => text(v) !== '');
    return vals.length === 0 ? 0 : vals.filter(f).length / vals.length;
  };
  let from = -1;
  let best = 0.5;
  for (let i = 0; i < width; i++) {
    const s = share(i, looksLikePhone);
    if (s > best) [from, best] = [i, s];
  }
  if (from < 0) return null;
  let datetime = -1;
  best = 0.5;
  for (let i = 0; i < width; i++) {
    if (i === from) continue;
    const s = share(i, (v) => parseMessageTime(v, now) !== null);
    if (s > best) [datetime, best] = [i, s];
  }
  let textCol = -1;
  let longest = -1;
  for (let i = 0; i < width; i++) {
    if (i === from || i === datetime) continue;
    const avg = sample.reduce((a, r) => a + text(r[i] ?? null).length, 0) / Math.max(1, sample.length);
    if (avg > longest) [textCol, longest] = [i, avg];
  }
  if (textCol < 0) return null;
  return { from, text: textCol, datetime, date: -1, time: -1, type: -1 };
}

/** Rows of cells (sheet, CSV, TSV) → messages. Null when no column of numbers can be found. */
export function readTable(
  cells: Cell[][],
  now: Date,
  rowOffset = 1,
): Omit<ReadResult, 'format' | 'encoding'> | null {
  let start = 0;
  let cols: Columns | null = null;
  for (let i = 0; i < Math.min(10, cells.length); i++) {
    cols = byHeader(cells[i]);
    if (cols) {
      start = i + 1;
      break;
    }
  }
  const body = cells.slice(start);
  // A header the content does not bear out (a "주소" column of street addresses) is no header.
  if (cols && body.length > 0) {
    const vals = body
      .slice(0, 200)
      .map((r) => r[cols!.from] ?? null)
      .filter((v) => text(v) !== '');
    if (vals.length > 0 && vals.filter(looksLikePhone).length / vals.length < 0.5) cols = null;
  }
  if (!cols) {
    start = 0;
    cols = byContent(cells, now);
    if (!cols) return null;
  }
  const rows: ReadRow[] = [];
  const problems: ReadResult['problems'] = [];
  for (let i = start; i < cells.length; i++) {
    const r = cells[i];
    const rowNo = i + rowOffset;
    if (r.every((c) => text(c) === '')) continue;
    if (cols.type >= 0 && SENT.test(text(r[cols.type] ?? null))) continue; // messages we sent
    const from = text(r[cols.from] ?? null);
    if (!from || normalizePhone(from).kind === 'invalid') {
      problems.push({ row: rowNo, message: from ? `번호를 읽을 수 없습니다: ${from}` : '번호가 없습니다.' });
      continue;
    }
    let at: Date | null = null;
    if (cols.datetime >= 0) at = parseMessageTime(r[cols.datetime] ?? null, now);
    else if (cols.date >= 0) {
      at = parseMessageTime(r[cols.date] ?? null, now);
      if (at && cols.time >= 0) at = withTimeOfDay(at, r[cols.time] ?? null);
    }
    rows.push({ row: rowNo, from, text: text(r[cols.text] ?? null), receivedAt: at });
  }
  return { rows, problems };
}

const PHONE_IN_LINE =
  /(?<![\d])(?:\+82[-\s.]?|0)(?:1[016789]|2|[3-6]\d|70|80)[-\s.)]?\d{3,4}[-\s.]?\d{4}(?!\d)/;
const EDGE = /^[\s,|\t:;\-–—·/]+|[\s,|\t:;\-–—·/]+$/g;

/**
 * Free lines: a number starts a message; the rest of its line (minus the time) is the text; lines
 * without a number continue the text of the message above; a line that is only a time belongs to the
 * message above it if that has none yet, otherwise to the next one.
 */
export function readLines(input: string, now: Date): Omit<ReadResult, 'format' | 'encoding'> {
  const rows: ReadRow[] = [];
  const problems: ReadResult['problems'] = [];
  let cur: ReadRow | null = null;
  let pendingAt: Date | null = null;
  const lines = input.split(/\r\n|\r|\n/);
  lines.forEach((raw, i) => {
    const line = raw.replace(/[\u200B-\u200D\uFEFF]/g, '').trim();
    if (!line) return;
    const phone = PHONE_IN_LINE.exec(line);
    let rest = phone ? line.slice(0, phone.index) + line.slice(phone.index + phone[0].length) : line;
    const dt = findDateTime(rest, now);
    if (dt) rest = rest.replace(dt.match, ' ');
    rest = rest
      .replace(/^["']|["']$/g, '')
      .replace(EDGE, '')
      .replace(/\s{2,}/g, ' ');
    if (phone) {
      cur = { row: i + 1, from: phone[0], text: rest, receivedAt: dt?.at ?? pendingAt };
      pendingAt = null;
      rows.push(cur);
      return;
    }
    if (!rest && dt) {
      if (cur && !cur.receivedAt) cur.receivedAt = dt.at;
      else pendingAt = dt.at;
      return;
    }
    if (cur) {
      cur.text = cur.text ? `${cur.text}\n${rest}` : rest;
      if (!cur.receivedAt && dt) cur.receivedAt = dt.at;
      return;
    }
    problems.push({ row: i + 1, message: '번호가 없는 줄입니다.' });
  });
  return { rows, problems };
}

function delimiterOf(lines: string[]): '\t' | ',' | ';' | null {
  const sample = lines.slice(0, 50);
  for (const d of ['\t', ',', ';'] as const) {
    const counts = sample.map((l) => l.split(d).length - 1);
    const withIt = counts.filter((c) => c > 0).length;
    if (
      d === '\t'
        ? withIt >= sample.length * 0.6
        : withIt >= sample.length * 0.8 && counts.every((c) => c === counts[0])
    )
      return d;
  }
  // A CSV header row makes commas count even when texts contain more of them.
  if (sample[0] && /,/.test(sample[0]) && byHeader(sample[0].split(',')) !== null) return ',';
  return null;
}

/** Pasted or decoded text: a table when it has one, else free lines. */
export function readText(input: string, now: Date): ReadResult {
  const lines = input.split(/\r\n|\r|\n/).filter((l) => l.trim() !== '');
  const d = delimiterOf(lines);
  if (d) {
    let cells: Cell[][] | null = null;
    try {
      cells = parseCsv(input, {
        delimiter: d,
        relax_column_count: true,
        relax_quotes: true,
        skip_empty_lines: false,
        bom: true,
      }) as string[][];
    } catch {
      cells = null;
    }
    const table = cells ? readTable(cells, now) : null;
    if (table && table.rows.length > 0)
      return { ...table, format: d === '\t' ? 'tsv' : 'csv', encoding: null };
  }
  return { ...readLines(input, now), format: 'text', encoding: null };
}

/** UTF-8 (with or without BOM), UTF-16 with BOM, else CP949 — what Korean Excel saves. */
export function decodeText(buf: Buffer): { text: string; encoding: string } {
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf)
    return { text: buf.subarray(3).toString('utf8'), encoding: 'utf-8-bom' };
  if (buf[0] === 0xff && buf[1] === 0xfe)
    return { text: iconv.decode(buf.subarray(2), 'utf-16le'), encoding: 'utf-16le' };
  if (buf[0] === 0xfe && buf[1] === 0xff)
    return { text: iconv.decode(buf.subarray(2), 'utf-16be'), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(buf), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(buf, 'cp949'), encoding: 'cp949' };
  }
}

async function readXlsx(buf: Buffer, now: Date): Promise<ReadResult> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch {
    throw new AppError('FILE', '엑셀 파일을 열 수 없습니다. 파일이 손상되었거나 xlsx 형식이 아닙니다.');
  }
  const problems: ReadResult['problems'] = [];
  for (const ws of wb.worksheets) {
    const cells: Cell[][] = [];
    ws.eachRow({ includeEmpty: true }, (row, n) => {
      const vals = (row.values as unknown[]).slice(1).map(flatten);
      cells[n - 1] = vals;
    });
    for (let i = 0; i < cells.length; i++) cells[i] ??= [];
    const table = readTable(cells, now);
    if (table && table.rows.length > 0) return { ...table, format: 'xlsx', encoding: null };
    if (table) problems.push(...table.problems);
  }
  if (problems.length > 0) return { rows: [], problems, format: 'xlsx', encoding: null };
  throw new AppError(
    'FILE',
    '엑셀 파일에서 전화번호 열을 찾지 못했습니다. 발신번호·내용·수신일시 열이 있는지 확인하세요.',
  );
}

/** A file's bytes → messages. xlsx by its zip signature; everything else is text (CSV, TSV, lines). */
export async function readOptOutFile(buf: Buffer, fileName: string, now: Date): Promise<ReadResult> {
  if (buf.length === 0) throw new AppError('FILE', '빈 파일입니다.');
  if (buf[0] === 0x50 && buf[1] === 0x4b) return readXlsx(buf, now);
  if (/\.xls$/i.test(fileName))
    throw new AppError('FILE', '예전 엑셀(xls) 형식은 읽지 못합니다. 엑셀에서 xlsx나 CSV로 저장해 주세요.');
  const { text: decoded, encoding } = decodeText(buf);
  const r = readText(decoded, now);
  return { ...r, encoding };
}
