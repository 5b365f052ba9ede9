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
  // A small young generation: scavenges run more often instead of letting garbage pile up to V8's
  // default (tens of MB per thread). Peak memory of a 100,000-row CLI import: 399–485 MB with the
  // defaults, 429–434 MB with these; at 8 MB the reader (exceljs makes much garbage) spent 2.4 s
  // in GC, so it keeps 16 MB.
  const youngMb = name === 'readWorker' ? 16 : 8;
  return new Worker(file, { workerData, execArgv, resourceLimits: { maxYoungGenerationSizeMb: youngMb } });
}
