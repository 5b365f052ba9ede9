import { z } from 'zod';
import { channel, empty } from './define';
import { publicSettingsShape } from './public';

export const snsLink = z.object({
  name: z.string().trim().min(1, '채널 이름을 입력하세요.').max(30),
  url: z.string().trim().url('주소 형식이 올바르지 않습니다.').max(300),
});

/** Every setting with its default: a fresh install works, and each ward changes what differs. */
export const settingsSchema = z.object({
  wardName: z.string().trim().min(1, '구 이름을 입력하세요.').max(40).default('성동구'),
  /** this installation's station (HQ or one dong center) */
  thisStationId: z.string().nullable().default(null),
  /** number residents text to stop (수신거부 문자 번호), appended to every SMS */
  optOutNumber: z.string().trim().max(20).default(''),
  /** the line appended to every SMS; {번호} becomes optOutNumber */
  optOutLine: z.string().trim().max(60).default('수신거부 문자 {번호}'),
  /** free 080 opt-out number required for advertising (정보통신망법 제50조) */
  adOptOutNumber: z.string().trim().max(20).default(''),
  senderName: z.string().trim().max(40).default(''),
  senderNumber: z.string().trim().max(20).default(''),
  snsLinks: z.array(snsLink).max(20).default([]),
  sessionIdleMinutes: z.number().int().min(5, '5분 이상이어야 합니다.').max(480).default(30),
  lockoutThreshold: z.number().int().min(3).max(20).default(5),
  lockoutMinutes: z.number().int().min(1).max(1440).default(10),
  prices: z
    .object({ sms: z.number().min(0), lms: z.number().min(0), mms: z.number().min(0) })
    .default({ sms: 18, lms: 45, mms: 200 }),
  dailyBackup: z.boolean().default(true),
  backupKeep: z.number().int().min(1).max(365).default(14),
  ...publicSettingsShape, // public listener + bounce mailbox (issue #5)
  importRowLimit: z.number().int().min(100).max(2_000_000).default(200_000), // rows one import may hold
});
export type Settings = z.infer<typeof settingsSchema>;

/**
 * A change to some settings. zod 4 applies `.default()` even inside `.partial()`, which would
 * silently reset every key the caller left out; so the patch schema drops the defaults.
 */
export const settingsPatchSchema = z
  .object(
    Object.fromEntries(
      Object.entries(settingsSchema.shape).map(([k, v]) => [
        k,
        (v as unknown as z.ZodDefault<z.ZodType>).unwrap().optional(),
      ]),
    ) as { [K in keyof Settings]: z.ZodOptional<z.ZodType<Settings[K]>> },
  )
  .strict();
export const SETTING_KEYS = Object.keys(settingsSchema.shape) as (keyof Settings)[];

export const dongRow = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  sortOrder: z.number().int(),
  active: z.boolean(),
});
export const fieldRow = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  kind: z.enum(['info', 'notice']),
  audience: z.enum(['individual', 'business']),
  isAdDefault: z.boolean(),
  isSurvey: z.boolean(),
  sortOrder: z.number().int(),
  active: z.boolean(),
});
export const businessTypeRow = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  sortOrder: z.number().int(),
  active: z.boolean(),
});
export const stationRow = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  kind: z.enum(['hq', 'dong']),
  dongId: z.number().int().nullable(),
  active: z.boolean(),
});
export type DongRow = z.infer<typeof dongRow>;
export type FieldRow = z.infer<typeof fieldRow>;
export type BusinessTypeRow = z.infer<typeof businessTypeRow>;
export type StationRow = z.infer<typeof stationRow>;

const code = z
  .string()
  .trim()
  .min(1, '코드를 입력하세요.')
  .max(20)
  .regex(/^[A-Za-z0-9_-]+$/, '코드는 영문, 숫자, _, - 만 쓸 수 있습니다.');
const name = z.string().trim().min(1, '이름을 입력하세요.').max(40);

export const settingsChannels = {
  'settings.get': channel({
    summary: '설정 보기',
    access: 'authenticated',
    input: empty,
    output: settingsSchema,
  }),
  'settings.update': channel({
    summary: '설정 변경',
    access: ['admin'],
    input: settingsPatchSchema,
    output: settingsSchema,
  }),
  'reference.list': channel({
    summary: '동·분야·업종·접수처 목록',
    access: 'authenticated',
    input: empty,
    output: z.object({
      dongs: z.array(dongRow),
      fields: z.array(fieldRow),
      businessTypes: z.array(businessTypeRow),
      stations: z.array(stationRow),
    }),
  }),
  'reference.saveDong': channel({
    summary: '행정동 추가·수정',
    access: ['admin'],
    input: z.object({
      id: z.number().int().optional(),
      code,
      name,
      sortOrder: z.number().int().default(0),
      active: z.boolean().default(true),
    }),
    output: dongRow,
  }),
  'reference.saveField': channel({
    summary: '분야 추가·수정',
    access: ['admin'],
    input: z.object({
      id: z.number().int().optional(),
      code,
      name,
      kind: z.enum(['info', 'notice']),
      audience: z.enum(['individual', 'business']),
      isAdDefault: z.boolean().default(false),
      isSurvey: z.boolean().default(false),
      sortOrder: z.number().int().default(0),
      active: z.boolean().default(true),
    }),
    output: fieldRow,
  }),
  'reference.saveBusinessType': channel({
    summary: '업종 추가·수정',
    access: ['admin'],
    input: z.object({
      id: z.number().int().optional(),
      code,
      name,
      sortOrder: z.number().int().default(0),
      active: z.boolean().default(true),
    }),
    output: businessTypeRow,
  }),
  'reference.saveStation': channel({
    summary: '접수처 추가·수정',
    access: ['admin'],
    input: z.object({
      id: z.string().optional(),
      code,
      name,
      kind: z.enum(['hq', 'dong']),
      dongId: z.number().int().nullable().default(null),
      active: z.boolean().default(true),
    }),
    output: stationRow,
  }),
};
