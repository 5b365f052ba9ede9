import { describe, expect, it } from 'vitest';
import { choseongOf, matchesKoreanQuery } from '../../../src/shared/text/hangulSearch';

describe('matchesKoreanQuery', () => {
  it.each([
    ['홍길동', '홍길동', true],
    ['홍길동', '길동', true],
    ['홍길동', '홍 길동', true], // spaces ignored in the query
    ['홍 길동', '홍길동', true], // … and in the target
    ['홍길동', 'ㅎㄱㄷ', true],
    ['홍길동', 'ㄱㄷ', true], // 초성 substring
    ['홍길동', 'ㅎㄷ', false], // not contiguous
    ['홍길동', 'ㅎ', true],
    ['홍길동', 'ㄷㄱ', false],
    ['홍길동', '홍ㄱ', true], // mixed: syllable + consonant
    ['홍길동', 'ㅎ길', true],
    ['홍길동', '홍ㄱ동', true],
    ['홍길동', '홍ㄴ', false],
    ['홍길동', '홍기', false], // a full syllable only matches itself
    ['홍길동', '김', false],
    ['쌍용아파트', 'ㅆㅇ', true], // double consonant
    ['쌍용아파트', 'ㅅㅇ', false],
    ['Kim Minsu', 'minsu', true], // case-insensitive
    ['Kim Minsu', 'KIMMIN', true],
    ['역삼1동', 'ㅇㅅ1ㄷ', true], // digits kept in place
    ['역삼1동', '1ㄷ', true],
    ['ㅋㅋ카페', 'ㅋㅋ', true], // literal jamo in the target
    ['ㅋㅋ카페', 'ㅋㅋㅋ', true], // ㅋㅋ + 카
    ['홍길동', '', true], // empty query matches everything
    ['홍길동', '   ', true],
    ['', 'ㅎ', false],
    ['홍길동'.normalize('NFD'), '길동', true], // decomposed target
    ['홍길동', 'ㄱ동'.normalize('NFD'), true],
    ['홍길동', 'ㅏ', false], // vowels are not 초성
  ])('%j ~ %j → %s', (target, query, expected) => {
    expect(matchesKoreanQuery(target, query)).toBe(expected);
  });
});

describe('choseongOf', () => {
  it.each([
    ['홍길동', 'ㅎㄱㄷ'],
    ['쌍용 아파트', 'ㅆㅇ ㅇㅍㅌ'],
    ['역삼1동 A동', 'ㅇㅅ1ㄷ Aㄷ'],
    ['ㄱㄴ', 'ㄱㄴ'],
    ['가힣', 'ㄱㅎ'],
    ['한'.normalize('NFD'), 'ㅎ'],
    ['', ''],
  ])('%j → %j', (text, cho) => {
    expect(choseongOf(text)).toBe(cho);
  });
});
