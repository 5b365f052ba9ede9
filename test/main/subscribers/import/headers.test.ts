import { describe, expect, it } from 'vitest';
import type { ImportMapping } from '../../../../src/shared/contract/imports';
import {
  applySavedMapping,
  detectHeader,
  type FieldRef,
  matchField,
  recogniseHeader,
} from '../../../../src/main/subscribers/import/headers';
import { dongKey, NameMatcher } from '../../../../src/main/subscribers/import/names';

const FIELDS: FieldRef[] = [
  { id: 1, code: 'culture', name: '문화공연', audience: 'individual' },
  { id: 3, code: 'library', name: '도서관 정보', audience: 'individual' },
  { id: 5, code: 'health', name: '건강정보', audience: 'individual' },
  { id: 6, code: 'survey', name: '여론조사', audience: 'individual' },
  { id: 8, code: 'tax', name: '지방세·세외수입 고지서', audience: 'individual' },
  { id: 12, code: 'biz-training', name: '운영자 교육 안내', audience: 'business' },
];

const target = (h: string, kind: 'individual' | 'business' = 'individual') =>
  recogniseHeader(h, '', kind, FIELDS)?.target ?? null;

describe('header words', () => {
  it.each([
    ['성명', 'name'],
    ['이름', 'name'],
    ['휴대전화', 'mobile'],
    ['휴대폰', 'mobile'],
    ['핸드폰', 'mobile'],
    ['연락처', 'mobile'],
    ['휴대폰 번호', 'mobile'],
    ['H.P', 'mobile'],
    ['이메일', 'email'],
    ['전자우편', 'email'],
    ['E-mail', 'email'],
    ['생년월일', 'birth'],
    ['생년', 'birth'],
    ['출생연도', 'birth'],
    ['성별', 'gender'],
    ['행정동', 'dong'],
    ['동', 'dong'],
    ['주소', 'address'],
    ['수신분야', 'fieldList'],
    ['수신 방법', 'channels'],
    ['접수일', 'appliedAt'],
    ['신청일자', 'appliedAt'],
    ['SMS 수신', 'channelOptIn'],
    ['비고', 'note'],
  ])('%s → %s', (h, t) => {
    expect(target(h)).toBe(t);
  });

  it('business columns', () => {
    expect(target('상호', 'business')).toBe('name');
    expect(target('업체명', 'business')).toBe('name');
    expect(target('대표자', 'business')).toBe('representative');
    expect(target('업종', 'business')).toBe('businessType');
    expect(target('주소', 'business')).toBe('address');
  });

  it('a field name is a field column, with an optional channel', () => {
    expect(recogniseHeader('문화공연', '', 'individual', FIELDS)).toEqual({
      target: 'field',
      fieldId: 1,
      channel: 'default',
    });
    expect(recogniseHeader('도서관정보', '', 'individual', FIELDS)?.fieldId).toBe(3);
    expect(recogniseHeader('지방세 세외수입 고지서', '', 'individual', FIELDS)?.fieldId).toBe(8);
    expect(recogniseHeader('문화공연(SMS)', '', 'individual', FIELDS)).toEqual({
      target: 'field',
      fieldId: 1,
      channel: 'sms',
    });
    expect(recogniseHeader('건강정보 이메일', '', 'individual', FIELDS)).toEqual({
      target: 'field',
      fieldId: 5,
      channel: 'email',
    });
    // two-row header: the channel word under the field name
    expect(recogniseHeader('문자', '여론조사', 'individual', FIELDS)).toEqual({
      target: 'field',
      fieldId: 6,
      channel: 'sms',
    });
    // fields of the other audience are not offered
    expect(recogniseHeader('운영자 교육 안내', '', 'individual', FIELDS)).toBeNull();
    expect(
      matchField(
        '운영자 교육',
        FIELDS.filter((f) => f.audience === 'business'),
      )?.id,
    ).toBe(12);
  });
});

describe('finding the header row', () => {
  it('skips a title and a blank row above the table', () => {
    const g = detectHeader(
      [
        ['2026년 1월 신청 명단'],
        [],
        ['연번', '성명', '휴대폰', '이메일', '문화공연', '건강정보', '기타'],
        ['1', '홍길동', '010-1234-5678', '', 'O', 'X', ''],
      ],
      'individual',
      FIELDS,
    )!;
    expect(g.mapping.headerRow).toBe(3);
    expect(g.mapping.headerRows).toBe(1);
    expect(g.mapping.columns.map((c) => c.target)).toEqual([
      'ignore',
      'name',
      'mobile',
      'email',
      'field',
      'field',
      'ignore',
    ]);
    expect(g.unrecognised).toEqual(['연번', '기타']);
  });

  it('reads a two-row header: field names over SMS/이메일', () => {
    const g = detectHeader(
      [
        ['성명', '휴대전화', '이메일', '문화공연', '', '건강정보', ''],
        ['', '', '', 'SMS', '이메일', '문자', '메일'],
        ['김하나', '010-1111-2222', 'hana@naver.com', 'O', 'O', 'O', 'X'],
      ],
      'individual',
      FIELDS,
    )!;
    expect(g.mapping.headerRow).toBe(2);
    expect(g.mapping.headerRows).toBe(2);
    expect(g.mapping.columns.slice(3).map((c) => [c.fieldId, c.channel])).toEqual([
      [1, 'sms'],
      [1, 'email'],
      [5, 'sms'],
      [5, 'email'],
    ]);
    expect(g.headers[4]).toBe('문화공연 이메일');
  });

  it('keeps the first of two contact columns (a second 연락처 is often a landline)', () => {
    const g = detectHeader([['성명', '휴대폰', '연락처']], 'individual', FIELDS)!;
    expect(g.mapping.columns.map((c) => c.target)).toEqual(['name', 'mobile', 'ignore']);
  });

  it('finds nothing in a sheet without a header', () => {
    expect(
      detectHeader(
        [
          ['홍길동', '010-1234-5678'],
          ['김철수', '010-2222-3333'],
        ],
        'individual',
        FIELDS,
      ),
    ).toBeNull();
    expect(detectHeader([], 'individual', FIELDS)).toBeNull();
  });

  it('re-applies a saved mapping by header to a file whose columns moved', () => {
    const saved: ImportMapping = {
      headerRow: 1,
      headerRows: 1,
      defaultChannel: 'sms',
      defaultFieldIds: [],
      columns: [
        { column: 0, header: '이름', target: 'name', fieldId: null, channel: 'default' },
        { column: 1, header: '전화', target: 'mobile', fieldId: null, channel: 'default' },
        { column: 2, header: '관심', target: 'fieldList', fieldId: null, channel: 'default' },
      ],
    };
    const g = applySavedMapping(
      saved,
      [
        ['비고', '관심', '이름', '전화'],
        ['', '문화공연', '홍길동', '01012345678'],
      ],
      'individual',
      FIELDS,
    )!;
    const byHeader = Object.fromEntries(g.mapping.columns.map((c) => [c.header, [c.column, c.target]]));
    expect(byHeader).toEqual({
      비고: [0, 'ignore'],
      관심: [1, 'fieldList'],
      이름: [2, 'name'],
      전화: [3, 'mobile'],
    });
    expect(g.mapping.defaultChannel).toBe('sms');
  });
});

describe('dong names', () => {
  const m = new NameMatcher(
    [
      { id: 9, name: '금호2·3가동' },
      { id: 12, name: '성수1가1동' },
      { id: 3, name: '마장동' },
    ],
    dongKey,
  );
  it.each([
    ['금호2·3가동', 9],
    ['금호2.3가동', 9],
    ['금호 2,3가 동', 9],
    ['금호2ㆍ3가동', 9],
    ['성수1가 1동', 12],
    ['성수1가제1동', 12],
    ['마장', 3],
    ['마장동 주민센터', 3],
    ['서울시 성동구 마장동', 3],
  ])('%s', (raw, id) => {
    expect(m.find(raw)?.id).toBe(id);
  });
  it('unknown is null', () => {
    expect(m.find('없는동')).toBeNull();
    expect(m.find('')).toBeNull();
  });
});
