import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { ImportMapping, ImportPreview, ImportResult } from '../../../shared/contract/imports';
import { importMapping } from '../../../shared/contract/imports';
import { AppError } from '../../../shared/errors';
import { matchField } from '../../subscribers/import/headers';
import { referenceOf } from '../../subscribers/import/job';
import { withCore } from '../context';

interface ImportOpts {
  kind: string;
  mapping?: string;
  sheet?: string;
  fields?: string;
  channel?: string;
}

export function registerImportCommands(program: Command): void {
  program
    .command('import')
    .description('엑셀(.xlsx)·CSV 파일에서 구독자를 가져옵니다 (제외·경고 행은 결과 보고서 xlsx로)')
    .argument('<file>', '가져올 파일')
    .option('--kind <kind>', '명단 종류: individual(개인) 또는 business(사업체)', 'individual')
    .option('--mapping <m>', '저장한 열 대응의 이름 또는 번호, 또는 열 대응 JSON 파일')
    .option('--sheet <name>', '시트 이름 (기본: 첫 시트)')
    .option('--fields <names>', '분야 열이 없는 파일: 모든 행에 줄 분야 (쉼표로 구분)')
    .option('--channel <ch>', '열이 정하지 않은 수신 방법: auto(연락처대로), sms, email, both')
    .action(async (file: string, o: ImportOpts, cmd: Command) =>
      withCore(cmd, async (core, out, call) => {
        if (o.kind !== 'individual' && o.kind !== 'business')
          throw new AppError('VALIDATION', '--kind 는 individual 또는 business 여야 합니다.');
        const kind = o.kind;
        const src = { path: path.resolve(file), fileName: path.basename(file), kind, sheet: o.sheet };

        let mapping: ImportMapping | undefined;
        let mappingId: number | undefined;
        if (o.mapping && fs.existsSync(o.mapping) && o.mapping.endsWith('.json')) {
          const parsed = importMapping.safeParse(JSON.parse(fs.readFileSync(o.mapping, 'utf8')));
          if (!parsed.success)
            throw new AppError('VALIDATION', `열 대응 파일의 형식이 올바르지 않습니다: ${o.mapping}`);
          mapping = parsed.data;
        } else if (o.mapping) {
          const { items } = await call<{ items: { id: number; name: string }[] }>(
            'imports.mappings.list',
            {},
          );
          const m = items.find((x) => x.name === o.mapping || String(x.id) === o.mapping);
          if (!m) throw new AppError('NOT_FOUND', `저장한 열 대응 ‘${o.mapping}’을(를) 찾을 수 없습니다.`);
          mappingId = m.id;
        }
        if (!mapping && (o.fields || o.channel)) {
          const p = await call<ImportPreview>('imports.preview', { ...src, mappingId });
          mapping = p.mapping;
        }
        if (mapping && o.fields) {
          const fields = referenceOf(core).fields.filter((f) => f.audience === kind);
          mapping.defaultFieldIds = o.fields.split(',').map((n) => {
            const f = matchField(n.trim(), fields);
            if (!f) throw new AppError('VALIDATION', `분야 ‘${n.trim()}’을(를) 찾을 수 없습니다.`);
            return f.id;
          });
        }
        if (mapping && o.channel) {
          if (!['auto', 'sms', 'email', 'both'].includes(o.channel))
            throw new AppError('VALIDATION', '--channel 은 auto, sms, email, both 중 하나여야 합니다.');
          mapping.defaultChannel = o.channel as ImportMapping['defaultChannel'];
        }

        const { jobId } = await call<{ jobId: string }>('imports.start', {
          ...src,
          mapping,
          mappingId: mapping ? undefined : mappingId,
        });
        // Progress on stderr (stdout stays the result); Ctrl+C cancels, which takes back what was written.
        const unsubscribe = core.events.subscribe((name, payload) => {
          const pl = payload as { jobId: string; done: number; total: number };
          if (name !== 'job.progress' || pl.jobId !== jobId || out.json) return;
          const pct = pl.total > 0 ? Math.min(100, Math.floor((pl.done / pl.total) * 100)) : 0;
          const bar = '#'.repeat(Math.floor(pct / 5)).padEnd(20, '.');
          process.stderr.write(`\r가져오는 중 [${bar}] ${pct}% ${pl.done.toLocaleString('ko-KR')}행`);
        });
        const cancel = () => core.jobs.cancel(jobId);
        process.once('SIGINT', cancel);
        try {
          await core.jobs.wait(jobId);
        } finally {
          unsubscribe();
          process.off('SIGINT', cancel);
          if (!out.json) process.stderr.write('\n');
        }
        const r = await call<ImportResult>('imports.result', { jobId });
        if (r.status === 'failed') throw new AppError('FILE', r.error ?? '가져오기에 실패했습니다.');
        if (r.status === 'cancelled')
          throw new AppError('VALIDATION', '가져오기를 취소했습니다. 아무것도 저장하지 않았습니다.');
        const value = {
          rows: r.rows,
          imported: r.imported,
          merged: r.merged,
          rejected: r.rejected,
          warnings: r.warnings,
          review: r.review,
          reportFile: r.reportFile,
        };
        out.result(value, () => [
          `가져오기를 마쳤습니다: ${r.fileName}`,
          `  전체 ${r.rows.toLocaleString('ko-KR')}행 = 새로 등록 ${r.imported.toLocaleString('ko-KR')} + 기존과 합침 ${r.merged.toLocaleString('ko-KR')} + 제외 ${r.rejected.toLocaleString('ko-KR')}`,
          `  경고 ${r.warnings.toLocaleString('ko-KR')}행, 검토 필요(수신거부) ${r.review.toLocaleString('ko-KR')}행`,
          r.reportFile ? `  결과 보고서: ${r.reportFile}` : '  결과 보고서: 없음 (제외·경고 행이 없습니다)',
        ]);
      }),
    );
}
