import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { classifyMessage } from '../../../src/main/bounces/classify';
import { EXPECTED } from './expected';

const DIR = path.resolve(__dirname, '../../../../shared/fixtures/bounces');
const files = fs
  .readdirSync(DIR)
  .filter((f) => f.endsWith('.eml'))
  .sort();

describe('반송 메일 실물 모음: 파일마다 종류와 받는 사람', () => {
  it('모든 파일에 기대값이 있고, 기대값마다 파일이 있다', () => {
    expect(files.length).toBeGreaterThan(250);
    expect(files.map((f) => f.replace(/\.eml$/, ''))).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(files)('%s', async (file) => {
    const raw = fs.readFileSync(path.join(DIR, file));
    const r = await classifyMessage(raw);
    const [kind, ...who] = EXPECTED[file.replace(/\.eml$/, '')];
    expect(r.classification).toBe(kind);
    if (kind === 'not-a-bounce') {
      expect(r.recipients).toEqual([]);
      expect(r.complaint).toBeNull();
    } else if (kind === 'complaint') {
      expect(r.complaint?.email ?? null).toBe(who[0]);
      expect(r.recipients).toEqual([]);
    } else {
      const got = r.recipients.map((x) => (x.kind === kind ? x.email : `${x.email} ${x.kind}`));
      expect(got).toEqual(who);
      for (const x of r.recipients) {
        // a status, when known, agrees with the kind: 5.x.x hard, 4.x.x soft
        if (x.status) expect(x.status[0]).toBe(x.kind === 'hard' ? '5' : '4');
      }
    }
  });

  it('표: 종류별 개수', async () => {
    const counts: Record<string, number> = {};
    for (const [k] of Object.values(EXPECTED)) counts[k] = (counts[k] ?? 0) + 1;
    expect(counts).toEqual({ complaint: 18, hard: 172, 'not-a-bounce': 12, soft: 54 });
  });
});
