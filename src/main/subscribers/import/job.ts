// The 'import.subscribers' job: runs the import (pipeline.ts) in its own worker thread with its own
// SQLite connection, relays progress, cancel and pause, and records the result (audit, events).
// An in-memory database (one connection only) or a build without the worker runs the same
// pipeline on this thread, in short transactions (SLICE_MS) so calls keep being answered.
import fs from 'node:fs';
import path from 'node:path';
import type { ImportKind, ImportMapping } from '../../../shared/contract/imports';
import { AppError, type ErrorCode } from '../../../shared/errors';
import type { AuditActor } from '../../audit/service';
import type { Core } from '../../core/core';
import { pendingWrites } from '../../db/connection';
import { type JobHandle, JobCancelled, JobPaused } from '../../jobs/runner';
import type { ImportThreadControl, ImportThreadData, ImportThreadMessage } from './importWorker';
import type { Reference } from './normalize';
import { type ImportOutcome, type PipelineParams, runPipeline } from './pipeline';
import { startThread } from './threads';

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

export function importDir(core: Core, sub: 'uploads' | 'reports'): string {
  const base = core.dbPath === ':memory:' ? process.cwd() : path.dirname(path.resolve(core.dbPath));
  return path.join(base, 'imports', sub);
}

export function referenceOf(core: Core): Reference {
  const ref = core.reference.list();
  return {
    fields: ref.fields.filter((f) => f.active) as Reference['fields'],
    dongs: ref.dongs.filter((d) => d.active),
    businessTypes: ref.businessTypes.filter((b) => b.active),
  };
}

/**
 * Longest stretch one write transaction of an import on the main thread may hold the event loop,
 * its commit included (the writer leaves room for the commit). Measured on 2 shared cores: 20 ms let
 * commits with a WAL checkpoint reach 50+ ms; 16 ms keeps them near the old 100-row transactions.
 */
const SLICE_MS = 16;

/**
 * Longest write transaction of the import worker. Readers never wait for it (WAL), and writes on
 * the main connection do not either: the import thread commits within 8 rows when one is announced
 * (pendingWrites). Longer transactions are cheaper, each commit rewrites every index page its rows
 * touched (measured on 100,000 rows: 133 µs a row at 16 ms, 100 µs at 40 ms, 81 µs at 100 ms,
 * 78 µs at 400 ms); their commits are what a main-thread write may still wait for (p99 of writing
 * calls during an import 41 ms at 40 ms, 45 ms at 250 ms, 36 ms at 1 s: the same within noise).
 */
const WORKER_SLICE_MS = 250;

export async function runImport(
  core: Core,
  job: JobHandle<ImportParams>,
  opts: { inThread?: boolean; rowByRow?: boolean } = {},
): Promise<ImportOutcome> {
  const p = job.params;
  const settings = core.settings.get();
  const params: PipelineParams = {
    filePath: p.filePath,
    fileName: p.fileName,
    kind: p.kind,
    sheet: p.sheet,
    mapping: p.mapping,
    mappingId: p.mappingId,
    userId: p.userId,
    dongScope: p.dongScope,
    startedAt: core.clock.now().getTime(),
    ref: referenceOf(core),
    stationId: settings.thisStationId,
    rowLimit: settings.importRowLimit,
    reportDir: importDir(core, 'reports'),
    tag: job.id.slice(0, 8),
  };
  let keepUpload = false;
  try {
    const outcome =
      opts.inThread || core.dbPath === ':memory:'
        ? await runPipeline(
            {
              sqlite: core.sqlite,
              repo: core.subscriberRepo,
              checkpoint: () => job.checkpoint(),
              progress: (d, t, m) => job.progress(d, t, m),
              walCatchUp: () => core.walCatchUp(),
            },
            params,
            { sliceMs: SLICE_MS, rowByRow: opts.rowByRow },
          )
        : await inWorker(core, job, {
            dbPath: core.dbPath,
            autoCheckpoint: Number(core.sqlite.pragma('wal_autocheckpoint', { simple: true })),
            params,
            sliceMs: WORKER_SLICE_MS,
            rowByRow: opts.rowByRow ?? false,
            pendingWrites,
          });
    core.audit.append(p.actor, {
      action: 'import',
      targetType: 'subscriber',
      targetId: null,
      subjectCount: outcome.imported + outcome.merged,
      detail: {
        fileName: p.fileName,
        kind: p.kind,
        rows: outcome.rows,
        imported: outcome.imported,
        merged: outcome.merged,
        rejected: outcome.rejected,
        warnings: outcome.warnings,
        review: outcome.review,
      },
    });
    core.events.emit('data.changed', { domain: 'subscribers' });
    return outcome;
  } catch (e) {
    keepUpload = e instanceof JobPaused; // resume reads the same upload again
    if (e instanceof JobCancelled || e instanceof JobPaused || e instanceof AppError) throw e;
    console.error('[sotong] import failed', e);
    throw new AppError('INTERNAL', '가져오는 중 오류가 생겨 아무것도 저장하지 않았습니다.');
  } finally {
    if (p.uploaded && !keepUpload) fs.rmSync(p.filePath, { force: true });
  }
}

/** How often the main thread looks whether the job was asked to cancel or pause. */
const CONTROL_POLL_MS = 50;

/** Runs the pipeline in the import worker; resolves with its outcome, rejects as the pipeline would. */
function inWorker(core: Core, job: JobHandle<ImportParams>, data: ImportThreadData): Promise<ImportOutcome> {
  const worker = startThread('importWorker', data);
  const send = (m: ImportThreadControl) => worker.postMessage(m);
  return new Promise<ImportOutcome>((resolve, reject) => {
    let stopping: Error | null = null;
    let settled = false;
    const settle = (f: () => void) => {
      if (settled) return;
      settled = true;
      clearInterval(poll);
      f();
    };
    const poll = setInterval(() => {
      job.checkpoint().catch((e: Error) => {
        if (stopping || settled) return;
        stopping = e;
        send({ type: 'stop', kind: e instanceof JobPaused ? 'pause' : 'cancel' });
      });
    }, CONTROL_POLL_MS);
    worker.on('message', (m: ImportThreadMessage) => {
      if (m.type === 'progress') job.progress(m.done, m.total, m.message);
      else if (m.type === 'catchUp')
        void core.walCatchUp().finally(() => {
          if (!settled) send({ type: 'caughtUp', id: m.id });
        });
      else if (m.type === 'done') settle(() => resolve(m.outcome));
      else if (m.type === 'failed')
        settle(() =>
          reject(
            m.stopped && stopping
              ? stopping
              : m.code
                ? new AppError(m.code as ErrorCode, m.message, m.fields)
                : new Error(m.message),
          ),
        );
    });
    worker.on('error', (e) => settle(() => reject(e)));
    worker.on('exit', (code) => settle(() => reject(new Error(`import worker exited (${code})`))));
  });
}

export function registerImportJob(core: Core): void {
  core.jobs.register<ImportParams, ImportOutcome>(IMPORT_JOB, (job) => runImport(core, job));
}
