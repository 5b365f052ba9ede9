import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { computeEuckrBitset, renderEuckrTableModule } from '../../../src/shared/text/gen-euckr-table';
import { EUCKR_BITSET_BASE64 } from '../../../src/shared/text/euckr-table';
import {
  LMS_MAX_BYTES,
  LMS_SUBJECT_MAX_BYTES,
  SMS_MAX_BYTES,
  countSmsBytes,
  countSubjectBytes,
  fillTemplate,
  isEuckrTwoByte,
  listPlaceholders,
  normaliseSmsText,
  worstCaseBytes,
} from '../../../src/shared/text/smsBytes';

const PRINTABLE_ASCII = Array.from({ length: 95 }, (_, i) => String.fromCharCode(0x20 + i)).join('');
const NFD_HANGUL = '안녕하세요'.normalize('NFD');

// [label, text, bytes, class, unsupported]
const cases: [string, string, number, 'SMS' | 'LMS' | 'TOO_LONG', string[]][] = [
  ['empty', '', 0, 'SMS', []],
  ['pure Hangul', '안녕하세요', 10, 'SMS', []],
  ['ASCII', 'Hello, world!', 13, 'SMS', []],
  ['mixed', '구청 안내 2024', 14, 'SMS', []],
  ['all printable ASCII', PRINTABLE_ASCII, 95, 'LMS', []],
  ['LF', '가\n나', 5, 'SMS', []],
  ['CRLF counts as LF', '가\r\n나', 5, 'SMS', []],
  ['lone CR counts as LF', '가\r나', 5, 'SMS', []],
  ['TAB is 1 byte', 'a\tb', 3, 'SMS', []],
  ['other control char', 'a\u0007b', 4, 'SMS', ['\u0007']],
  ['DEL', 'a\u007f', 3, 'SMS', ['\u007f']],
  ['emoji is one character', '안녕😀', 6, 'SMS', ['😀']],
  ['emoji with skin-tone modifier', '좋아요👍🏻', 10, 'SMS', ['👍🏻']],
  ['repeated emoji listed once', '😀a😀', 5, 'SMS', ['😀']],
  ['CP949-only 똠', '똠', 2, 'SMS', ['똠']],
  ['CP949-only 햏', '햏', 2, 'SMS', ['햏']],
  ['CP949-only 뷁', '뷁', 2, 'SMS', ['뷁']],
  ['CP949-only in a name', '김똠순 님', 9, 'SMS', ['똠']],
  ['KS X 1001 ※', '※', 2, 'SMS', []],
  ['KS X 1001 ☎', '☎', 2, 'SMS', []],
  ['KS X 1001 ①', '①', 2, 'SMS', []],
  ['KS X 1001 ㈜', '㈜', 2, 'SMS', []],
  ['KS X 1001 ℃', '℃', 2, 'SMS', []],
  ['€ (added to KS X 1001 in 1998, A2E6)', '€', 2, 'SMS', []],
  ['♡ and ♥ are both in KS X 1001', '♡♥', 4, 'SMS', []],
  ['✓ is not', '✓', 2, 'SMS', ['✓']],
  ['bullet • is not (use ·)', '•·', 4, 'SMS', ['•']],
  ['no-break space is not', 'a\u00a0b', 4, 'SMS', ['\u00a0']],
  ['middle dot ㆍ and ellipsis', 'ㆍ…', 4, 'SMS', []],
  ['Hanja', '區廳', 4, 'SMS', []],
  ['compatibility jamo', 'ㅋㅋㅎ', 6, 'SMS', []],
  ['NFD Hangul counted after NFC', NFD_HANGUL, 10, 'SMS', []],
  ['45 Hangul = 90 bytes', '가'.repeat(45), 90, 'SMS', []],
  ['90 bytes → SMS', 'a'.repeat(90), 90, 'SMS', []],
  ['91 bytes → LMS', 'a'.repeat(91), 91, 'LMS', []],
  ['44 Hangul + 3 ASCII = 91 bytes', `${'가'.repeat(44)}abc`, 91, 'LMS', []],
  ['2000 bytes → LMS', '가'.repeat(1000), 2000, 'LMS', []],
  ['2001 bytes → TOO_LONG', `${'가'.repeat(1000)}a`, 2001, 'TOO_LONG', []],
  ['CRLF at the edge: 89 + CRLF = 90', `${'a'.repeat(89)}\r\n`, 90, 'SMS', []],
];

describe('countSmsBytes', () => {
  it.each(cases)('%s', (_label, text, bytes, cls, unsupported) => {
    const r = countSmsBytes(text);
    expect(r.bytes).toBe(bytes);
    expect(r.class).toBe(cls);
    expect(r.unsupported).toEqual(unsupported);
    expect(r.unsupportedPositions.length).toBeGreaterThanOrEqual(unsupported.length);
  });

  it('has at least 30 table cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  it.each([
    ['a😀b👍🏻c😀', [1, 4, 9]],
    ['가\r\n똠', [2]], // index into the normalised text (CRLF → LF)
    [`${'\u1104\u1169\u11b7'}x똠`, [0, 2]], // NFD 똠 composes to one character first
    ['abc', []],
  ] as [string, number[]][])('positions in %j', (text, positions) => {
    const r = countSmsBytes(text);
    expect(r.unsupportedPositions).toEqual(positions);
    const norm = normaliseSmsText(text);
    for (const p of positions) expect(r.unsupported.some((u) => norm.startsWith(u, p))).toBe(true);
  });

  it('exposes the limits', () => {
    expect([SMS_MAX_BYTES, LMS_MAX_BYTES, LMS_SUBJECT_MAX_BYTES]).toEqual([90, 2000, 40]);
  });
});

describe('countSubjectBytes', () => {
  it.each([
    ['구청 소식', 9, false],
    ['가'.repeat(20), 40, false],
    [`${'가'.repeat(20)}a`, 41, true],
    ['행사 안내 😀', 12, false],
  ] as [string, number, boolean][])('%j → %i bytes', (subject, bytes, tooLong) => {
    const r = countSubjectBytes(subject);
    expect(r.bytes).toBe(bytes);
    expect(r.tooLong).toBe(tooLong);
  });

  it('accepts a provider-specific maximum', () => {
    expect(countSubjectBytes('가'.repeat(22), 44).tooLong).toBe(false);
    expect(countSubjectBytes('가'.repeat(22)).tooLong).toBe(true);
    expect(countSubjectBytes('😀').unsupported).toEqual(['😀']);
  });
});

describe('templates', () => {
  it.each([
    ['{이름}님 안녕하세요', ['이름']],
    ['{이름}님, {행사}에 {이름}님을 초대합니다', ['이름', '행사']],
    ['{ } {} {a b} 없음', []],
    ['{name}{수신거부번호}', ['name', '수신거부번호']],
  ] as [string, string[]][])('listPlaceholders(%j)', (template, names) => {
    expect(listPlaceholders(template)).toEqual(names);
  });

  it.each([
    ['{이름}님 안녕하세요', { 이름: '홍길동' }, '홍길동님 안녕하세요'],
    ['{이름}님 {행사}', { 이름: '김철수' }, '김철수님 {행사}'],
    ['{a}{a}', { a: 'x' }, 'xx'],
    ['{a}', { a: '{b}', b: 'no' }, '{b}'],
    ['{constructor}', {}, '{constructor}'],
    ['{a}', { a: '' }, ''],
  ] as [string, Record<string, string>, string][])('fillTemplate(%j)', (template, values, out) => {
    expect(fillTemplate(template, values)).toBe(out);
  });

  it.each([
    ['{이름}님', { 이름: ['김철수', '남궁민수', 'Kim'] }, 10],
    ['{이름}님', { 이름: ['Alexander', '김철수'] }, 11], // 9 ASCII bytes beat 6 Hangul bytes
    ['{이름}님 {동}', { 이름: ['홍길동'], 동: ['역삼1동', '대치동'] }, 16], // 역삼1동 (7) beats 대치동 (6)
    ['{이름}님 {동}', { 이름: ['홍길동'] }, 13], // {동} has no values: counted as typed
    ['{이름}님', { 이름: [] }, 8],
    ['안내', {}, 4],
  ] as [string, Record<string, string[]>, number][])(
    'worstCaseBytes(%j)',
    (template, placeholders, bytes) => {
      expect(worstCaseBytes(template, placeholders)).toBe(bytes);
    },
  );

  it('worst case can push a message over the SMS limit', () => {
    const template = `${'가'.repeat(42)}{이름}`;
    const bytes = worstCaseBytes(template, { 이름: ['홍길동', '남궁길동'] });
    expect(bytes).toBe(92);
    expect(countSmsBytes(fillTemplate(template, { 이름: '홍길동' })).class).toBe('SMS');
  });
});

describe('EUC-KR table', () => {
  it('the committed table matches a fresh iconv-lite computation', () => {
    const fresh = computeEuckrBitset();
    expect(EUCKR_BITSET_BASE64).toBe(Buffer.from(fresh).toString('base64'));
    expect(renderEuckrTableModule(fresh)).toContain(EUCKR_BITSET_BASE64.slice(0, 100));
  });

  it('isEuckrTwoByte agrees with iconv-lite for every BMP code point', () => {
    const mismatches: number[] = [];
    let count = 0;
    for (let cp = 0; cp <= 0xffff; cp++) {
      let expected = false;
      if (cp >= 0x80 && (cp < 0xd800 || cp > 0xdfff)) {
        const b = iconv.encode(String.fromCharCode(cp), 'euc-kr');
        expected = b.length === 2 && b[0] >= 0xa1 && b[0] <= 0xfe && b[1] >= 0xa1 && b[1] <= 0xfe;
      }
      if (expected) count++;
      if (isEuckrTwoByte(cp) !== expected) mismatches.push(cp);
    }
    expect(mismatches).toEqual([]);
    // KS X 1001: 8,224 characters + € and ® added in 1998.
    expect(count).toBe(8226);
  });

  it('rejects astral code points and ASCII', () => {
    expect(isEuckrTwoByte(0x1f600)).toBe(false);
    expect(isEuckrTwoByte(0x41)).toBe(false);
    expect(isEuckrTwoByte(0xac00)).toBe(true); // 가
    expect(isEuckrTwoByte(0xb620)).toBe(false); // 똠
  });
});
