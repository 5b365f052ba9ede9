import type { Command } from 'commander';
import { ROLE_LABELS, ROLES, type Role } from '../../../shared/contract/define';
import type { UserRow } from '../../../shared/contract/users';
import { AppError } from '../../../shared/errors';
import { oneTimePassword } from '../../auth/passwords';
import type { Core } from '../../core/core';
import { withCore } from '../context';

function findUser(users: UserRow[], username: string): UserRow {
  const u = users.find((x) => x.username === username);
  if (!u) throw new AppError('NOT_FOUND', `사용자 ${username}을(를) 찾을 수 없습니다.`);
  return u;
}

function dongIdOf(core: Core, dong: string | undefined): number | null {
  if (!dong) return null;
  const d = core.reference
    .list()
    .dongs.find((x) => x.name === dong || x.code === dong || String(x.id) === dong);
  if (!d) throw new AppError('NOT_FOUND', `행정동 ${dong}을(를) 찾을 수 없습니다.`);
  return d.id;
}

export function registerUserCommands(program: Command): void {
  const user = program.command('user').description('사용자 계정 관리');

  user
    .command('add')
    .description('사용자를 추가합니다 (비밀번호를 주지 않으면 일회용 비밀번호를 출력)')
    .argument('<username>', '아이디')
    .requiredOption('--role <role>', `권한: ${ROLES.map((r) => `${r}(${ROLE_LABELS[r]})`).join(', ')}`)
    .option('--name <name>', '이름 (기본: 아이디)')
    .option('--dong <dong>', '담당 행정동 이름 또는 코드 (주민센터 권한)')
    .option('--department <dept>', '부서명 (부서 권한)')
    .option('--password <pw>', '비밀번호 (처음 로그인할 때 바꾸게 됩니다)')
    .action(async (username: string, o, cmd: Command) =>
      withCore(cmd, async (core, out, call) => {
        if (!ROLES.includes(o.role as Role))
          throw new AppError('VALIDATION', `권한은 ${ROLES.join(', ')} 중 하나여야 합니다.`);
        const password = o.password ?? oneTimePassword();
        const r = await call<{ user: UserRow }>('users.create', {
          username,
          password,
          displayName: o.name ?? username,
          role: o.role,
          dongId: dongIdOf(core, o.dong),
          department: o.department ?? null,
          mustChangePassword: true,
        });
        out.result({ user: r.user, oneTimePassword: o.password ? null : password }, () => [
          `사용자를 추가했습니다: ${r.user.username} (${ROLE_LABELS[r.user.role]})`,
          ...(o.password ? [] : [`일회용 비밀번호: ${password}`]),
          '처음 로그인할 때 비밀번호를 바꿔야 합니다.',
        ]);
      }),
    );

  user
    .command('list')
    .description('사용자 목록')
    .action(async (_o, cmd: Command) =>
      withCore(cmd, async (_core, out, call) => {
        const r = await call<{ items: UserRow[] }>('users.list');
        out.result(r.items, () =>
          r.items.map(
            (u) =>
              `${u.username}\t${u.displayName}\t${ROLE_LABELS[u.role]}${u.locked ? '\t잠김' : ''}${u.active ? '' : '\t사용중지'}`,
          ),
        );
      }),
    );

  user
    .command('passwd')
    .description('비밀번호를 재설정합니다 (다음 로그인 때 바꾸게 됩니다)')
    .argument('<username>', '아이디')
    .option('--password <pw>', '새 비밀번호 (없으면 일회용 비밀번호 출력)')
    .action(async (username: string, o, cmd: Command) =>
      withCore(cmd, async (_core, out, call) => {
        const u = findUser((await call<{ items: UserRow[] }>('users.list')).items, username);
        const password = o.password ?? oneTimePassword();
        await call('users.resetPassword', { id: u.id, password });
        out.result({ username, oneTimePassword: o.password ? null : password }, () => [
          `${username}의 비밀번호를 재설정했습니다.`,
          ...(o.password ? [] : [`일회용 비밀번호: ${password}`]),
        ]);
      }),
    );

  user
    .command('unlock')
    .description('로그인 실패로 잠긴 계정을 풉니다')
    .argument('<username>', '아이디')
    .action(async (username: string, _o, cmd: Command) =>
      withCore(cmd, async (_core, out, call) => {
        const u = findUser((await call<{ items: UserRow[] }>('users.list')).items, username);
        await call('users.unlock', { id: u.id });
        out.result({ username, unlocked: true }, () => `${username} 계정의 잠금을 풀었습니다.`);
      }),
    );
}
