import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTestCore, type TestCore } from '../../../support/core';
import { FIXTURES, writeXlsx } from './helpers';

const run = promisify(execFile);
const BIN = path.resolve(__dirname, '../../../../src/main/cli/bin.cjs');

let t: TestCore;
beforeEach(async () => {
  t = await makeTestCore();
  t.core.close(); // the CLI opens the database itself
});
afterEach(() => t.cleanup());

async function cli(...args: string[]) {
  try {
    const r = await run(process.execPath, [BIN, '--db', t.dbPath, ...args], { encoding: 'utf8' });
    return { code: 0, ...r };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, stdout: x.stdout, stderr: x.stderr };
  }
}

describe('sotong import', () => {
  it('prints exactly the result keys with --json', async () => {
    const r = await cli('import', path.join(FIXTURES, 'lo-individuals.xlsx'), '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out).sort()).toEqual([
      'imported',
      'merged',
      'rejected',
      'reportFile',
      'review',
      'rows',
      'warnings',
    ]);
    expect(out).toMatchObject({ rows: 11, imported: 7, merged: 1, rejected: 3, warnings: 3, review: 0 });
    expect(out.reportFile).toMatch(/\.xlsx$/);
    expect(r.stderr).not.toContain('가져오는 중'); // no progress line with --json
  }, 60_000);

  it('shows progress and a Korean summary without --json; a fatal error exits 1 in Korean', async () => {
    const file = await writeXlsx(path.join(t.dir, 'b.xlsx'), [
      ['성명', '휴대전화', '행정동'],
      ['홍길동', '010-1234-5678', '마장동'],
    ]);
    const ok = await cli('import', file, '--fields', '문화공연,건강정보', '--channel', 'sms');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('새로 등록 1');
    expect(ok.stderr).toContain('가져오는 중');
    const bad = await cli('import', path.join(t.dir, 'none.xlsx'), '--json');
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(bad.stderr).toContain('파일을 찾을 수 없습니다');
  }, 60_000);
});
