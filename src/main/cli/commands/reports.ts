import path from 'node:path';
import type { Command } from 'commander';
import type { ReportInfo, ReportModel } from '../../../shared/contract/reports';
import type { SnsChannelRow, SnsImportResult } from '../../../shared/contract/sns';
import { SNS_KIND_LABELS, SNS_KIND_VALUES } from '../../../shared/contract/sns';
import { AppError } from '../../../shared/errors';
import { formatCell } from '../../reports/print/html';
import { guessKind } from '../../sns/service';
import { withCore } from '../context';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** --filter key=value (repeatable) */
function collect(v: string, prev: Record<string, string>): Record<string, string> {
  const i = v.indexOf('=');
  if (i < 1) throw new AppError('VALIDATION', `조건은 이름=값 형식이어야 합니다: ${v}`);
  return { ...prev, [v.slice(0, i)]: v.slice(i + 1) };
}

/** A report as text for the terminal: each table with its header and totals. */
function textOf(m: ReportModel): string[] {
  const lines = [`${m.wardName} ${m.title} (${m.period.from} ~ ${m.period.to})`, ...m.filterLabels];
  for (const s of m.sections) {
    lines.push('', `■ ${s.title}`, s.columns.map((c) => c.label).join('\t'));
    for (const r of [...s.rows, ...(s.totals ? [s.totals] : [])])
      lines.push(s.columns.map((c) => formatCell(r[c.key], c)).join('\t'));
  }
  return lines;
}

function importLines(r: SnsImportResult): string[] {
  return [
    `${r.rows}줄 중 ${r.imported}줄을 가져왔습니다.`,
    ...r.problems.slice(0, 20).map((p) => `  ${p.row}번째 줄: ${p.message}`),
  ];
}

export function registerReportCommands(program: Command): void {
  const report = program
    .command('report')
    .description('통계 보고서: 목록, 표(JSON), A4 PDF, 엑셀 (sotong report NAME --from … --to …)')
    .argument('[name]', '보고서 이름 (sotong report list)')
    .option('--from <date>', '시작일 YYYY-MM-DD')
    .option('--to <date>', '끝일 YYYY-MM-DD (그날 포함)')
    .option('--filter <key=value>', '조건 (예: fieldId=3, groupBy=field, campaignId=…)', collect, {})
    .option('--pdf <file>', 'A4 PDF로 저장')
    .option('--xlsx <file>', '엑셀로 저장')
    .action(async (name: string | undefined, o, cmd: Command) =>
      withCore(cmd, async (_core, out, call) => {
        if (!name || name === 'list') {
          const list = await call<ReportInfo[]>('reports.list', {});
          out.result(list, () => list.map((r) => `${r.name.padEnd(12)} ${r.title} — ${r.description}`));
          return;
        }
        if (!o.from || !o.to || !DATE.test(o.from) || !DATE.test(o.to))
          throw new AppError('VALIDATION', '--from 과 --to 에 날짜를 YYYY-MM-DD 형식으로 주세요.');
        const req = { name, from: o.from, to: o.to, filters: o.filter };
        const files: Record<string, unknown> = {};
        if (o.pdf) {
          const r = await call<{ file: string; pages: number }>('reports.pdf', {
            ...req,
            path: path.resolve(o.pdf),
          });
          files.pdf = r;
          out.info(`PDF를 저장했습니다: ${r.file} (${r.pages}쪽)`);
        }
        if (o.xlsx) {
          const r = await call<{ file: string }>('reports.exportXlsx', {
            ...req,
            path: path.resolve(o.xlsx),
          });
          files.xlsx = r;
          out.info(`엑셀 파일을 저장했습니다: ${r.file}`);
        }
        if (o.pdf || o.xlsx) {
          if (out.json) out.result(files);
          return;
        }
        const m = await call<ReportModel>('reports.run', req);
        out.result(m, () => textOf(m));
      }),
    );
  void report;

  const sns = program.command('sns').description('SNS 채널과 월별 수치 (팔로워·게시물·방문자)');
  sns
    .command('list')
    .description('SNS 채널 목록')
    .action(async (_o, cmd: Command) =>
      withCore(cmd, async (_core, out, call) => {
        const list = await call<SnsChannelRow[]>('sns.channels.list', { includeInactive: true });
        out.result(list, () =>
          list.map(
            (c) =>
              `${c.id}\t${SNS_KIND_LABELS[c.kind]}\t${c.name}\t${c.url}${c.active ? '' : '\t(사용 안 함)'}${c.latest ? `\t${c.latest.month} 팔로워 ${c.latest.followers ?? '-'}` : ''}`,
          ),
        );
      }),
    );
  sns
    .command('add')
    .description('SNS 채널 추가')
    .argument('<name>', '채널 이름 (예: 인스타그램)')
    .argument('<url>', '주소')
    .option('--kind <kind>', `종류: ${SNS_KIND_VALUES.join(', ')} (기본: 이름·주소로 추측)`)
    .option('--opened <month>', '개설 월 YYYY-MM')
    .option('--no-messages', '문자에 SNS 주소로 붙이지 않음')
    .action(async (name: string, url: string, o, cmd: Command) =>
      withCore(cmd, async (_core, out, call) => {
        const r = await call<SnsChannelRow>('sns.channels.save', {
          name,
          url,
          kind: o.kind ?? guessKind(`${name} ${url}`),
          openedIn: o.opened ?? null,
          inMessages: o.messages !== false,
        });
        out.result(r, () => `채널을 추가했습니다: ${r.id} ${r.name} (${SNS_KIND_LABELS[r.kind]})`);
      }),
    );
  sns
    .command('figures')
    .description(
      '월별 수치 입력 (sotong sns figures CHANNEL_ID 2015-03 --followers N --posts N --visitors N)',
    )
    .argument('<channelId>', '채널 번호 (sotong sns list)')
    .argument('<month>', '월 YYYY-MM')
    .option('--followers <n>', '팔로워·친구 수')
    .option('--posts <n>', '게시물 수')
    .option('--visitors <n>', '방문자 수')
    .action(async (channelId: string, month: string, o, cmd: Command) =>
      withCore(cmd, async (_core, out, call) => {
        const num = (v: string | undefined) => (v === undefined ? null : Number(v));
        const r = await call('sns.figures.save', {
          channelId: Number(channelId),
          month,
          followers: num(o.followers),
          posts: num(o.posts),
          visitors: num(o.visitors),
        });
        out.result(r, () => `${month} 수치를 저장했습니다.`);
      }),
    );
  sns
    .command('import')
    .description('월별 수치 파일 가져오기 (xlsx·CSV: 채널, 월, 팔로워, 게시물, 방문자)')
    .argument('<file>', '파일 경로')
    .option(
      '--peers <month>',
      '다른 구 비교표로 가져오기 (기준 월 YYYY-MM; 열: 구, 트위터, 페이스북, 블로그 …)',
    )
    .action(async (file: string, o, cmd: Command) =>
      withCore(cmd, async (_core, out, call) => {
        const r = o.peers
          ? await call<SnsImportResult>('sns.peers.import', { path: path.resolve(file), asOf: o.peers })
          : await call<SnsImportResult>('sns.figures.import', { path: path.resolve(file) });
        out.result(r, () => importLines(r));
      }),
    );
}
