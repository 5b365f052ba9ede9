// Reading a spreadsheet as a stream of rows: xlsx through exceljs's streaming reader, CSV in any
// encoding Korean offices produce. Pure Node (no core): it also runs inside the reader worker.
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { type CellValue, flattenCell } from './values';

export type Format = 'xlsx' | 'csv';

export interface RawRow {
  /** 1-based row number in the sheet (what the office sees in Excel) */
  n: number;
  cells: CellValue[];
}

export type ReadEvent =
  | { type: 'meta'; format: Format; encoding: string | null; sheets: string[]; sheet: string | null }
  /** total: the sheet's row count as far as known (declared, or estimated from bytes); 0 = unknown */
  | { type: 'rows'; rows: RawRow[]; total: number };

/** A file that cannot be imported at all; the message is for office staff. */
export class ReadFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReadFailure';
  }
}

const SPREADSHEET_EXT = /\.(xlsx|xlsm|xltx|xls)$/i;
const TEXT_EXT = /\.(csv|txt|tsv)$/i;

/** Decides the format from the first bytes (a renamed file lies about its extension). */
export function sniff(file: string, fileName: string): Format {
  let head: Buffer;
  let size: number;
  try {
    size = fs.statSync(file).size;
    const fd = fs.openSync(file, 'r');
    head = Buffer.alloc(8);
    fs.readSync(fd, head, 0, 8, 0);
    fs.closeSync(fd);
  } catch {
    throw new ReadFailure(
      '파일을 열 수 없습니다. 파일이 있는지, 다른 프로그램이 쓰고 있지 않은지 확인하세요.',
    );
  }
  if (size === 0) throw new ReadFailure('빈 파일입니다.');
  if (head[0] === 0x50 && head[1] === 0x4b && (head[2] === 0x03 || head[2] === 0x05)) return 'xlsx';
  if (head.readUInt32BE(0) === 0xd0cf11e0)
    throw new ReadFailure(
      '예전 엑셀 형식(.xls)이거나 암호가 걸린 파일이라 읽을 수 없습니다. 엑셀에서 “다른 이름으로 저장 → Excel 통합 문서(.xlsx)”로 저장한 뒤 가져오세요.',
    );
  if (SPREADSHEET_EXT.test(fileName))
    throw new ReadFailure('엑셀 파일이 아닙니다. 파일 이름만 .xlsx이고 내용은 스프레드시트가 아닙니다.');
  if (TEXT_EXT.test(fileName)) return 'csv';
  throw new ReadFailure(
    `지원하지 않는 파일 형식입니다(${path.extname(fileName) || '확장자 없음'}). 엑셀(.xlsx) 또는 CSV(.csv) 파일만 가져올 수 있습니다.`,
  );
}

export interface ReadOptions {
  file: string;
  format: Format;
  sheet?: string | null;
  /** rows per batch */
  batch?: number;
}

export function readRows(o: ReadOptions): AsyncGenerator<ReadEvent> {
  return o.format === 'xlsx' ? readXlsx(o) : readCsv(o);
}

/** Decodes a stream of byte chunks as one UTF-8 text, and notes the sheet's declared size. */
async function* decodeUtf8(
  chunks: AsyncIterable<Buffer | string>,
  info: { rows: number },
): AsyncGenerator<string> {
  const dec = new TextDecoder('utf-8');
  let first = true;
  for await (const c of chunks) {
    const s = typeof c === 'string' ? c : dec.decode(c, { stream: true });
    if (first && s) {
      first = false;
      // <dimension ref="A1:J100001"/> (Excel, LibreOffice): the row count, for the progress bar
      const m = /<dimension ref="[A-Z]+\d+:[A-Z]+(\d+)"/.exec(s.slice(0, 4096));
      if (m) info.rows = Number(m[1]);
    }
    if (s) yield s;
  }
  const tail = dec.decode();
  if (tail) yield tail;
}

/**
 * exceljs's streaming reader decodes every zip chunk on its own, so a Hangul syllable split
 * across two chunks becomes '��' (exceljs issues #2063, #2084, #2316): in a large Korean file a
 * name here and there would be silently corrupted. Hand it text decoded as one stream instead.
 */
const WorkbookReaderBase = ExcelJS.stream.xlsx.WorkbookReader as unknown as new (
  input: unknown,
  options: unknown,
  // biome-ignore lint/suspicious/noExplicitAny: exceljs's reader internals are untyped
) => any;

class Utf8WorkbookReader extends WorkbookReaderBase {
  async _parseWorkbook(entry: NodeJS.ReadableStream) {
    entry.setEncoding('utf8');
    return super._parseWorkbook(entry);
  }

  async *_parseSharedStrings(entry: NodeJS.ReadableStream) {
    entry.setEncoding('utf8');
    yield* super._parseSharedStrings(entry);
  }

  *_parseWorksheet(iterator: AsyncIterable<Buffer>, sheetNo: string) {
    const info = { rows: 0 };
    for (const ev of super._parseWorksheet(decodeUtf8(iterator, info), sheetNo)) {
      ev.value.declared = info;
      yield ev;
    }
  }
}

const BROKEN =
  '파일이 손상되어 읽을 수 없습니다(압축 형식 오류). 원본 파일을 엑셀에서 열어 다시 저장한 뒤 가져오세요.';

async function* readXlsx(o: ReadOptions): AsyncGenerator<ReadEvent> {
  const input = fs.createReadStream(o.file);
  const reader = new Utf8WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    entries: 'ignore',
  });
  const batchSize = o.batch ?? 500;
  const seen: string[] = [];
  let found = false;
  let failed: unknown = null;
  // unzipper reports a broken archive on the input stream as well; keep it from going unhandled.
  input.on('error', (e) => {
    failed = e;
  });
  try {
    for await (const ws of reader as unknown as AsyncIterable<
      ExcelJS.Worksheet & { name: string; declared: { rows: number } }
    >) {
      seen.push(ws.name);
      if (found || (o.sheet && ws.name !== o.sheet)) continue;
      found = true;
      const model = (reader as unknown as { model?: { sheets?: { name: string }[] } }).model;
      yield {
        type: 'meta',
        format: 'xlsx',
        encoding: null,
        sheets: model?.sheets?.map((s) => s.name) ?? [ws.name],
        sheet: ws.name,
      };
      let batch: RawRow[] = [];
      for await (const row of ws as unknown as AsyncIterable<ExcelJS.Row>) {
        const values = row.values as unknown[];
        const cells: CellValue[] = new Array(Math.max(0, values.length - 1));
        for (let i = 1; i < values.length; i++) cells[i - 1] = flattenCell(values[i]);
        batch.push({ n: row.number, cells });
        if (batch.length >= batchSize) {
          yield { type: 'rows', rows: batch, total: ws.declared.rows };
          batch = [];
        }
      }
      if (batch.length) yield { type: 'rows', rows: batch, total: ws.declared.rows };
      if (!o.sheet) break;
    }
  } catch (e) {
    if (e instanceof ReadFailure) throw e;
    throw new ReadFailure(BROKEN);
  } finally {
    input.destroy();
  }
  if (failed) throw new ReadFailure(BROKEN);
  if (!found) {
    if (seen.length === 0)
      throw new ReadFailure(
        '엑셀 파일에서 시트를 찾지 못했습니다. 엑셀 통합 문서(.xlsx)가 맞는지 확인하세요.',
      );
    throw new ReadFailure(`‘${o.sheet}’ 시트가 없습니다. 이 파일의 시트: ${seen.join(', ')}`);
  }
}

/** UTF-8 (with or without BOM), UTF-16 with BOM, else CP949 (Excel's "CSV" on Korean Windows). */
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
    // iconv-lite's euc-kr is the cp949 superset (똠, 햏 …), which is what Excel writes.
    return { text: iconv.decode(buf, 'cp949'), encoding: 'cp949' };
  }
}

async function* readCsv(o: ReadOptions): AsyncGenerator<ReadEvent> {
  const buf = fs.readFileSync(o.file);
  if (buf.subarray(0, 4096).includes(0) && !(buf[0] === 0xff || buf[0] === 0xfe))
    throw new ReadFailure('텍스트(CSV) 파일이 아닙니다. 엑셀(.xlsx) 또는 CSV 파일을 골라 주세요.');
  const { text, encoding } = decodeText(buf);
  const nl = text.indexOf('\n');
  const firstLine = text.slice(0, nl < 0 ? 4000 : nl);
  const delimiter = (firstLine.match(/\t/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? '\t' : ',';
  yield { type: 'meta', format: 'csv', encoding, sheets: [], sheet: null };
  const parser = parse({ delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: false });
  const batchSize = o.batch ?? 500;
  // Feed the text in slices so a large file streams through the parser instead of piling up rows.
  const feed = (async () => {
    const step = 1 << 16;
    for (let i = 0; i < text.length; i += step) {
      if (!parser.write(text.slice(i, i + step))) await new Promise((r) => parser.once('drain', r));
    }
    parser.end();
  })();
  feed.catch(() => {}); // a parse error surfaces from the loop below
  let batch: RawRow[] = [];
  let n = 0;
  try {
    for await (const rec of parser as AsyncIterable<string[]>) {
      n++;
      batch.push({ n, cells: rec });
      if (batch.length >= batchSize) {
        yield {
          type: 'rows',
          rows: batch,
          total: Math.round((n * text.length) / Math.max(1, parser.info.bytes)),
        };
        batch = [];
      }
    }
    await feed;
  } catch (e) {
    if (e instanceof ReadFailure) throw e;
    throw new ReadFailure(`CSV 파일을 읽지 못했습니다: ${n + 1}번째 줄 근처의 따옴표나 구분자를 확인하세요.`);
  } finally {
    parser.destroy();
  }
  if (batch.length) yield { type: 'rows', rows: batch, total: n };
}
