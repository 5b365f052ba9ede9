import type { Worker } from 'node:worker_threads';
import { type ReadEvent, type ReadOptions, ReadFailure, readRows } from './read';
import { startThread } from './threads';

type WorkerMsg = ReadEvent | { type: 'end' } | { type: 'error'; message: string | null; detail: string };

/**
 * Rows of a file, parsed in a worker thread when one can be started, else in this thread (the
 * same reader; slower for a large import, but correct).
 */
export async function* rowSource(o: ReadOptions, useWorker = true): AsyncGenerator<ReadEvent> {
  if (!useWorker) {
    yield* readRows(o);
    return;
  }
  let worker: Worker;
  try {
    worker = startThread('readWorker', o);
  } catch {
    yield* readRows(o);
    return;
  }
  const queue: WorkerMsg[] = [];
  let wake: (() => void) | null = null;
  let crashed: Error | null = null;
  let heard = false;
  const push = () => {
    wake?.();
    wake = null;
  };
  worker.on('message', (m: WorkerMsg) => {
    heard = true;
    queue.push(m);
    push();
  });
  worker.on('error', (e) => {
    crashed = e;
    push();
  });
  worker.on('exit', () => {
    crashed ??= new Error('reader exited');
    push();
  });
  try {
    for (;;) {
      while (queue.length === 0 && !crashed) await new Promise<void>((r) => (wake = r));
      const m = queue.shift();
      if (!m) {
        if (!heard) break; // the worker could not start (packaged build without the file …): read here
        throw new ReadFailure('파일을 읽는 중 문제가 생겼습니다. 다시 시도하세요.');
      }
      if (m.type === 'end') return;
      if (m.type === 'error') throw new ReadFailure(m.message ?? '파일을 읽는 중 문제가 생겼습니다.');
      if (m.type === 'rows') worker.postMessage('more');
      yield m;
    }
  } finally {
    await worker.terminate();
  }
  yield* readRows(o);
}
