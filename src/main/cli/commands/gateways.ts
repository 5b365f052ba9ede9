import type { Command } from 'commander';
import { GATEWAY_LABELS, type GatewayKind, gatewaySecretName } from '../../../shared/contract/gatewayConfig';
import { AppError } from '../../../shared/errors';
import { withCore } from '../context';

const KINDS = Object.keys(GATEWAY_LABELS) as GatewayKind[];

/** `sotong gateway …`: choose and set up the SMS gateway from a terminal (the same channels as 설정 → 문자 발송). */
export function registerGatewayCommands(program: Command): void {
  const gw = program.command('gateway').description('문자 발송 업체 (솔라피·NHN Cloud·Kannel·테스트)');

  gw.command('use')
    .description('사용할 발송 업체와 설정을 정합니다 (비밀 값은 gateway secret 으로)')
    .argument('<kind>', KINDS.join(' | '))
    .option('--base-url <url>', 'API 주소 (솔라피·NHN) 또는 sendsms 주소 (Kannel)')
    .option('--key <key>', '솔라피 API Key · NHN App Key · Kannel 사용자 이름')
    .option('--sender <digits>', '발신번호 (비우면 기본 설정의 발신번호)')
    .option('--smsc <id>', 'Kannel SMSC 이름')
    .action(async (kind: string, o, cmd: Command) =>
      withCore(cmd, async (_core, out, call) => {
        if (!KINDS.includes(kind as GatewayKind))
          throw new AppError('VALIDATION', `발송 업체는 ${KINDS.join(', ')} 중 하나여야 합니다.`);
        type Cfg = Record<string, unknown>;
        const cur = await call<{ solapi: Cfg; nhn: Cfg; kannel: Cfg }>('campaigns.settings.get', {});
        const patch: Record<string, unknown> = { smsGateway: kind };
        if (kind === 'solapi' || kind === 'nhn')
          patch[kind] = {
            ...cur[kind],
            ...(o.baseUrl ? { baseUrl: o.baseUrl } : {}),
            ...(o.key !== undefined ? { [kind === 'solapi' ? 'apiKey' : 'appKey']: o.key } : {}),
            ...(o.sender !== undefined ? { sender: o.sender } : {}),
          };
        if (kind === 'kannel')
          patch.kannel = {
            ...cur.kannel,
            ...(o.baseUrl ? { sendsmsUrl: o.baseUrl } : {}),
            ...(o.key !== undefined ? { username: o.key } : {}),
            ...(o.smsc !== undefined ? { smsc: o.smsc } : {}),
          };
        await call('campaigns.settings.update', patch);
        out.result(
          { ok: true, smsGateway: kind },
          () => `문자 발송 업체: ${GATEWAY_LABELS[kind as GatewayKind]}`,
        );
      }),
    );

  gw.command('secret')
    .description('비밀 값을 저장합니다: 환경변수 SOTONG_GATEWAY_SECRET (데이터베이스 밖의 보호된 파일)')
    .argument('<name>', gatewaySecretName.options.join(' | '))
    .option('--clear', '저장된 값 지우기')
    .action(async (name: string, o, cmd: Command) =>
      withCore(cmd, async (_core, out, call) => {
        if (!gatewaySecretName.options.includes(name as never))
          throw new AppError(
            'VALIDATION',
            `이름은 ${gatewaySecretName.options.join(', ')} 중 하나여야 합니다.`,
          );
        const value = o.clear ? '' : (process.env.SOTONG_GATEWAY_SECRET ?? '');
        if (!o.clear && !value)
          throw new AppError('VALIDATION', '환경변수 SOTONG_GATEWAY_SECRET 에 값을 넣어 주세요.');
        await call('gateways.setSecret', { name, value });
        out.result({ ok: true }, () => (o.clear ? '지웠습니다.' : '저장했습니다.'));
      }),
    );

  gw.command('test')
    .description('연결 시험 (인증·잔액·발신번호 확인). 실패하면 종료 코드 1')
    .option('--provider <kind>', '시험할 업체 (기본: 사용 중인 업체)')
    .action(async (o, cmd: Command) =>
      withCore(cmd, async (_core, out, call) => {
        const r = await call<{ ok: boolean; message: string; balance: number | null }>('gateways.test', {
          provider: o.provider,
        });
        out.result(r, () => r.message);
        if (!r.ok) process.exitCode = 1;
      }),
    );

  gw.command('test-send')
    .description('직원 번호로 시험 문자를 보냅니다')
    .argument('<phone>', '받을 휴대전화 번호')
    .option('--text <text>', '보낼 내용')
    .action(async (phone: string, o, cmd: Command) =>
      withCore(cmd, async (_core, out, call) => {
        const r = await call<{ status: string; message: string }>('gateways.testSend', {
          phone,
          ...(o.text ? { text: o.text } : {}),
        });
        out.result(r, () => r.message);
        if (r.status === 'failed') process.exitCode = 1;
      }),
    );
}
