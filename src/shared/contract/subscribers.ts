import { z } from 'zod';
import { channel, empty, uuid } from './define';

// The subscriber registry: finding people, the person page, paper-form intake (접수), withdrawal,
// segment counts (reused by campaign targeting) and the audited export.

export const CHANNELS = ['sms', 'email'] as const;
export const CHANNEL_LABELS = { sms: '문자', email: '이메일' } as const;
export const channelSchema = z.enum(CHANNELS);

export const SUBSCRIBER_KINDS = ['individual', 'business'] as const;
export const KIND_LABELS = { individual: '개인', business: '사업자' } as const;
export const STATUS_LABELS = { active: '구독 중', withdrawn: '해지' } as const;
export const GENDER_LABELS = { M: '남', F: '여' } as const;
export const ACTION_LABELS = { granted: '동의', withdrawn: '철회', reconfirmed: '재확인' } as const;
export const SOURCE_LABELS = {
  paper: '신청서',
  web: '홈페이지',
  import: '일괄 등록',
  phone: '전화',
  visit: '방문',
  optout: '수신거부 문자',
  'email-link': '이메일 수신거부',
  station: '접수처',
} as const;
/** How staff heard of a withdrawal (the ledger's source). */
export const WITHDRAW_SOURCES = ['phone', 'visit', 'web', 'optout', 'email-link'] as const;

/** Same order as src/shared/text/dates.ts AGE_BANDS (zod needs a literal tuple). */
export const AGE_BAND_KEYS = ['<20', '20s', '30s', '40s', '50s', '60s', '70+'] as const;
export const SORTS = ['name', 'recent'] as const;

const id = z.number().int().positive();

/** Filters shared by the list, the segment count and the export. */
export const subscriberFilters = z.object({
  /** name (초성 too: 'ㅎㄱㄷ'), phone fragment or e-mail; several words must all match */
  q: z.string().trim().max(100).optional(),
  kind: z.enum(SUBSCRIBER_KINDS).optional(),
  fieldId: id.optional(),
  channel: channelSchema.optional(),
  dongId: id.optional(),
  dongIds: z.array(id).max(100).optional(),
  ageBand: z.enum(AGE_BAND_KEYS).optional(),
  ageBands: z.array(z.enum(AGE_BAND_KEYS)).max(7).optional(),
  gender: z.enum(['M', 'F']).optional(),
  businessTypeId: id.optional(),
  status: z.enum(['active', 'withdrawn']).optional(),
});
export type SubscriberFilters = z.infer<typeof subscriberFilters>;

export const subscriberListItem = z.object({
  id: z.string(),
  kind: z.enum(SUBSCRIBER_KINDS),
  name: z.string(),
  representative: z.string().nullable(),
  /** formatted 010-1234-5678 */
  mobile: z.string().nullable(),
  phoneKind: z.string().nullable(),
  email: z.string().nullable(),
  dongId: z.number().int().nullable(),
  dongName: z.string().nullable(),
  birthYear: z.number().int().nullable(),
  ageBand: z.enum(AGE_BAND_KEYS).nullable(),
  gender: z.enum(['M', 'F']).nullable(),
  businessTypeId: z.number().int().nullable(),
  businessTypeName: z.string().nullable(),
  status: z.enum(['active', 'withdrawn']),
  createdAt: z.string(),
  version: z.number().int(),
});
export type SubscriberListItem = z.infer<typeof subscriberListItem>;

export const subscriberDetail = subscriberListItem.extend({
  address: z.string().nullable(),
  note: z.string().nullable(),
  emailInvalidAt: z.string().nullable(),
  stationId: z.string().nullable(),
  stationName: z.string().nullable(),
  updatedAt: z.string(),
});

const nullableText = (max: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? null : v),
    z.string().trim().max(max).nullable().default(null),
  );

/** What a paper form (or the edit screen) carries about the person. */
export const personInput = {
  name: z.string().trim().min(1, '이름(상호)을 입력하세요.').max(60, '이름은 60자 이하여야 합니다.'),
  representative: nullableText(40),
  businessTypeId: id.nullable().default(null),
  mobile: nullableText(30),
  email: nullableText(254),
  birthYear: z
    .number()
    .int()
    .min(1900, '출생연도가 올바르지 않습니다.')
    .max(2100, '출생연도가 올바르지 않습니다.')
    .nullable()
    .default(null),
  gender: z.enum(['M', 'F']).nullable().default(null),
  dongId: id.nullable().default(null),
  address: nullableText(200),
  note: nullableText(500),
  /** the typed e-mail is meant as typed although a typo-domain suggestion was shown */
  emailConfirmed: z.boolean().default(false),
};

const dateOnly = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '날짜는 YYYY-MM-DD 형식이어야 합니다.');

export const consentRow = z.object({
  fieldId: z.number().int(),
  fieldName: z.string(),
  channel: channelSchema,
  granted: z.boolean(),
  since: z.string(),
});
export const ledgerRow = z.object({
  id: z.string(),
  at: z.string(),
  fieldId: z.number().int(),
  fieldName: z.string(),
  channel: channelSchema,
  action: z.enum(['granted', 'withdrawn', 'reconfirmed']),
  source: z.string(),
  formRef: z.string().nullable(),
  stationId: z.string().nullable(),
  stationName: z.string().nullable(),
  userId: z.string().nullable(),
  userName: z.string().nullable(),
  reason: z.string().nullable(),
});
export const formRow = z.object({
  id: z.string(),
  formRef: z.string(),
  kind: z.enum(['new', 'update']),
  signedAt: z.string(),
  stationName: z.string().nullable(),
  userName: z.string().nullable(),
  createdAt: z.string(),
});
const suppressionHit = z.object({ all: z.boolean(), fieldIds: z.array(z.number().int()) });

export const contactMatch = z.object({
  id: z.string(),
  kind: z.enum(SUBSCRIBER_KINDS),
  /** full name when the user may open the person, else masked (홍*동) */
  name: z.string(),
  dongName: z.string().nullable(),
  mobile: z.string().nullable(),
  email: z.string().nullable(),
  matchedOn: z.array(z.enum(['mobile', 'email'])),
  /** false: another dong's resident — a dong user cannot update them (ask HQ) */
  editable: z.boolean(),
});

const stationRef = z.object({ stationId: z.string(), stationName: z.string() });
const staff = ['admin', 'pr', 'dong'] as const;

export const subscribersChannels = {
  'subscribers.list': channel({
    summary: '구독자 찾기 (이름·초성·전화·이메일, 조건별 목록)',
    access: staff,
    input: subscriberFilters.extend({
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(500).default(100),
      sort: z.enum(SORTS).default('name'),
    }),
    output: z.object({
      items: z.array(subscriberListItem),
      total: z.number().int(),
      offset: z.number().int(),
      limit: z.number().int(),
    }),
  }),
  'subscribers.count': channel({
    summary: '대상 인원 세기 (분야×수단×동×연령대)',
    access: staff,
    input: subscriberFilters,
    output: z.object({
      total: z.number().int(),
      /** of them, active and reachable on the channel (010 mobile / valid e-mail); null without a channel */
      reachable: z.number().int().nullable(),
    }),
  }),
  'subscribers.get': channel({
    summary: '구독자 상세 (동의 현황·이력·신청서)',
    access: staff,
    input: z.object({ id: uuid }),
    output: z.object({
      subscriber: subscriberDetail,
      consent: z.array(consentRow),
      history: z.array(ledgerRow),
      forms: z.array(formRow),
      suppressed: z.object({ sms: suppressionHit, email: suppressionHit }),
      warnings: z.array(z.string()),
    }),
  }),
  'subscribers.update': channel({
    summary: '구독자 정보 고치기',
    access: staff,
    input: z.object({ id: uuid, version: z.number().int().min(1), ...personInput }),
    output: z.object({ subscriber: subscriberDetail, warnings: z.array(z.string()) }),
  }),
  'subscribers.withdraw': channel({
    summary: '수신 동의 철회 (한 분야 또는 전체)',
    access: staff,
    input: z.object({
      id: uuid,
      /** omitted: every field */
      fieldIds: z.array(id).min(1).optional(),
      channels: z.array(channelSchema).min(1).default(['sms', 'email']),
      source: z.enum(WITHDRAW_SOURCES),
      reason: z.string().trim().min(2, '철회 사유를 2자 이상 적어 주세요.').max(200),
      /** keep the contact on the suppression list so no import re-subscribes it */
      suppress: z.boolean().default(true),
    }),
    output: z.object({ withdrawn: z.number().int(), status: z.enum(['active', 'withdrawn']) }),
  }),
  'subscribers.matchContact': channel({
    summary: '같은 연락처로 등록된 사람 찾기 (접수 중복 확인)',
    access: staff,
    input: z.object({
      mobile: z.string().trim().max(30).optional(),
      email: z.string().trim().max(254).optional(),
    }),
    output: z.object({ matches: z.array(contactMatch) }),
  }),
  'subscribers.export': channel({
    summary: '구독자 명단 엑셀로 내보내기 (사유 필수)',
    access: staff,
    input: z.object({
      filters: subscriberFilters.default({}),
      reason: z.string().trim().min(2, '내보내기 사유를 2자 이상 적어 주세요.').max(200),
      /** where to write (desktop/CLI); web mode always writes under the data folder */
      path: z.string().trim().min(1).optional(),
    }),
    output: z.object({ file: z.string(), rows: z.number().int() }),
  }),
  'intake.save': channel({
    summary: '신청서 접수 (새로 등록 또는 기존 구독자 갱신)',
    access: staff,
    input: z.object({
      kind: z.enum(SUBSCRIBER_KINDS).default('individual'),
      ...personInput,
      consents: z.object({ sms: z.array(id).default([]), email: z.array(id).default([]) }),
      /** pre-filled from intake.nextRef, editable, unique; omitted = the next number */
      formRef: z.string().trim().min(1).max(40).optional(),
      signedAt: dateOnly,
      /** the person matchContact found, after staff chose "update that person" */
      updateSubscriberId: uuid.optional(),
      /** the form is the full picture: consents it does not tick are withdrawn */
      withdrawUnchecked: z.boolean().default(true),
    }),
    output: z.object({
      subscriberId: z.string(),
      formId: z.string(),
      formRef: z.string(),
      created: z.boolean(),
      granted: z.number().int(),
      withdrawn: z.number().int(),
      lifted: z.array(z.object({ channel: channelSchema, fieldIds: z.array(z.number().int()) })),
      warnings: z.array(z.string()),
    }),
  }),
  'intake.today': channel({
    summary: '오늘 이 접수처에서 접수한 신청서 수',
    access: staff,
    input: empty,
    output: stationRef.extend({ count: z.number().int() }),
  }),
  'intake.nextRef': channel({
    summary: '다음 신청서 접수번호',
    access: staff,
    input: empty,
    output: stationRef.extend({ formRef: z.string() }),
  }),
};
