import fs from 'node:fs';
import type { Command } from 'commander';
import {
  type ResultFilters,
  resultFilters,
  SURVEY_STATUS_LABELS,
  type SurveyResults,
  type SurveyRow,
  surveyDraft,
} from '../../../shared/contract/surveys';
import { AppError } from '../../../shared/errors';
import { AGE_BANDS } from '../../../shared/text/dates';
import { campaignsOf } from '../../campaigns/module';
import type { Core } from '../../core/core';
import { hasFilters } from '../../surveys/results';
import { withCore } from '../context';

/**
 * The survey file: a surveyDraft (src/shared/contract/surveys.ts) whose filters may name dongs:
 * { "title": "…", "definition": { "pages": [ … ] }, "opensAt": "…", "closesAt": "…",
 *   "filters": { "dongs": ["마장동"], "ageBands": ["30s"], "genders": ["F"] } }
 */
function readSurveyFile(core: Core, file: string) {
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new AppError('FILE', `설문 파일을 읽을 수 없습니다: ${(e as Error).message}`);
  }
  const f = (raw.filters ?? {}) as { dongs?: (string | number)[]; dongIds?: number[] };
  if (f.dongs) {
    const dongs = core.reference.list().dongs;
    f.dongIds = f.dongs.map((w) => {
      const hit = dongs.find((d) => d.id === w || d.name === w || d.code === w || String(d.id) === w);
      if (!hit) throw new AppError('VALIDATION', `행정동을 찾을 수 없습니다: ${w}`);
      return hit.id;
    });
    delete f.dongs;
  }
  const parsed = surveyDraft.safeParse({ ...raw, filters: raw.filters ? f : undefined });
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new AppError(
      'VALIDATION',
      `설문 파일이 올바르지 않습니다: ${first.path.join('.')} ${first.message}`,
    );
  }
  return parsed.data;
}

interface ResultsOptions {
  dong?: string;
  ageBand?: string;
  gender?: string;
  via?: string;
  partial?: boolean;
  pdf?: string;
}

const list = (v: string | undefined) =>
  v
    ? v
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean)
    : [];

/** The result filters from the options (undefined when none: the plain results call stays as it was). */
function resultFiltersOf(core: Core, o: ResultsOptions): ResultFilters | undefined {
  const dongs = core.reference.list().dongs;
  const f = {
    dongIds: list(o.dong).map((w) => {
      const hit = dongs.find((d) => d.name === w || d.code === w || String(d.id) === w);
      if (!hit) throw new AppError('VALIDATION', `행정동을 찾을 수 없습니다: ${w}`);
      return hit.id;
    }),
    ageBands: list(o.ageBand),
    genders: list(o.gender).map((g) => g.toUpperCase()),
    via: list(o.via),
    includePartial: o.partial ? true : undefined,
  };
  const parsed = resultFilters.safeParse(f);
  if (!parsed.success)
    throw new AppError(
      'VALIDATION',
      `거르기 조건이 올바르지 않습니다: ${parsed.error.issues[0].path.join('.')}`,
    );
  return hasFilters(parsed.data) ? parsed.data : undefined;
}

const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;

export function registerSurveyCommands(program: Command): void {
  const survey = program.command('survey').description('정책고객 설문 (PCRM)');

  survey
    .command('create')
    .description('JSON 파일로 설문을 만듭니다 (--publish: 바로 게시)')
    .requiredOption('--file <path>', '설문 JSON 파일')
    .option('--publish', '만든 뒤 바로 게시합니다')
    .action(async (o: { file: string; publish?: boolean }, cmd: Command) =>
      withCore(cmd, async (core, out, call) => {
        let row = await call<SurveyRow>('surveys.save', readSurveyFile(core, o.file));
        if (o.publish) row = await call<SurveyRow>('surveys.publish', { id: row.id });
        out.result(row, () => [
          `설문을 만들었습니다: ${row.title} (${SURVEY_STATUS_LABELS[row.status]})`,
          `id: ${row.id}`,
        ]);
      }),
    );

  survey
    .command('publish')
    .description('설문을 게시합니다 (응답 받기 시작)')
    .argument('<id>', '설문 id')
    .action(async (id: string, _o, cmd: Command) =>
      withCore(cmd, async (_core, out, call) => {
        const row = await call<SurveyRow>('surveys.publish', { id });
        out.result(row, () => `게시했습니다: ${row.title}`);
      }),
    );

  survey
    .command('list')
    .description('설문 목록')
    .action(async (_o, cmd: Command) =>
      withCore(cmd, async (_core, out, call) => {
        const r = await call<{ items: SurveyRow[] }>('surveys.list', { pageSize: 1000 });
        const items = r.items.map((s) => ({
          id: s.id,
          title: s.title,
          department: s.department,
          status: s.status,
          statusLabel: SURVEY_STATUS_LABELS[s.status],
          anonymous: s.anonymous,
          opensAt: s.opensAt,
          closesAt: s.closesAt,
          participants: s.participants,
          completed: s.completed,
        }));
        out.result(items, () =>
          items.length
            ? items.map((s) => `${s.id}\t${s.statusLabel}\t${s.completed}/${s.participants}\t${s.title}`)
            : '설문이 없습니다.',
        );
      }),
    );

  survey
    .command('invite')
    .description('정책고객에게 초대 메일·문자를 보내고 끝날 때까지 기다립니다')
    .argument('<id>', '설문 id')
    .option('--sample <n>', '행정동×연령대 층화 무작위 표본 수')
    .option('--seed <text>', '표본 추출 씨앗 (같은 씨앗 = 같은 표본)')
    .option('--confirm-night', '밤 9시~아침 8시 문자 발송을 확인합니다')
    .option('--wait-reports <sec>', '발송 뒤 전달 결과를 기다릴 최대 시간(초)', '30')
    .action(
      async (
        id: string,
        o: { sample?: string; seed?: string; confirmNight?: boolean; waitReports: string },
        cmd: Command,
      ) =>
        withCore(cmd, async (core, out, call) => {
          const sample = o.sample === undefined ? undefined : Number(o.sample);
          if (sample !== undefined && (!Number.isInteger(sample) || sample < 1))
            throw new AppError('VALIDATION', '--sample은 1 이상의 정수여야 합니다.');
          const m = campaignsOf(core);
          try {
            const r = await call<{
              campaignId: string | null;
              newParticipants: number;
              email: number;
              sms: number;
            }>('surveys.invite', { id, sample, seed: o.seed, confirmNight: !!o.confirmNight });
            if (r.campaignId) {
              await m.dispatcher.run(r.campaignId);
              await m.dispatcher.waitReports(r.campaignId, Math.max(0, Number(o.waitReports) || 0) * 1000);
            }
            out.result(r, () =>
              r.newParticipants
                ? `${r.newParticipants.toLocaleString('ko-KR')}명을 초대했습니다 (이메일 ${r.email} · 문자 ${r.sms})`
                : '새로 초대할 사람이 없습니다.',
            );
          } finally {
            m.close();
          }
        }),
    );

  survey
    .command('remind')
    .description('아직 응답하지 않은 사람에게 다시 알림을 보냅니다 (설문의 횟수·간격 규칙대로)')
    .argument('<id>', '설문 id')
    .action(async (id: string, _o, cmd: Command) =>
      withCore(cmd, async (core, out, call) => {
        const m = campaignsOf(core);
        try {
          const r = await call<{ campaignId: string | null; people: number }>('surveys.remind', { id });
          if (r.campaignId) await m.dispatcher.run(r.campaignId);
          out.result(r, () =>
            r.people ? `${r.people}명에게 다시 알렸습니다.` : '다시 알릴 사람이 없습니다.',
          );
        } finally {
          m.close();
        }
      }),
    );

  survey
    .command('results')
    .description('참여 단계(초대→전달→열람→시작→완료)와 문항별 결과 (--pdf: A4 결과 보고서)')
    .argument('<id>', '설문 id')
    .option('--dong <names>', '행정동만 (이름·코드, 쉼표로 여럿)')
    .option('--age-band <bands>', `연령대만 (${AGE_BANDS.join(', ')}; 쉼표로 여럿)`)
    .option('--gender <g>', '성별만 (M, F)')
    .option('--via <ways>', '응답 경로만 (web, paper, phone; 쉼표로 여럿)')
    .option('--partial', '응답 중인 사람의 저장된 답도 셉니다')
    .option('--pdf <file>', '결과를 A4 PDF로 저장합니다 (그래프·표)')
    .action(async (id: string, o: ResultsOptions, cmd: Command) =>
      withCore(cmd, async (core, out, call) => {
        const filters = resultFiltersOf(core, o);
        if (o.pdf) {
          const r = await call<{ file: string; pages: number }>('surveys.pdf', { id, filters, path: o.pdf });
          out.result(r, () => `${r.file} 에 결과 보고서를 저장했습니다 (${r.pages}쪽).`);
          return;
        }
        const r = await call<SurveyResults>('surveys.results', filters ? { id, filters } : { id });
        const f = r.funnel.total;
        out.result(r, () => [
          `${r.title} — 응답 ${r.responses.toLocaleString('ko-KR')}건`,
          `초대 ${f.invited} → 전달 ${f.delivered} → 열람 ${f.opened} → 시작 ${f.started} → 완료 ${f.completed} (응답률 ${pct(f.responseRate)})`,
          ...r.questions.map((q) => {
            const detail = q.options
              ? q.options.map((o) => `${o.label} ${o.count}`).join(' · ')
              : q.rows
                ? q.rows.map((x) => `${x.label} 평균 ${x.mean ?? '-'}`).join(' · ')
                : q.type === 'number'
                  ? `평균 ${q.mean ?? '-'}`
                  : `글 ${q.texts?.length ?? 0}건`;
            return `  ${q.id}. ${q.title} (${q.answered}명): ${detail}${q.mean !== undefined && q.options ? ` · 평균 ${q.mean ?? '-'}` : ''}`;
          }),
        ]);
      }),
    );

  survey
    .command('export')
    .description('결과 엑셀 (요약 + 응답 원자료, 익명 설문은 이름 없이)')
    .argument('<id>', '설문 id')
    .argument('<file>', '저장할 .xlsx 파일')
    .option('--reason <text>', '내보내는 사유 (접속기록에 남습니다)', '설문 결과 보고')
    .action(async (id: string, file: string, o: { reason: string }, cmd: Command) =>
      withCore(cmd, async (_core, out, call) => {
        const r = await call<{ fileName: string; contentBase64: string; rows: number }>('surveys.export', {
          id,
          reason: o.reason,
        });
        fs.writeFileSync(file, Buffer.from(r.contentBase64, 'base64'));
        out.result(
          { file, rows: r.rows },
          () => `${file} 에 응답 ${r.rows.toLocaleString('ko-KR')}건을 저장했습니다.`,
        );
      }),
    );
}
