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
    input: z.object({ path: z.string().trim().min(1, '파일을 고르세요.') }),
    output: snsImportResult,
  }),
  'sns.peers.import': channel({
    summary: '다른 구 SNS 수치 가져오기 (xlsx·CSV: 구, 트위터, 페이스북, 블로그 …)',
    access: staff,
    input: z.object({ path: z.string().trim().min(1, '파일을 고르세요.'), asOf: month }),
    output: snsImportResult,
  }),
};
