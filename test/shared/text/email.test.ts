import { describe, expect, it } from 'vitest';
import { EMAIL_DOMAIN_TYPOS, normalizeEmail } from '../../../src/shared/text/email';

describe('normalizeEmail: syntax', () => {
  it.each([
    ['hong@naver.com', 'hong@naver.com', true],
    ['  hong@naver.com\n', 'hong@naver.com', true],
    ['Hong.GilDong@Naver.COM', 'Hong.GilDong@naver.com', true], // local part case kept
    ['hong＠naver.com', 'hong@naver.com', true], // full-width @
    ['ｈｏｎｇ＠ｎａｖｅｒ．ｃｏｍ', 'hong@naver.com', true],
    ['\u200bhong@naver.com', 'hong@naver.com', true],
    ['first.last+tag@sub.example.co.kr', 'first.last+tag@sub.example.co.kr', true],
    ['a_b-c@my-domain.kr', 'a_b-c@my-domain.kr', true],
    ['user@xn--3e0b707e.kr', 'user@xn--3e0b707e.kr', true],
    ['hong', 'hong', false],
    ['hong@', 'hong@', false],
    ['@naver.com', '@naver.com', false],
    ['hong@@naver.com', 'hong@@naver.com', false],
    ['a@b@naver.com', 'a@b@naver.com', false],
    ['hong@naver', 'hong@naver', false],
    ['hong @naver.com', 'hong @naver.com', false],
    ['hong@naver .com', 'hong@naver .com', false],
    ['hong@naver.c', 'hong@naver.c', false],
    ['hong@naver.c0m', 'hong@naver.c0m', false],
    ['hong@naver..com', 'hong@naver..com', false],
    ['hong@.naver.com', 'hong@.naver.com', false],
    ['hong@naver.com.', 'hong@naver.com.', false],
    ['hong@-naver.com', 'hong@-naver.com', false],
    ['hong@na_ver.com', 'hong@na_ver.com', false],
    ['.hong@naver.com', '.hong@naver.com', false],
    ['ho..ng@naver.com', 'ho..ng@naver.com', false],
    ['홍길동@naver.com', '홍길동@naver.com', false],
    ['hong@네이버.com', 'hong@네이버.com', false],
    [`${'a'.repeat(64)}@naver.com`, `${'a'.repeat(64)}@naver.com`, true],
    [`${'a'.repeat(65)}@naver.com`, `${'a'.repeat(65)}@naver.com`, false],
    ['', '', false],
  ])('%j → %j valid=%s', (raw, value, valid) => {
    const r = normalizeEmail(raw);
    expect(r.value).toBe(value);
    expect(r.valid).toBe(valid);
  });
});

describe('normalizeEmail: typo suggestions', () => {
  const typos: [string, string][] = [
    ['naver.con', 'naver.com'],
    ['naver.co', 'naver.com'],
    ['naver.cm', 'naver.com'],
    ['nave.com', 'naver.com'],
    ['naer.com', 'naver.com'],
    ['nvaer.com', 'naver.com'],
    ['hanmail.com', 'hanmail.net'],
    ['hanmail.ne', 'hanmail.net'],
    ['hanmail.ner', 'hanmail.net'],
    ['hanmai.net', 'hanmail.net'],
    ['daum.com', 'daum.net'],
    ['daum.ne', 'daum.net'],
    ['daum.ner', 'daum.net'],
    ['kakao.co', 'kakao.com'],
    ['kako.com', 'kakao.com'],
    ['kakap.com', 'kakao.com'],
    ['nate.co', 'nate.com'],
    ['nate.con', 'nate.com'],
    ['gmail.co', 'gmail.com'],
    ['gmail.con', 'gmail.com'],
    ['gmail.cm', 'gmail.com'],
    ['gmial.com', 'gmail.com'],
    ['gamil.com', 'gmail.com'],
    ['gmai.com', 'gmail.com'],
  ];

  it('the exported map holds exactly the documented typos', () => {
    expect(Object.entries(EMAIL_DOMAIN_TYPOS).sort()).toEqual([...typos].sort());
  });

  it.each(typos)('%s → %s (value untouched)', (typo, fixed) => {
    const r = normalizeEmail(`Hong@${typo}`);
    expect(r.value).toBe(`Hong@${typo}`);
    expect(r.valid).toBe(true);
    expect(r.suggestion).toBe(`Hong@${fixed}`);
  });

  it.each(['hong@naver.com', 'hong@gmail.com', 'hong@hanmail.net', 'hong@example.co'])(
    'no suggestion for %s',
    (raw) => {
      expect(normalizeEmail(raw).suggestion).toBeUndefined();
    },
  );

  it('matches the domain case-insensitively', () => {
    expect(normalizeEmail('kim@NAVER.CON')).toEqual({
      value: 'kim@naver.con',
      valid: true,
      suggestion: 'kim@naver.com',
    });
  });

  it('no suggestion when the local part is invalid', () => {
    expect(normalizeEmail('ki m@naver.con')).toEqual({ value: 'ki m@naver.con', valid: false });
  });

  it('the typo map can be extended by the caller', () => {
    const extended = { ...EMAIL_DOMAIN_TYPOS, 'navr.com': 'naver.com' };
    expect(normalizeEmail('kim@navr.com', extended).suggestion).toBe('kim@naver.com');
    expect(normalizeEmail('kim@navr.com').suggestion).toBeUndefined();
    expect(normalizeEmail('kim@constructor').suggestion).toBeUndefined();
  });
});
