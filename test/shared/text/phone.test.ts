import { describe, expect, it } from 'vitest';
import {
  type PhoneKind,
  formatPhone,
  isValidSenderNumber,
  normalizePhone,
  smsCapable,
} from '../../../src/shared/text/phone';

const normalizeCases: [string, string, PhoneKind][] = [
  ['010-1234-5678', '01012345678', 'mobile'],
  ['01012345678', '01012345678', 'mobile'],
  ['010 1234 5678', '01012345678', 'mobile'],
  ['010.1234.5678', '01012345678', 'mobile'],
  ['(010) 1234-5678', '01012345678', 'mobile'],
  ['  010-1234-5678\t', '01012345678', 'mobile'],
  ['010–1234–5678', '01012345678', 'mobile'], // en dashes from a word processor
  ['+82 10-1234-5678', '01012345678', 'mobile'],
  ['+82-10-1234-5678', '01012345678', 'mobile'],
  ['+821012345678', '01012345678', 'mobile'],
  ['82 10 1234 5678', '01012345678', 'mobile'],
  ['821012345678', '01012345678', 'mobile'],
  ['+82 (0)10 1234 5678', '01012345678', 'mobile'],
  ['0082-10-1234-5678', '01012345678', 'mobile'],
  ['1012345678', '01012345678', 'mobile'], // Excel dropped the leading zero
  ['０１０－１２３４－５６７８', '01012345678', 'mobile'], // full-width
  ['０１０ １２３４ ５６７８', '01012345678', 'mobile'], // full-width with ideographic space
  ['010-123-4567', '0101234567', 'invalid'], // 010 needs 8 digits after it
  ['010-1234-56789', '010123456789', 'invalid'],
  ['011-123-4567', '0111234567', 'withdrawn-mobile'],
  ['016-1234-5678', '01612345678', 'withdrawn-mobile'],
  ['017-123-4567', '0171234567', 'withdrawn-mobile'],
  ['018-1234-5678', '01812345678', 'withdrawn-mobile'],
  ['019-123-4567', '0191234567', 'withdrawn-mobile'],
  ['1912345678', '01912345678', 'withdrawn-mobile'], // Excel-mangled
  ['+82 11 123 4567', '0111234567', 'withdrawn-mobile'],
  ['02-123-4567', '021234567', 'landline'],
  ['02-1234-5678', '0212345678', 'landline'],
  ['+82-2-1234-5678', '0212345678', 'landline'],
  ['031-123-4567', '0311234567', 'landline'],
  ['032-1234-5678', '03212345678', 'landline'],
  ['051-123-4567', '0511234567', 'landline'],
  ['064-123-4567', '0641234567', 'landline'],
  ['070-1234-5678', '07012345678', 'landline'],
  ['035-123-4567', '0351234567', 'invalid'], // no such area code
  ['1588-1234', '15881234', 'representative'],
  ['1644-1234', '16441234', 'representative'],
  ['1899-1234', '18991234', 'representative'],
  ['1788-1234', '17881234', 'invalid'],
  ['1588-12345', '158812345', 'invalid'],
  ['080-123-4567', '0801234567', 'invalid'], // toll-free: cannot receive messages
  ['+1 555 123 4567', '15551234567', 'invalid'],
  ['010-1234-5678 (집)', '01012345678', 'invalid'],
  ['abc', '', 'invalid'],
  ['', '', 'invalid'],
];

describe('normalizePhone', () => {
  it.each(normalizeCases)('%j → %s (%s)', (raw, digits, kind) => {
    expect(normalizePhone(raw)).toEqual({ digits, kind });
  });
});

describe('formatPhone', () => {
  it.each([
    ['01012345678', '010-1234-5678'],
    ['021234567', '02-123-4567'],
    ['0212345678', '02-1234-5678'],
    ['0311234567', '031-123-4567'],
    ['03112345678', '031-1234-5678'],
    ['07012345678', '070-1234-5678'],
    ['0111234567', '011-123-4567'],
    ['0801234567', '080-123-4567'],
    ['15881234', '1588-1234'],
    ['12345', '12345'],
    ['010-1234-5678', '010-1234-5678'],
    ['0212345678901', '0212345678901'],
    ['', ''],
  ])('%j → %j', (digits, formatted) => {
    expect(formatPhone(digits)).toBe(formatted);
  });

  it('round-trips every valid normalised number through formatting', () => {
    for (const [, digits, kind] of normalizeCases) {
      if (kind === 'invalid') continue;
      expect(normalizePhone(formatPhone(digits))).toEqual({ digits, kind });
    }
  });
});

describe('isValidSenderNumber', () => {
  it.each([
    ['010-1234-5678', true],
    ['02-123-4567', true],
    ['02-1234-5678', true],
    ['031-123-4567', true],
    ['070-1234-5678', true],
    ['1588-1234', true],
    ['1644-1234', true],
    ['1800-1234', true],
    ['+82 2 123 4567', true],
    ['1588-12345', false],
    ['158-1234', false],
    ['011-123-4567', false],
    ['010-123-4567', false],
    ['123-4567', false],
    ['035-123-4567', false],
    ['', false],
  ] as [string, boolean][])('%j → %s', (raw, ok) => {
    expect(isValidSenderNumber(raw)).toBe(ok);
  });
});

describe('smsCapable', () => {
  it.each([
    ['mobile', true],
    ['withdrawn-mobile', false],
    ['landline', false],
    ['representative', false],
    ['invalid', false],
  ] as [PhoneKind, boolean][])('%s → %s', (kind, ok) => {
    expect(smsCapable(kind)).toBe(ok);
  });
});
