import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { campaignsBench } from './campaigns';
import { feedbackBench } from './feedback';
import { bridgeRoundTrip, coreStart, freshDir } from './foundation';
import { gatewaysBench } from './gateways';
import { importBench } from './import';
import { optoutIngest } from './optout';
import { publicBench } from './public';
import { registryBench } from './registry';
import { reportsBench } from './reports';
import { stationPackages } from './stations';
import { surveysBench } from './surveys';
import { type BenchRow, renderTable } from './table';

export interface BenchOptions {
  quick: boolean;
  json: boolean;
  /** run only sections whose issue ('#3') or name contains one of these */
  only?: string[];
}

/** `npm run bench`: every capability's performance rows, each against a baseline measured in this run. */
export async function runBench(opts: BenchOptions): Promise<BenchRow[]> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sotong-bench-'));
  const rows: BenchRow[] = [];
  const log = (s: string) => process.stderr.write(`${s}\n`);
  // One failing section must not hide the others: it becomes a '미달' row with its error.
  const section = async (issue: string, name: string, run: () => Promise<BenchRow | BenchRow[]>) => {
    if (opts.only?.length && !opts.only.some((o) => issue === o || name.includes(o))) return;
    log(`측정 중: ${name}…`);
    try {
      const r = await run();
      rows.push(...(Array.isArray(r) ? r : [r]));
    } catch (e) {
      rows.push({
        issue,
        name: `${name}: 측정 실패 (${(e as Error).message})`,
        value: 0,
        unit: '',
        goal: '-',
        pass: false,
      });
    }
  };
  try {
    await section('#2', '코어 시작 (빈 데이터베이스)', () => {
      const empty = freshDir(root, 'empty');
      return coreStart(empty, '빈 DB', path.join(empty, 'sotong.db'));
    });
    await section('#2', '웹 통로 왕복', () => bridgeRoundTrip(freshDir(root, 'rt'), opts.quick ? 300 : 2000));
    await section('#3', '구독자 검색·집계', () => registryBench(freshDir(root, 'registry'), opts.quick, log));
    await section('#3', '가져오기', () => importBench(root, opts.quick, log));
    await section('#4', '캠페인', () => campaignsBench(freshDir(root, 'campaigns'), opts.quick, log));
    await section('#6', '수신거부 처리', () => optoutIngest(freshDir(root, 'optout'), opts.quick));
    await section('#9', '접수처 꾸러미', () => stationPackages(freshDir(root, 'stations'), opts.quick));
    await section('#5', '공개 웹', () => publicBench(freshDir(root, 'public'), opts.quick));
    await section('#7', '정책고객 설문', () => surveysBench(freshDir(root, 'surveys'), opts.quick));
    await section('#5', '문자 발송기', () => gatewaysBench(freshDir(root, 'gateways'), opts.quick, log));
    await section('#5', '전달 보고 적용', () => feedbackBench(freshDir(root, 'feedback'), opts.quick));
    await section('#8', '통계 보고서', () => reportsBench(freshDir(root, 'reports'), opts.quick, log));
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
