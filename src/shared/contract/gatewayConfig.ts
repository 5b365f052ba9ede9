// Per-provider SMS gateway settings (kept in the campaigns settings). Secrets are NOT here: the
// Solapi API secret, NHN secret key and Kannel password live in the key file (gateways.setSecret).
import { z } from 'zod';

const url = (def: string) =>
  z
    .string()
    .trim()
    .max(300)
    .regex(/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/, '주소는 http:// 또는 https:// 로 시작해야 합니다.')
    .default(def);
/** '' = use the campaign's sender number (general settings) */
const sender = z
  .string()
  .trim()
  .regex(/^(\d{8,11})?$/, '발신번호는 숫자 8~11자리로 적으세요.')
  .default('');

export const solapiConfig = z.object({
  baseUrl: url('https://api.solapi.com'),
  apiKey: z.string().trim().max(100).default(''),
  sender,
  timeoutMs: z.number().int().min(1000).max(120_000).default(30_000),
});

export const nhnConfig = z.object({
  baseUrl: url('https://api-sms.cloud.toast.com'),
  appKey: z.string().trim().max(100).default(''),
  sender,
  /** the ward's 080 number at NHN (for the block list); '' = every 080 number of the app key */
  unsubscribeNo: z.string().trim().max(20).default(''),
  timeoutMs: z.number().int().min(1000).max(120_000).default(30_000),
});

export const kannelConfig = z.object({
  /** e.g. http://127.0.0.1:13013/cgi-bin/sendsms */
  sendsmsUrl: url('http://127.0.0.1:13013/cgi-bin/sendsms'),
  username: z.string().trim().max(100).default(''),
  smsc: z.string().trim().max(100).default(''),
  timeoutMs: z.number().int().min(1000).max(120_000).default(30_000),
});

export type SolapiConfig = z.infer<typeof solapiConfig>;
export type NhnConfig = z.infer<typeof nhnConfig>;
export type KannelConfig = z.infer<typeof kannelConfig>;

export const GATEWAY_SECRETS = {
  solapiApiSecret: 'Solapi API Secret',
  nhnSecretKey: 'NHN Cloud Secret Key',
  kannelPassword: 'Kannel 비밀번호',
} as const;
export type GatewaySecretName = keyof typeof GATEWAY_SECRETS;
export const gatewaySecretName = z.enum(Object.keys(GATEWAY_SECRETS) as [GatewaySecretName]);

export const GATEWAY_LABELS = {
  test: '테스트 발송기 (실제로 보내지 않음)',
  solapi: '솔라피 (Solapi)',
  nhn: 'NHN Cloud SMS',
  kannel: 'Kannel (자체 문자 게이트웨이)',
} as const;
export type GatewayKind = keyof typeof GATEWAY_LABELS;
export const gatewayKind = z.enum(Object.keys(GATEWAY_LABELS) as [GatewayKind]);
