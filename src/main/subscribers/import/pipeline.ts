// The import itself: file → rows → normalised → written → report. It needs no Core, only a
// connection's repository and a few settings, so the same code runs in the import worker (the
// usual way, on its own SQLite connection) and on the main thread (in-memory databases, or where
// no worker can start).
//
// How a cancel leaves nothing:
// - Rows are normalised and written in transactions of at most `sliceMs` each; between them the
//   pipeline calls `checkpoint()`, which throws on cancel or pause.
// - Everything written is recorded in an undo log (ImportWriter). Cancel, pause, a late fatal
//   error (broken zip at the end, row limit) or a crash of the handler all revert the whole batch:
//   created subscribers with their ledger, events added to existing ones, filled-in blanks. Other
//   users may glimpse rows of a running import; they never keep a partial one.
// - If the process itself dies mid-import, the job is restarted from the start: people merge by
//   contact and an already granted field+channel gets no new event, so the rerun completes it
//   without doubles.
import path from 'node:path';
import type Database from 'better-sqlite3';
import type { ImportKind, ImportMapping, ImportResult } from '../../../shared/contract/imports';
import { AppError } from '../../../shared/errors';
import type { SubscriberRepository } from '../repository';
import { applySavedMapping, detectHeader, type FieldRef, headersAt } from './headers';
import { isBlankRow, type Normalised, type Reference, RowNormaliser } from './normalize';
import { type Format, ReadFailure, sniff } from './read';
import { writeReport } from './report';
import { rowSource } from './source';
import type { CellValue } from './values';
import { ImportWriter } from './writer';

export type ImportOutcome = Omit<ImportResult, 'jobId' | 'status' | 'error'>;

/** What an import run needs to know; plain data, so it can be handed to a worker thread. */
export interface PipelineParams {
  filePath: string;
  fileName: string;
  kind: ImportKind;
  sheet: string | null;
  mapping: ImportMapping | null;
  mappingId: number | null;
  userId: string | null;
  dongScope: number | null;
  /** import time (epoch ms): consent dates when the file has none, the report's time */
  startedAt: number;
  ref: Reference;
  stationId: string | null;
  rowLimit: number;
  /** the folder the result report is written to */
  reportDir: string;
  /** a short id for the report's file name */
  tag: string;
}

export interface PipelineEnv {
  sqlite: Database.Database;
  repo: SubscriberRepository;
  /** throws JobCancelled / JobPaused when asked to stop; yields meanwhile */
  checkpoint(): Promise<void>;
  progress(done: number, total: number, message: string): void;
  /** a checkpoint of the log that can finish (see Checkpointer.catchUp) */
  walCatchUp(): Promise<unknown>;
  /** see WriterOptions.giveWay */
  giveWay?: () => boolean;
}

export interface PipelineOptions {
  /** parse in a reader worker (default) or in this thread */
  readerWorker?: boolean;
  /** the reference path for the bulk insert (bulk.test.ts) */
  rowByRow?: boolean;
  /** longest write transaction, its commit included */
  sliceMs: number;
}

export function sniffOrFail(file: string, fileName: string): Format {
  try {
    return sniff(file, fileName);
  } catch (e) {
    if (e instanceof ReadFailure) throw new AppError('FILE', e.message);
    throw e;
  }
}

const NO_HEADER =
  '머리글(제목 줄)을 찾지 못했습니다. 첫머리에 ‘성명’, ‘휴대전화’ 같은 제목 줄이 있는지, 알맞은 시트를 골랐는지 확인하세요.';

export function loadMapping(
  sqlite: Database.Database,
  id: number,
): { mapping: ImportMapping; kind: ImportKind } {
  const row = sqlite.prepare('SELECT kind, mapping FROM import_mappings WHERE id = ?').get(id) as
    | { kind: ImportKind; mapping: string }
    | undefined;
  if (!row) throw new AppError('NOT_FOUND', '저장한 열 대응을 찾을 수 없습니다.');
  return { kind: row.kind, mapping: JSON.parse(row.mapping) };
}

/** Resolves the column mapping from the first rows: the caller's, a saved one, or recognised. */
export function resolveMapping(
  sqlite: Database.Database,
  head: CellValue[][],
  p: { kind: ImportKind; mapping: ImportMapping | null; mappingId: number | null },
  ref: Reference,
): { mapping: ImportMapping; headers: string[]; unrecognised: string[] } {
  let guess: { mapping: ImportMapping; headers: string[]; unrecognised: string[] } | null;
  if (p.mapping) guess = { mapping: p.mapping, headers: headersAt(head, p.mapping), unrecognised: [] };
  else if (p.mappingId !== null) {
    const saved = loadMapping(sqlite, p.mappingId);
    guess = applySavedMapping(saved.mapping, head, p.kind, ref.fields);
  } else guess = detectHeader(head, p.kind, ref.fields);
  if (!guess) throw new AppError('FILE', NO_HEADER);
  const targets = new Set(guess.mapping.columns.map((c) => c.target));
  if (!targets.has('mobile') && !targets.has('email'))
    throw new AppError(
      'FILE',
      '휴대전화나 이메일 열을 찾지 못했습니다. 연락처 열의 제목을 확인하거나 열 대응을 지정하세요.',
    );
  if (!targets.has('name'))
    throw new AppError(
      'FILE',
      p.kind === 'business' ? '상호(업체명) 열을 찾지 못했습니다.' : '이름(성명) 열을 찾지 못했습니다.',
    );
  return guess;
}

const HEAD_ROWS = 30;

/**
 * Writing pauses this often for the log to be checkpointed (see Checkpointer.catchUp): the log of a
 * 100,000-row import stays near 250 MB instead of 2.7 GB, at about the same speed (measured).
 */
const WAL_CATCH_UP_MS = 2000;

export async function runPipeline(
  env: PipelineEnv,
  p: PipelineParams,
  o: PipelineOptions,
): Promise<ImportOutcome> {
  const startedAt = new Date(p.startedAt);
  let writer: ImportWriter | null = null;
  try {
    const format = sniffOrFail(p.filePath, p.fileName);
    const ref: Reference = { ...p.ref, fields: p.ref.fields as FieldRef[] };
    const source = rowSource({ file: p.filePath, format, sheet: p.sheet }, o.readerWorker ?? true);

    const head: CellValue[][] = [];
    let pending: { n: number; cells: CellValue[] }[] = [];
    let normaliser: RowNormaliser | null = null;
    let headers: string[] = [];
    let dateColumns: number[] = [];
    let headerRow = 0;
    let total = 0;

    const start = async () => {
      const m = resolveMapping(env.sqlite, head, p, ref);
      headers = m.headers;
      dateColumns = m.mapping.columns
        .filter((c) => c.target === 'birth' || c.target === 'appliedAt')
        .map((c) => c.column);
      headerRow = m.mapping.headerRow;
      normaliser = new RowNormaliser({
        kind: p.kind,
        mapping: m.mapping,
        ref,
        dongScope: p.dongScope,
        now: startedAt,
      });
      writer = await ImportWriter.create(env.repo, {
        kind: p.kind,
        fileName: p.fileName,
        stationId: p.stationId,
        userId: p.userId,
        now: startedAt.toISOString(),
        label: (f, c) => normaliser!.fieldLabel(f, c),
        rowByRow: o.rowByRow,
        giveWay: env.giveWay,
      });
    };
    let counted = 0;
    let lastCatchUp = performance.now();
    const normalise = (r: { n: number; cells: CellValue[] }): Normalised | null =>
      r.n <= headerRow ? null : normaliser!.normalise(r);
    // Each transaction normalises and writes as many rows as fit in `sliceMs`; between them the
    // pipeline yields (cancel, pause) and now and then lets the log be checkpointed.
    const write = async (rows: { n: number; cells: CellValue[] }[]) => {
      // The row limit first (blank rows do not count), so a slice never throws halfway.
      for (const r of rows) if (r.n > headerRow && !isBlankRow(r.cells)) counted++;
      if (counted > p.rowLimit)
        throw new AppError(
          'FILE',
          `행이 너무 많습니다. 한 번에 ${p.rowLimit.toLocaleString('ko-KR')}행까지 가져올 수 있습니다. 파일을 나누어 가져오세요.`,
        );
      for (let i = 0; i < rows.length; ) {
        i = writer!.applyRaw(rows, i, o.sliceMs, normalise);
        await env.checkpoint();
        if (performance.now() - lastCatchUp > WAL_CATCH_UP_MS) {
          await env.walCatchUp();
          lastCatchUp = performance.now();
        }
      }
    };

    for await (const ev of source) {
      if (ev.type !== 'rows') continue;
      total = ev.total;
      if (!normaliser) {
        for (const r of ev.rows) if (r.n <= HEAD_ROWS) head[r.n - 1] = r.cells;
        pending.push(...ev.rows);
        if (ev.rows[ev.rows.length - 1].n < HEAD_ROWS) continue;
        for (let i = 0; i < head.length; i++) head[i] ??= [];
        await start();
        await write(pending);
        pending = [];
      } else await write(ev.rows);
      // Rows of the sheet read so far against its declared size (0 = unknown: the bar shows rows only).
      const done = writer!.counts.rows;
      const last = ev.rows[ev.rows.length - 1]?.n ?? 0;
      const est = total > 0 ? Math.max(done, Math.round((done * total) / Math.max(last, 1))) : 0;
      env.progress(done, est, `${done.toLocaleString('ko-KR')}행 처리`);
    }
    if (!normaliser) {
      for (let i = 0; i < head.length; i++) head[i] ??= [];
      if (head.length === 0) throw new AppError('FILE', '시트가 비어 있습니다.');
      await start();
      await write(pending);
    }
    const w = writer! as ImportWriter;
    if (w.counts.rows === 0) throw new AppError('FILE', '머리글 아래에 가져올 행이 없습니다.');
    env.progress(w.counts.rows, w.counts.rows, '결과 보고서를 만드는 중');

    let reportFile: string | null = null;
    if (w.rejected.length + w.warned.length + w.review.length > 0) {
      const base = path.basename(p.fileName).replace(/\.[^.]+$/, '');
      reportFile = path.join(p.reportDir, `${base}_가져오기결과_${p.tag}.xlsx`);
      await writeReport(reportFile, {
        fileName: p.fileName,
        headers,
        dateColumns,
        at: startedAt,
        counts: w.counts,
        rejected: w.rejected,
        warned: w.warned,
        review: w.review,
      });
    }
    return { fileName: p.fileName, ...w.counts, reportFile };
  } catch (e) {
    const w = writer as ImportWriter | null;
    if (w) await w.revert(() => new Promise((r) => setImmediate(r)));
    if (e instanceof ReadFailure) throw new AppError('FILE', e.message);
    throw e;
  }
}
