// SMS gateways (issue #5): connection check, secrets, test send. Their settings are part of the
// campaigns settings (campaigns.settings.update with smsGateway/solapi/nhn/kannel).
import { z } from 'zod';
import { channel, empty, ok } from './define';
import { gatewayKind, gatewaySecretName } from './gatewayConfig';

const ADMIN = ['admin'] as const;

export const gatewayStatus = z.object({
  selected: gatewayKind,
  name: z.string(),
  real: z.boolean(),
  notice: z.string(),
  /** which secrets are stored (never their values) */
  secrets: z.object({ solapiApiSecret: z.boolean(), nhnSecretKey: z.boolean(), kannelPassword: z.boolean() }),
  /** 080 lists registered with the opt-out sync */
  optOutSources: z.array(z.string()),
});

export const gatewayCheckResult = z.object({
  ok: z.boolean(),
  /** Korean, for people */
  message: z.string(),
  /** prepaid balance in KRW where the provider tells it */
  balance: z.number().nullable(),
});

export const gatewaysChannels = {
  'gateways.status': channel({
    summary: '문자 발송 업체 상태',
    access: ADMIN,
    input: empty,
    output: gatewayStatus,
  }),
  'gateways.test': channel({
    summary: '연결 시험 (인증·잔액 확인)',
    access: ADMIN,
    input: z.object({ provider: gatewayKind.optional() }),
    output: gatewayCheckResult,
  }),
  'gateways.setSecret': channel({
    summary: '발송 업체 비밀 값 저장 (키 파일, DB에 저장하지 않음)',
    access: ADMIN,
    input: z.object({ name: gatewaySecretName, value: z.string().max(500) }),
    output: ok,
  }),
  'gateways.testSend': channel({
    summary: '직원 번호로 시험 발송',
    access: ADMIN,
    input: z.object({
      phone: z.string().trim().min(1, '받을 번호를 입력하세요.').max(20),
      text: z.string().trim().max(1000).default('[소통창구] 문자 발송 시험입니다.'),
    }),
    output: z.object({
      status: z.enum(['accepted', 'delivered', 'failed']),
      message: z.string(),
      code: z.string().nullable(),
      providerId: z.string().nullable(),
    }),
  }),
};
