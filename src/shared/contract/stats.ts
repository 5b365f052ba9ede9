import { z } from 'zod';
import { channel } from './define';
import { AGE_BAND_KEYS } from './subscribers';

// Registry statistics the office prints (docs/domain.md §4): subscribers by field, age band, gender,
// dong and business type; intake per station (dong) and month. Aggregates only: no personal data.

const dateOnly = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '날짜는 YYYY-MM-DD 형식이어야 합니다.');
const n = z.number().int();

export const subscriberStats = z.object({
  asOf: z.string(),
  /** null: every dong; a dong user always gets their own */
  dongId: n.nullable(),
  totals: z.object({ individuals: n, businesses: n, active: n, withdrawn: n }),
  byField: z.array(
    z.object({
      fieldId: n,
      code: z.string(),
      name: z.string(),
      audience: z.enum(['individual', 'business']),
      sms: n,
      email: n,
    }),
  ),
  /** active individuals */
  /** band null: birth year not given */
  byAgeBand: z.array(z.object({ band: z.enum(AGE_BAND_KEYS).nullable(), label: z.string(), count: n })),
  byGender: z.array(z.object({ gender: z.enum(['M', 'F']).nullable(), label: z.string(), count: n })),
  byDong: z.array(z.object({ dongId: n.nullable(), name: z.string(), individuals: n, businesses: n })),
  byBusinessType: z.array(z.object({ businessTypeId: n.nullable(), name: z.string(), count: n })),
});
export type SubscriberStats = z.infer<typeof subscriberStats>;

export const intakeStats = z.object({
  from: z.string(),
  to: z.string(),
  /** 'YYYY-MM', Seoul time */
  months: z.array(z.string()),
  byStation: z.array(
    z.object({
      stationId: z.string().nullable(),
      code: z.string(),
      name: z.string(),
      dongName: z.string().nullable(),
      months: z.array(n),
      total: n,
      new: n,
      update: n,
    }),
  ),
  totals: z.object({ months: z.array(n), total: n }),
});
export type IntakeStats = z.infer<typeof intakeStats>;

const period = { from: dateOnly, to: dateOnly };
const viewers = ['admin', 'pr', 'dong'] as const;

export const statsChannels = {
  'stats.subscribers': channel({
    summary: '구독자 통계 (분야·연령대·성별·동·업종)',
    access: viewers,
    input: z.object({ dongId: z.number().int().positive().optional() }),
    output: subscriberStats,
  }),
  'stats.intake': channel({
    summary: '접수 통계 (접수처·동별 월별 신청서 수)',
    access: viewers,
    input: z.object(period),
    output: intakeStats,
  }),
  'stats.export': channel({
    summary: '통계를 엑셀로 내보내기',
    access: viewers,
    input: z.object({ ...period, path: z.string().trim().min(1).optional() }),
    output: z.object({ file: z.string() }),
  }),
};
