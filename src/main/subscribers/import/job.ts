// The 'import.subscribers' job: file → rows → normalised → written, with progress and cancel.
//
// How a cancel leaves nothing without freezing the app:
// - Parsing runs in a worker thread (source.ts) while this thread normalises and writes.
// - Rows are normalised and written in short transactions (≈16 ms each, commit included), then
//   the job yields (checkpoint). New people go in through one positional-parameter insert each
//   (repo.insertImported). One transaction over the whole import would hold SQLite's write lock for
//   seconds, and since every call shares this one connection, other users' writes would land
//   inside it (and be rolled back with it on cancel).
// - Everything written is recorded in an undo log (ImportWriter). Cancel, pause, a late fatal
//   error (broken zip at the end, row limit) or a crash of the handler all revert the whole batch:
//   created subscribers with their ledger, events added to existing ones, filled-in blanks. Other
//   users may glimpse rows of a running import; they never keep a partial one.
// - If the process itself dies mid-import, the job is restarted from the start: people merge by
//   contact and an already granted field+channel gets no new event, so the rerun completes it
//   without doubles.
import fs from 'node:fs';
import path from 'node:path';
import type { ImportKind, ImportMapping, ImportResult } from '../../../shared/contract/imports';
import { AppError } from '../../../shared/errors';
import type { AuditActor } from '../../audit/service';
import type { Core } from '../../core/core';
import { type JobHandle, JobCancelled, JobPaused } from '../../jobs/runner';
import { applySavedMapping, detectHeader, type FieldRef, headersAt } from './headers';
import { isBlankRow, type Normalised, type Reference, RowNormaliser } from './normalize';
import { type Format, ReadFailure, sniff } from './read';
import { writeReport } from './report';
import { rowSource } from './source';
import type { CellValue } from './values';
import { ImportWriter } from './writer';

export const IMPORT_JOB = 'import.subscribers';

export interface ImportParams {
  filePath: string;
  fileName: string;
  /** the file is our copy of an upload: delete it when the job ends */
  uploaded: boolean;
  kind: ImportKind;
  sheet: string | null;
  mapping: ImportMapping | null;
  mappingId: number | null;
  actor: AuditActor;
  userId: string | null;
  dongScope: number | null;
}

export type ImportOutcome = Omit<ImportResult, 'jobId' | 'status' | 'error'>;

export function importDir(core: Core, sub: 'uploads' | 'reports'): string {
  const base = core.dbPath === ':memory:' ? process.cwd() : path.dirname(path.resolve(core.dbPath));
  return path.join(base, 'imports', sub);
}

export function referenceOf(core: Core): Reference {
  const ref = core.reference.list();
  return {
    fields: ref.fields.filter((f) => f.active) as FieldRef[],
    dongs: ref.dongs.filter((d) => d.active),
    businessTypes: ref.businessTypes.filter((b) => b.active),
  };
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

/** Resolves the column mapping from the first rows: the caller's, a saved one, or recognised. */
export function resolveMapping(
  core: Core,
  head: CellValue[][],
  p: { kind: ImportKind; mapping: ImportMapping | null; mappingId: number | null },
  ref: Reference,
): { mapping: ImportMapping; headers: string[]; unrecognised: string[] } {
  let guess: { mapping: ImportMapping; headers: string[]; unrecognised: string[] } | null;
  if (p.mapping) guess = { mapping: p.mapping, headers: headersAt(head, p.mapping), unrecognised: [] };
  else if (p.mappingId !== null) {
    const saved = loadMapping(core, p.mappingId);
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

export function loadMapping(core: Core, id: number): { mapping: ImportMapping; kind: ImportKind } {
  const row = core.sqlite.prepare('SELECT kind, mapping FROM import_mappings WHERE id = ?').get(id) as
    | { kind: ImportKind; mapping: string }
    | undefined;
  if (!row) throw new AppError('NOT_FOUND', '저장한 열 대응을 찾을 수 없습니다.');
  return { kind: row.kind, mapping: JSON.parse(row.mapping) };
}

const HEAD_ROWS = 30;
/**
 * Longest stretch one write transaction may hold the event loop, its commit included (the writer
 * leaves room for the commit). Measured on 2 shared cores: 20 ms let commits with a WAL checkpoint
 * reach 50+ ms; 16 ms keeps them near the old 100-row transactions while writing more rows each.
 */
const SLICE_MS = 16;

/**
 * Writing pauses this often for the log to be checkpointed (see Checkpointer.catchUp): the log of a
 * 100,000-row import stays near 250 MB instead of 2.7 GB, at about the same speed (measured).
 */
const WAL_CATCH_UP_MS = 2000;

export async function runImport(
  core: Core,
  job: JobHandle<ImportParams>,
  opts: { worker?: boolean; rowByRow?: boolean } = {},
): Promise<ImportOutcome> {
  const p = job.params;
  const startedAt = core.clock.now();
  const limit = core.settings.get().importRowLimit;
  let writer: ImportWriter | null = null;
  let keepUpload = false;
  try {
    const format = sniffOrFail(p.filePath, p.fileName);
    const ref = referenceOf(core);
    const stationId = core.settings.get().thisStationId;
    const source = rowSource({ file: p.filePath, format, sheet: p.sheet }, opts.worker ?? true);

    const head: CellValue[][] = [];
    let pending: { n: number; cells: CellValue[] }[] = [];
    let normaliser: RowNormaliser | null = null;
    let headers: string[] = [];
    let dateColumns: number[] = [];
    let headerRow = 0;
    let total = 0;

    const start = async () => {
      const m = resolveMapping(core, head, p, ref);
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
      writer = await ImportWriter.create(core.subscriberRepo, {
        kind: p.kind,
        fileName: p.fileName,
        stationId,
        userId: p.userId,
        now: startedAt.toISOString(),
        label: (f, c) => normaliser!.fieldLabel(f, c),
        rowByRow: opts.rowByRow,
      });
    };
    let counted = 0;
    let lastCatchUp = performance.now();
    const normalise = (r: { n: number; cells: CellValue[] }): Normalised | null =>
      r.n <= headerRow ? null : normaliser!.normalise(r);
    // Slices of SLICE_MS with a yield between them: no single step holds the event loop for long.
    // Each slice normalises and writes in one transaction, as many rows as fit in it.
    const write = async (rows: { n: number; cells: CellValue[] }[]) => {
      // The row limit first (blank rows do not count), so a slice never throws halfway.
      for (const r of rows) if (r.n > headerRow && !isBlankRow(r.cells)) counted++;
      if (counted > limit)
        throw new AppError(
          'FILE',
          `행이 너무 많습니다. 한 번에 ${limit.toLocaleString('ko-KR')}행까지 가져올 수 있습니다. 파일을 나누어 가져오세요.`,
        );
      for (let i = 0; i < rows.length; ) {
        i = writer!.applyRaw(rows, i, SLICE_MS, normalise);
        await job.checkpoint();
        if (performance.now() - lastCatchUp > WAL_CATCH_UP_MS) {
          await core.walCatchUp();
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
      job.progress(done, est, `${done.toLocaleString('ko-KR')}행 처리`);
    }
    if (!normaliser) {
      for (let i = 0; i < head.length; i++) head[i] ??= [];
      if (head.length === 0) throw new AppError('FILE', '시트가 비어 있습니다.');
      await start();
      await write(pending);
    }
    const w = writer! as ImportWriter;
    if (w.counts.rows === 0) throw new AppError('FILE', '머리글 아래에 가져올 행이 없습니다.');
    job.progress(w.counts.rows, w.counts.rows, '결과 보고서를 만드는 중');

    let reportFile: string | null = null;
    if (w.rejected.length + w.warned.length + w.review.length > 0) {
      const base = path.basename(p.fileName).replace(/\.[^.]+$/, '');
      reportFile = path.join(importDir(core, 'reports'), `${base}_가져오기결과_${job.id.slice(0, 8)}.xlsx`);
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
    const result: ImportOutcome = { fileName: p.fileName, ...w.counts, reportFile };
    core.audit.append(p.actor, {
      action: 'import',
      targetType: 'subscriber',
      targetId: null,
      subjectCount: w.counts.imported + w.counts.merged,
      detail: { fileName: p.fileName, kind: p.kind, ...w.counts },
    });
    core.events.emit('data.changed', { domain: 'subscribers' });
    return result;
  } catch (e) {
    keepUpload = e instanceof JobPaused; // resume reads the same upload again
    const w = writer as ImportWriter | null;
    if (w) await w.revert(() => new Promise((r) => setImmediate(r)));
    if (e instanceof ReadFailure) throw new AppError('FILE', e.message);
    if (e instanceof JobCancelled || e instanceof JobPaused || e instanceof AppError) throw e;
    console.error('[sotong] import failed', e);
    throw new AppError('INTERNAL', '가져오는 중 오류가 생겨 아무것도 저장하지 않았습니다.');
  } finally {
    if (p.uploaded && !keepUpload) fs.rmSync(p.filePath, { force: true });
  }
}

export function registerImportJob(core: Core): void {
  core.jobs.register<ImportParams, ImportOutcome>(IMPORT_JOB, (job) => runImport(core, job));
}
