// Worker thread: parses the spreadsheet on the second core while the main thread normalises and
// writes rows, so the import costs little more than the parse and IPC calls keep being answered.
import { parentPort, workerData } from 'node:worker_threads';
import { type ReadOptions, ReadFailure, readRows } from './read';

const port = parentPort!;
// Flow control: the main thread hands out credits, so rows never pile up faster than it writes them.
let credits = 4;
let wake: (() => void) | null = null;
port.on('message', (m) => {
  if (m === 'more') {
    credits++;
    wake?.();
    wake = null;
  }
});

(async () => {
  try {
    for await (const ev of readRows(workerData as ReadOptions)) {
      if (ev.type === 'rows') {
        while (credits <= 0) await new Promise<void>((r) => (wake = r));
        credits--;
      }
      port.postMessage(ev);
    }
    port.postMessage({ type: 'end' });
  } catch (e) {
    port.postMessage({
      type: 'error',
      message: e instanceof ReadFailure ? e.message : null,
      detail: String(e),
    });
  }
})();
