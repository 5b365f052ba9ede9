import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readRows } from '../../../../src/main/subscribers/import/read';
import { writeXlsx } from './helpers';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sotong-read-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the streaming xlsx reader', () => {
  it('keeps Hangul whole where exceljs splits a syllable across zip chunks', async () => {
    // Thousands of distinct strings make sharedStrings.xml span many chunks.
    const rows = Array.from({ length: 5000 }, (_, i) => [
      `서울특별시 성동구 왕십리로 ${i}길 가나다라마바사`,
      `홍길동${i}`,
    ]);
    const file = await writeXlsx(path.join(dir, 'hangul.xlsx'), rows);
    let n = 0;
    let broken = 0;
    for await (const ev of readRows({ file, format: 'xlsx' })) {
      if (ev.type !== 'rows') continue;
      for (const r of ev.rows) {
        n++;
        if (r.cells.some((c) => typeof c === 'string' && c.includes('\uFFFD'))) broken++;
        expect(r.cells[1]).toBe(`홍길동${r.n - 1}`);
      }
    }
    expect(n).toBe(5000);
    expect(broken).toBe(0);
  });
});
