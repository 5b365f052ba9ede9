import { describe, expect, test } from 'vitest';
import {
  checkAnswers,
  nextPage,
  OTHER,
  surveyDefinition,
  surveyDraft,
} from '../../../src/shared/contract/surveys';
import { definition, draft } from './helpers';

const messages = (d: unknown) => {
  const r = surveyDefinition.safeParse(d);
  return r.success ? [] : r.error.issues.map((i) => i.message);
};

describe('survey definition (shared zod, Korean messages)', () => {
  test('the sample definition with every question type is valid', () => {
    expect(messages(definition())).toEqual([]);
  });

  test('duplicate ids, too few options, matrix without rows, min > max are refused in Korean', () => {
    const d = definition();
    d.pages[0].questions[1].id = 'q1';
    d.pages[1].questions[0].options = ['하나'];
    d.pages[1].questions[1].rows = [];
    d.pages[3].questions[1].min = 10;
    d.pages[3].questions[1].max = 1;
    const m = messages(d);
    expect(m).toContain('q1: 같은 문항 번호가 이미 있습니다.');
    expect(m).toContain('q3: 보기를 두 개 이상 입력하세요.');
    expect(m).toContain('q4: 표형 척도에는 행이 하나 이상 있어야 합니다.');
    expect(m).toContain('q7: 최솟값이 최댓값보다 큽니다.');
  });

  test('show-if must point to an earlier page and a real option', () => {
    const d = definition();
    d.pages[2].questions[0].showIf = { question: 'q1', equals: '글쎄요' };
    expect(messages(d)).toEqual(['q5: 조건 값 "글쎄요"이(가) q1의 보기에 없습니다.']);
    const later = definition();
    later.pages[0].questions[1].showIf = { question: 'q1', equals: '예' };
    expect(messages(later)).toEqual(['q2: 조건 문항은 이 문항보다 앞 페이지에 있어야 합니다.']);
    const missing = definition();
    missing.pages[2].questions[0].showIf = { question: 'q9', equals: '예' };
    expect(messages(missing)).toEqual(['q5: 조건 문항은 앞 페이지에 있는 문항이어야 합니다.']);
    const multi = definition();
    multi.pages[2].questions[0].showIf = { question: 'q3', equals: '버스' };
    expect(messages(multi)).toEqual(['q5: 여러 개 고르기 문항의 조건은 includes로 씁니다.']);
  });

  test('empty pages, bad types and over-long texts', () => {
    expect(messages({ pages: [] })).toEqual(['페이지가 하나 이상 있어야 합니다.']);
    expect(messages({ pages: [{ questions: [] }] })).toEqual(['페이지마다 문항이 하나 이상 있어야 합니다.']);
    expect(messages({ pages: [{ questions: [{ id: 'a', type: 'slider', title: 'x' }] }] })).toEqual([
      '문항 종류가 올바르지 않습니다.',
    ]);
    expect(
      messages({ pages: [{ questions: [{ id: '1a', type: 'short', title: 'x'.repeat(301) }] }] }),
    ).toEqual([
      '문항 번호는 영문자로 시작하는 영문·숫자·밑줄 32자 이하입니다.',
      '문항은(는) 300자 이하여야 합니다.',
    ]);
  });

  test('the survey: close after open, the link placeholder in invitation texts', () => {
    const r = surveyDraft.safeParse({
      ...draft(),
      closesAt: '2026-02-01T00:00:00+09:00',
      invitation: {
        channels: { email: true, sms: true },
        emailSubject: 's',
        emailHtml: '<p>참여</p>',
        smsText: '참여하세요',
        reminderSmsText: '',
      },
    });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.message)).toEqual([
      '마감 일시는 시작 일시보다 뒤여야 합니다.',
      '메일 내용에 {설문링크}를 넣으세요.',
      '문자 내용에 {설문링크}를 넣으세요.',
    ]);
  });
});

describe('answers against the definition', () => {
  const d = surveyDefinition.parse(definition());

  test('required, options, "other" text, scale range, matrix rows, number range, text length', () => {
    const r = checkAnswers(d, {
      q1: OTHER,
      q2: 6,
      q3: ['지하철', '택시'],
      q4: { 청결: 3 },
      q6: 'x'.repeat(1001),
      q7: 101,
    });
    expect(r.errors).toEqual({
      q1: '기타 내용을 적어 주세요.',
      q2: '1부터 5 가운데 하나를 고르세요.',
      q3: '보기 가운데에서 고르세요.',
      q4: '모든 행에 답해 주세요.',
      q6: '1,000자 이하로 적어 주세요.',
      q7: '100 이하로 적어 주세요.',
    });
  });

  test('show-if: q5 is required only when q1 is 예, and hidden answers are dropped', () => {
    const base = { q2: 4, q4: { 청결: 1, 친절: 2, '배차 간격': 3 } };
    expect(checkAnswers(d, { ...base, q1: '예' }).errors).toEqual({ q5: '꼭 답해 주세요.' });
    const no = checkAnswers(d, { ...base, q1: '아니오', q5: '성동01' });
    expect(no.errors).toEqual({});
    expect(no.answers.q5).toBeUndefined();
    expect(nextPage(d, 1, { q1: '아니오' })).toBe(3);
    expect(nextPage(d, 1, { q1: '예' })).toBe(2);
  });

  test('"other" keeps its text; multiple keeps the order of the options', () => {
    const r = checkAnswers(d, {
      q1: '아니오',
      q2: 2,
      q3: ['자전거', OTHER, '지하철'],
      'q3#other': ' 킥보드 ',
      q4: { 청결: 1, 친절: 2, '배차 간격': 3 },
    });
    expect(r.errors).toEqual({});
    expect(r.answers.q3).toEqual(['지하철', '자전거', OTHER]);
    expect(r.answers['q3#other']).toBe('킥보드');
  });
});
