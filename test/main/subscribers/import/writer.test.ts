// ImportWriter's transactions: as long as their time budget allows, shorter when another
// connection waits to write (giveWay).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Normalised } from '../../../../src/main/subscribers/import/normalize';
import { ImportWriter } from '../../../../src/main/subscribers/import/writer';
import { makeTestCore, type TestCore } from '../../../support/core';

let t: TestCore;
beforeEach(async () => {
  t = await makeTestCore();
});
afterEach(() => t.cleanup());

const rows = (n: number): Normalised[] =>
  Array.from({ length: n }, (_, i) => ({
    n: i + 2,
    cells: [],
    rec: {
      name: `주민${i}`,
      mobile: `010${String(50000000 + i)}`,
      phoneKind: 'mobile',
      email: null,
      birthYear: null,
      gender: null,
      dongId: null,
      address: null,
      representative: null,
      businessTypeId: null,
      note: null,
      at: null,
    },
    consents: [],
    problems: [],
  }));

async function writer(giveWay?: () => boolean): Promise<ImportWriter> {
  return ImportWriter.create(t.core.subscriberRepo, {
    kind: 'individual',
    fileName: 'a.xlsx',
    stationId: null,
    userId: null,
    now: new Date().toISOString(),
    label: () => '',
    giveWay,
  });
}

describe('import writer transactions', () => {
  it('fill their time budget when nobody waits', async () => {
    const w = await writer(() => false);
    expect(w.apply(rows(100), 0)).toBe(100);
  });

  it('commit within 8 rows once another connection waits to write, and go on from there', async () => {
    let waiting = false;
    const w = await writer(() => waiting);
    const all = rows(100);
    waiting = true;
    const stopped = w.apply(all, 0);
    expect(stopped).toBe(8);
    const n = t.core.sqlite.prepare('SELECT count(*) AS n FROM subscribers').get() as { n: number };
    expect(n.n).toBe(8); // committed: the other writer can go now
    waiting = false;
    expect(w.apply(all, stopped)).toBe(100);
    expect(w.counts.imported).toBe(100);
  });
});
