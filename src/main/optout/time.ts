// Message times as phones, exports and people write them, read as Seoul wall-clock time.
import { excelSerialToDate } from '../../shared/text/dates';

/** The instant whose Seoul wall clock is the given time (Korea has no DST today). */
function seoul(y: number, mo: number, d: number, h = 0, mi = 0, s = 0): Date | null {
  if (h > 23 || mi > 59 || s > 59) return null;
  const probe = new Date(Date.UTC(y, mo - 1, d));
  if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== mo - 1 || probe.getUTCDate() !== d) return null;
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s) - 9 * 3_600_000);
}

const PM = /오후|pm|p\.m\./i;
const AM = /오전|am|a\.m\.|새벽/i;

/**
 * The date-time inside a piece of text: '2026.11.20 14:03', '2026-11-20 오후 2:03:10', '2026년 11월 20일
 * 14시 3분', '26.11.20 14:03', '11/20 14:03' (this year), '2026.11.20' (midnight). Returns the match too,
 * so a line parser can cut it out of the message.
 */
export function findDateTime(text: string, now: Date): { at: Date; match: string } | null {
  const re =
    /(?:(\d{4}|\d{2})\s*[.\-/년]\s*)?(\d{1,2})\s*[.\-/월]\s*(\d{1,2})\s*(?:[.일]\s*)?(?:\([^)]{1,3}\)\s*)?(?:(오전|오후|am|pm|새벽)\s*)?(?:(\d{1,2})\s*[:시]\s*(\d{1,2})?\s*(?:분)?(?:\s*:\s*(\d{1,2})\s*(?:초)?)?\s*(오전|오후|am|pm)?)?/gi;
  for (const m of text.matchAll(re)) {
    const [all, yRaw, moRaw, dRaw, ampm1, hRaw, miRaw, sRaw, ampm2] = m;
    // A bare "11.20" with neither year nor time is too easily something else.
    if (!yRaw && !hRaw) continue;
    if (hRaw && miRaw === undefined && !/시/.test(all)) continue;
    const before = text[(m.index ?? 0) - 1];
    if (before && /\d/.test(before)) continue;
    let y = yRaw
      ? Number(yRaw)
      : Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Seoul', year: 'numeric' }).format(now));
    if (yRaw?.length === 2) y += 2000;
    let h = hRaw ? Number(hRaw) : 0;
    const ampm = ampm1 ?? ampm2 ?? '';
    if (PM.test(ampm) && h < 12) h += 12;
    if (AM.test(ampm) && h === 12) h = 0;
    const at = seoul(y, Number(moRaw), Number(dRaw), h, miRaw ? Number(miRaw) : 0, sRaw ? Number(sRaw) : 0);
    if (at) return { at, match: all.trim() };
  }
  return null;
}

/** A cell or field value as a time: Date (exceljs: wall clock in UTC fields), Excel serial, epoch, text. */
export function parseMessageTime(v: unknown, now: Date): Date | null {
  if (v === null || v === undefined || v === '') return null;
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return null;
    return seoul(
      v.getUTCFullYear(),
      v.getUTCMonth() + 1,
      v.getUTCDate(),
      v.getUTCHours(),
      v.getUTCMinutes(),
      v.getUTCSeconds(),
    );
  }
  if (typeof v === 'number') {
    if (v > 1e12) return new Date(v); // epoch milliseconds (Android backups)
    if (v > 1e9) return new Date(v * 1000); // epoch seconds
    return excelSerialToDate(v);
  }
  const s = String(v).normalize('NFKC').trim();
  if (/^\d{13}$/.test(s)) return new Date(Number(s));
  if (/^\d{5}(?:\.\d+)?$/.test(s)) return excelSerialToDate(Number(s));
  // ISO with an explicit zone, as gateways send it
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/.test(s)) {
    const d = new Date(s);
    return Number.isNaN(d.getTime()) ? null : d;
  }
  const compactDigits = /^(\d{4})(\d{2})(\d{2})\s*(\d{2})?(\d{2})?(\d{2})?$/.exec(s);
  if (compactDigits) {
    const [, y, mo, d, h, mi, sec] = compactDigits;
    return seoul(+y, +mo, +d, h ? +h : 0, mi ? +mi : 0, sec ? +sec : 0);
  }
  return findDateTime(s, now)?.at ?? null;
}

/** A time-only cell ('14:03', '오후 2:03') joined to a date. */
export function withTimeOfDay(date: Date, time: unknown): Date {
  let h: number | null = null;
  let mi = 0;
  let s = 0;
  if (time instanceof Date) {
    h = time.getUTCHours();
    mi = time.getUTCMinutes();
    s = time.getUTCSeconds();
  } else if (typeof time === 'number' && time >= 0 && time < 1) {
    const secs = Math.round(time * 86400);
    h = Math.floor(secs / 3600);
    mi = Math.floor((secs % 3600) / 60);
    s = secs % 60;
  } else if (typeof time === 'string') {
    const m =
      /(오전|오후|am|pm)?\s*(\d{1,2})\s*[:시]\s*(\d{1,2})?(?:\s*[:분]\s*(\d{1,2}))?\s*(오전|오후|am|pm)?/i.exec(
        time,
      );
    if (m) {
      h = Number(m[2]);
      mi = m[3] ? Number(m[3]) : 0;
      s = m[4] ? Number(m[4]) : 0;
      const ampm = m[1] ?? m[5] ?? '';
      if (PM.test(ampm) && h < 12) h += 12;
      if (AM.test(ampm) && h === 12) h = 0;
    }
  }
  if (h === null) return date;
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Seoul' }).format(date); // YYYY-MM-DD
  const [y, mo, d] = day.split('-').map(Number);
  return seoul(y, mo, d, h, mi, s) ?? date;
}
