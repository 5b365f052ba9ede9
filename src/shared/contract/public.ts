// The public web listener (open pixel, unsubscribe, gateway callbacks) and the bounce mailbox:
// their settings (spread into the settings schema) and their status/operation channels.
import { z } from 'zod';
import { channel, ok, paged } from './define';

const host = z.string().trim().max(200);

/** Keys merged into settingsSchema (src/shared/contract/settings.ts). */
export const publicSettingsShape = {
  /** run the public listener inside the app (web mode / desktop); `sotong public-web` runs it alone */
  publicEnabled: z.boolean().default(false),
  publicHost: host.min(1, '주소를 입력하세요.').default('127.0.0.1'),
  publicPort: z.number().int().min(1).max(65535).default(8088),
  /** what residents' links start with (the reverse proxy's https address in production) */
  publicBaseUrl: z
    .string()
    .trim()
    .max(300)
    .regex(/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/, '주소는 http:// 또는 https:// 로 시작해야 합니다.')
    .default('http://127.0.0.1:8088'),
  /** behind a reverse proxy: take the client address from the last X-Forwarded-For entry */
  publicTrustProxy: z.boolean().default(false),
  /** addresses allowed to call the gateway callbacks (Kannel DLR/MO) */
  publicCallbackAllow: z.array(z.string().trim().min(1).max(64)).max(50).default(['127.0.0.1', '::1']),
  /** poll the envelope-sender mailbox for bounces */
  bounceEnabled: z.boolean().default(false),
  bounceImapHost: host.default(''),
  bounceImapPort: z.number().int().min(1).max(65535).default(993),
  bounceImapSecure: z.boolean().default(true),
  bounceImapUser: z.string().trim().max(200).default(''),
  bounceMailbox: z.string().trim().min(1).max(200).default('INBOX'),
  bouncePollMinutes: z.number().int().min(1, '1분 이상이어야 합니다.').max(1440).default(10),
};

export const pollResult = z.object({
  fetched: z.number().int(),
  hard: z.number().int(),
  soft: z.number().int(),
  complaints: z.number().int(),
  /** mails that are not bounces: left in the mailbox untouched */
  ignored: z.number().int(),
  /** bounces/complaints that could not be tied to a sent message or a person */
  unmatched: z.number().int(),
});
export type PollResult = z.infer<typeof pollResult>;

export const publicStatus = z.object({
  enabled: z.boolean(),
  running: z.boolean(),
  /** where it listens in this process, when it does */
  listening: z.string().nullable(),
  baseUrl: z.string(),
  startedAt: z.string().nullable(),
  error: z.string().nullable(),
  counters: z.record(z.string(), z.number().int()),
});

export const bounceKind = z.enum(['hard', 'soft', 'complaint']);
export const BOUNCE_KIND_LABELS: Record<z.infer<typeof bounceKind>, string> = {
  hard: '영구 실패(주소 오류)',
  soft: '일시 실패',
  complaint: '스팸 신고·수신 거부 요청',
};

export const bounceRow = z.object({
  id: z.number().int(),
  at: z.string(),
  kind: bounceKind,
  email: z.string().nullable(),
  status: z.string().nullable(),
  diagnostic: z.string().nullable(),
  outboxId: z.number().int().nullable(),
  campaignId: z.string().nullable(),
  campaignName: z.string().nullable(),
  subscriberId: z.string().nullable(),
  subscriberName: z.string().nullable(),
  /** to call the person about the address */
  mobile: z.string().nullable(),
  dongName: z.string().nullable(),
  /** the person's current address (may already be corrected) */
  currentEmail: z.string().nullable(),
  matchedBy: z.string().nullable(),
  markedInvalid: z.boolean(),
  /** the paper forms of that person: where to look them up */
  forms: z.array(z.object({ formRef: z.string(), stationName: z.string().nullable(), signedAt: z.string() })),
  resolvedAt: z.string().nullable(),
  resolvedNote: z.string().nullable(),
});
export type BounceRow = z.infer<typeof bounceRow>;

export const bounceStatus = z.object({
  enabled: z.boolean(),
  /** host and user are set */
  configured: z.boolean(),
  passwordSet: z.boolean(),
  lastPollAt: z.string().nullable(),
  lastResult: pollResult.nullable(),
  lastError: z.string().nullable(),
  openHard: z.number().int(),
});

export const publicChannels = {
  'public.status': channel({
    summary: '공개 웹(수신거부·열람 확인·문자 회신) 상태',
    access: ['admin', 'pr'],
    input: z.object({}).strict(),
    output: publicStatus,
  }),
  'public.apply': channel({
    summary: '공개 웹 설정 적용(켜기·끄기·다시 시작)',
    access: ['admin'],
    input: z.object({}).strict(),
    output: publicStatus,
  }),
  'bounces.status': channel({
    summary: '반송 메일함 상태',
    access: ['admin', 'pr'],
    input: z.object({}).strict(),
    output: bounceStatus,
  }),
  'bounces.setPassword': channel({
    summary: '반송 메일함 비밀번호 저장(데이터베이스 밖, 보호된 파일)',
    access: ['admin'],
    input: z.object({ password: z.string().max(500).nullable() }),
    output: ok,
  }),
  'bounces.poll': channel({
    summary: '반송 메일함 지금 확인',
    access: ['admin', 'pr'],
    input: z.object({}).strict(),
    output: pollResult,
  }),
  'bounces.list': channel({
    summary: '반송·신고 목록(주소 정정용)',
    access: ['admin', 'pr', 'dong'],
    input: z.object({
      kind: bounceKind.optional(),
      /** open = still to be handled */
      state: z.enum(['open', 'resolved', 'all']).default('open'),
      /** only those tied to a person */
      matchedOnly: z.boolean().default(false),
      dongId: z.number().int().optional(),
      page: z.number().int().min(1).default(1),
      pageSize: z.number().int().min(1).max(500).default(50),
    }),
    output: paged(bounceRow),
  }),
  'bounces.resolve': channel({
    summary: '반송 처리 완료 표시',
    access: ['admin', 'pr', 'dong'],
    input: z.object({ id: z.number().int(), note: z.string().trim().max(200).optional() }),
    output: bounceRow,
  }),
};
