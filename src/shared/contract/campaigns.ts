// Campaigns (issue #4): compose, target, approve, schedule, launch, dispatch and results of SMS/LMS
// and email campaigns. Every channel is PR/admin only.
import { z } from 'zod';
import { AGE_BANDS } from '../text/dates';
import { channel, empty, ok, paged, pageInput } from './define';
import { kannelConfig, nhnConfig, solapiConfig } from './gatewayConfig';

const PR = ['admin', 'pr'] as const;
const ADMIN = ['admin'] as const;

export const CAMPAIGN_STATUS_LABELS = {
  draft: '작성 중',
  scheduled: '예약됨',
  sending: '발송 중',
  paused: '일시정지',
  done: '완료',
  cancelled: '취소됨',
} as const;
export type CampaignStatus = keyof typeof CAMPAIGN_STATUS_LABELS;
export const campaignStatus = z.enum(Object.keys(CAMPAIGN_STATUS_LABELS) as [CampaignStatus]);

export const OUTBOX_STATUS_LABELS = {
  queued: '대기',
  sending: '발송 중',
  accepted: '접수됨',
  delivered: '전달됨',
  failed: '실패',
  bounced: '반송',
  skipped: '제외',
  needs_review: '확인 필요',
  cancelled: '취소',
} as const;
export type OutboxStatus = keyof typeof OUTBOX_STATUS_LABELS;
export const outboxStatus = z.enum(Object.keys(OUTBOX_STATUS_LABELS) as [OutboxStatus]);
export const messageChannel = z.enum(['sms', 'email']);
export type MessageChannel = z.infer<typeof messageChannel>;

/** Why a person is not among a channel's recipients (live count, and skips at send time). */
export const EXCLUSION_LABELS = {
  withdrawn: '탈퇴한 구독자',
  no_consent: '이 채널 수신 동의 없음',
  no_number: '휴대전화 번호 없음·오류',
  withdrawn_prefix: '사용 종료된 번호(011·016·017·018·019)',
  no_email: '이메일 주소 없음·오류',
  email_invalid: '반송된 이메일 주소',
  suppressed: '수신거부 목록',
  duplicate: '같은 번호·주소 중복',
} as const;
export type ExclusionReason = keyof typeof EXCLUSION_LABELS;

const ageBand = z.enum(AGE_BANDS as unknown as ['<20', '20s', '30s', '40s', '50s', '60s', '70+']);

export const targetFilters = z.object({
  dongIds: z.array(z.number().int()).default([]),
  ageBands: z.array(ageBand).default([]),
  genders: z.array(z.enum(['M', 'F'])).default([]),
  businessTypeIds: z.array(z.number().int()).default([]),
  kinds: z.array(z.enum(['individual', 'business'])).default([]),
});
export type TargetFilters = z.infer<typeof targetFilters>;

export const targeting = z.object({
  fieldIds: z.array(z.number().int()).min(1, '분야를 하나 이상 고르세요.'),
  channels: z
    .object({ sms: z.boolean().default(false), email: z.boolean().default(false) })
    .refine((c) => c.sms || c.email, '문자나 이메일 중 하나 이상을 고르세요.'),
  filters: targetFilters.default({ dongIds: [], ageBands: [], genders: [], businessTypeIds: [], kinds: [] }),
});

const text = (max: number) => z.string().max(max).default('');

/**
 * A campaign as saved (and as `sotong campaign create --file` reads it, see campaignFile):
 * `sms.text` may use {이름}, {동} and, in notice campaigns, the file's column names ({금액}, {납기} …);
 * the opt-out line, the (광고) prefix/080 line and SNS links are appended by the program.
 * `email.html` may use the same placeholders and {수신거부링크}.
 */
export const campaignDraft = targeting.extend({
  id: z.string().optional(),
  name: z.string().trim().min(1, '캠페인 이름을 입력하세요.').max(80),
  kind: z.enum(['info', 'notice']).default('info'),
  /** default: true when any chosen field is advertising by default */
  isAd: z.boolean().optional(),
  sms: z
    .object({ text: text(4000), subject: text(80), appendSns: z.boolean().default(false) })
    .default({ text: '', subject: '', appendSns: false }),
  email: z.object({ subject: text(200), html: text(200_000) }).default({ subject: '', html: '' }),
  templateId: z.string().nullable().default(null),
});
export type CampaignDraft = z.infer<typeof campaignDraft>;

/**
 * The JSON file of `sotong campaign create --file campaign.json`. Like campaignDraft, but fields,
 * dongs and business types may be given by id, code or name:
 * ```json
 * { "name": "3월 문화공연 안내", "fields": ["culture"], "channels": { "sms": true, "email": true },
 *   "filters": { "dongs": ["마장동"], "ageBands": ["30s", "40s"], "genders": ["F"] },
 *   "isAd": false,
 *   "sms": { "text": "{이름}님, 3월 구민회관 공연 안내 …", "subject": "3월 공연 안내", "appendSns": true },
 *   "email": { "subject": "3월 공연 안내", "html": "<p>{이름}님 …</p>" } }
 * ```
 */
export const campaignFile = z.object({
  name: z.string().trim().min(1).max(80),
  kind: z.enum(['info', 'notice']).default('info'),
  fields: z.array(z.union([z.number().int(), z.string()])).min(1, '분야를 하나 이상 적으세요.'),
  channels: z.object({ sms: z.boolean().default(false), email: z.boolean().default(false) }),
  filters: z
    .object({
      dongs: z.array(z.union([z.number().int(), z.string()])).default([]),
      ageBands: z.array(ageBand).default([]),
      genders: z.array(z.enum(['M', 'F'])).default([]),
      businessTypes: z.array(z.union([z.number().int(), z.string()])).default([]),
      kinds: z.array(z.enum(['individual', 'business'])).default([]),
    })
    .default({ dongs: [], ageBands: [], genders: [], businessTypes: [], kinds: [] }),
  isAd: z.boolean().optional(),
  sms: z.object({ text: text(4000), subject: text(80), appendSns: z.boolean().default(false) }).optional(),
  email: z.object({ subject: text(200), html: text(200_000) }).optional(),
});
export type CampaignFile = z.infer<typeof campaignFile>;

export const channelCounts = z.record(z.string(), z.number().int());

export const campaignRow = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['info', 'notice']),
  status: campaignStatus,
  /** draft that still needs a second PR user's approval (setting campaignApproval) */
  awaitingApproval: z.boolean(),
  channels: z.object({ sms: z.boolean(), email: z.boolean() }),
  fieldIds: z.array(z.number().int()),
  filters: targetFilters,
  isAd: z.boolean(),
  sms: z.object({ text: z.string(), subject: z.string(), appendSns: z.boolean() }),
  email: z.object({ subject: z.string(), html: z.string() }),
  templateId: z.string().nullable(),
  scheduledAt: z.string().nullable(),
  confirmNight: z.boolean(),
  approvedBy: z.string().nullable(),
  approvedAt: z.string().nullable(),
  pauseReason: z.string().nullable(),
  note: z.string().nullable(),
  smsClass: z.string().nullable(),
  notice: z
    .object({
      fileName: z.string(),
      columns: z.array(z.string()),
      rows: z.number().int(),
      matched: z.number().int(),
    })
    .nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  launchedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  /** outbox counts per channel and state (test sends excluded) */
  counts: z.object({ sms: channelCounts, email: channelCounts }),
  total: z.number().int(),
});
export type CampaignRow = z.infer<typeof campaignRow>;

const excluded = z.object({ reason: z.string(), label: z.string(), count: z.number().int() });
export const audienceOutput = z.object({
  /** people in the chosen fields and filters, before channel checks */
  candidates: z.number().int(),
  sms: z.object({ recipients: z.number().int(), excluded: z.array(excluded) }).nullable(),
  email: z.object({ recipients: z.number().int(), excluded: z.array(excluded) }).nullable(),
  /** people reached on at least one channel */
  people: z.number().int(),
  tookMs: z.number(),
});
export type AudienceOutput = z.infer<typeof audienceOutput>;

export const smsCheckOutput = z.object({
  bytes: z.number().int(),
  class: z.enum(['SMS', 'LMS', 'TOO_LONG']),
  unsupported: z.array(z.string()),
});

export const previewOutput = z.object({
  recipient: z.object({ name: z.string(), dong: z.string() }).nullable(),
  sms: z
    .object({
      text: z.string(),
      subject: z.string().nullable(),
      bytes: z.number().int(),
      /** worst case over the actual recipients' placeholder values */
      worstCaseBytes: z.number().int(),
      class: z.enum(['SMS', 'LMS', 'TOO_LONG']),
      subjectBytes: z.number().int(),
      subjectTooLong: z.boolean(),
      unsupported: z.array(z.string()),
      recipients: z.number().int(),
      unitPrice: z.number(),
      cost: z.number(),
      night: z.boolean(),
      warnings: z.array(z.string()),
    })
    .nullable(),
  email: z
    .object({
      subject: z.string(),
      html: z.string(),
      text: z.string(),
      recipients: z.number().int(),
      warnings: z.array(z.string()),
    })
    .nullable(),
});
export type PreviewOutput = z.infer<typeof previewOutput>;

export const outboxRow = z.object({
  id: z.number().int(),
  channel: messageChannel,
  subscriberId: z.string().nullable(),
  name: z.string(),
  address: z.string(),
  status: outboxStatus,
  reason: z.string().nullable(),
  providerCode: z.string().nullable(),
  attempts: z.number().int(),
  isTest: z.boolean(),
  resendOf: z.number().int().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  doneAt: z.string().nullable(),
  openedAt: z.string().nullable(),
});
export type OutboxRowOut = z.infer<typeof outboxRow>;

export const resultsOutput = z.object({
  campaignId: z.string(),
  status: campaignStatus,
  channels: z.array(
    z.object({
      channel: messageChannel,
      total: z.number().int(),
      counts: channelCounts,
      /** failed/bounced/skipped/needs_review grouped by Korean reason */
      reasons: z.array(z.object({ status: outboxStatus, reason: z.string(), count: z.number().int() })),
      opened: z.number().int(),
    }),
  ),
});

export const templateRow = z.object({
  id: z.string(),
  name: z.string(),
  smsText: z.string(),
  smsSubject: z.string(),
  emailSubject: z.string(),
  emailHtml: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/** Settings of sending, kept beside the general settings (SMTP password lives in a key file, never here). */
export const campaignSettingsSchema = z.object({
  /** a second PR user (not the author) approves before a campaign can go */
  campaignApproval: z.boolean().default(false),
  smsGateway: z.enum(['test', 'solapi', 'nhn', 'kannel']).default('test'),
  /** per-provider settings; secrets (API secret, secret key, password) live in the key file */
  solapi: solapiConfig.default(solapiConfig.parse({})),
  nhn: nhnConfig.default(nhnConfig.parse({})),
  kannel: kannelConfig.default(kannelConfig.parse({})),
  testGateway: z
    .object({
      /** share of messages the test gateway reports as failed (0–1) */
      failureRate: z.number().min(0).max(1).default(0),
      /** simulated time until the delivery report */
      deliveryDelayMs: z.number().int().min(0).max(600_000).default(0),
    })
    .default({ failureRate: 0, deliveryDelayMs: 0 }),
  dispatch: z
    .object({
      smsRatePerSecond: z.number().min(1).max(100_000).default(200),
      smsBatchSize: z.number().int().min(1).max(10_000).default(200),
      emailRatePerSecond: z.number().min(0).max(100_000).default(0),
      emailBatchSize: z.number().int().min(1).max(5_000).default(200),
      maxAttempts: z.number().int().min(1).max(20).default(5),
      retryBaseMs: z.number().int().min(10).max(3_600_000).default(30_000),
      /** auto-pause after this many consecutive errors */
      pauseAfterErrors: z.number().int().min(1).max(1000).default(20),
    })
    .default({
      smsRatePerSecond: 200,
      smsBatchSize: 200,
      emailRatePerSecond: 0,
      emailBatchSize: 200,
      maxAttempts: 5,
      retryBaseMs: 30_000,
      pauseAfterErrors: 20,
    }),
  smtp: z
    .object({
      host: z.string().trim().max(200).default(''),
      port: z.number().int().min(1).max(65535).default(587),
      secure: z.boolean().default(false),
      user: z.string().trim().max(200).default(''),
      fromName: z.string().trim().max(80).default(''),
      fromAddress: z.string().trim().max(200).default(''),
      /** VERP envelope domain: bounce+<token>@bounceDomain */
      bounceDomain: z.string().trim().max(200).default(''),
      maxConnections: z.number().int().min(1).max(50).default(5),
      /** 0 = no limit */
      ratePerSecond: z.number().min(0).max(10_000).default(0),
    })
    .default({
      host: '',
      port: 587,
      secure: false,
      user: '',
      fromName: '',
      fromAddress: '',
      bounceDomain: '',
      maxConnections: 5,
      ratePerSecond: 0,
    }),
  /** base of the public listener's links ({수신거부링크} = base/u/<token>); the listener comes later */
  publicBaseUrl: z.string().trim().max(300).default('http://127.0.0.1:5190'),
  /** staff numbers and addresses offered for test sends */
  testRecipients: z
    .object({ phones: z.array(z.string()).default([]), emails: z.array(z.string()).default([]) })
    .default({ phones: [], emails: [] }),
});
export type CampaignSettings = z.infer<typeof campaignSettingsSchema>;

const byId = z.object({ id: z.string().min(1) });
const progress = z.object({ id: z.string(), status: campaignStatus, counts: campaignRow.shape.counts });

export const campaignProgressEvent = z.object({
  campaignId: z.string(),
  status: campaignStatus,
  total: z.number().int(),
  /** rows no longer queued or sending */
  done: z.number().int(),
  counts: campaignRow.shape.counts,
  message: z.string().nullable(),
});

export const campaignsChannels = {
  'campaigns.list': channel({
    summary: '캠페인 목록 (상태·합계)',
    access: PR,
    input: pageInput.extend({ status: campaignStatus.optional() }),
    output: paged(campaignRow),
  }),
  'campaigns.get': channel({ summary: '캠페인 보기', access: PR, input: byId, output: campaignRow }),
  'campaigns.save': channel({
    summary: '캠페인 저장 (새로 만들기·고치기)',
    access: PR,
    input: campaignDraft,
    output: campaignRow,
  }),
  'campaigns.delete': channel({ summary: '작성 중인 캠페인 삭제', access: PR, input: byId, output: ok }),
  'campaigns.audience': channel({
    summary: '받는 사람 수 (채널별, 제외 사유별)',
    access: PR,
    input: z.union([byId, targeting]),
    output: audienceOutput,
  }),
  'campaigns.preview': channel({
    summary: '미리보기 (최종 문구, 바이트, 종류, 비용)',
    access: PR,
    input: z.object({
      id: z.string().optional(),
      draft: campaignDraft.optional(),
      /** a real recipient for the sample; default: the first recipient */
      subscriberId: z.string().optional(),
    }),
    output: previewOutput,
  }),
  'campaigns.smsCheck': channel({
    summary: '문자 바이트 계산',
    access: 'authenticated',
    input: z.object({ text: z.string().max(10_000) }),
    output: smsCheckOutput,
  }),
  'campaigns.testSend': channel({
    summary: '직원 번호·주소로 시험 발송',
    access: PR,
    input: z.object({
      id: z.string(),
      phones: z.array(z.string()).max(20).default([]),
      emails: z.array(z.string()).max(20).default([]),
    }),
    output: z.object({ items: z.array(outboxRow) }),
  }),
  'campaigns.approve': channel({
    summary: '캠페인 승인 (작성자가 아닌 홍보 담당자)',
    access: PR,
    input: z.object({ id: z.string(), note: z.string().max(200).optional() }),
    output: campaignRow,
  }),
  'campaigns.reject': channel({
    summary: '승인 거절·취소',
    access: PR,
    input: z.object({ id: z.string(), note: z.string().trim().min(1, '사유를 적어 주세요.').max(200) }),
    output: campaignRow,
  }),
  'campaigns.launch': channel({
    summary: '지금 발송',
    access: PR,
    input: z.object({ id: z.string(), confirmNight: z.boolean().default(false) }),
    output: campaignRow,
  }),
  'campaigns.schedule': channel({
    summary: '예약 발송',
    access: PR,
    input: z.object({ id: z.string(), at: z.string(), confirmNight: z.boolean().default(false) }),
    output: campaignRow,
  }),
  'campaigns.unschedule': channel({ summary: '예약 취소', access: PR, input: byId, output: campaignRow }),
  'campaigns.pause': channel({ summary: '발송 일시정지', access: PR, input: byId, output: progress }),
  'campaigns.resume': channel({
    summary: '발송 다시 시작',
    access: PR,
    input: z.object({ id: z.string(), confirmNight: z.boolean().default(false) }),
    output: progress,
  }),
  'campaigns.cancel': channel({
    summary: '발송 취소 (남은 대기분)',
    access: PR,
    input: byId,
    output: progress,
  }),
  'campaigns.results': channel({
    summary: '발송 결과 (채널별 상태·사유)',
    access: PR,
    input: byId,
    output: resultsOutput,
  }),
  'campaigns.recipients': channel({
    summary: '받는 사람별 결과 (쪽, 필터)',
    access: PR,
    input: pageInput.extend({
      id: z.string(),
      channel: messageChannel.optional(),
      status: outboxStatus.optional(),
      /** name, number or address contains */
      q: z.string().trim().max(100).optional(),
      includeTests: z.boolean().default(false),
    }),
    output: paged(outboxRow),
  }),
  'campaigns.export': channel({
    summary: '받는 사람별 결과 엑셀 내보내기 (사유 필수)',
    access: PR,
    input: z.object({
      id: z.string(),
      channel: messageChannel.optional(),
      status: outboxStatus.optional(),
      reason: z.string().trim().min(2, '내려받는 사유를 적어 주세요.').max(200),
    }),
    output: z.object({ fileName: z.string(), contentBase64: z.string(), rows: z.number().int() }),
  }),
  'campaigns.resendOne': channel({
    summary: '주소를 고쳐 이 사람에게 다시 보내기',
    access: PR,
    input: z.object({ outboxId: z.number().int(), address: z.string().trim().max(200).optional() }),
    output: outboxRow,
  }),
  'campaigns.resendFailed': channel({
    summary: '실패한 사람 모두에게 다시 보내기',
    access: PR,
    input: z.object({ id: z.string(), channel: messageChannel.optional() }),
    output: z.object({ queued: z.number().int() }),
  }),
  'campaigns.resolveReview': channel({
    summary: '확인 필요 건 처리 (보낸 것으로 / 다시 보내기 / 실패로)',
    access: PR,
    input: z.object({
      id: z.string(),
      outboxIds: z.array(z.number().int()).optional(),
      decision: z.enum(['sent', 'resend', 'failed']),
    }),
    output: z.object({ changed: z.number().int() }),
  }),
  'campaigns.forSubscriber': channel({
    summary: '이 사람이 받은 메시지',
    access: PR,
    input: z.object({ subscriberId: z.string() }),
    output: z.object({
      items: z.array(
        outboxRow.extend({
          campaignId: z.string(),
          campaignName: z.string(),
          text: z.string(),
          subject: z.string().nullable(),
        }),
      ),
    }),
  }),
  'campaigns.noticeUpload': channel({
    summary: '고지 자료(엑셀) 올리기와 구독자 대조',
    access: PR,
    input: z.object({
      id: z.string(),
      fileName: z.string().max(200),
      contentBase64: z.string().max(70_000_000),
      /** header of the name and phone columns; default: detected (이름/성명, 휴대전화/전화번호/연락처) */
      nameColumn: z.string().optional(),
      phoneColumn: z.string().optional(),
    }),
    output: z.object({
      rows: z.number().int(),
      matched: z.number().int(),
      columns: z.array(z.string()),
      unmatched: z.array(z.object({ reason: z.string(), label: z.string(), count: z.number().int() })),
    }),
  }),
  'campaigns.noticeReport': channel({
    summary: '고지 대조 결과 엑셀 (발송되지 않는 행)',
    access: PR,
    input: z.object({ id: z.string(), reason: z.string().trim().min(2, '내려받는 사유를 적어 주세요.') }),
    output: z.object({ fileName: z.string(), contentBase64: z.string(), rows: z.number().int() }),
  }),
  'campaigns.templates.list': channel({
    summary: '문구 서식 목록',
    access: PR,
    input: empty,
    output: z.object({ items: z.array(templateRow) }),
  }),
  'campaigns.templates.save': channel({
    summary: '문구 서식 저장',
    access: PR,
    input: z.object({
      id: z.string().optional(),
      name: z.string().trim().min(1, '서식 이름을 입력하세요.').max(80),
      smsText: text(4000),
      smsSubject: text(80),
      emailSubject: text(200),
      emailHtml: text(200_000),
    }),
    output: templateRow,
  }),
  'campaigns.templates.delete': channel({ summary: '문구 서식 삭제', access: PR, input: byId, output: ok }),
  'campaigns.gateway': channel({
    summary: '문자 발송기 정보 (테스트 발송기 여부)',
    access: 'authenticated',
    input: empty,
    output: z.object({
      name: z.string(),
      real: z.boolean(),
      notice: z.string(),
      smtpConfigured: z.boolean(),
    }),
  }),
  'campaigns.testGatewayMessages': channel({
    summary: '테스트 발송기가 받은 문자',
    access: PR,
    input: pageInput,
    output: paged(
      z.object({
        id: z.number().int(),
        idemKey: z.string(),
        recipient: z.string(),
        class: z.string(),
        subject: z.string().nullable(),
        text: z.string(),
        outcome: z.string(),
        code: z.string(),
        calls: z.number().int(),
        receivedAt: z.string(),
      }),
    ),
  }),
  'campaigns.settings.get': channel({
    summary: '발송 설정 보기',
    access: PR,
    input: empty,
    output: campaignSettingsSchema.extend({ smtpPasswordSet: z.boolean() }),
  }),
  'campaigns.settings.update': channel({
    summary: '발송 설정 변경',
    access: ADMIN,
    input: campaignSettingsSchema.partial(),
    output: campaignSettingsSchema.extend({ smtpPasswordSet: z.boolean() }),
  }),
  'campaigns.settings.smtpPassword': channel({
    summary: 'SMTP 비밀번호 저장 (키 파일, DB에 저장하지 않음)',
    access: ADMIN,
    input: z.object({ password: z.string().max(500) }),
    output: ok,
  }),
};
