// Report periods are Seoul calendar days: 'from' and 'to' both inclusive.
import { AppError } from '../../shared/errors';

const SEOUL_OFFSET_MS = 9 * 3_600_000; // no daylight saving in Korea since 1988

export interface Period {
  from: string;
  to: string;
}

/** 'YYYY-MM-DD' → the instant that Seoul day began, ISO. */
export function dayStartIso(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d) - SEOUL_OFFSET_MS).toISOString();
}

/** The period as a half-open ISO range [lo, hi) for `at >= lo AND at < hi`. */
export function isoRange(p: Period): { lo: string; hi: string } {
  if (Number.isNaN(Date.parse(p.from)) || Number.isNaN(Date.parse(p.to)))
    throw new AppError('VALIDATION', '기간의 날짜를 읽을 수 없습니다.');
  if (p.to < p.from) throw new AppError('VALIDATION', '끝 날짜가 시작 날짜보다 앞설 수 없습니다.');
  const lo = dayStartIso(p.from);
  const hi = new Date(new Date(dayStartIso(p.to)).getTime() + 86_400_000).toISOString();
  return { lo, hi };
}

/** Seoul 'YYYY-MM' of an ISO instant. */
export function seoulMonth(iso: string): string {
  return new Date(new Date(iso).getTime() + SEOUL_OFFSET_MS).toISOString().slice(0, 7);
}

/** Every 'YYYY-MM' the period touches (at most 10 years). */
export function monthsOf(p: Period): string[] {
  const out: string[] = [];
  let [y, m] = p.from.split('-').map(Number);
  const [ty, tm] = p.to.split('-').map(Number);
  while (y < ty || (y === ty && m <= tm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    if (++m > 12) {
      m = 1;
      y++;
    }
    if (out.length > 120) throw new AppError('VALIDATION', '기간은 10년 이내로 골라 주세요.');
  }
  return out;
}

/** [lo, hi) ISO bounds of each month of the period, clipped to the period. */
export function monthRanges(p: Period): { ym: string; lo: string; hi: string }[] {
  const { lo, hi } = isoRange(p);
  const months = monthsOf(p);
  return months.map((ym, i) => ({
    ym,
    lo: i === 0 ? lo : dayStartIso(`${ym}-01`),
    hi: i === months.length - 1 ? hi : dayStartIso(`${months[i + 1]}-01`),
  }));
}

/** '2015-03' → '2015.03' (how the office writes a month). */
export const monthLabel = (ym: string) => ym.replace('-', '.');

export const ratio = (n: number, d: number) => (d > 0 ? n / d : 0);
