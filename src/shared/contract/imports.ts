import { z } from 'zod';
import { channel } from './define';

/** Who a file lists: residents or businesses. */
export const importKind = z.enum(['individual', 'business']);
export type ImportKind = z.infer<typeof importKind>;

/**
 * What a column means. `field` is one 분야 (header = the field's name, cells O/X…); `fieldList`
 * holds several field names in one cell ("문화공연, 건강정보"); `channels` names the channels
 * ("문자, 이메일"); `channelOptIn` is a yes/no column for one channel ("SMS 수신": Y).
 */
export const IMPORT_TARGETS = [
  'name',
  'mobile',
  'email',
  'birth',
  'gender',
  'dong',
  'address',
  'representative',
  'businessType',
  'appliedAt',
  'field',
  'fieldList',
  'channels',
  'channelOptIn',
  'note',
  'ignore',
] as const;
export type ImportTarget = (typeof IMPORT_TARGETS)[number];

export const IMPORT_TARGET_LABELS: Record<ImportTarget, string> = {
  name: '이름(상호)',
  mobile: '휴대전화',
  email: '이메일',
  birth: '생년월일',
  gender: '성별',
  dong: '행정동',
  address: '주소',
  representative: '대표자',
  businessType: '업종',
  appliedAt: '접수일',
  field: '수신 분야(한 분야)',
  fieldList: '수신 분야 목록',
  channels: '수신 방법',
  channelOptIn: '수신 방법 동의(예/아니오)',
  note: '비고',
  ignore: '가져오지 않음',
};

/** 'default' = the row's channels (수신 방법 column, else the mapping's default channel). */
export const columnChannel = z.enum(['sms', 'email', 'both', 'default']);

export const importColumn = z.object({
  /** 0-based column index in the sheet */
  column: z.number().int().min(0).max(16383),
  /** header text as found (saved mappings are re-applied to new files by header) */
  header: z.string().max(200),
  target: z.enum(IMPORT_TARGETS),
  fieldId: z.number().int().nullable().default(null),
  channel: columnChannel.default('default'),
});
export type ImportColumn = z.infer<typeof importColumn>;

export const importMapping = z.object({
  /** 1-based row number of the (last) header row; data starts below it */
  headerRow: z.number().int().min(1).max(1000),
  /** 2 when field names sit on one row and SMS/이메일 sub-headers on the next */
  headerRows: z.number().int().min(1).max(2).default(1),
  columns: z.array(importColumn).max(500),
  /** channels for consents whose column does not say: auto = every channel the person has a contact for */
  defaultChannel: z.enum(['auto', 'sms', 'email', 'both']).default('auto'),
  /** fields granted to every row when the file has no field column */
  defaultFieldIds: z.array(z.number().int()).max(100).default([]),
});
export type ImportMapping = z.infer<typeof importMapping>;

const fileSource = {
  /** the file's bytes (renderer, web mode) */
  fileBase64: z.string().max(120_000_000).optional(),
  /** a path on this computer (Electron file dialog, CLI) */
  path: z.string().max(4096).optional(),
  /** an earlier preview's stored upload, so the bytes travel once */
  uploadId: z.string().uuid().optional(),
  fileName: z.string().trim().min(1, '파일 이름이 없습니다.').max(255),
  kind: importKind.default('individual'),
  sheet: z.string().max(100).optional(),
  mappingId: z.number().int().optional(),
};

const oneSource = (v: { fileBase64?: string; path?: string; uploadId?: string }) =>
  [v.fileBase64, v.path, v.uploadId].filter((x) => x !== undefined).length === 1;
const oneSourceMsg = { message: '파일 내용, 경로, 업로드 번호 중 하나만 주세요.' };

export const problem = z.object({
  level: z.enum(['error', 'warning', 'review']),
  /** header of the column concerned, null for the whole row */
  column: z.string().nullable(),
  message: z.string(),
});
export type ImportProblem = z.infer<typeof problem>;

export const previewRow = z.object({
  rowNumber: z.number().int(),
  outcome: z.enum(['new', 'merge', 'rejected']),
  name: z.string().nullable(),
  mobile: z.string().nullable(),
  email: z.string().nullable(),
  birthYear: z.number().int().nullable(),
  gender: z.enum(['M', 'F']).nullable(),
  dong: z.string().nullable(),
  address: z.string().nullable(),
  representative: z.string().nullable(),
  businessType: z.string().nullable(),
  appliedAt: z.string().nullable(),
  /** e.g. '문화공연(문자)' */
  consents: z.array(z.string()),
  problems: z.array(problem),
});
export type PreviewRow = z.infer<typeof previewRow>;

export const importPreview = z.object({
  uploadId: z.string().nullable(),
  fileName: z.string(),
  format: z.enum(['xlsx', 'csv']),
  /** CSV only: utf-8, utf-8-bom, cp949 */
  encoding: z.string().nullable(),
  sheets: z.array(z.string()),
  sheet: z.string().nullable(),
  headers: z.array(z.string()),
  mapping: importMapping,
  /** headers no rule recognised (left as 'ignore') */
  unrecognised: z.array(z.string()),
  rows: z.array(previewRow),
});
export type ImportPreview = z.infer<typeof importPreview>;

export const importResult = z.object({
  jobId: z.string(),
  status: z.enum(['queued', 'running', 'paused', 'done', 'failed', 'cancelled']),
  fileName: z.string().nullable(),
  rows: z.number().int(),
  imported: z.number().int(),
  merged: z.number().int(),
  rejected: z.number().int(),
  /** rows imported or merged with a warning */
  warnings: z.number().int(),
  /** rows whose contact is on the suppression list: not re-subscribed, for staff to review */
  review: z.number().int(),
  reportFile: z.string().nullable(),
  /** why a failed import wrote nothing */
  error: z.string().nullable(),
});
export type ImportResult = z.infer<typeof importResult>;

export const savedMapping = z.object({
  id: z.number().int(),
  name: z.string(),
  kind: importKind,
  mapping: importMapping,
  createdAt: z.string(),
});

const IMPORT_ROLES = ['admin', 'pr', 'dong'] as const;

export const importsChannels = {
  'imports.preview': channel({
    summary: '가져올 파일 미리보기 (머리글·열 대응·첫 20행)',
    access: IMPORT_ROLES,
    input: z.object(fileSource).refine(oneSource, oneSourceMsg),
    output: importPreview,
  }),
  'imports.start': channel({
    summary: '구독자 가져오기 시작 (작업으로 실행)',
    access: IMPORT_ROLES,
    input: z.object({ ...fileSource, mapping: importMapping.optional() }).refine(oneSource, oneSourceMsg),
    output: z.object({ jobId: z.string() }),
  }),
  'imports.result': channel({
    summary: '가져오기 결과',
    access: IMPORT_ROLES,
    input: z.object({ jobId: z.string().min(1) }),
    output: importResult,
  }),
  'imports.report': channel({
    summary: '가져오기 결과 보고서(xlsx) 내려받기',
    access: IMPORT_ROLES,
    input: z.object({ jobId: z.string().min(1) }),
    output: z.object({ fileName: z.string(), base64: z.string() }),
  }),
  'imports.mappings.list': channel({
    summary: '저장한 열 대응 목록',
    access: IMPORT_ROLES,
    input: z.object({ kind: importKind.optional() }),
    output: z.object({ items: z.array(savedMapping) }),
  }),
  'imports.mappings.save': channel({
    summary: '열 대응 저장 (같은 이름이면 바꿉니다)',
    access: IMPORT_ROLES,
    input: z.object({
      name: z.string().trim().min(1, '이름을 입력하세요.').max(60),
      kind: importKind,
      mapping: importMapping,
    }),
    output: savedMapping,
  }),
};
