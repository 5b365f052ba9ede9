import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { AppError } from '../../../shared/errors';
import { oneTimePassword } from '../../auth/passwords';
import { createCore } from '../../core/core';
import { loadSeed } from '../../reference/seed';
import { restoreDatabase } from '../../system/backup';
import { startBridge } from '../../web/bridge';
import { runBench } from '../../bench/run';
import { CLI_CALL, dbPathOf, globals, withCore } from '../context';
import { makeOut } from '../output';

export function rendererDir(): string {
  // SOTONG_RENDERER_DIR lets engineers build and serve a private copy side by side
  if (process.env.SOTONG_RENDERER_DIR) return path.resolve(process.env.SOTONG_RENDERER_DIR);
  return path.resolve(__dirname, '../../../../.vite/renderer/main_window');
}

export function registerSystemCommands(program: Command): void {
  program
    .command('init')
    .description('데이터베이스를 만들고(또는 최신으로 맞추고) 첫 관리자 계정을 만듭니다')
    .option('--ward <name>', '구 이름')
    .option('--station <code>', '이 컴퓨터의 접수처 코드 (기본: 본청 HQ)')
    .option('--admin-username <id>', '관리자 아이디', 'admin')
    .option(
      '--admin-password <pw>',
      '관리자 비밀번호 (없으면 환경변수 SOTONG_ADMIN_PASSWORD, 그것도 없으면 일회용 비밀번호 출력)',
    )
    .option('--seed <file>', '구 기본 자료(JSON) 파일: 다른 구에서 쓸 때')
    .action(async (o, cmd: Command) => {
      const g = globals(cmd);
      const out = makeOut(!!g.json);
      const seedFile = o.seed ? path.resolve(o.seed) : undefined;
      if (seedFile) {
        try {
          loadSeed(seedFile);
        } catch {
          throw new AppError('FILE', `구 기본 자료 파일을 읽을 수 없습니다: ${seedFile}`);
        }
      }
      const dbPath = dbPathOf(cmd);
      const core = await createCore({ dbPath, mode: 'cli', seedFile });
      try {
        if (core.users.count() > 0) {
          out.result(
            { dbPath, created: false, admin: null },
            () => `이미 설정된 데이터베이스입니다: ${dbPath}`,
          );
          return;
        }
        const ref = core.reference.list();
        const code = o.station ?? ref.stations.find((s) => s.kind === 'hq')?.code;
        const station = ref.stations.find((s) => s.code === code);
        if (!station)
          throw new AppError(
            'VALIDATION',
            `접수처 코드 ${code}를 찾을 수 없습니다. 가능한 코드: ${ref.stations.map((s) => s.code).join(', ')}`,
          );
        const given: string | undefined = o.adminPassword || process.env.SOTONG_ADMIN_PASSWORD || undefined;
        const password = given ?? oneTimePassword();
        if (o.ward) core.settings.update({ wardName: o.ward });
        core.settings.update({ thisStationId: station.id });
        await core.router.call(
          'users.create',
          {
            username: o.adminUsername,
            password,
            displayName: '관리자',
            role: 'admin',
            mustChangePassword: !given,
          },
          CLI_CALL,
        );
        core.audit.append(core.router.actorFor(null, CLI_CALL), {
          action: 'setup',
          detail: { station: station.name },
        });
        out.result(
          {
            dbPath,
            created: true,
            admin: o.adminUsername,
            oneTimePassword: given ? null : password,
            station: station.name,
          },
          () => [
            `데이터베이스를 준비했습니다: ${dbPath}`,
            `접수처: ${station.name}`,
            `관리자 아이디: ${o.adminUsername}`,
            ...(given
              ? []
              : [
                  `일회용 비밀번호: ${password}`,
                  '(처음 로그인할 때 새 비밀번호로 바꿔야 합니다. 이 비밀번호는 다시 표시되지 않습니다.)',
                ]),
          ],
        );
      } finally {
        core.close();
      }
    });

  program
    .command('web')
    .description('웹 모드: 브라우저에서 쓰는 화면과 요청 통로를 127.0.0.1에서 엽니다')
    .option('--port <port>', '포트 (0이면 빈 포트)', '5180')
    .action(async (o, cmd: Command) => {
      const port = Number(o.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new AppError('VALIDATION', '포트는 0~65535 사이의 숫자여야 합니다.');
      const core = await createCore({ dbPath: dbPathOf(cmd), mode: 'web', dailyBackup: true });
      const dir = rendererDir();
      const hasUi = fs.existsSync(path.join(dir, 'index.html'));
      const bridge = await startBridge(core, { port, staticDir: hasUi ? dir : null });
      if (!hasUi)
        process.stderr.write(
          '화면 파일이 없습니다. 먼저 npm run build:renderer 를 실행하세요 (요청 통로만 엽니다).\n',
        );
      process.stdout.write(
        `소통창구 웹 모드가 열렸습니다. 주소: ${bridge.url}\n데이터베이스: ${core.dbPath}\n끝내려면 Ctrl+C\n`,
      );
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await bridge.close();
      core.close();
    });

  program
    .command('backup')
    .description('지금 데이터베이스를 백업합니다 (앱을 쓰는 중에도 안전)')
    .action(async (_o, cmd: Command) =>
      withCore(cmd, async (_core, out, call) => {
        const r = await call<{ file: string; bytes: number }>('system.backup');
        out.result(r, () => `백업했습니다: ${r.file} (${(r.bytes / 1024).toFixed(0)} KB)`);
      }),
    );

  program
    .command('restore')
    .description(
      '백업 파일로 데이터베이스를 되돌립니다 (지금 파일은 먼저 백업해 둡니다). 앱을 닫고 실행하세요',
    )
    .argument('<file>', '백업 파일')
    .action(async (file: string, _o, cmd: Command) => {
      const out = makeOut(!!globals(cmd).json);
      const dbPath = dbPathOf(cmd);
      const from = path.resolve(file);
      const backupDir = path.join(path.dirname(path.resolve(dbPath)), 'backups');
      const r = await restoreDatabase(dbPath, from, backupDir);
      // Opening once migrates an older backup and records the restore in the (restored) audit log.
      const core = await createCore({ dbPath, mode: 'cli' });
      try {
        core.audit.append(core.router.actorFor(null, CLI_CALL), {
          action: 'restore',
          detail: { from, previous: r.previous },
        });
      } finally {
        core.close();
      }
      out.result({ restored: from, previous: r.previous }, () => [
        `복원했습니다: ${from}`,
        ...(r.previous ? [`복원 전 파일은 여기에 보관했습니다: ${r.previous}`] : []),
      ]);
    });

  const audit = program.command('audit').description('접속기록');
  audit
    .command('verify')
    .description('접속기록이 위·변조되지 않았는지 해시 사슬을 검사합니다')
    .action(async (_o, cmd: Command) =>
      withCore(cmd, async (_core, out, call) => {
        const r = await call<{ ok: boolean; checked: number; brokenAtId: number | null }>('audit.verify');
        out.result(r, () =>
          r.ok
            ? `이상 없음: 기록 ${r.checked}건을 검사했습니다.`
            : `위·변조 의심: ${r.brokenAtId}번 기록부터 해시가 맞지 않습니다.`,
        );
        if (!r.ok) process.exitCode = 1;
      }),
    );

  program
    .command('bench')
    .description('성능 측정표를 출력합니다 (같은 실행에서 잰 기준값 대비 배율)')
    .option('--quick', '적은 자료로 빠르게 (점검용)')
    .option('--only <list>', '일부 항목만: 이슈 번호(#3) 또는 이름 일부, 쉼표로 구분')
    .action(async (o, cmd: Command) => {
      const only = o.only
        ? String(o.only)
            .split(',')
            .map((x: string) => x.trim())
        : undefined;
      await runBench({ quick: !!o.quick, json: !!globals(cmd).json, only });
    });
}
