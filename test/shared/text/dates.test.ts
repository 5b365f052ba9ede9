import { describe, expect, it } from 'vitest';
import {
  AGE_BANDS,
  AGE_BAND_LABELS,
  type AgeBand,
  ageBand,
  excelSerialToDate,
  formatDate,
  formatDateTime,
  parseKoreanDate,
} from '../../../src/shared/text/dates';

describe('formatDate / formatDateTime (Asia/Seoul)', () => {
  it.each([
    ['2024-03-02T00:00:00Z', '2024.03.02', '2024.03.02 09:00'],
    ['2024-12-31T14:59:00Z', '2024.12.31', '2024.12.31 23:59'],
    ['2024-12-31T15:00:00Z', '2025.01.01', '2025.01.01 00:00'], // already next year in Seoul
    ['2024-02-29T03:04:05Z', '2024.02.29', '2024.02.29 12:04'],
    ['1988-05-08T15:30:00Z', '1988.05.09', '1988.05.09 01:30'], // Korean DST (UTC+10) in 1988
  ])('%s → %s / %s', (iso, date, dateTime) => {
    expect(formatDate(iso)).toBe(date);
    expect(formatDate(new Date(iso))).toBe(date);
    expect(formatDate(Date.parse(iso))).toBe(date);
    expect(formatDateTime(iso)).toBe(dateTime);
  });

  it('returns an empty string for an invalid date', () => {
    expect(formatDate('not a date')).toBe('');
    expect(formatDateTime(Number.NaN)).toBe('');
  });
});

describe('parseKoreanDate', () => {
  it.each([
    ['1975-03-02', { year: 1975, month: 3, day: 2 }],
    ['1975.03.02', { year: 1975, month: 3, day: 2 }],
    ['1975/3/2', { year: 1975, month: 3, day: 2 }],
    ['1975. 3. 2.', { year: 1975, month: 3, day: 2 }],
    ['1975년 3월 2일', { year: 1975, month: 3, day: 2 }],
    ['19750302', { year: 1975, month: 3, day: 2 }],
    ['750302', { year: 1975, month: 3, day: 2 }],
    ['300101', { year: 1930, month: 1, day: 1 }], // pivot 30 → 19xx
    ['291231', { year: 2029, month: 12, day: 31 }],
    ['050607', { year: 2005, month: 6, day: 7 }],
    ['75.3.2', { year: 1975, month: 3, day: 2 }],
    ['  1975-03-02 ', { year: 1975, month: 3, day: 2 }],
    ['１９７５－０３－０２', { year: 1975, month: 3, day: 2 }],
    ['1975-03', { year: 1975, month: 3 }],
    ['1975년 3월', { year: 1975, month: 3 }],
    ['1975년', { year: 1975 }],
    ['1975', { year: 1975 }],
    ['2000-02-29', { year: 2000, month: 2, day: 29 }], // leap (÷400)
    ['2024.02.29', { year: 2024, month: 2, day: 29 }],
    ['1900-02-29', null], // not leap (÷100)
    ['2023-02-29', null],
    ['1975-02-30', null],
    ['1975-04-31', null],
    ['1975-13-01', null],
    ['1975-00-10', null],
    ['1975-01-00', null],
    ['19751302', null],
    ['751301', null],
    ['0975', null],
    ['75', null],
    ['1975-3-2-1', null],
    ['3/2/1975', null],
    ['', null],
    ['abc', null],
  ])('%j → %j', (raw, expected) => {
    expect(parseKoreanDate(raw)).toEqual(expected);
  });

  it.each([
    ['250101', 20, { year: 1925, month: 1, day: 1 }],
    ['250101', 30, { year: 2025, month: 1, day: 1 }],
    ['990101', 100, { year: 2099, month: 1, day: 1 }],
  ] as const)('%s with pivot %i', (raw, pivot, expected) => {
    expect(parseKoreanDate(raw, { pivot })).toEqual(expected);
  });
});

describe('excelSerialToDate', () => {
  it.each([
    [1, '1900.01.01 00:00'],
    [59, '1900.02.28 00:00'],
    [61, '1900.03.01 00:00'],
    [25569, '1970.01.01 00:00'],
    [27455, '1975.03.02 00:00'],
    [36526, '2000.01.01 00:00'],
    [45352, '2024.03.01 00:00'],
    [44197.75, '2021.01.01 18:00'],
    [20000.5, '1954.10.03 12:00'], // Seoul was UTC+8:30 then
    [32272.5, '1988.05.09 12:00'], // Korean DST
    [2958465, '9999.12.31 00:00'],
  ])('%d → %s (Seoul wall clock)', (serial, expected) => {
    const d = excelSerialToDate(serial);
    expect(d).not.toBeNull();
    expect(formatDateTime(d!)).toBe(expected);
  });

  it('gives the instant of Seoul midnight for a whole serial', () => {
    expect(excelSerialToDate(45352)!.toISOString()).toBe('2024-02-29T15:00:00.000Z');
  });

  it.each([0, -1, 60, 60.5, 2958466, Number.NaN, Number.POSITIVE_INFINITY])('%d → null', (serial) => {
    expect(excelSerialToDate(serial)).toBeNull();
  });
});

describe('ageBand', () => {
  it.each([
    [2010, 2025, '<20'],
    [2006, 2025, '<20'], // 19
    [2005, 2025, '20s'], // 20
    [1996, 2025, '20s'], // 29
    [1995, 2025, '30s'],
    [1985, 2025, '40s'],
    [1975, 2025, '50s'],
    [1966, 2025, '50s'], // 59
    [1965, 2025, '60s'],
    [1956, 2025, '60s'], // 69
    [1955, 2025, '70+'], // 70
    [1930, 2025, '70+'],
    [2030, 2025, '<20'], // birth year after the reference year
  ] as [number, number, AgeBand][])('%i as of %i → %s', (birth, asOf, band) => {
    expect(ageBand(birth, asOf)).toBe(band);
  });

  it('defaults to the current year', () => {
    const thisYear = Number(formatDate(new Date()).slice(0, 4));
    expect(ageBand(thisYear - 35)).toBe('30s');
  });

  it('has a Korean label for every band, in order', () => {
    expect(AGE_BANDS.map((b) => AGE_BAND_LABELS[b])).toEqual([
      '20세 미만',
      '20대',
      '30대',
      '40대',
      '50대',
      '60대',
      '70세 이상',
    ]);
  });
});
