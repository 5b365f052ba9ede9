import type { Command } from 'commander';
import type { IntakeStats, SubscriberStats } from '../../../shared/contract/stats';
import { STATUS_LABELS, type SubscriberListItem } from '../../../shared/contract/subscribers';
import { AppError } from '../../../shared/errors';
import type { Core } from '../../core/core';
import { generateDemo } from '../../subscribers/demo';
import { withCore } from '../context';

function intOpt(v: string | undefined, name: string, min: number, max: number, def?: number): number {
  if (v === undefined) {
    if (def === undefined) throw new AppError('VALIDATION', `${name} 값을 적어 주세요.`);
    return def;
  }
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new AppError(
      'VALIDATION',
      `${name} 는 ${min.toLocaleString('ko-KR')}~${max.toLocaleString('ko-KR')} 사이의 정수여야 합니다.`,
    );
  return n;
}

function dongOf(core: Core, v: string | undefined): number | undefined {
  if (!v) return undefined;
  const d = core.reference.list().dongs.find((x) => x.name === v || x.code === v || String(x.id) === v);
  if (!d) throw new AppError('NOT_FOUND', `행정동 ${v}을(를) 찾을 수 없습니다.`);
  return d.id;
}

function fieldOf(core: Core, v: string | undefined): number | undefined {
  if (!v) return undefined;
  const f = core.reference.list().fields.find((x) => x.code === v || x.name === v || String(x.id) === v);
  if (!f) throw new AppError('NOT_FOUND', `분야 ${v}을(를) 찾을 수 없습니다.`);
  return f.id;
}

function channelOf(v: string | undefined): 'sms' | 'email' | undefined {
  if (!v) return undefined;
  if (v !== 'sms' && v !== 'email')
    throw new AppError('VALIDATION', '--channel 은 sms 또는 email 이어야 합니다.');
  return v;
}

function today(core: Core): string {
  return new Date(core.clock.now().getTime() + 9 * 3_600_000).toISOString().slice(0, 10);
}

export function registerSubscriberCommands(program: Command): void {
  program
    .command('demo')
    .description('시연용 가상 구독자를 만듭니다 (2015년 3월 통계 비율, 010-0xxx-xxxx 번호, example.com 메일)')
    .requiredOption('--individuals <n>', '개인 구독자 수')
    .option('--businesses <n>', '사업자 구독자 수', '0')
    .option('--seed <n>', '난수 씨앗: 같은 값이면 같은 자료', '1')
    .action(async (o, cmd: Command) =>
      withCore(cmd, async (core, out) => {
        const individuals = intOpt(o.individuals, '--individuals', 0, 2_000_000);
        const businesses = intOpt(o.businesses, '--businesses', 0, 500_000);
        const seed = intOpt(o.seed, '--seed', 0, 2 ** 31 - 1);
        const r = generateDemo(core, {
          individuals,
          businesses,
          seed,
          onProgress: (done, total) => {
            if (!out.json)
              process.stderr.write(
                `\r만드는 중 ${done.toLocaleString('ko-KR')} / ${total.toLocaleString('ko-KR')}`,
              );
          },
        });
        if (!out.json) process.stderr.write('\n');
        core.audit.append(core.router.actorFor(null, { origin: 'cli', asLocalAdmin: true }), {
          action: 'create',
          targetType: 'subscriber',
          subjectCount: r.individuals + r.businesses,
          detail: { demo: true, seed },
        });
        out.result(
          r,
          () =>
            `시연 자료를 만들었습니다: 개인 ${r.individuals.toLocaleString('ko-KR')}명, 사업자 ${r.businesses.toLocaleString('ko-KR')}곳, ` +
            `동의 ${r.consentEvents.toLocaleString('ko-KR')}건, 신청서 ${r.forms.toLocaleString('ko-KR')}장 (${r.seconds.toFixed(1)}초)`,
        );
      }),
    );

  program
    .command('export')
    .description('구독자 명단을 엑셀(.xlsx)로 내보냅니다 (사유 필수, 접속기록에 남습니다)')
    .argument('<file>', '저장할 파일 (.xlsx)')
    .option('--reason <text>', '내보내는 사유 (필수)')
    .option('--dong <dong>', '행정동 이름 또는 코드')
    .option('--field <field>', '분야 코드 또는 이름')
    .option('--channel <ch>', 'sms 또는 email')
    .option('--q <text>', '이름·초성·전화·이메일 검색어')
    .action(async (file: string, o, cmd: Command) =>
      withCore(cmd, async (core, out, call) => {
        if (!o.reason || String(o.reason).trim().length < 2)
          throw new AppError(
            'VALIDATION',
            '내보내는 사유를 --reason 으로 적어 주세요 (2자 이상, 예: --reason "분기 보고").',
          );
        const filters = {
          dongId: dongOf(core, o.dong),
          fieldId: fieldOf(core, o.field),
          channel: channelOf(o.channel),
          q: o.q,
        };
        const r = await call<{ file: string; rows: number }>('subscribers.export', {
          filters,
          reason: o.reason,
          path: file,
        });
        out.result(r, () => `${r.rows.toLocaleString('ko-KR')}명을 내보냈습니다: ${r.file}`);
      }),
    );

  const stats = program.command('stats').description('통계');
  stats
    .command('subscribers')
    .description('구독자 통계: 분야(수단별)·연령대·성별·행정동·업종')
    .option('--dong <dong>', '한 행정동만')
    .action(async (o, cmd: Command) =>
      withCore(cmd, async (core, out, call) => {
        const s = await call<SubscriberStats>('stats.subscribers', { dongId: dongOf(core, o.dong) });
        out.result(s, () => [
          `구독자: 개인 ${s.totals.individuals.toLocaleString('ko-KR')}명, 사업자 ${s.totals.businesses.toLocaleString('ko-KR')}곳 (해지 ${s.totals.withdrawn.toLocaleString('ko-KR')})`,
          '',
          '분야\t문자\t이메일',
          ...s.byField.map((f) => `${f.name}\t${f.sms}\t${f.email}`),
          '',
          ...s.byAgeBand.map((b) => `${b.label}\t${b.count}`),
          '',
          ...s.byDong.map((d) => `${d.name}\t개인 ${d.individuals}\t사업자 ${d.businesses}`),
          '',
          ...s.byBusinessType.map((b) => `${b.name}\t${b.count}`),
        ]);
      }),
    );
  stats
    .command('intake')
    .description('접수 통계: 접수처(동)별 월별 신청서 수')
    .option('--from <date>', '시작일 YYYY-MM-DD (기본: 올해 1월 1일)')
    .option('--to <date>', '끝일 YYYY-MM-DD (기본: 오늘)')
    .action(async (o, cmd: Command) =>
      withCore(cmd, async (core, out, call) => {
        const to = o.to ?? today(core);
        const s = await call<IntakeStats>('stats.intake', { from: o.from ?? `${to.slice(0, 4)}-01-01`, to });
        out.result(s, () => [
          `접수처\t${s.months.join('\t')}\t합계`,
          ...s.byStation
            .filter((x) => x.total > 0)
            .map((x) => `${x.name}\t${x.months.join('\t')}\t${x.total}`),
          `합계\t${s.totals.months.join('\t')}\t${s.totals.total}`,
        ]);
      }),
    );
  stats
    .command('export')
    .description('구독자·접수 통계를 엑셀(.xlsx)로 저장합니다')
    .argument('<file>', '저장할 파일 (.xlsx)')
    .option('--from <date>', '접수 통계 시작일 YYYY-MM-DD (기본: 올해 1월 1일)')
    .option('--to <date>', '접수 통계 끝일 YYYY-MM-DD (기본: 오늘)')
    .action(async (file: string, o, cmd: Command) =>
      withCore(cmd, async (core, out, call) => {
        const to = o.to ?? today(core);
        const r = await call<{ file: string }>('stats.export', {
          from: o.from ?? `${to.slice(0, 4)}-01-01`,
          to,
          path: file,
        });
        out.result(r, () => `통계를 저장했습니다: ${r.file}`);
      }),
    );

  const subscriber = program.command('subscriber').description('구독자');
  subscriber
    .command('find')
    .description('이름(초성도 됨: ㅎㄱㄷ)·전화번호 일부·이메일로 찾습니다')
    .argument('<query>', '검색어')
    .option('--limit <n>', '최대 몇 명', '50')
    .action(async (query: string, o, cmd: Command) =>
      withCore(cmd, async (_core, out, call) => {
        const limit = intOpt(o.limit, '--limit', 1, 500);
        const r = await call<{ items: SubscriberListItem[]; total: number }>('subscribers.list', {
          q: query,
          limit,
        });
        const items = r.items.map((s) => ({
          id: s.id,
          name: s.name,
          mobile: s.mobile,
          email: s.email,
          dong: s.dongName,
          status: s.status,
        }));
        out.result(items, () =>
          items.length === 0
            ? '찾는 구독자가 없습니다.'
            : [
                ...items.map(
                  (s) =>
                    `${s.name}\t${s.mobile ?? '-'}\t${s.email ?? '-'}\t${s.dong ?? '-'}\t${STATUS_LABELS[s.status]}\t${s.id}`,
                ),
                ...(r.total > items.length
                  ? [`… 모두 ${r.total.toLocaleString('ko-KR')}명 중 ${items.length}명`]
                  : []),
              ],
        );
      }),
    );
}
