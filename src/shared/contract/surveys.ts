// PCRM surveys (issue #7): the survey definition (validated here so the builder screen shows the
// same Korean errors), the show-if and answer rules the public page and staff entry share, and
// the channels.
import { z } from 'zod';
import { AGE_BANDS } from '../text/dates';
import { channel, ok, pageInput, paged } from './define';

const PR = ['admin', 'pr'] as const;
/** departments read their own requests and the results of their surveys */
const PR_DEPT = ['admin', 'pr', 'dept'] as const;

export const QUESTION_TYPES = ['single', 'multiple', 'scale5', 'matrix', 'number', 'short', 'long'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];
export const QUESTION_TYPE_LABELS: Record<QuestionType, string> = {
  single: '하나 고르기',
  multiple: '여러 개 고르기',
  scale5: '5점 척도',
  matrix: '표형 척도',
  number: '숫자',
  short: '짧은 글',
  long: '긴 글',
};

/** What a respondent picks for "기타" in a single or multiple choice; its text is at `${id}#other`. */
export const OTHER = '__other__';
export const otherKey = (id: string) => `${id}#other`;
export const DEFAULT_SCALE_LABELS: [string, string] = ['전혀 그렇지 않다', '매우 그렇다'];
export const LIMITS = { short: 200, long: 2000, other: 200, number: 1e9 } as const;

const str = (max: number, what: string) =>
  z
    .string()
    .trim()
    .max(max, `${what}은(는) ${max.toLocaleString('ko-KR')}자 이하여야 합니다.`);

export const showIf = z.object({
  /** an earlier question (on an earlier page: the page is answered before this one is shown) */
  question: z.string(),
  /** the answer equals this (single: the option, scale5: "1"–"5", number/short: the text) */
  equals: z.string().max(200).optional(),
  /** multiple: the chosen options include this */
  includes: z.string().max(200).optional(),
});

export const question = z.object({
  id: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9_]{0,31}$/, '문항 번호는 영문자로 시작하는 영문·숫자·밑줄 32자 이하입니다.'),
  type: z.enum(QUESTION_TYPES, { message: '문항 종류가 올바르지 않습니다.' }),
  title: str(300, '문항').min(1, '문항 내용을 입력하세요.'),
  help: str(500, '도움말').optional(),
  required: z.boolean().default(false),
  /** single, multiple */
  options: z
    .array(str(100, '보기').min(1, '빈 보기가 있습니다.'))
    .max(20, '보기는 20개까지입니다.')
    .optional(),
  /** single, multiple: a "기타" choice with its own text box */
  other: z.boolean().optional(),
  /** matrix: the rows, each answered on the 5-point scale */
  rows: z.array(str(100, '행').min(1, '빈 행이 있습니다.')).max(20, '행은 20개까지입니다.').optional(),
  /** scale5, matrix: labels of 1 and 5 */
  scaleLabels: z.tuple([str(30, '척도 이름'), str(30, '척도 이름')]).optional(),
  /** number */
  min: z.number().optional(),
  max: z.number().optional(),
  /** short, long: at most this many characters */
  maxLength: z.number().int().min(1).max(LIMITS.long).optional(),
  showIf: showIf.optional(),
});
export type Question = z.infer<typeof question>;

export const surveyPage = z.object({
  title: str(100, '페이지 제목').optional(),
  questions: z.array(question).min(1, '페이지마다 문항이 하나 이상 있어야 합니다.').max(50),
});

export const surveyDefinition = z
  .object({
    intro: str(3000, '안내 글').default(''),
    closing: str(1000, '맺음 글').default('설문에 참여해 주셔서 감사합니다.'),
    pages: z
      .array(surveyPage)
      .min(1, '페이지가 하나 이상 있어야 합니다.')
      .max(30, '페이지는 30개까지입니다.'),
  })
  .superRefine((d, ctx) => {
    const seen = new Map<string, { page: number; q: Question }>();
    d.pages.forEach((p, pi) => {
      p.questions.forEach((q, qi) => {
        const path = ['pages', pi, 'questions', qi];
        const bad = (message: string, ...more: (string | number)[]) =>
          ctx.addIssue({ code: 'custom', message: `${q.id}: ${message}`, path: [...path, ...more] });
        if (seen.has(q.id)) bad('같은 문항 번호가 이미 있습니다.', 'id');
        if (q.type === 'single' || q.type === 'multiple') {
          const opts = q.options ?? [];
          if (opts.length < 2) bad('보기를 두 개 이상 입력하세요.', 'options');
          if (new Set(opts).size !== opts.length) bad('같은 보기가 두 번 있습니다.', 'options');
          if (opts.includes(OTHER)) bad('쓸 수 없는 보기입니다.', 'options');
        } else if (q.options?.length) bad('보기는 하나 고르기·여러 개 고르기 문항에만 씁니다.', 'options');
        if (q.type === 'matrix') {
          const rows = q.rows ?? [];
          if (rows.length < 1) bad('표형 척도에는 행이 하나 이상 있어야 합니다.', 'rows');
          if (new Set(rows).size !== rows.length) bad('같은 행이 두 번 있습니다.', 'rows');
        }
        if (q.type === 'number' && q.min !== undefined && q.max !== undefined && q.min > q.max)
          bad('최솟값이 최댓값보다 큽니다.', 'min');
        if (q.showIf) {
          const src = seen.get(q.showIf.question);
          if (!src) bad('조건 문항은 앞 페이지에 있는 문항이어야 합니다.', 'showIf');
          else if (src.page === pi) bad('조건 문항은 이 문항보다 앞 페이지에 있어야 합니다.', 'showIf');
          else {
            const s = src.q;
            const v = q.showIf.equals ?? q.showIf.includes;
            if (v === undefined) bad('조건 값(equals 또는 includes)을 입력하세요.', 'showIf');
            else if (s.type === 'multiple' && q.showIf.includes === undefined)
              bad('여러 개 고르기 문항의 조건은 includes로 씁니다.', 'showIf');
            else if (s.type !== 'multiple' && q.showIf.equals === undefined)
              bad('이 조건은 equals로 씁니다.', 'showIf');
            else if ((s.type === 'single' || s.type === 'multiple') && !(s.options ?? []).includes(v))
              bad(`조건 값 "${v}"이(가) ${s.id}의 보기에 없습니다.`, 'showIf');
            else if (s.type === 'scale5' && !/^[1-5]$/.test(v)) bad('척도 조건 값은 1–5입니다.', 'showIf');
            else if (s.type === 'matrix' || s.type === 'long')
              bad('표형 척도·긴 글 문항은 조건으로 쓸 수 없습니다.', 'showIf');
          }
        }
        if (!seen.has(q.id)) seen.set(q.id, { page: pi, q });
      });
    });
  });
export type SurveyDefinition = z.infer<typeof surveyDefinition>;

// ---- answers --------------------------------------------------------------------------------------

/** single: the option (or OTHER); multiple: options; scale5/number: a number; matrix: row → 1–5; text. */
export const answerValue = z.union([
  z.string().max(LIMITS.long),
  z.number(),
  z.array(z.string().max(200)).max(30),
  z.record(z.string().max(100), z.number()),
]);
export type AnswerValue = z.infer<typeof answerValue>;
export const answersSchema = z.record(z.string().max(50), answerValue);
export type Answers = Record<string, AnswerValue>;

export function allQuestions(d: SurveyDefinition): Question[] {
  return d.pages.flatMap((p) => p.questions);
}

/** Show-if: shown when the earlier answer equals (or, for multiple, includes) the value. */
export function isVisible(q: Question, answers: Answers): boolean {
  if (!q.showIf) return true;
  const a = answers[q.showIf.question];
  if (a === undefined) return false;
  if (Array.isArray(a)) return q.showIf.includes !== undefined && a.includes(q.showIf.includes);
  if (typeof a === 'object') return false;
  return q.showIf.equals !== undefined && String(a) === q.showIf.equals;
}

export function pageVisible(d: SurveyDefinition, page: number, answers: Answers): boolean {
  return d.pages[page]?.questions.some((q) => isVisible(q, answers)) ?? false;
}

/** The next page with something to show after `from` (-1 = from the start), or null at the end. */
export function nextPage(d: SurveyDefinition, from: number, answers: Answers): number | null {
  for (let p = from + 1; p < d.pages.length; p++) if (pageVisible(d, p, answers)) return p;
  return null;
}

export function prevPage(d: SurveyDefinition, from: number, answers: Answers): number | null {
  for (let p = from - 1; p >= 0; p--) if (pageVisible(d, p, answers)) return p;
  return null;
}

const textLimit = (q: Question) =>
  Math.min(q.maxLength ?? (q.type === 'long' ? 1000 : 100), q.type === 'long' ? LIMITS.long : LIMITS.short);

/**
 * Checks the answers of the given pages against the definition: visible questions only, required,
 * options, ranges and lengths. Returns the cleaned answers of those pages (hidden questions dropped)
 * and one Korean message per question in error.
 */
export function checkAnswers(
  d: SurveyDefinition,
  given: Answers,
  /** the pages to check; default all */
  pages?: number[],
  /** answers of earlier pages, for show-if */
  earlier: Answers = {},
): { answers: Answers; errors: Record<string, string> } {
  const out: Answers = {};
  const errors: Record<string, string> = {};
  const ctx = (): Answers => ({ ...earlier, ...out });
  const list = pages ?? d.pages.map((_p, i) => i);
  for (const pi of list)
    for (const q of d.pages[pi]?.questions ?? []) {
      if (!isVisible(q, ctx())) continue;
      const v = given[q.id];
      const empty =
        v === undefined ||
        v === '' ||
        (Array.isArray(v) && v.length === 0) ||
        (typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0);
      if (empty) {
        if (q.required) errors[q.id] = '꼭 답해 주세요.';
        continue;
      }
      const err = (m: string) => {
        errors[q.id] = m;
      };
      switch (q.type) {
        case 'single': {
          if (typeof v !== 'string') {
            err('보기 가운데 하나를 고르세요.');
            break;
          }
          if (v === OTHER && q.other) {
            const t = String(given[otherKey(q.id)] ?? '').trim();
            if (!t) err('기타 내용을 적어 주세요.');
            else if (t.length > LIMITS.other) err(`기타 내용은 ${LIMITS.other}자 이하로 적어 주세요.`);
            else {
              out[q.id] = OTHER;
              out[otherKey(q.id)] = t;
            }
          } else if (!(q.options ?? []).includes(v)) err('보기 가운데 하나를 고르세요.');
          else out[q.id] = v;
          break;
        }
        case 'multiple': {
          const arr = Array.isArray(v) ? v : typeof v === 'string' ? [v] : null;
          const allowed = [...(q.options ?? []), ...(q.other ? [OTHER] : [])];
          if (!arr || arr.some((x) => !allowed.includes(x))) {
            err('보기 가운데에서 고르세요.');
            break;
          }
          const picked = allowed.filter((o) => arr.includes(o));
          if (picked.includes(OTHER)) {
            const t = String(given[otherKey(q.id)] ?? '').trim();
            if (!t) {
              err('기타 내용을 적어 주세요.');
              break;
            }
            if (t.length > LIMITS.other) {
              err(`기타 내용은 ${LIMITS.other}자 이하로 적어 주세요.`);
              break;
            }
            out[otherKey(q.id)] = t;
          }
          out[q.id] = picked;
          break;
        }
        case 'scale5': {
          const n = Number(v);
          if (!Number.isInteger(n) || n < 1 || n > 5) err('1부터 5 가운데 하나를 고르세요.');
          else out[q.id] = n;
          break;
        }
        case 'matrix': {
          if (typeof v !== 'object' || Array.isArray(v)) {
            err('각 행에 하나씩 고르세요.');
            break;
          }
          const rows = q.rows ?? [];
          const m: Record<string, number> = {};
          let bad = false;
          for (const [k, x] of Object.entries(v)) {
            if (!rows.includes(k) || !Number.isInteger(x) || x < 1 || x > 5) bad = true;
            else m[k] = x;
          }
          if (bad) err('각 행에 1부터 5 가운데 하나를 고르세요.');
          else if (q.required && Object.keys(m).length < rows.length) err('모든 행에 답해 주세요.');
          else out[q.id] = m;
          break;
        }
        case 'number': {
          const n = typeof v === 'number' ? v : Number(String(v).replace(/,/g, '').trim());
          if (!Number.isFinite(n) || Math.abs(n) > LIMITS.number) err('숫자로 적어 주세요.');
          else if (q.min !== undefined && n < q.min) err(`${q.min} 이상으로 적어 주세요.`);
          else if (q.max !== undefined && n > q.max) err(`${q.max} 이하로 적어 주세요.`);
          else out[q.id] = n;
          break;
        }
        case 'short':
        case 'long': {
          const t = String(v).trim();
          const max = textLimit(q);
          if (t.length > max) err(`${max.toLocaleString('ko-KR')}자 이하로 적어 주세요.`);
          else if (t) out[q.id] = t;
          else if (q.required) err('꼭 답해 주세요.');
          break;
        }
      }
    }
  return { answers: out, errors };
}

export { textLimit };

// ---- survey records -----------------------------------------------------------------------------

const ageBand = z.enum(AGE_BANDS as unknown as ['<20', '20s', '30s', '40s', '50s', '60s', '70+']);

export const surveyFilters = z.object({
  dongIds: z.array(z.number().int()).default([]),
  ageBands: z.array(ageBand).default([]),
  genders: z.array(z.enum(['M', 'F'])).default([]),
});
export type SurveyFilters = z.infer<typeof surveyFilters>;

/**
 * Invitation texts. {설문링크} is the person's own link (required in both), {이름} and {동} as in
 * campaigns. The program adds the open pixel to the email and the opt-out line to the SMS.
 */
export const surveyInvitation = z.object({
  channels: z
    .object({ email: z.boolean().default(true), sms: z.boolean().default(true) })
    .default({ email: true, sms: true }),
  emailSubject: str(200, '메일 제목').default(''),
  emailHtml: z.string().max(100_000).default(''),
  smsText: str(1000, '문자 내용').default(''),
  reminderSmsText: str(1000, '다시 알림 문자').default(''),
});
export type SurveyInvitation = z.infer<typeof surveyInvitation>;

export const LINK_PLACEHOLDER = '설문링크';

export const surveyDraft = z
  .object({
    id: z.string().optional(),
    requestId: z.string().nullable().default(null),
    title: str(120, '설문 제목').min(1, '설문 제목을 입력하세요.'),
    department: str(60, '부서').default(''),
    definition: surveyDefinition,
    anonymous: z.boolean().default(false),
    opensAt: z.string().min(1, '시작 일시를 입력하세요.'),
    closesAt: z.string().min(1, '마감 일시를 입력하세요.'),
    filters: surveyFilters.default({ dongIds: [], ageBands: [], genders: [] }),
    invitation: surveyInvitation.default({
      channels: { email: true, sms: true },
      emailSubject: '',
      emailHtml: '',
      smsText: '',
      reminderSmsText: '',
    }),
    reminders: z
      .object({
        afterDays: z.number().int().min(1, '1일 이상').max(60).default(3),
        max: z.number().int().min(0).max(5, '다시 알림은 5번까지입니다.').default(1),
      })
      .default({ afterDays: 3, max: 1 }),
    incentiveWinners: z.number().int().min(0).max(10_000).default(0),
  })
  .superRefine((s, ctx) => {
    const o = Date.parse(s.opensAt);
    const c = Date.parse(s.closesAt);
    if (Number.isNaN(o))
      ctx.addIssue({ code: 'custom', message: '시작 일시 형식이 올바르지 않습니다.', path: ['opensAt'] });
    if (Number.isNaN(c))
      ctx.addIssue({ code: 'custom', message: '마감 일시 형식이 올바르지 않습니다.', path: ['closesAt'] });
    if (!Number.isNaN(o) && !Number.isNaN(c) && c <= o)
      ctx.addIssue({
        code: 'custom',
        message: '마감 일시는 시작 일시보다 뒤여야 합니다.',
        path: ['closesAt'],
      });
    const inv = s.invitation;
    const link = `{${LINK_PLACEHOLDER}}`;
    if (inv.emailHtml && !inv.emailHtml.includes(link))
      ctx.addIssue({
        code: 'custom',
        message: `메일 내용에 ${link}를 넣으세요.`,
        path: ['invitation', 'emailHtml'],
      });
    if (inv.smsText && !inv.smsText.includes(link))
      ctx.addIssue({
        code: 'custom',
        message: `문자 내용에 ${link}를 넣으세요.`,
        path: ['invitation', 'smsText'],
      });
  });
export type SurveyDraft = z.infer<typeof surveyDraft>;

export const SURVEY_STATUS_LABELS = { draft: '작성 중', published: '진행', closed: '마감' } as const;
export type SurveyStatus = keyof typeof SURVEY_STATUS_LABELS;
export const REQUEST_STATUS_LABELS = {
  submitted: '접수 대기',
  accepted: '수락',
  returned: '반려',
  withdrawn: '철회',
} as const;
export type RequestStatus = keyof typeof REQUEST_STATUS_LABELS;

export const surveyRow = z.object({
  id: z.string(),
  requestId: z.string().nullable(),
  title: z.string(),
  department: z.string(),
  status: z.enum(['draft', 'published', 'closed']),
  definition: surveyDefinition,
  anonymous: z.boolean(),
  opensAt: z.string(),
  closesAt: z.string(),
  filters: surveyFilters,
  invitation: surveyInvitation,
  reminders: z.object({ afterDays: z.number(), max: z.number() }),
  incentiveWinners: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  participants: z.number().int(),
  completed: z.number().int(),
});
export type SurveyRow = z.infer<typeof surveyRow>;

export const requestInput = z.object({
  project: str(120, '사업명').min(1, '사업명을 입력하세요.'),
  purpose: str(2000, '목적').min(1, '조사 목적을 입력하세요.'),
  timing: str(200, '시기').default(''),
  target: str(500, '대상').default(''),
  draftQuestions: str(10_000, '문항 초안').default(''),
});

export const requestRow = requestInput.extend({
  id: z.string(),
  department: z.string(),
  requestedBy: z.string(),
  requestedByName: z.string(),
  status: z.enum(['submitted', 'accepted', 'returned', 'withdrawn']),
  comment: z.string().nullable(),
  decidedAt: z.string().nullable(),
  surveyId: z.string().nullable(),
  createdAt: z.string(),
});
export type RequestRow = z.infer<typeof requestRow>;

const funnelCounts = z.object({
  invited: z.number().int(),
  delivered: z.number().int(),
  opened: z.number().int(),
  started: z.number().int(),
  completed: z.number().int(),
  /** completed / invited, 0–1 */
  responseRate: z.number(),
});
export type FunnelCounts = z.infer<typeof funnelCounts>;

export const funnelOutput = z.object({
  total: funnelCounts,
  byChannel: z.array(funnelCounts.extend({ channel: z.string(), label: z.string() })),
  byDong: z.array(funnelCounts.extend({ key: z.string(), label: z.string() })),
  byAgeBand: z.array(funnelCounts.extend({ key: z.string(), label: z.string() })),
  /** answers entered by staff (paper, phone), outside the invitation funnel */
  entered: z.object({ paper: z.number().int(), phone: z.number().int() }),
});

const optionCount = z.object({ label: z.string(), count: z.number().int(), percent: z.number() });
export const questionResult = z.object({
  id: z.string(),
  type: z.enum(QUESTION_TYPES),
  title: z.string(),
  answered: z.number().int(),
  options: z.array(optionCount).optional(),
  mean: z.number().nullable().optional(),
  min: z.number().nullable().optional(),
  max: z.number().nullable().optional(),
  rows: z
    .array(z.object({ label: z.string(), counts: z.array(optionCount), mean: z.number().nullable() }))
    .optional(),
  texts: z.array(z.string()).optional(),
  otherTexts: z.array(z.string()).optional(),
});
export type QuestionResult = z.infer<typeof questionResult>;

/** How a response came in (survey_responses.via). */
export const RESPONSE_VIA_LABELS = { web: '웹', paper: '종이', phone: '전화' } as const;
export type ResponseVia = keyof typeof RESPONSE_VIA_LABELS;

/**
 * Result filters: respondents' dong, age band and gender (as copied at invitation), how the answer
 * came in, and whether answers saved by people who have not finished yet are counted too.
 * Empty or absent = everyone; the funnel follows the dong, age band and gender filters.
 */
export const resultFilters = z.object({
  dongIds: z.array(z.number().int()).max(200).optional(),
  ageBands: z.array(ageBand).max(10).optional(),
  genders: z
    .array(z.enum(['M', 'F']))
    .max(2)
    .optional(),
  via: z
    .array(z.enum(['web', 'paper', 'phone']))
    .max(3)
    .optional(),
  /** also count the saved answers of respondents still in progress (default: completed only) */
  includePartial: z.boolean().optional(),
});
export type ResultFilters = z.infer<typeof resultFilters>;

export const resultsOutput = z.object({
  surveyId: z.string(),
  title: z.string(),
  anonymous: z.boolean(),
  responses: z.number().int(),
  funnel: funnelOutput,
  questions: z.array(questionResult),
  tookMs: z.number(),
});
export type SurveyResults = z.infer<typeof resultsOutput>;

export const CROSSTAB_BY = { dong: '행정동', ageBand: '연령대', gender: '성별' } as const;
export const crosstabOutput = z.object({
  questionId: z.string(),
  by: z.enum(['dong', 'ageBand', 'gender']),
  columns: z.array(z.string()),
  rows: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      n: z.number().int(),
      counts: z.array(z.number()),
      mean: z.number().nullable(),
    }),
  ),
});

export const inviteOutput = z.object({
  surveyId: z.string(),
  campaignId: z.string().nullable(),
  participants: z.number().int(),
  newParticipants: z.number().int(),
  email: z.number().int(),
  sms: z.number().int(),
  /** reachable on no channel (no usable address) */
  unreachable: z.number().int(),
});

export const bounceRow = z.object({
  outboxId: z.number().int(),
  campaignId: z.string(),
  channel: z.enum(['sms', 'email']),
  subscriberId: z.string().nullable(),
  name: z.string(),
  address: z.string(),
  status: z.string(),
  reason: z.string().nullable(),
  resent: z.boolean(),
});

const byId = z.object({ id: z.string().min(1) });

export const surveysChannels = {
  'surveys.requests.list': channel({
    summary: '설문 요청 목록 (부서는 자기 부서 요청만)',
    access: PR_DEPT,
    input: pageInput.extend({
      status: z.enum(['submitted', 'accepted', 'returned', 'withdrawn']).optional(),
    }),
    output: paged(requestRow),
  }),
  'surveys.requests.submit': channel({
    summary: '설문 요청 (부서)',
    access: PR_DEPT,
    input: requestInput.extend({ id: z.string().optional() }),
    output: requestRow,
  }),
  'surveys.requests.decide': channel({
    summary: '설문 요청 수락·반려 (홍보)',
    access: PR,
    input: z
      .object({
        id: z.string(),
        decision: z.enum(['accept', 'return']),
        comment: str(1000, '의견').default(''),
      })
      .refine((v) => v.decision === 'accept' || v.comment.length > 0, {
        message: '반려할 때는 의견을 적어 주세요.',
        path: ['comment'],
      }),
    output: requestRow,
  }),
  'surveys.list': channel({
    summary: '설문 목록 (부서는 자기 부서 설문만)',
    access: PR_DEPT,
    input: pageInput.extend({ status: z.enum(['draft', 'published', 'closed']).optional() }),
    output: paged(surveyRow),
  }),
  'surveys.get': channel({ summary: '설문 보기', access: PR_DEPT, input: byId, output: surveyRow }),
  'surveys.save': channel({
    summary: '설문 저장 (만들기·고치기)',
    access: PR,
    input: surveyDraft,
    output: surveyRow,
  }),
  'surveys.validate': channel({
    summary: '설문 정의 검사',
    access: PR_DEPT,
    input: z.object({ definition: z.unknown() }),
    output: z.object({
      ok: z.boolean(),
      errors: z.array(z.object({ path: z.string(), message: z.string() })),
    }),
  }),
  'surveys.publish': channel({
    summary: '설문 게시 (응답 받기 시작)',
    access: PR,
    input: byId,
    output: surveyRow,
  }),
  'surveys.close': channel({ summary: '설문 마감', access: PR, input: byId, output: surveyRow }),
  'surveys.preview': channel({
    summary: '응답자 화면 미리보기',
    access: PR_DEPT,
    input: z.object({ id: z.string(), page: z.number().int().min(0).default(0) }),
    output: z.object({ html: z.string(), pages: z.number().int() }),
  }),
  'surveys.audience': channel({
    summary: '정책고객 수 (조건에 맞는 사람, 채널별)',
    access: PR,
    input: byId,
    output: z.object({
      people: z.number().int(),
      email: z.number().int(),
      sms: z.number().int(),
      invited: z.number().int(),
    }),
  }),
  'surveys.invite': channel({
    summary: '초대 발송 (메일·문자, 선택: 행정동×연령대 층화 표본)',
    access: PR,
    input: z.object({
      id: z.string(),
      sample: z.number().int().min(1).max(1_000_000).optional(),
      seed: z.string().max(100).optional(),
      confirmNight: z.boolean().default(false),
    }),
    output: inviteOutput,
  }),
  'surveys.nudge': channel({
    summary: '문자로 참여 요청 (아직 열어 보지 않은 사람)',
    access: PR,
    input: z.object({ id: z.string(), confirmNight: z.boolean().default(false) }),
    output: z.object({ campaignId: z.string().nullable(), sms: z.number().int() }),
  }),
  'surveys.remind': channel({
    summary: '응답하지 않은 사람에게 다시 알림 (지금)',
    access: PR,
    input: z.object({ id: z.string(), force: z.boolean().default(false) }),
    output: z.object({ campaignId: z.string().nullable(), people: z.number().int() }),
  }),
  'surveys.bounces': channel({
    summary: '전달되지 않은 초대 (주소 고치기)',
    access: PR,
    input: byId,
    output: z.object({ items: z.array(bounceRow) }),
  }),
  'surveys.resend': channel({
    summary: '주소를 고쳐 그 사람에게 다시 보내기',
    access: PR,
    input: z.object({ outboxId: z.number().int(), address: z.string().max(200).optional() }),
    output: bounceRow,
  }),
  'surveys.enterAnswers': channel({
    summary: '종이·전화 응답 입력 (직원)',
    access: PR,
    input: z.object({
      id: z.string(),
      subscriberId: z.string(),
      via: z.enum(['paper', 'phone']),
      answers: answersSchema,
    }),
    output: z.object({ ok: z.literal(true), responseId: z.number().int() }),
  }),
  'surveys.results': channel({
    summary: '설문 결과 (참여 단계, 문항별; 선택: 행정동·연령대·성별·응답 경로 거르기)',
    access: PR_DEPT,
    input: byId.extend({ filters: resultFilters.optional() }),
    output: resultsOutput,
  }),
  'surveys.crosstab': channel({
    summary: '문항 교차표 (행정동·연령대·성별)',
    access: PR_DEPT,
    input: z.object({
      id: z.string(),
      questionId: z.string(),
      by: z.enum(['dong', 'ageBand', 'gender']),
      filters: resultFilters.optional(),
    }),
    output: crosstabOutput,
  }),
  'surveys.printHtml': channel({
    summary: '설문 결과의 인쇄용 화면 (A4, 그래프 포함)',
    access: PR_DEPT,
    input: byId.extend({ filters: resultFilters.optional() }),
    output: z.object({ html: z.string() }),
  }),
  'surveys.pdf': channel({
    summary: '설문 결과를 PDF로 저장 (A4, 그래프 포함)',
    access: PR_DEPT,
    input: byId.extend({ filters: resultFilters.optional(), path: z.string().trim().min(1).optional() }),
    output: z.object({ file: z.string(), pages: z.number().int() }),
  }),
  'surveys.export': channel({
    summary: '결과 엑셀 (요약·응답 원자료)',
    access: PR_DEPT,
    input: z.object({ id: z.string(), reason: str(200, '사유').min(1, '내보내는 사유를 적어 주세요.') }),
    output: z.object({ fileName: z.string(), contentBase64: z.string(), rows: z.number().int() }),
  }),
  'surveys.incentives.draw': channel({
    summary: '문화상품권 대상자 추첨 (완료한 사람 가운데)',
    access: PR,
    input: z.object({
      id: z.string(),
      seed: z.string().max(100).optional(),
      reason: str(200, '사유').min(1, '사유를 적어 주세요.'),
    }),
    output: z.object({
      eligible: z.number().int(),
      winners: z.array(
        z.object({
          subscriberId: z.string(),
          name: z.string(),
          mobile: z.string().nullable(),
          email: z.string().nullable(),
        }),
      ),
    }),
  }),
  'surveys.delete': channel({ summary: '작성 중인 설문 삭제', access: PR, input: byId, output: ok }),
};
