import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { campaignsOf } from '../../../src/main/campaigns/module';
import type { CallContext } from '../../../src/main/core/context';
import { generateDemo } from '../../../src/main/subscribers/demo';
import { subscriberStats } from '../../../src/main/subscribers/stats';
import type { CampaignRow } from '../../../src/shared/contract/campaigns';
import type { ReportInfo, ReportModel } from '../../../src/shared/contract/reports';
import { makeTestCore, sessionCtx, type TestCore } from '../../support/core';
import { addMany, draft } from '../campaigns/helpers';

let t: TestCore;
beforeEach(async () => {
  t = await makeTestCore({ now: new Date('2015-03-31T15:00:00+09:00') });
});
afterEach(async () => {
  await campaignsOf(t.core).dispatcher.idle();
  t.cleanup();
});

const call = <T>(ch: string, input: unknown, ctx: CallContext = t.cli) =>
  t.core.router.call(ch as never, input, ctx) as Promise<T>;
const run = (
  name: string,
  from: string,
  to: string,
  filters: Record<string, string> = {},
  ctx?: CallContext,
) => call<ReportModel>('reports.run', { name, from, to, filters }, ctx);

async function loginAs(
  username: string,
  role: 'pr' | 'dong' | 'dept',
  extra: { dongId?: number; department?: string } = {},
): Promise<CallContext> {
  await call('users.create', {
    username,
    password: 'Passw0rd!x',
    displayName: `${username} 주무관`,
    role,
    dongId: extra.dongId ?? null,
    department: extra.department ?? null,
    mustChangePassword: false,
  });
  const c = sessionCtx();
  await t.core.router.call('auth.login', { username, password: 'Passw0rd!x' }, c);
  return c;
}

const dongOf = (name: string) => t.core.reference.list().dongs.find((d) => d.name === name)!.id;

describe('subscribers and intake on the demo registry', () => {
  test('subscribers report: the registry statistics, and joined/left/net per month (registrations, opt-outs)', async () => {
    generateDemo(t.core, { individuals: 600, businesses: 40, seed: 7 });
    const stats = subscriberStats(t.core, null);
    const m = await run('subscribers', '2010-01-01', '2015-03-31');
    const summary = m.sections.find((s) => s.title === '요약')!;
    expect(summary.totals?.n).toBe(640);
    expect(summary.rows[0]).toEqual({ label: '개인', n: stats.totals.individuals });
    const ages = m.sections.find((s) => s.title === '연령대별')!;
    expect(ages.rows.map((r) => r.n)).toEqual(stats.byAgeBand.map((b) => b.count));
    expect(ages.totals?.n).toBe(600);
    const fields = m.sections.find((s) => s.title === '분야별')!;
    expect(fields.rows.map((r) => r.sms)).toEqual(stats.byField.map((f) => f.sms));
    // everyone registered in the period joined then
    const change = m.sections.find((s) => s.title === '기간 중 변동')!;
    expect(change.totals).toEqual({ label: '합계', joined: 640, left: 0, net: 640 });
    const contacts = m.sections.find((s) => s.title === '연락처별')!;
    const reachable = t.core.sqlite
      .prepare(
        "SELECT count(*) FROM subscribers WHERE status = 'active' AND (mobile GLOB '010*' OR email IS NOT NULL)",
      )
      .pluck()
      .get() as number;
    expect(contacts.totals?.n).toBe(reachable);

    // one person opts out of everything in March 2015: left 1 there
    const who = t.core.sqlite
      .prepare(
        `SELECT s.id, s.mobile, s.created_at AS createdAt FROM subscribers s WHERE s.phone_kind = 'mobile'
         AND s.email IS NULL AND s.created_at < '2015-01-01' LIMIT 1`,
      )
      .get() as { id: string; mobile: string; createdAt: string };
    t.core.optout.ingestMessages([
      { from: who.mobile, text: '수신거부', receivedAt: '2015-03-10T10:00:00+09:00', source: 'work-phone' },
    ]);
    const q1 = await run('subscribers', '2015-01-01', '2015-03-31');
    const rows = q1.sections.find((s) => s.title === '기간 중 변동')!.rows;
    expect(rows.map((r) => r.label)).toEqual(['2015.01', '2015.02', '2015.03']);
    const registered = t.core.sqlite
      .prepare(
        "SELECT count(*) FROM subscribers WHERE created_at >= '2015-02-28T15:00:00.000Z' AND created_at < '2015-03-31T15:00:00.000Z'",
      )
      .pluck()
      .get() as number;
    expect(rows[2]).toEqual({ label: '2015.03', joined: registered, left: 1, net: registered - 1 });
  });

  test('intake report ranks stations by forms taken; equal totals share a rank; totals match the forms', async () => {
    generateDemo(t.core, { individuals: 500, businesses: 0, seed: 3 });
    const m = await run('intake', '2014-01-01', '2014-12-31');
    const s = m.sections[0];
    const forms = t.core.sqlite
      .prepare(
        "SELECT count(*) FROM intake_forms WHERE signed_at >= '2013-12-31T15:00:00.000Z' AND signed_at < '2014-12-31T15:00:00.000Z'",
      )
      .pluck()
      .get() as number;
    expect(s.totals?.total).toBe(forms);
    expect(forms).toBeGreaterThan(0);
    const totals = s.rows.map((r) => r.total as number);
    expect([...totals].sort((a, b) => b - a)).toEqual(totals);
    expect(s.rows[0].rank).toBe(1);
    for (let i = 1; i < s.rows.length; i++)
      expect(s.rows[i].rank).toBe(totals[i] === totals[i - 1] ? s.rows[i - 1].rank : i + 1);
    expect(s.columns.filter((c) => /^m\d/.test(c.key)).map((c) => c.label)).toHaveLength(12);
  });

  test('roles: a dong user sees their own dong only and not the send reports; dept reads statistics', async () => {
    generateDemo(t.core, { individuals: 400, businesses: 20, seed: 5 });
    const mine = dongOf('마장동');
    const dong = await loginAs('majang', 'dong', { dongId: mine });
    const list = await call<ReportInfo[]>('reports.list', {}, dong);
    expect(list.map((r) => r.name)).toEqual(['subscribers', 'intake']);
    const other = String(dongOf('옥수동'));
    const m = await run('subscribers', '2015-01-01', '2015-03-31', { dongId: other }, dong);
    expect(m.filterLabels).toEqual(['행정동: 마장동']);
    expect(m.sections.find((s) => s.title === '요약')!.totals?.n).toBe(
      subscriberStats(t.core, mine).totals.active,
    );
    const intake = await run('intake', '2014-01-01', '2015-03-31', {}, dong);
    expect(intake.sections[0].rows.map((r) => r.dong)).toEqual(['마장동']);
    await expect(run('sends', '2015-01-01', '2015-03-31', {}, dong)).rejects.toThrow(
      /이 보고서를 볼 권한이 없습니다/,
    );

    const dept = await loginAs('culture', 'dept', { department: '문화체육과' });
    expect((await call<ReportInfo[]>('reports.list', {}, dept)).map((r) => r.name)).toContain('sends');
    await expect(run('nothing', '2015-01-01', '2015-03-31')).rejects.toThrow(/없는 보고서입니다: nothing/);
  });
});

describe('opt-outs, campaigns and surveys', () => {
  test('opt-outs after a campaign: per month and source, and counted against the campaign', async () => {
    t.clock.t = new Date('2026-03-02T10:00:00+09:00').getTime();
    addMany(t.core, 20, 'culture');
    const m = campaignsOf(t.core);
    m.settings.update({ testGateway: { failureRate: 0, deliveryDelayMs: 0 } });
    const c = await call<CampaignRow>('campaigns.save', draft(t.core));
    await call('campaigns.launch', { id: c.id });
    await m.dispatcher.idle();
    await m.dispatcher.waitReports(c.id, 2000);
    t.clock.t = new Date('2026-03-03T10:00:00+09:00').getTime();
    t.core.optout.ingestMessages([
      {
        from: '010-1000-0001',
        text: '수신거부',
        receivedAt: '2026-03-03T09:00:00+09:00',
        source: 'work-phone',
      },
      {
        from: '010-1000-0002',
        text: '문자 그만 보내주세요 수신거부',
        receivedAt: '2026-03-03T09:05:00+09:00',
        source: 'work-phone',
      },
    ]);
    const o = await run('optouts', '2026-03-01', '2026-03-31');
    const month = o.sections.find((s) => s.title === '월별')!;
    expect(month.rows[0]).toMatchObject({ label: '2026.03', messages: 2, applied: 2, people: 2 });
    expect(o.sections.find((s) => s.title === '경로별')!.rows).toEqual([
      expect.objectContaining({ messages: 2, applied: 2 }),
    ]);
    const camp = o.sections.find((s) => s.title === '캠페인별')!;
    expect(camp.rows).toEqual([
      expect.objectContaining({ name: '시험 캠페인', optouts: 2, recipients: 20, rate: 0.1 }),
    ]);
    const per = await run('campaigns', '2026-03-01', '2026-03-31');
    expect(per.sections[0].rows[0]).toMatchObject({ optouts: 2, optoutRate: 0.1 });
  });

  test('surveys report reads the survey tables: invited, visited, started, completed, rate; dept sees its own', async () => {
    const db = t.core.sqlite;
    const now = '2015-03-01T00:00:00.000Z';
    const survey = db.prepare(
      `INSERT INTO surveys (id, title, department, status, definition, opens_at, closes_at, filters, invitation, created_at, updated_at)
       VALUES (?, ?, ?, 'published', '{}', ?, ?, '{}', '{}', ?, ?)`,
    );
    survey.run(
      's1',
      '개나리 축제 만족도',
      '문화체육과',
      '2015-03-05T00:00:00.000Z',
      '2015-04-05T00:00:00.000Z',
      now,
      now,
    );
    survey.run(
      's2',
      '마을버스 만족도',
      '교통행정과',
      '2015-03-10T00:00:00.000Z',
      '2015-03-20T00:00:00.000Z',
      now,
      now,
    );
    const p = db.prepare(
      `INSERT INTO survey_participants (survey_id, token, invited_at, visited_at, started_at, completed_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    );
    // s1: 10 invited, 6 visited, 4 started, 3 completed
    for (let i = 0; i < 10; i++)
      p.run('s1', `a${i}`, now, i < 6 ? now : null, i < 4 ? now : null, i < 3 ? now : null);
    for (let i = 0; i < 4; i++) p.run('s2', `b${i}`, now, now, now, i < 1 ? now : null);
    const m = await run('surveys', '2015-03-01', '2015-03-31');
    const s = m.sections[0];
    expect(s.rows.map((r) => [r.title, r.invited, r.visited, r.started, r.completed, r.rate])).toEqual([
      ['개나리 축제 만족도', 10, 6, 4, 3, 0.3],
      ['마을버스 만족도', 4, 4, 4, 1, 0.25],
    ]);
    expect(s.totals).toMatchObject({ invited: 14, completed: 4, rate: 4 / 14 });
    const dept = await loginAs('bus', 'dept', { department: '교통행정과' });
    const own = await run('surveys', '2015-03-01', '2015-03-31', {}, dept);
    expect(own.sections[0].rows.map((r) => r.title)).toEqual(['마을버스 만족도']);
    // dashboard: open surveys and their response rate (s2 closed on 03-20; the clock is 03-31)
    const tiles = t.core.dashboardTiles({ user: { role: 'pr' } } as never);
    expect(tiles.find((x) => x.key === 'reports.surveysOpen')).toMatchObject({ value: 1, link: '/surveys' });
    expect(tiles.find((x) => x.key === 'reports.surveysRate')?.value).toBe(30);
  });

  test('exports and prints of a report are audited with the report and period', async () => {
    await call('reports.exportXlsx', {
      name: 'optouts',
      from: '2015-01-01',
      to: '2015-03-31',
      path: `${t.dir}/o.xlsx`,
    });
    const row = t.core.sqlite
      .prepare(
        "SELECT action, target_type AS type, target_id AS id, detail FROM audit_log WHERE target_type = 'report'",
      )
      .get() as { action: string; type: string; id: string; detail: string };
    expect(row).toMatchObject({ action: 'export', type: 'report', id: 'optouts' });
    expect(JSON.parse(row.detail)).toMatchObject({
      period: { from: '2015-01-01', to: '2015-03-31' },
      file: 'o.xlsx',
    });
  });
});
