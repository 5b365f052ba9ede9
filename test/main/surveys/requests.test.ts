// Department requests, PR decisions, who sees what; staff entry; results, crosstabs and export.
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { RequestRow, SurveyResults, SurveyRow } from '../../../src/shared/contract/surveys';
import { makeTestCore, sessionCtx, type TestCore } from '../../support/core';
import { call, draft, policyCustomers, publishedSurvey } from './helpers';

let t: TestCore;
beforeEach(async () => {
  t = await makeTestCore();
});
afterEach(() => t.cleanup());

async function users() {
  const opts = await call<{ stations: { id: string }[] }>(t, 'setup.options', {}, sessionCtx());
  await call(
    t,
    'setup.firstRun',
    {
      wardName: '성동구',
      stationId: opts.stations[0].id,
      adminUsername: 'admin',
      adminDisplayName: '관리자',
      adminPassword: 'Sotong2026!',
    },
    sessionCtx(),
  );
  const login = async (username: string, role: string, department: string | null) => {
    const dongId = role === 'dong' ? t.core.reference.list().dongs[0].id : null;
    await call(t, 'users.create', {
      username,
      password: 'Passw0rd!x',
      displayName: username,
      role,
      department,
      dongId,
      mustChangePassword: false,
    });
    const c = sessionCtx();
    await call(t, 'auth.login', { username, password: 'Passw0rd!x' }, c);
    return c;
  };
  return {
    transport: await login('dept-transport', 'dept', '교통행정과'),
    transport2: await login('dept-transport2', 'dept', '교통행정과'),
    culture: await login('dept-culture', 'dept', '문화체육과'),
    pr: await login('pr-staff', 'pr', null),
    dong: await login('dong-staff', 'dong', null),
  };
}

describe('survey requests', () => {
  test('a department asks, PR accepts or returns with a comment; each department sees only its own', async () => {
    const u = await users();
    const req = {
      project: '마을버스 만족도',
      purpose: '노선 개편 전 주민 의견',
      timing: '6월',
      target: '정책고객 전체',
      draftQuestions: '1. 이용 빈도\n2. 만족도',
    };
    const a = await call<RequestRow>(t, 'surveys.requests.submit', req, u.transport);
    expect(a).toMatchObject({
      status: 'submitted',
      department: '교통행정과',
      requestedByName: 'dept-transport',
    });
    const b = await call<RequestRow>(
      t,
      'surveys.requests.submit',
      { ...req, project: '축제 만족도' },
      u.culture,
    );
    await expect(
      call(t, 'surveys.requests.decide', { id: a.id, decision: 'accept' }, u.transport),
    ).rejects.toThrow();
    await expect(call(t, 'surveys.requests.decide', { id: b.id, decision: 'return' }, u.pr)).rejects.toThrow(
      /반려할 때는 의견을 적어 주세요/,
    );
    const returned = await call<RequestRow>(
      t,
      'surveys.requests.decide',
      { id: b.id, decision: 'return', comment: '문항을 줄여 주세요' },
      u.pr,
    );
    expect(returned).toMatchObject({ status: 'returned', comment: '문항을 줄여 주세요' });
    const accepted = await call<RequestRow>(
      t,
      'surveys.requests.decide',
      { id: a.id, decision: 'accept' },
      u.pr,
    );
    expect(accepted.status).toBe('accepted');

    const list = (ctx: ReturnType<typeof sessionCtx>) =>
      call<{ items: RequestRow[] }>(t, 'surveys.requests.list', {}, ctx).then((r) =>
        r.items.map((x) => x.project).sort(),
      );
    expect(await list(u.transport)).toEqual(['마을버스 만족도']);
    expect(await list(u.transport2)).toEqual(['마을버스 만족도']); // same department
    expect(await list(u.culture)).toEqual(['축제 만족도']);
    expect(await list(u.pr)).toEqual(['마을버스 만족도', '축제 만족도']);
    await expect(call(t, 'surveys.requests.list', {}, u.dong)).rejects.toThrow();

    // the returned request is corrected and submitted again by its author
    const again = await call<RequestRow>(
      t,
      'surveys.requests.submit',
      { ...req, id: b.id, project: '축제 만족도(수정)' },
      u.culture,
    );
    expect(again.status).toBe('submitted');

    // PR builds the survey from the accepted request; the department sees it and its results, others do not
    const s = await call<SurveyRow>(t, 'surveys.save', { ...draft(), department: '', requestId: a.id }, u.pr);
    expect(s.department).toBe('교통행정과');
    await expect(call(t, 'surveys.save', { ...draft(), requestId: a.id }, u.pr)).rejects.toThrow(
      /이미 있습니다/,
    );
    await expect(call(t, 'surveys.save', draft(), u.transport)).rejects.toThrow();
    expect((await call<{ items: unknown[] }>(t, 'surveys.list', {}, u.transport)).items).toHaveLength(1);
    expect((await call<{ items: unknown[] }>(t, 'surveys.list', {}, u.culture)).items).toHaveLength(0);
    await call(t, 'surveys.results', { id: s.id }, u.transport);
    await expect(call(t, 'surveys.results', { id: s.id }, u.culture)).rejects.toThrow(/다른 부서의 설문/);
    const reqs = await call<{ items: RequestRow[] }>(t, 'surveys.requests.list', {}, u.transport);
    expect(reqs.items[0].surveyId).toBe(s.id);
  });
});

describe('builder rules', () => {
  test('a published survey keeps its questions; dates may change; only drafts are deleted', async () => {
    const s = await publishedSurvey(t);
    const changed = draft();
    changed.definition.pages[0].questions[0].title = '바뀐 문항';
    await expect(call(t, 'surveys.save', { ...changed, id: s.id })).rejects.toThrow(/게시한 설문은 문항/);
    const later = await call<SurveyRow>(t, 'surveys.save', {
      ...draft(),
      id: s.id,
      closesAt: '2026-04-30T18:00:00+09:00',
    });
    expect(later.closesAt).toBe('2026-04-30T09:00:00.000Z');
    await expect(call(t, 'surveys.delete', { id: s.id })).rejects.toThrow(/작성 중인 설문만/);
    const v = await call<{ ok: boolean; errors: { message: string }[] }>(t, 'surveys.validate', {
      definition: { pages: [] },
    });
    expect(v).toEqual({
      ok: false,
      errors: [{ path: 'pages', message: '페이지가 하나 이상 있어야 합니다.' }],
    });
    const pv = await call<{ html: string; pages: number }>(t, 'surveys.preview', { id: s.id, page: 2 });
    expect(pv.pages).toBe(4);
    expect(pv.html).toContain('주로 타는 노선'); // show-if questions are shown in the preview
    expect(pv.html).toContain('미리보기입니다');
  });
});

describe('staff entry, results, crosstab, export', () => {
  test('paper and phone answers are validated, audited and counted; aggregates and crosstabs match', async () => {
    const ids = policyCustomers(t.core, 6);
    const s = await publishedSurvey(t);
    const answers = [
      {
        q1: '예',
        q2: 5,
        q3: ['지하철', '버스'],
        q4: { 청결: 5, 친절: 4, '배차 간격': 3 },
        q5: '성동01',
        q7: 10,
      },
      {
        q1: '예',
        q2: 4,
        q3: ['버스'],
        q4: { 청결: 4, 친절: 4, '배차 간격': 2 },
        q5: '성동02',
        q6: '<script>alert(1)</script>',
      },
      {
        q1: '아니오',
        q2: 2,
        q3: ['__other__'],
        'q3#other': '킥보드',
        q4: { 청결: 2, 친절: 3, '배차 간격': 1 },
        q7: 0,
      },
      { q1: '__other__', 'q1#other': '가끔', q2: 3, q4: { 청결: 3, 친절: 3, '배차 간격': 3 } },
    ];
    for (let i = 0; i < answers.length; i++)
      await call(t, 'surveys.enterAnswers', {
        id: s.id,
        subscriberId: ids[i],
        via: i % 2 ? 'phone' : 'paper',
        answers: answers[i],
      });
    await expect(
      call(t, 'surveys.enterAnswers', { id: s.id, subscriberId: ids[0], via: 'paper', answers: answers[0] }),
    ).rejects.toThrow(/이미 응답한 사람/);
    await expect(
      call(t, 'surveys.enterAnswers', {
        id: s.id,
        subscriberId: ids[5],
        via: 'paper',
        answers: { q1: '예', q2: 4 },
      }),
    ).rejects.toThrow(/q4: 모든 행에 답해 주세요|q4: 꼭 답해 주세요/);
    const audits = t.core.sqlite
      .prepare(
        "SELECT target_id FROM audit_log WHERE action = 'create' AND target_type = 'subscriber' ORDER BY id",
      )
      .pluck()
      .all();
    expect(audits).toEqual(ids.slice(0, 4));

    const r = await call<SurveyResults>(t, 'surveys.results', { id: s.id });
    expect(r.responses).toBe(4);
    expect(r.funnel.entered).toEqual({ paper: 2, phone: 2 });
    expect(r.funnel.total.invited).toBe(0);
    const q = Object.fromEntries(r.questions.map((x) => [x.id, x]));
    expect(q.q1.options).toEqual([
      { label: '예', count: 2, percent: 50 },
      { label: '아니오', count: 1, percent: 25 },
      { label: '기타', count: 1, percent: 25 },
    ]);
    expect(q.q1.otherTexts).toEqual(['가끔']);
    expect(q.q2.mean).toBe(3.5);
    expect(q.q3.answered).toBe(3);
    expect(q.q3.options!.map((o) => o.count)).toEqual([1, 2, 0, 1]);
    expect(q.q3.otherTexts).toEqual(['킥보드']);
    expect(q.q4.rows!.map((x) => x.mean)).toEqual([3.5, 3.5, 2.25]);
    expect(q.q5.texts!.sort()).toEqual(['성동01', '성동02']);
    expect(q.q6.texts).toEqual(['<script>alert(1)</script>']); // stored as given, escaped where shown
    expect(q.q7).toMatchObject({ answered: 2, mean: 5, min: 0, max: 10 });

    const byGender = await call<{
      columns: string[];
      rows: { key: string; label: string; n: number; counts: number[] }[];
    }>(t, 'surveys.crosstab', { id: s.id, questionId: 'q1', by: 'gender' });
    expect(byGender.columns).toEqual(['예', '아니오', '기타']);
    expect(byGender.rows).toEqual([
      { key: 'M', label: '남', n: 2, counts: [1, 1, 0], mean: null },
      { key: 'F', label: '여', n: 2, counts: [1, 0, 1], mean: null },
    ]);
    const byBand = await call<{ rows: { label: string; mean: number | null }[] }>(t, 'surveys.crosstab', {
      id: s.id,
      questionId: 'q2',
      by: 'ageBand',
    });
    expect(byBand.rows.map((x) => [x.label, x.mean])).toEqual([
      ['40대', 3],
      ['50대', 2],
      ['60대', 4],
      ['70세 이상', 5],
    ]);
    await expect(call(t, 'surveys.crosstab', { id: s.id, questionId: 'q6', by: 'dong' })).rejects.toThrow(
      /교차표/,
    );

    const x = await call<{ fileName: string; contentBase64: string; rows: number }>(t, 'surveys.export', {
      id: s.id,
      reason: '부서 보고',
    });
    expect(x.fileName).toBe('설문결과_마을버스 만족도 조사.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(x.contentBase64, 'base64') as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['요약', '응답']);
    const raw = wb.getWorksheet('응답')!;
    expect(raw.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(raw.getRow(1).font?.bold).toBe(true);
    const head = (raw.getRow(1).values as unknown[]).slice(1);
    expect(head.slice(0, 7)).toEqual(['번호', '이름', '응답 방법', '행정동', '연령대', '성별', '응답일']);
    expect(head).toContain('q4 배차 간격');
    expect(head).toContain('q3 기타');
    expect(raw.rowCount).toBe(5);
    const exportAudit = t.core.sqlite
      .prepare("SELECT reason, subject_count AS n FROM audit_log WHERE action = 'export' AND target_id = ?")
      .get(s.id);
    expect(exportAudit).toEqual({ reason: '부서 보고', n: 4 });
  });
});
