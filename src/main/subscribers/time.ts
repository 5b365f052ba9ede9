// Calendar questions asked in Seoul time ("today", "this year"), whatever the machine's zone.

const SEOUL_OFFSET_MS = 9 * 3_600_000; // Korea has no daylight saving since 1988

export function seoulYear(d: Date): number {
  return new Date(d.getTime() + SEOUL_OFFSET_MS).getUTCFullYear();
}

/** The instant today began in Seoul, as ISO (for `created_at >= ?`). */
export function seoulDayStart(d: Date): string {
  const s = new Date(d.getTime() + SEOUL_OFFSET_MS);
  return new Date(
    Date.UTC(s.getUTCFullYear(), s.getUTCMonth(), s.getUTCDate()) - SEOUL_OFFSET_MS,
  ).toISOString();
}

/** 'YYYY-MM-DD' (a date typed on a form) → the instant that day began in Seoul, ISO. */
export function seoulDateToIso(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d) - SEOUL_OFFSET_MS).toISOString();
}

/** 'YYYYMMDD-HHmmss' in Seoul time, for file names. */
export function seoulStamp(d: Date): string {
  return new Date(d.getTime() + SEOUL_OFFSET_MS)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace('T', '-')
    .slice(0, 15);
}
