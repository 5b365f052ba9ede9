import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { campaignsBench } from './campaigns';
import { bridgeRoundTrip, coreStart, freshDir } from './foundation';
import { importBench } from './import';
import { optoutIngest } from './optout';
import { publicBench } from './public';
import { registryBench } from './registry';
import { stationPackages } from './stations';
import { type BenchRow, renderTable } from './table';

export interface BenchOptions {
  quick: boolean;
  json: boolean;
}

/** `npm run bench`: every capability's performance rows, each against a baseline measured in this run. */
export async function runBench(opts: BenchOptions): Promise<BenchRow[]> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sotong-bench-'));
  const rows: BenchRow[] = [];
  const log = (s: string) => process.stderr.write(`${s}\n`);
  try {
    log('측정 중: 코어 시작 (빈 데이터베이스)…');
    const empty = freshDir(root, 'empty');
    rows.push(await coreStart(empty, '빈 DB', path.join(empty, 'sotong.db')));
    log('측정 중: 웹 통로 왕복…');
    rows.push(...(await bridgeRoundTrip(freshDir(root, 'rt'), opts.quick ? 300 : 2000)));
    rows.push(...(await registryBench(freshDir(root, 'registry'), opts.quick, log)));
    rows.push(...(await importBench(root, opts.quick, log)));
    rows.push(...(await campaignsBench(freshDir(root, 'campaigns'), opts.quick, log)));
    rows.push(...(await optoutIngest(freshDir(root, 'optout'), opts.quick)));
    rows.push(...(await stationPackages(freshDir(root, 'stations'), opts.quick)));
    rows.push(...(await publicBench(freshDir(root, 'public'), opts.quick)));
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
  if (opts.json) process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
  else
    process.stdout.write(
      `\n소통창구 성능 측정 (${os.cpus().length}코어, Node ${process.version})\n${renderTable(rows)}\n`,
    );
  return rows;
}
