import path from 'node:path';
import type { Command } from 'commander';
import {
  type IngestSummary,
  OPTOUT_SOURCE_LABELS,
  OPTOUT_STATUS_LABELS,
  OPTOUT_STATUS_VALUES,
  type OptOutMessageRow,
  type OptOutStatus,
} from '../../../shared/contract/optout';
import { AppError } from '../../../shared/errors';
import { formatDateTime } from '../../../shared/text/dates';
import { formatPhone } from '../../../shared/text/phone';
import { withCore } from '../context';

// Spellings people type for a status, besides the contract's own.
const STATUS_ALIASES: Record<string, OptOutStatus> = {
  'needs-review': 'review',
  needs_review: 'review',
  확인: 'review',
  확인필요: 'review',
  처리: 'applied',
  처리됨: 'applied',
  미등록: 'unmatched',
  새로: 'new',
  대기: 'new',
  '처리 안 함': 'dismissed',
};

function statusOf(s: string | undefined): OptOutStatus | undefined {
  if (!s) return undefined;
  if ((OPTOUT_STATUS_VALUES as readonly string[]).includes(s)) return s as OptOutStatus;
  const a = STATUS_ALIASES[s];
  if (!a) throw new AppError('VALIDATION', `상태는 ${OPTOUT_STATUS_VALUES.join(', ')} 중 하나여야 합니다.`);
  return a;
}

function summaryLines(
  r: Pick<IngestSummary, 'messages' | 'applied' | 'review' | 'unmatched' | 'duplicates'>,
) {
  return `메시지 ${r.messages}건: 처리 ${r.applied} · 확인 필요 ${r.review} · 등록되지 않은 번호 ${r.unmatched} · 중복 ${r.duplicates}`;
}

export function registerOptOutCommands(program: Command): void {
  const optout = program.command('optout').description('수신거부 문자 가져오기·080 목록 동기화·수신함');

  optout
    .command('ingest')
    .description(
      '업무용 휴대전화의 수신거부 문자 파일(CSV·xlsx·텍스트: 번호, 내용, 시각)을 가져와 처리합니다',
    )
    .argument('<file>', '파일 경로')
    .action(async (file: string, _o, cmd: Command) =>
      withCore(cmd, async (_core, out, call) => {
        const r = await call<IngestSummary>('optout.ingest', { path: path.resolve(file) });
        out.result(
          {
            messages: r.messages,
            applied: r.applied,
            review: r.review,
            unmatched: r.unmatched,
            duplicates: r.duplicates,
            pending: r.pending,
            skipped: r.skipped,
            problems: r.problems,
          },
          () => [
            summaryLines(r),
            ...(r.pending > 0 ? [`자동 처리가 꺼져 있어 확인을 기다리는 메시지 ${r.pending}건`] : []),
            ...(r.skipped > 0
              ? [
                  `읽지 못한 행 ${r.skipped}건:`,
                  ...r.problems.slice(0, 20).map((p) => `  ${p.row}행: ${p.message}`),
                ]
              : []),
          ],
        );
      }),
    );

  optout
    .command('sync')
    .description('등록된 080 수신거부 목록과 문자 사업자 수신함에서 가져옵니다')
    .option('--source <name...>', '이 출처만')
    .action(async (o: { source?: string[] }, cmd: Command) =>
      withCore(cmd, async (_core, out, call) => {
        const r = await call<{
          sources: { name: string; fetched: number; error: string | null }[];
          messages: number;
          applied: number;
          review: number;
          unmatched: number;
          duplicates: number;
        }>('optout.sync', { sources: o.source });
        out.result(r, () =>
          r.sources.length === 0
            ? ['등록된 수신거부 출처가 없습니다. (문자 사업자 설정에서 080 수신거부 목록을 연결하세요.)']
            : [
                ...r.sources.map((s) =>
                  s.error ? `${s.name}: ${s.error}` : `${s.name}: ${s.fetched}건 받음`,
                ),
                summaryLines(r),
              ],
        );
        if (r.sources.some((s) => s.error)) process.exitCode = 1;
      }),
    );

  optout
    .command('list')
    .description('수신거부 수신함 목록')
    .option(
      '--status <status>',
      `상태: ${OPTOUT_STATUS_VALUES.map((s) => `${s}(${OPTOUT_STATUS_LABELS[s]})`).join(', ')}`,
    )
    .option('--page <n>', '쪽', '1')
    .option('--page-size <n>', '한 쪽 건수', '100')
    .action(async (o: { status?: string; page: string; pageSize: string }, cmd: Command) =>
      withCore(cmd, async (_core, out, call) => {
        const r = await call<{ items: OptOutMessageRow[]; total: number; counts: Record<string, number> }>(
          'optout.list',
          { status: statusOf(o.status), page: Number(o.page), pageSize: Number(o.pageSize) },
        );
        out.result(r, () => [
          ...r.items.map(
            (m) =>
              `${formatDateTime(m.receivedAt)}\t${m.mobile ? formatPhone(m.mobile) : (m.email ?? m.sender ?? '')}\t${
                OPTOUT_STATUS_LABELS[m.status]
              }\t${m.text.replace(/\s+/g, ' ').slice(0, 40)}\t${m.reason ?? ''}\t${
                m.matched.map((p) => p.name).join(', ') || '-'
              }\t${OPTOUT_SOURCE_LABELS[m.source]}`,
          ),
          `모두 ${r.total}건 (${OPTOUT_STATUS_VALUES.map((s) => `${OPTOUT_STATUS_LABELS[s]} ${r.counts[s] ?? 0}`).join(' · ')})`,
        ]);
      }),
    );

  optout
    .command('parse')
    .description('문자 한 건을 어떻게 판단하는지 보여 줍니다 (저장하지 않음)')
    .argument('<text>', '문자 내용')
    .action(async (text: string, _o, cmd: Command) =>
      withCore(cmd, async (_core, out, call) => {
        const r = await call<{
          decision: string;
          reason: string;
          fieldNames: string[];
          channel: string | null;
        }>('optout.preview', { text });
        out.result(r, () =>
          r.decision === 'optout'
            ? `수신거부: ${r.fieldNames.length > 0 ? r.fieldNames.join(', ') : '모든 분야'}${r.channel ? ` (${r.channel})` : ''}`
            : `확인 필요: ${r.reason}`,
        );
      }),
    );
}
