// Where an SNS import's file comes from: bytes the screen sent, a path (CLI, desktop dialog), or the
// sample table shipped in assets/. Rows are read by the subscribers importer's reader (xlsx, CSV in
// UTF-8 with or without BOM, CP949/EUC-KR as Excel saves it in Korea).
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import type { HandlerContext } from '../core/context';
import { importDir } from '../subscribers/import/job';
import { ReadFailure, readRows, sniff } from '../subscribers/import/read';
import type { CellValue } from '../subscribers/import/values';

export interface SnsRow {
  /** 1-based row number as Excel shows it */
  n: number;
  cells: CellValue[];
}

export const SAMPLE_WARDS_FILE = 'sns-wards-2015-02.xlsx';

/** assets/ beside the sources, next to a bundled main.js, or in Electron's resources. */
export function assetFile(name: string): string {
  const candidates = [
    path.resolve(__dirname, '../../../assets', name),
    path.join(__dirname, 'assets', name),
    path.join((process as { resourcesPath?: string }).resourcesPath ?? '', 'assets', name),
  ];
  const f = candidates.find((c) => fs.existsSync(c));
  if (!f) throw new AppError('NOT_FOUND', `예시 파일을 찾을 수 없습니다: ${name}`);
  return f;
}

/** Every row of the file's first sheet. */
export async function readSheet(file: string, fileName: string): Promise<SnsRow[]> {
  const rows: SnsRow[] = [];
  try {
    const format = sniff(file, fileName);
    for await (const ev of readRows({ file, format })) if (ev.type === 'rows') rows.push(...ev.rows);
  } catch (e) {
    if (e instanceof ReadFailure) throw new AppError('FILE', e.message);
    throw e;
  }
  return rows;
}

export interface FileInput {
  fileBase64?: string;
  path?: string;
  fileName?: string;
  sample?: boolean;
}

/** Reads the rows of whatever file the call names; uploaded bytes live on disk only while read. */
export async function rowsOf(ctx: HandlerContext, i: FileInput): Promise<SnsRow[]> {
  if (i.sample) return readSheet(assetFile(SAMPLE_WARDS_FILE), SAMPLE_WARDS_FILE);
  if (i.fileBase64 !== undefined) {
    const dir = importDir(ctx.core, 'uploads');
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${randomUUID()}.upload`);
    fs.writeFileSync(file, Buffer.from(i.fileBase64, 'base64'), { mode: 0o600 });
    try {
      return await readSheet(file, i.fileName ?? 'upload.csv');
    } finally {
      fs.rmSync(file, { force: true });
    }
  }
  // A browser must send the bytes: a path would let it read any file on the machine running the core.
  if (ctx.call.origin === 'web') throw new AppError('VALIDATION', '웹 화면에서는 파일 내용을 보내 주세요.');
  const file = path.resolve(i.path ?? '');
  if (!fs.existsSync(file)) throw new AppError('NOT_FOUND', `파일을 찾을 수 없습니다: ${i.path}`);
  return readSheet(file, i.fileName ?? path.basename(file));
}
