import { z } from 'zod';
import { channel } from './define';

// SNS channels and their monthly figures (docs/domain.md §3, issue #8).

export const SNS_KIND_VALUES = [
  'twitter',
  'facebook',
  'blog',
  'instagram',
  'youtube',
  'kakao',
  'other',
] as const;
export type SnsKind = (typeof SNS_KIND_VALUES)[number];
export const SNS_KIND_LABELS: Record<SnsKind, string> = {
  twitter: '트위터(X)',
  facebook: '페이스북',
  blog: '블로그',
  instagram: '인스타그램',
  youtube: '유튜브',
  kakao: '카카오톡 채널',
  other: '기타',
};

const month = z.string().regex(/^\d{4}-\d{2}$/, '월은 YYYY-MM 형식이어야 합니다.');
const count = z.number().int().min(0, '0 이상이어야 합니다.').nullable();

export const snsChannelRow = z.object({
  id: z.number().int(),
  kind: z.enum(SNS_KIND_VALUES),
  name: z.string(),
  url: z.string(),
  inMessages: z.boolean(),
  openedIn: z.string().nullable(),
  sortOrder: z.number().int(),
  active: z.boolean(),
  /** the latest figures typed in, if any */
  latest: z.object({ month: z.string(), followers: count, posts: count, visitors: count }).nullable(),
});
export type SnsChannelRow = z.infer<typeof snsChannelRow>;

export const snsChannelInput = z.object({
  id: z.number().int().positive().optional(),
  kind: z.enum(SNS_KIND_VALUES, { message: '채널 종류를 고르세요.' }),
  name: z.string().trim().min(1, '채널 이름을 입력하세요.').max(30, '채널 이름은 30자 이내로 입력하세요.'),
  url: z.string().trim().url('주소 형식이 올바르지 않습니다.').max(300),
  inMessages: z.boolean().default(true),
  openedIn: month.nullable().default(null),
  /** new channels go last when not given */
  sortOrder: z.number().int().min(0).optional(),
  active: z.boolean().default(true),
});
export type SnsChannelInput = z.input<typeof snsChannelInput>;

export const snsFigureRow = z.object({
  channelId: z.number().int(),
  month: z.string(),
  followers: count,
  posts: count,
  visitors: count,
  note: z.string().nullable(),
});
export type SnsFigureRow = z.infer<typeof snsFigureRow>;

export const snsFigureInput = z.object({
  channelId: z.number().int().positive(),
  month,
  followers: count.default(null),
  posts: count.default(null),
  visitors: count.default(null),
  note: z.string().trim().max(200).nullable().default(null),
});

export const snsImportResult = z.object({
  rows: z.number().int(),
  imported: z.number().int(),
  problems: z.array(z.object({ row: z.number().int(), message: z.string() })),
});
export type SnsImportResult = z.infer<typeof snsImportResult>;

/** A file to read: its bytes (web screen), or a path on this computer (CLI, desktop dialog). */
const fileFields = {
  fileBase64: z.string().max(20_000_000).optional(),
  path: z.string().trim().min(1, '파일을 고르세요.').max(4096).optional(),
  /** the name as the user saw it (decides xlsx or CSV); defaults to the path's name */
  fileName: z.string().trim().min(1).max(255).optional(),
};
type FileFields = { fileBase64?: string; path?: string; fileName?: string; sample?: boolean };
const oneFile = (v: FileFields) =>
  [v.fileBase64, v.path, v.sample || undefined].filter((x) => x !== undefined).length === 1 &&
  (v.fileBase64 === undefined || v.fileName !== undefined);
const fileSource = z.object(fileFields).refine(oneFile, { message: '파일을 고르세요.' });
export type SnsFileSource = z.input<typeof fileSource>;

/** One compared metric's column in the file: its own 평균 row against the average we compute. */
export const snsPeerCheck = z.object({
  label: z.string(),
  kind: z.enum(SNS_KIND_VALUES),
  fileAverage: z.number().nullable(),
  computed: z.number().nullable(),
  matches: z.boolean().nullable(),
});

export const snsPeersImportResult = snsImportResult.extend({
  asOf: z.string(),
  wards: z.number().int(),
  checks: z.array(snsPeerCheck),
});
export type SnsPeersImportResult = z.infer<typeof snsPeersImportResult>;

/** This ward against the other wards for one metric (e.g. 트위터 팔로워: 25개 구 중 22위). */
export const snsPeerMetric = z.object({
  kind: z.enum(SNS_KIND_VALUES),
  label: z.string(),
  mine: z.number().nullable(),
  /** over every ward in the table, a ward not running the channel counting 0 (as the seed's 평균) */
  average: z.number().nullable(),
  /** over the wards that run the channel only */
  runningAverage: z.number().nullable(),
  /** 1 = highest; null when this ward has no figure */
  rank: z.number().int().nullable(),
  /** wards in the table */
  wards: z.number().int(),
  /** wards with a figure for this channel */
  running: z.number().int(),
  /** every ward's figure, highest first (for the chart) */
  values: z.array(z.object({ ward: z.string(), value: z.number() })),
});
export type SnsPeerMetric = z.infer<typeof snsPeerMetric>;

export const snsPeerComparison = z.object({
  asOf: z.string().nullable(),
  ward: z.string(),
  /** false when this ward's name is not a row of the table (its own figures were used, if any) */
  wardInTable: z.boolean(),
  metrics: z.array(snsPeerMetric),
});
export type SnsPeerComparison = z.infer<typeof snsPeerComparison>;

const staff = ['admin', 'pr'] as const;
const readers = ['admin', 'pr', 'dept'] as const;

export const snsChannels = {
  'sns.channels.list': channel({
    summary: 'SNS 채널 목록',
    access: readers,
    input: z.object({ includeInactive: z.boolean().default(false) }),
    output: z.array(snsChannelRow),
  }),
  'sns.channels.save': channel({
    summary: 'SNS 채널 추가·수정',
    access: staff,
    input: snsChannelInput,
    output: snsChannelRow,
  }),
  'sns.figures.list': channel({
    summary: 'SNS 월별 수치',
    access: readers,
    input: z.object({
      channelId: z.number().int().positive().optional(),
      from: month.optional(),
      to: month.optional(),
    }),
    output: z.array(snsFigureRow),
  }),
  'sns.figures.save': channel({
    summary: 'SNS 월별 수치 입력',
    access: staff,
    input: snsFigureInput,
    output: snsFigureRow,
  }),
  'sns.figures.import': channel({
    summary: 'SNS 월별 수치 가져오기 (xlsx·CSV: 채널, 월, 팔로워, 게시물, 방문자)',
    access: staff,
    input: fileSource,
    output: snsImportResult,
  }),
  'sns.peers.import': channel({
    summary: '다른 구 SNS 수치 가져오기 (xlsx·CSV: 구, 트위터, 페이스북, 블로그 …; sample: 붙임 3 예시 표)',
    access: staff,
    input: z
      .object({
        ...fileFields,
        /** the shipped sample (assets/sns-wards-2015-02.xlsx, the seed's attachment 3) */
        sample: z.boolean().optional(),
        /** 'YYYY-MM'; read from a “(2015. 2월 말 기준)” line above the header when not given */
        asOf: month.optional(),
      })
      .refine(oneFile, { message: '파일을 고르세요.' }),
    output: snsPeersImportResult,
  }),
  'sns.peers.compare': channel({
    summary: '다른 구와 비교 (평균·순위)',
    access: readers,
    input: z.object({ asOf: month.optional() }),
    output: snsPeerComparison,
  }),
};
