import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type ExcelJS from 'exceljs';
import { AppError } from '../../shared/errors';
import type { Core } from '../core/core';
import type { HandlerContext } from '../core/context';
import { seoulStamp } from './time';

export interface Column {
  header: string;
  key: string;
  width: number;
}

/** Korean headers, widths, bold header row frozen on top: how the office expects a list to look. */
export function setupSheet(ws: ExcelJS.Worksheet, columns: Column[]): void {
  ws.columns = columns.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  const head = ws.getRow(1);
  head.font = { bold: true };
  head.alignment = { vertical: 'middle', horizontal: 'center' };
  head.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
}

export const FROZEN_HEADER: Partial<ExcelJS.AddWorksheetOptions> = {
  views: [{ state: 'frozen', ySplit: 1 }],
};

/**
 * Where an export goes: the path the desktop/CLI caller chose, or — in web mode, where a browser
 * must not name files on this machine — a file under the data folder's `exports` directory.
 */
export function exportPath(
  core: Core,
  ctx: HandlerContext,
  requested: string | undefined,
  base: string,
): string {
  const web = ctx.call.origin === 'web' || core.mode === 'web';
  let file: string;
  if (requested && !web) {
    file = path.resolve(requested);
    if (!/\.xlsx$/i.test(file)) file += '.xlsx';
  } else {
    const dataDir = core.dbPath === ':memory:' ? os.tmpdir() : path.dirname(path.resolve(core.dbPath));
    file = path.join(dataDir, 'exports', `${base}-${seoulStamp(core.clock.now())}.xlsx`);
  }
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
  } catch {
    throw new AppError('FILE', `저장할 폴더를 만들 수 없습니다: ${path.dirname(file)}`);
  }
  return file;
}
