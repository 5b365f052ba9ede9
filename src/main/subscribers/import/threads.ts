import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';

/**
 * Starts one of the import's worker threads: `name`.ts beside this file when running from sources
 * (CLI through tsx, tests: the thread needs the same loader), `name`.js beside main.js when bundled
 * (forge.config.ts builds each as its own entry).
 */
export function startThread(name: 'readWorker' | 'importWorker', workerData: unknown): Worker {
  const ext = path.extname(__filename);
  const file = path.join(__dirname, `${name}${ext}`);
  const execArgv = ext === '.ts' ? ['--require', createRequire(__filename).resolve('tsx/cjs')] : [];
  return new Worker(file, { workerData, execArgv });
}
