import { randomUUID } from 'node:crypto';

let lastMs = 0;
let seq = 0;

/**
 * Time-ordered UUID (RFC 9562 version 7, with a counter for ids made in the same millisecond).
 * Rows written in bulk (imports, opt-outs, ledger events) then land at the end of every index keyed by subscriber id instead of all
 * over it: far fewer pages touched per transaction, so the write-ahead log stays small and fast.
 */
export function uuidv7(): string {
  const now = Date.now();
  if (now > lastMs) {
    lastMs = now;
    seq = 0;
  } else if (++seq > 0xfff) {
    lastMs++;
    seq = 0;
  }
  const ts = lastMs.toString(16).padStart(12, '0');
  const r = randomUUID(); // xxxxxxxx-xxxx-4xxx-Vxxx-xxxxxxxxxxxx: keep its variant and random tail
  return `${ts.slice(0, 8)}-${ts.slice(8, 12)}-7${seq.toString(16).padStart(3, '0')}-${r.slice(19)}`;
}
