import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { BOUNCE_KIND_LABELS, type BounceRow, type PollResult } from '../../../shared/contract/public';
import { AppError } from '../../../shared/errors';
import { classifyMessage } from '../../bounces';
import { createCore } from '../../core/core';
import { applyPublicSettings, publicServerOf } from '../../public';
import { dbPathOf, globals, withCore } from '../context';
import { makeOut } from '../output';

function pollLines(r: PollResult): string[] {
  return [
    `가져온 메일 ${r.fetched}통`,
    `영구 실패(주소 오류) ${r.hard}건 · 일시 실패 ${r.soft}건 · 스팸 신고 ${r.complaints}건`,
    `반송이 아닌 메일(그대로 둠) ${r.ignored}통 · 보낸 메일과 연결 못 함 ${r.unmatched}건`,
  ];
}

export function registerPublicCommands(program: Command): void {
  program
    .command('public-web')
    .description('공개 웹(수신거부·열람 확인·문자 회신 수신)만 엽니다. 다른 컴퓨터에서 따로 돌릴 수 있습니다')
    .option('--host <host>', '받을 주소 (기본: 설정의 publicHost)')
    .option('--port <port>', '포트 (기본: 설정의 publicPort, 0이면 빈 포트)')
    .action(async (o, cmd: Command) => {
      const port = o.port === undefined ? undefined : Number(o.port);
      if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535))
        throw new AppError('VALIDATION', '포트는 0~65535 사이의 숫자여야 합니다.');
      const core = await createCore({ dbPath: dbPathOf(cmd), mode: 'cli' });
      try {
        const l = await applyPublicSettings(core, { host: o.host, port, force: true }).catch((e) => {
          const code = (e as { code?: string }).code;
          throw new AppError(
            'VALIDATION',
            code === 'EADDRINUSE'
              ? `포트 ${port ?? core.settings.get().publicPort}을(를) 이미 다른 프로그램이 쓰고 있습니다.`
              : `공개 웹을 열지 못했습니다: ${(e as Error).message}`,
          );
        });
        const base = core.settings.get().publicBaseUrl;
        // one line: scripts read it while the listener keeps running
        if (globals(cmd).json)
          process.stdout.write(`${JSON.stringify({ listening: l?.url ?? null, baseUrl: base })}\n`);
        else
          process.stdout.write(
            `공개 웹이 열렸습니다: ${l?.url}\n주민에게 가는 링크의 주소: ${base}\n끝내려면 Ctrl+C\n`,
          );
        await new Promise<void>((resolve) => {
          process.once('SIGINT', () => resolve());
          process.once('SIGTERM', () => resolve());
        });
      } finally {
        await publicServerOf(core).close();
        core.close();
      }
    });

  const bounces = program.command('bounces').description('반송 메일함 (수신 불가 주소 정정)');

  bounces
    .command('poll')
    .description('반송 메일함을 지금 확인합니다')
    .action(async (_o, cmd: Command) =>
      withCore(cmd, async (_core, out, call) => {
        const r = await call<PollResult>('bounces.poll');
        out.result(r, () => pollLines(r));
      }),
    );

  bounces
    .command('list')
    .description('정정할 반송 목록 (기본: 처리 안 한 것)')
    .option('--kind <kind>', '종류: hard(영구 실패), soft(일시 실패), complaint(스팸 신고)')
    .option('--all', '처리한 것까지 모두')
    .option('--page <n>', '쪽', '1')
    .action(async (o, cmd: Command) =>
      withCore(cmd, async (_core, out, call) => {
        if (o.kind && !['hard', 'soft', 'complaint'].includes(o.kind))
          throw new AppError('VALIDATION', '종류는 hard, soft, complaint 중 하나여야 합니다.');
        const r = await call<{ items: BounceRow[]; total: number }>('bounces.list', {
          kind: o.kind,
          state: o.all ? 'all' : 'open',
          page: Number(o.page) || 1,
          pageSize: 100,
        });
        out.result(r, () =>
          r.items.length === 0
            ? ['정정할 반송이 없습니다.']
            : [
                `반송 ${r.total}건`,
                ...r.items.map(
                  (b) =>
                    `${b.at.slice(0, 10)} [${BOUNCE_KIND_LABELS[b.kind]}] ${b.email ?? '(주소 없음)'} ${b.status ?? ''} ` +
                    `${b.subscriberName ?? '(연결 안 됨)'}${b.mobile ? ` ${b.mobile}` : ''}` +
                    `${b.forms[0] ? ` 신청서 ${b.forms[0].formRef}(${b.forms[0].stationName ?? ''})` : ''}`,
                ),
              ],
        );
      }),
    );

  bounces
    .command('password')
    .description(
      '반송 메일함 비밀번호를 저장합니다 (환경변수 SOTONG_BOUNCE_PASSWORD, 데이터베이스 밖의 보호된 파일)',
    )
    .option('--clear', '저장된 비밀번호 지우기')
    .action(async (o, cmd: Command) =>
      withCore(cmd, async (_core, out, call) => {
        const password = o.clear ? null : (process.env.SOTONG_BOUNCE_PASSWORD ?? '');
        if (!o.clear && !password)
          throw new AppError('VALIDATION', '환경변수 SOTONG_BOUNCE_PASSWORD 에 비밀번호를 넣어 주세요.');
        await call('bounces.setPassword', { password });
        out.result({ ok: true }, () => (o.clear ? '비밀번호를 지웠습니다.' : '비밀번호를 저장했습니다.'));
      }),
    );

  bounces
    .command('check')
    .description('메일 파일(.eml) 하나를 읽어 반송인지 보여 줍니다 (기록하지 않음)')
    .argument('<file>', '.eml 파일')
    .action(async (file: string, _o, cmd: Command) => {
      const out = makeOut(!!globals(cmd).json);
      let raw: Buffer;
      try {
        raw = fs.readFileSync(path.resolve(file));
      } catch {
        throw new AppError('FILE', `파일을 읽을 수 없습니다: ${file}`);
      }
      const r = await classifyMessage(raw);
      const view = {
        classification: r.classification,
        recipients: r.recipients,
        complaint: r.complaint,
        verpTokens: r.verpTokens.length,
        format: r.format,
      };
      const label = {
        hard: '영구 실패',
        soft: '일시 실패',
        complaint: '스팸 신고·수신 거부 요청',
        'not-a-bounce': '반송 아님',
      };
      out.result(view, () => [
        `${label[r.classification]}${r.format ? ` (${r.format})` : ''}`,
        ...r.recipients.map(
          (x) =>
            `  ${x.email} ${x.status ?? ''} ${x.kind === 'hard' ? '영구' : '일시'} ${x.diagnostic ?? ''}`,
        ),
        ...(r.complaint ? [`  신고한 주소: ${r.complaint.email ?? '(알 수 없음)'}`] : []),
      ]);
    });
}
