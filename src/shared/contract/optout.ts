import { z } from 'zod';
import { channel, empty, paged } from './define';

/** How an opt-out arrived. */
export const OPTOUT_SOURCE_VALUES = [
  'sms-mo',
  'provider-mo',
  '080-list',
  'work-phone',
  'email-link',
  'phone-call',
  'visit',
] as const;
export const optoutSource = z.enum(OPTOUT_SOURCE_VALUES);
export type OptOutSourceName = z.infer<typeof optoutSource>;
export const OPTOUT_SOURCE_LABELS: Record<OptOutSourceName, string> = {
  'sms-mo': '수신거부 번호 문자(게이트웨이)',
  'provider-mo': '문자 사업자 수신함',
  '080-list': '080 수신거부 목록',
  'work-phone': '업무용 휴대전화(붙여넣기·파일)',
  'email-link': '이메일 수신거부 링크',
  'phone-call': '전화 요청',
  visit: '방문 요청',
};

export const OPTOUT_STATUS_VALUES = ['new', 'applied', 'review', 'unmatched', 'dismissed'] as const;
export const optoutStatus = z.enum(OPTOUT_STATUS_VALUES);
export type OptOutStatus = z.infer<typeof optoutStatus>;
export const OPTOUT_STATUS_LABELS: Record<OptOutStatus, string> = {
  new: '새로 받음(확인 대기)',
  applied: '처리됨',
  review: '확인 필요',
  unmatched: '등록되지 않은 번호',
  dismissed: '처리 안 함',
};

export const optoutChannel = z.enum(['sms', 'email', 'both']);

const matchedPerson = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['individual', 'business']),
  dongId: z.number().int().nullable(),
});

export const optoutMessageRow = z.object({
  id: z.string(),
  source: optoutSource,
  sourceDetail: z.string().nullable(),
  sender: z.string().nullable(),
  mobile: z.string().nullable(),
  email: z.string().nullable(),
  text: z.string(),
  receivedAt: z.string(),
  timeKnown: z.boolean(),
  status: optoutStatus,
  /** the reader's decision code: optout, question, negation, resubscribe … */
  code: z.string(),
  reason: z.string().nullable(),
  scope: z.enum(['all', 'fields']),
  fieldIds: z.array(z.number().int()),
  fieldNames: z.array(z.string()),
  channel: optoutChannel,
  matched: z.array(matchedPerson),
  /** a clear opt-out from an unknown number: the number is on the suppression list anyway */
  suppressed: z.boolean(),
  resolvedBy: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  note: z.string().nullable(),
  createdAt: z.string(),
});
export type OptOutMessageRow = z.infer<typeof optoutMessageRow>;

export const ingestSummary = z.object({
  /** messages read (rows with a sender) */
  messages: z.number().int(),
  applied: z.number().int(),
  review: z.number().int(),
  unmatched: z.number().int(),
  duplicates: z.number().int(),
  /** clear opt-outs held for confirmation (automatic apply switched off) */
  pending: z.number().int(),
  /** rows without a usable number */
  skipped: z.number().int(),
  problems: z.array(z.object({ row: z.number().int(), message: z.string() })),
});
export type IngestSummary = z.infer<typeof ingestSummary>;

export const optoutIntent = z.object({
  decision: z.enum(['optout', 'review']),
  scope: z.enum(['all', 'fields']),
  fieldIds: z.array(z.number().int()),
  fieldNames: z.array(z.string()),
  channel: z.enum(['sms', 'email', 'both']).nullable(),
  code: z.string(),
  reason: z.string(),
  matched: z.array(z.string()),
  numbers: z.array(z.string()),
});

export const optoutSettingsSchema = z.object({
  /** clear opt-outs are applied at once; off = they wait in the inbox as 'new' */
  autoApply: z.boolean().default(true),
  /** queue "수신거부가 처리되었습니다" to the sender's number */
  confirmationSms: z.boolean().default(false),
  /** {구이름} = the ward's name */
  confirmationText: z.string().trim().min(1).max(80).default('[{구이름}] 수신거부가 처리되었습니다.'),
  /** days within which the law wants the result notified after an advertising campaign */
  resultNoticeDays: z.number().int().min(1).max(60).default(14),
  resultNoticeText: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .default('[{구이름}] {날짜}에 요청하신 수신거부가 처리되었습니다. 앞으로 {범위} 안내를 보내지 않습니다.'),
  /** extra names people use for a field ('세금' → 지방세·세외수입 고지서) */
  aliases: z
    .array(
      z.object({
        alias: z.string().trim().min(1, '별칭을 입력하세요.').max(20),
        fieldId: z.number().int(),
      }),
    )
    .max(200)
    .default([]),
  /** how often registered 080 lists / provider inboxes are polled; 0 = only on demand */
  syncIntervalMinutes: z.number().int().min(0).max(1440).default(60),
  /** longer replies (letters, after removing spaces) always go to review */
  maxAutoLength: z.number().int().min(20).max(1000).default(150),
});
export type OptOutSettings = z.infer<typeof optoutSettingsSchema>;

const notice = z.object({
  id: z.number().int(),
  messageId: z.string(),
  kind: z.enum(['confirmation', 'result-notice']),
  channel: z.enum(['sms', 'email']),
  address: z.string(),
  body: z.string(),
  subscriberId: z.string().nullable(),
  name: z.string().nullable(),
  campaignId: z.string().nullable(),
  campaignName: z.string().nullable(),
  dueAt: z.string(),
  status: z.enum(['pending', 'handed', 'sent', 'failed', 'cancelled', 'done']),
  error: z.string().nullable(),
  overdue: z.boolean(),
});

const syncSourceResult = z.object({
  name: z.string(),
  kind: z.enum(['list', 'inbound']),
  fetched: z.number().int(),
  messages: z.number().int(),
  applied: z.number().int(),
  review: z.number().int(),
  unmatched: z.number().int(),
  duplicates: z.number().int(),
  error: z.string().nullable(),
});

const fileInput = {
  /** pasted text (work phone, Excel copy) */
  text: z.string().max(20_000_000).optional(),
  /** the file's bytes (renderer, web mode) */
  fileBase64: z.string().max(60_000_000).optional(),
  /** a path on this computer (Electron file dialog, CLI) */
  path: z.string().max(4096).optional(),
  fileName: z.string().max(255).optional(),
};

const OPTOUT_ROLES = ['admin', 'pr'] as const;
const DESK_ROLES = ['admin', 'pr', 'dong'] as const;
const reason = z.string().trim().min(2, '사유를 2자 이상 입력하세요.').max(200);

export const optoutChannels = {
  'optout.ingest': channel({
    summary: '수신거부 문자 가져오기 (붙여넣기·CSV·xlsx·텍스트)',
    access: OPTOUT_ROLES,
    input: z
      .object(fileInput)
      .refine((v) => [v.text, v.fileBase64, v.path].filter((x) => x !== undefined).length === 1, {
        message: '붙여넣은 글, 파일 내용, 경로 중 하나만 주세요.',
      }),
    output: ingestSummary,
  }),
  'optout.list': channel({
    summary: '수신거부 수신함 (상태별)',
    access: OPTOUT_ROLES,
    input: z.object({
      status: optoutStatus.optional(),
      source: optoutSource.optional(),
      /** number digits or words of the text */
      q: z.string().trim().max(100).optional(),
      from: z.string().optional(),
      to: z.string().optional(),
      page: z.number().int().min(1).default(1),
      pageSize: z.number().int().min(1).max(1000).default(50),
    }),
    output: paged(optoutMessageRow).extend({
      counts: z.record(z.string(), z.number().int()),
    }),
  }),
  'optout.resolve': channel({
    summary: '확인한 수신거부 처리(범위 선택) 또는 처리 안 함 — 여러 건 한꺼번에',
    access: OPTOUT_ROLES,
    input: z.object({
      ids: z.array(z.string().uuid()).min(1, '처리할 메시지를 고르세요.').max(1000),
      action: z.enum(['apply', 'dismiss']),
      scope: z.enum(['all', 'fields']).optional(),
      fieldIds: z.array(z.number().int()).max(100).optional(),
      channel: optoutChannel.optional(),
      /** for an unmatched number: the people staff found for it */
      subscriberIds: z.array(z.string().uuid()).max(50).optional(),
      reason,
    }),
    output: z.object({
      applied: z.number().int(),
      dismissed: z.number().int(),
      skipped: z.array(z.object({ id: z.string(), reason: z.string() })),
    }),
  }),
  'optout.manual': channel({
    summary: '전화·방문 수신거부 입력',
    access: DESK_ROLES,
    input: z
      .object({
        subscriberId: z.string().uuid().optional(),
        mobile: z.string().trim().max(30).optional(),
        email: z.string().trim().max(200).optional(),
        scope: z.enum(['all', 'fields']).default('all'),
        fieldIds: z.array(z.number().int()).max(100).default([]),
        channel: optoutChannel.default('both'),
        via: z.enum(['phone-call', 'visit']),
        note: z.string().trim().max(500).default(''),
        /** when the person asked (ISO); default now */
        at: z.string().optional(),
      })
      .refine((v) => v.subscriberId || v.mobile || v.email, {
        message: '구독자, 휴대전화, 이메일 중 하나는 있어야 합니다.',
      })
      .refine((v) => v.scope === 'all' || v.fieldIds.length > 0, { message: '분야를 하나 이상 고르세요.' }),
    output: z.object({
      messageId: z.string(),
      status: optoutStatus,
      people: z.array(matchedPerson),
      withdrawn: z.number().int(),
    }),
  }),
  'optout.forSubscriber': channel({
    summary: '한 사람의 수신거부 내역과 받은 메시지',
    access: DESK_ROLES,
    input: z.object({ subscriberId: z.string().uuid() }),
    output: z.object({
      messages: z.array(optoutMessageRow),
      applications: z.array(
        z.object({
          messageId: z.string(),
          channel: z.enum(['sms', 'email']),
          fieldIds: z.array(z.number().int()).nullable(),
          fieldNames: z.array(z.string()),
          withdrawn: z.number().int(),
          campaignId: z.string().nullable(),
          at: z.string(),
        }),
      ),
      suppression: z.object({
        sms: z.object({ all: z.boolean(), fieldIds: z.array(z.number().int()) }),
        email: z.object({ all: z.boolean(), fieldIds: z.array(z.number().int()) }),
      }),
    }),
  }),
  'optout.stats': channel({
    summary: '수신거부 통계 (캠페인·분야·월·경로별)',
    access: OPTOUT_ROLES,
    input: z.object({ from: z.string().optional(), to: z.string().optional() }),
    output: z.object({
      totals: z.record(z.string(), z.number().int()),
      perSource: z.array(
        z.object({
          source: optoutSource,
          label: z.string(),
          messages: z.number().int(),
          applied: z.number().int(),
        }),
      ),
      perMonth: z.array(
        z.object({
          month: z.string(),
          messages: z.number().int(),
          applied: z.number().int(),
          people: z.number().int(),
        }),
      ),
      perField: z.array(
        z.object({
          fieldId: z.number().int(),
          name: z.string(),
          sms: z.number().int(),
          email: z.number().int(),
        }),
      ),
      perCampaign: z.object({
        /** false when there is no outbox to attribute opt-outs to */
        available: z.boolean(),
        items: z.array(
          z.object({
            campaignId: z.string(),
            name: z.string(),
            optouts: z.number().int(),
            recipients: z.number().int().nullable(),
          }),
        ),
      }),
    }),
  }),
  'optout.export': channel({
    summary: '수신거부 내역 엑셀 내려받기 (사유 필수, 기록됨)',
    access: OPTOUT_ROLES,
    input: z.object({
      status: optoutStatus.optional(),
      from: z.string().optional(),
      to: z.string().optional(),
      reason,
    }),
    output: z.object({ fileName: z.string(), base64: z.string(), rows: z.number().int() }),
  }),
  'optout.sync': channel({
    summary: '080 수신거부 목록·사업자 수신함 가져오기',
    access: OPTOUT_ROLES,
    input: z.object({ sources: z.array(z.string()).optional() }),
    output: z.object({
      sources: z.array(syncSourceResult),
      messages: z.number().int(),
      applied: z.number().int(),
      review: z.number().int(),
      unmatched: z.number().int(),
      duplicates: z.number().int(),
    }),
  }),
  'optout.sources': channel({
    summary: '등록된 수신거부 출처와 마지막 가져오기',
    access: OPTOUT_ROLES,
    input: empty,
    output: z.object({
      intervalMinutes: z.number().int(),
      items: z.array(
        z.object({
          name: z.string(),
          kind: z.enum(['list', 'inbound']),
          registered: z.boolean(),
          since: z.string().nullable(),
          lastRunAt: z.string().nullable(),
          lastOkAt: z.string().nullable(),
          lastError: z.string().nullable(),
          lastCount: z.number().int(),
        }),
      ),
    }),
  }),
  'optout.notices': channel({
    summary: '수신거부 확인 문자·처리 결과 통지(14일) 목록',
    access: OPTOUT_ROLES,
    input: z.object({
      kind: z.enum(['confirmation', 'result-notice']).optional(),
      status: z.enum(['pending', 'handed', 'sent', 'failed', 'cancelled', 'done']).optional(),
      /** only those due before this instant (ISO) */
      dueBefore: z.string().optional(),
    }),
    output: z.object({ items: z.array(notice), overdue: z.number().int() }),
  }),
  'optout.notices.mark': channel({
    summary: '통지를 마침·취소로 표시 (다른 방법으로 알린 경우)',
    access: OPTOUT_ROLES,
    input: z.object({
      ids: z.array(z.number().int()).min(1).max(1000),
      status: z.enum(['done', 'cancelled']),
      reason,
    }),
    output: z.object({ updated: z.number().int() }),
  }),
  'optout.preview': channel({
    summary: '문자 한 건을 어떻게 판단하는지 미리보기',
    access: DESK_ROLES,
    input: z.object({ text: z.string().max(2000), from: z.string().max(30).optional() }),
    output: optoutIntent,
  }),
  'optout.settings.get': channel({
    summary: '수신거부 설정 보기',
    access: OPTOUT_ROLES,
    input: empty,
    output: optoutSettingsSchema,
  }),
  'optout.settings.update': channel({
    summary: '수신거부 설정 변경 (분야 별칭, 확인 문자, 자동 처리, 가져오기 주기)',
    access: ['admin', 'pr'],
    input: optoutSettingsSchema.partial(),
    output: optoutSettingsSchema,
  }),
};
