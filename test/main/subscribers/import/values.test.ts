import { describe, expect, it } from 'vitest';
import {
  cellText,
  flattenCell,
  parseBirthYear,
  parseChannelWord,
  parseDateCell,
  parseGender,
  parseMark,
  splitList,
} from '../../../../src/main/subscribers/import/values';

describe('consent marks as offices write them', () => {
  it.each(['O', 'o', '○', '◯', 'Y', 'y', 'yes', '1', '예', '네', 'V', 'v', '✓', '✔', '동의', ' O '])(
    '%s is yes',
    (v) => {
      expect(parseMark(v)).toBe(true);
    },
  );
  it.each(['X', 'x', '×', 'N', 'no', '0', '아니오', '아니요', '미동의', '-', ''])('“%s” is no', (v) => {
    expect(parseMark(v)).toBe(false);
  });
  it('reads numbers, booleans and blanks; refuses what it cannot read', () => {
    expect(parseMark(1)).toBe(true);
    expect(parseMark(0)).toBe(false);
    expect(parseMark(true)).toBe(true);
    expect(parseMark(null)).toBe(false);
    expect(parseMark('모름')).toBeNull();
    expect(parseMark(2)).toBeNull();
  });
});

describe('gender', () => {
  it.each([
    ['남', 'M'],
    ['남자', 'M'],
    ['남성', 'M'],
    ['M', 'M'],
    ['m', 'M'],
    ['여', 'F'],
    ['여자', 'F'],
    ['F', 'F'],
    ['female', 'F'],
  ])('%s → %s', (v, g) => {
    expect(parseGender(v)).toBe(g);
  });
  it('blank is null, nonsense is undefined', () => {
    expect(parseGender(null)).toBeNull();
    expect(parseGender('  ')).toBeNull();
    expect(parseGender('?')).toBeUndefined();
  });
});

describe('birth year', () => {
  const y = 2026;
  it.each<[unknown, number]>([
    ['1975-03-02', 1975],
    ['1975.03.02', 1975],
    ['1975. 3. 2.', 1975],
    ['750302', 1975],
    ['050302', 2005],
    ['19750302', 1975],
    ['1975', 1975],
    ['1975년생', 1975],
    ['75.3.2', 1975],
    [27455, 1975], // Excel serial of 1975-03-02 (a date cell read without styles)
    ['27455', 1975],
    [750302, 1975], // typed as a number
    [19750302, 1975],
    [1975, 1975],
    [new Date('1975-03-02T00:00:00+09:00'), 1975],
  ])('%s → %i', (v, expected) => {
    expect(parseBirthYear(v as never, y)).toBe(expected);
  });
  it('blank is null; impossible or future dates are undefined', () => {
    expect(parseBirthYear(null, y)).toBeNull();
    expect(parseBirthYear('', y)).toBeNull();
    expect(parseBirthYear('1999-02-30', y)).toBeUndefined();
    expect(parseBirthYear('2031', y)).toBeUndefined();
    expect(parseBirthYear('모름', y)).toBeUndefined();
    expect(parseBirthYear(1850, y)).toBeUndefined();
  });
});

describe('접수일 cells', () => {
  const now = new Date('2026-03-02T09:00:00+09:00');
  it('reads serials, date strings and Date cells as Seoul midnight', () => {
    expect(parseDateCell(46027, now)).toBe('2026-01-04T15:00:00.000Z'); // 2026-01-05
    expect(parseDateCell('2026-01-05', now)).toBe('2026-01-04T15:00:00.000Z');
    expect(parseDateCell('2026.1.5', now)).toBe('2026-01-04T15:00:00.000Z');
    expect(parseDateCell(20260105, now)).toBe('2026-01-04T15:00:00.000Z');
    expect(parseDateCell(null, now)).toBeNull();
  });
  it('refuses nonsense and dates in the future', () => {
    expect(parseDateCell('어제', now)).toBeUndefined();
    expect(parseDateCell('2027-01-01', now)).toBeUndefined();
  });
});

describe('cells from exceljs', () => {
  it('joins rich text runs (LibreOffice writes mixed Hangul/ASCII that way)', () => {
    expect(flattenCell({ richText: [{ text: 'Kim ' }, { text: '민수' }] })).toBe('Kim 민수');
  });
  it('takes a formula’s result, a hyperlink’s text, nothing from an error', () => {
    expect(flattenCell({ formula: 'A1&B1', result: '홍길동' })).toBe('홍길동');
    expect(flattenCell({ sharedFormula: 'A2', result: 3 })).toBe(3);
    expect(flattenCell({ text: 'a@b.kr', hyperlink: 'mailto:a@b.kr' })).toBe('a@b.kr');
    expect(flattenCell({ error: '#N/A' })).toBeNull();
  });
  it('prints numbers as typed: a phone that lost its 0 stays all digits', () => {
    expect(cellText(1012345678)).toBe('1012345678');
    expect(cellText('  홍길동\u200B ')).toBe('홍길동');
  });
});

describe('lists and channel words', () => {
  it('splits field lists on the separators people use', () => {
    expect(splitList('문화공연, 건강정보/교육정보;생활정보')).toEqual([
      '문화공연',
      '건강정보',
      '교육정보',
      '생활정보',
    ]);
    expect(splitList('지방세·세외수입 고지서, 문화공연')).toEqual(['지방세·세외수입 고지서', '문화공연']);
  });
  it('knows the channel words', () => {
    expect(parseChannelWord('SMS')).toBe('sms');
    expect(parseChannelWord('문자')).toBe('sms');
    expect(parseChannelWord('이메일')).toBe('email');
    expect(parseChannelWord('E-mail')).toBe('email');
    expect(parseChannelWord('메일')).toBe('email');
    expect(parseChannelWord('모두')).toBe('both');
    expect(parseChannelWord('우편')).toBeNull();
  });
});
