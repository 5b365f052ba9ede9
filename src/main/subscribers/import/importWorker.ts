// Worker thread: runs a whole import (read, normalise, merge, write, report) on its own SQLite
// connection, so the main thread keeps answering calls and the writes can go in transactions long
// enough to be cheap (each commit rewrites every index page it touched). Talks to job.ts by
// messages; see ImportThreadMessage.
import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../../../shared/errors';
import { openConnection } from '../../db/connection';
import { SubscriberRepository } from '../repository';
import { type ImportOutcome, type PipelineParams, runPipeline } from './pipeline';

export interface ImportThreadData {
  dbPath: string;
  autoCheckpoint: number;
  params: PipelineParams;
  sliceMs: number;
  rowByRow: boolean;
  /** the main connection's pendingWrites (db/connection.ts): this thread gives way while above 0 */
  pendingWrites: Int32Array;
}

/** main → worker */
export type ImportThreadControl =
  | { type: 'stop'; kind: 'cancel' | 'pause' }
  | { type: 'caughtUp'; id: number };

/** worker → main */
export type ImportThreadMessage =
  | { type: 'progress'; done: number; total: number; message: string }
  | { type: 'catchUp'; id: number }
  | { type: 'done'; outcome: ImportOutcome }
  /** stopped: it ended because main asked it to (the batch is reverted) */
  | {
      type: 'failed';
      stopped: boolean;
      code: string | null;
      message: string;
      fields?: Record<string, string>;
    };

/** Thrown by checkpoint() when main asked to stop: the pipeline reverts the batch and rethrows it. */
class Stopped extends Error {}

const port = parentPort!;
const data = workerData as ImportThreadData;
let stop: 'cancel' | 'pause' | null = null;
const caughtUp = new Map<number, () => void>();
let nextId = 0;

port.on('message', (m: ImportThreadControl) => {
  if (m.type === 'stop') stop = m.kind;
  else if (m.type === 'caughtUp') {
    caughtUp.get(m.id)?.();
    caughtUp.delete(m.id);
  }
});

const post = (m: ImportThreadMessage) => port.postMessage(m);

/** Longest this thread waits for the main connection's writes before it writes again. */
const GIVE_WAY_MAX_MS = 200;

/**
 * Between transactions: while the main connection has writes running or waiting, wait (a few ms
 * at a time), then leave it a millisecond more for the next write of the same call.
 */
function giveWayToMain(): void {
  const w = data.pendingWrites;
  if (Atomics.load(w, 0) === 0) return;
  const until = performance.now() + GIVE_WAY_MAX_MS;
  for (let v = Atomics.load(w, 0); v > 0 && performance.now() < until; v = Atomics.load(w, 0))
    Atomics.wait(w, 0, v, 2);
  Atomics.wait(w, 0, Atomics.load(w, 0), 1);
}

(async () => {
  const sqlite = openConnection(data.dbPath, data.autoCheckpoint);
  try {
    // Everything this import writes carries the import's time, as on the main thread's clock.
    const repo = new SubscriberRepository(sqlite, () => new Date(data.params.startedAt));
    const outcome = await runPipeline(
      {
        sqlite,
        repo,
        async checkpoint() {
          giveWayToMain();
          await new Promise((r) => setImmediate(r));
          if (stop) throw new Stopped(stop);
        },
        giveWay: () => Atomics.load(data.pendingWrites, 0) > 0,
        progress: (done, total, message) => post({ type: 'progress', done, total, message }),
        walCatchUp: () =>
          new Promise<void>((resolve) => {
            const id = ++nextId;
            caughtUp.set(id, resolve);
            post({ type: 'catchUp', id });
          }),
      },
      data.params,
      { sliceMs: data.sliceMs, rowByRow: data.rowByRow },
    );
    post({ type: 'done', outcome });
  } catch (e) {
    const stopped = e instanceof Stopped;
    if (!stopped && !(e instanceof AppError)) console.error('[sotong] import failed', e);
    post({
      type: 'failed',
      stopped,
      code: e instanceof AppError ? e.code : null,
      message: e instanceof Error ? e.message : String(e),
      ...(e instanceof AppError && e.fields ? { fields: e.fields } : {}),
    });
  } finally {
    sqlite.close();
    port.close();
  }
})();
