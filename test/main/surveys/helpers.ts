import type { Core } from '../../../src/main/core/core';
import { publicServerOf } from '../../../src/main/public';
import { surveysOf } from '../../../src/main/surveys/module';
import type { SurveyDefinition, SurveyDraft, SurveyRow } from '../../../src/shared/contract/surveys';
import type { TestCore } from '../../support/core';
import { addPeople, type PersonSpec } from '../campaigns/helpers';

export { request, form, csrfOf } from '../public/helpers';

/** Four pages: page 3 (q5) only when q1 is 예; every question type. */
export function definition(): SurveyDefinition {
  return {
    intro: '마을버스 이용 경험을 묻는 설문입니다.\n3분이면 끝납니다.',
    closing: '소중한 의견 감사합니다.',
    pages: [
      {
        title: '이용 여부',
        questions: [
          {
            id: 'q1',
            type: 'single',
            title: '마을버스를 이용하십니까?',
            required: true,
            options: ['예', '아니오'],
            other: true,
          },
          { id: 'q2', type: 'scale5', title: '전반적으로 만족하십니까?', required: true },
        ],
      },
      {
        questions: [
          {
            id: 'q3',
            type: 'multiple',
            title: '주로 함께 쓰는 교통수단',
            required: false,
            options: ['지하철', '버스', '자전거'],
            other: true,
          },
          {
            id: 'q4',
            type: 'matrix',
            title: '항목별 만족도',
            required: true,
            rows: ['청결', '친절', '배차 간격'],
          },
        ],
      },
      {
        questions: [
          {
            id: 'q5',
            type: 'short',
            title: '주로 타는 노선',
            required: true,
            showIf: { question: 'q1', equals: '예' },
          },
        ],
      },
      {
        questions: [
          { id: 'q6', type: 'long', title: '바라는 점', required: false },
          { id: 'q7', type: 'number', title: '한 주에 몇 번 타십니까?', required: false, min: 0, max: 100 },
        ],
      },
    ],
  };
}

export function draft(over: Partial<SurveyDraft> = {}): SurveyDraft {
  return {
    requestId: null,
    title: '마을버스 만족도 조사',
    department: '교통행정과',
    definition: definition(),
    anonymous: false,
    opensAt: '2026-03-01T00:00:00+09:00',
    closesAt: '2026-03-31T18:00:00+09:00',
    filters: { dongIds: [], ageBands: [], genders: [] },
    invitation: {
      channels: { email: true, sms: false },
      emailSubject: '',
      emailHtml: '',
      smsText: '',
      reminderSmsText: '',
    },
    reminders: { afterDays: 3, max: 2 },
    incentiveWinners: 0,
    ...over,
  };
}

export const call = <T>(t: TestCore, ch: string, input: unknown, ctx = t.cli) =>
  t.core.router.call(ch as never, input, ctx) as Promise<T>;

export async function publishedSurvey(t: TestCore, over: Partial<SurveyDraft> = {}): Promise<SurveyRow> {
  const s = await call<SurveyRow>(t, 'surveys.save', draft(over));
  return call<SurveyRow>(t, 'surveys.publish', { id: s.id });
}

/** n policy customers (consent to the 여론조사 field on both channels) spread over dongs and ages. */
export function policyCustomers(
  core: Core,
  n: number,
  opts: { email?: boolean; sms?: boolean } = {},
): string[] {
  const dongs = core.reference.list().dongs;
  const people: PersonSpec[] = [];
  for (let i = 0; i < n; i++)
    people.push({
      name: `주민${i}`,
      mobile: opts.sms === false ? null : `010${String(20000000 + i).slice(-8)}`,
      email: opts.email === false ? null : `p${i}@example.com`,
      birthYear: 1950 + (i % 5) * 10,
      gender: i % 2 ? 'F' : 'M',
      dongId: dongs[i % 3].id,
      smsFields: opts.sms === false ? [] : ['survey'],
      emailFields: opts.email === false ? [] : ['survey'],
    });
  return addPeople(core, people);
}

/** The public listener of this core on a free loopback port; links use its address. */
export async function listen(core: Core): Promise<string> {
  const l = await publicServerOf(core).listen({ host: '127.0.0.1', port: 0 });
  const m = surveysOf(core).campaigns;
  m.settings.update({ publicBaseUrl: l.url });
  return l.url;
}

export function tokensOf(core: Core, surveyId: string): { subscriberId: string; token: string }[] {
  return core.sqlite
    .prepare(
      'SELECT subscriber_id AS subscriberId, token FROM survey_participants WHERE survey_id = ? ORDER BY id',
    )
    .all(surveyId) as { subscriberId: string; token: string }[];
}
