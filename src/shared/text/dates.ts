/**
 * Dates as the ward office writes them (YYYY.MM.DD, Asia/Seoul), lenient parsing of typed/imported
 * birth dates, Excel serials, and age bands. Pure module (renderer + Node): uses Intl, not dayjs.
 */

const SEOUL = 'Asia/Seoul';
let seoulParts: Intl.DateTimeFormat | undefined;

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallClockInSeoul(d: Date): WallClock {
  seoulParts ??= new Intl.DateTimeFormat('en-US', {
    timeZone: SEOUL,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
    hourCycle: 'h23',
  });
  const p: Record<string, number> = {};
  for (const { type, value } of seoulParts.formatToParts(d)) if (type !== 'literal') p[type] = Number(value);
  return { year: p.year, month: p.month, day: p.day, hour: p.hour, minute: p.minute, second: p.second };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function toDate(d: Date | string | number): Date {
  return d instanceof Date ? d : new Date(d);
}

/** 'YYYY.MM.DD' in Seoul time; '' for an invalid date (display helpers must not crash a table). */
export function formatDate(d: Date | string | number): string {
  const date = toDate(d);
  if (Number.isNaN(date.getTime())) return '';
  const w = wallClockInSeoul(date);
  return `${pad(w.year, 4)}.${pad(w.month)}.${pad(w.day)}`;
}

/** 'YYYY.MM.DD HH:mm' in Seoul time; '' for an invalid date. */
export function formatDateTime(d: Date | string | number): string {
  const date = toDate(d);
  if (Number.isNaN(date.getTime())) return '';
  const w = wallClockInSeoul(date);
  return `${pad(w.year, 4)}.${pad(w.month)}.${pad(w.day)} ${pad(w.hour)}:${pad(w.minute)}`;
}

export interface PartialDate {
  year: number;
  month?: number;
  day?: number;
}

export interface ParseDateOptions {
  /** Two-digit years ≥ pivot are 19xx, below are 20xx. Default 30. */
  pivot?: number;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Accepts '1975-03-02', '1975.03.02', '1975. 3. 2.', '1975/3/2', '19750302', '750302', '75.3.2',
 * '1975년 3월 2일', '1975-03', '1975년 3월' and '1975'. Returns null for anything else or for a
 * date that does not exist (Feb 30, month 13 …).
 */
export function parseKoreanDate(raw: string, options: ParseDateOptions = {}): PartialDate | null {
  const pivot = options.pivot ?? 30;
  const s = raw.normalize('NFKC').trim().replace(/\.$/, '');
  const m =
    /^(\d{4})(\d{2})(\d{2})$/.exec(s) ??
    /^(\d{2})(\d{2})(\d{2})$/.exec(s) ??
    /^(\d{4}|\d{2})\s*[-./]\s*(\d{1,2})(?:\s*[-./]\s*(\d{1,2}))?$/.exec(s) ??
    /^(\d{4})\s*년(?:\s*(\d{1,2})\s*월(?:\s*(\d{1,2})\s*일)?)?$/.exec(s) ??
    /^(\d{4})()()$/.exec(s);
  if (!m) return null;

  let year = Number(m[1]);
  if (m[1].length === 2) year += year >= pivot ? 1900 : 2000;
  else if (year < 1000) return null;
  if (!m[2]) return { year };

  const month = Number(m[2]);
  if (month < 1 || month > 12) return null;
  if (!m[3]) return { year, month };

  const day = Number(m[3]);
  if (day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

const MS_PER_DAY = 86_400_000;
const EXCEL_MAX_SERIAL = 2_958_465; // 9999-12-31

/**
 * Excel 1900-date-system serial → Date whose Seoul wall-clock equals what Excel shows (serials carry
 * no time zone). Serial 60 is Excel's fictitious 1900-02-29 → null, as are serials < 1 or > 9999-12-31.
 */
export function excelSerialToDate(serial: number): Date | null {
  if (!Number.isFinite(serial) || serial < 1 || serial >= EXCEL_MAX_SERIAL + 1) return null;
  if (Math.floor(serial) === 60) return null;
  // Excel treats 1900 as a leap year, so serials after 60 are one day ahead of a plain count.
  const epoch = serial < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  const wall = epoch + Math.round(serial * MS_PER_DAY); // the wall-clock time, expressed as if in UTC
  // Find the instant whose Seoul wall-clock is `wall` (the offset was +8:30 in 1954–61, DST in 1987–88).
  let t = wall - 9 * 3_600_000;
  for (let i = 0; i < 2; i++) {
    const w = wallClockInSeoul(new Date(t));
    const seen =
      Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) + (((t % 1000) + 1000) % 1000);
    t += wall - seen;
  }
  return new Date(t);
}

export type AgeBand = '<20' | '20s' | '30s' | '40s' | '50s' | '60s' | '70+';

export const AGE_BANDS: readonly AgeBand[] = ['<20', '20s', '30s', '40s', '50s', '60s', '70+'];

export const AGE_BAND_LABELS: Readonly<Record<AgeBand, string>> = {
  '<20': '20세 미만',
  '20s': '20대',
  '30s': '30대',
  '40s': '40대',
  '50s': '50대',
  '60s': '60대',
  '70+': '70세 이상',
};

/**
 * Band by year difference (only the birth year is collected, so this is 연 나이, not 만 나이).
 * asOfYear defaults to the current year in Seoul; a birth year after it counts as '<20'.
 */
export function ageBand(birthYear: number, asOfYear: number = wallClockInSeoul(new Date()).year): AgeBand {
  const age = asOfYear - birthYear;
  if (age < 20) return '<20';
  if (age >= 70) return '70+';
  return AGE_BANDS[Math.floor(age / 10) - 1];
}
