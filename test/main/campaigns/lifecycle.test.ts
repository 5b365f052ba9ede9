import os from 'node:os';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { campaignsOf } from '../../../src/main/campaigns/module';
import type { CampaignRow } from '../../../src/shared/contract/campaigns';
import { makeTestCore, sessionCtx, type TestCore } from '../../support/core';
import { addMany, addPeople, draft, fieldId } from './helpers';

let t: TestCore;
const DAY = new Date('2026-03-02T10:00:00+09:00');
beforeEach(async () => {
  t = await makeTestCore({ now: DAY });
  t.core.settings.update({ adOptOutNumber: '080-123-4567', senderName: '성동구청' });
});
afterEach(async () => {
  await campaignsOf(t.core).dispatcher.idle();
  t.cleanup();
});

const call = <T = CampaignRow>(ch: string, input: unknown, ctx = t.cli) =>
  t.core.router.call(ch as never, input, ctx) as Promise<T>;
const save = (over: Parameters<typeof draft>[1] = {}) => call('campaigns.save', draft(t.core, over));
const setClock = (iso: string) => {
  t.clock.t = new Date(iso).getTime();
};

describe('night-time rule (Asia/Seoul, injected clock)', () => {
  test('an ad SMS is refused between 21:00 and 08:00, now or scheduled', async () => {
    addMany(t.core, 3, 'culture');
    const c = await save({ isAd: true });
    setClock('2026-03-02T21:30:00+09:00');
    await expect(call('campaigns.launch', { id: c.id, confirmNight: true })).rejects.toThrow(
      /광고 문자는 밤 9시부터/,
    );
    setClock('2026-03-02T10:00:00+09:00');
    await expect(call('campaigns.schedule', { id: c.id, at: '2026-03-03T07:30:00+09:00' })).rejects.toThrow(
      /광고 문자/,
    );
    const ok = await call('campaigns.schedule', { id: c.id, at: '2026-03-03T08:00:00+09:00' });
    expect(ok.status).toBe('scheduled');
  });

  test('any night-time SMS needs confirmNight, with a Korean message', async () => {
    addMany(t.core, 3, 'culture');
    const c = await save({ isAd: false });
    setClock('2026-03-02T23:00:00+09:00');
    await expect(call('campaigns.launch', { id: c.id })).rejects.toThrow(/야간 발송을 확인/);
    const r = await call('campaigns.launch', { id: c.id, confirmNight: true });
    expect(r.status).toBe('sending');
  });

  test('email is exempt', async () => {
    addPeople(t.core, [{ name: '가', email: 'a@example.com', emailFields: ['culture'] }]);
    campaignsOf(t.core).settings.update({
      smtp: {
        ...campaignsOf(t.core).settings.get().smtp,
        host: '127.0.0.1',
        port: 1,
        fromAddress: 'a@b.example',
      },
    });
    const c = await save({
      isAd: true,
      channels: { sms: false, email: true },
      email: { subject: 's', html: '<p>x</p>' },
    });
    setClock('2026-03-02T23:00:00+09:00');
    const r = await call('campaigns.launch', { id: c.id });
    expect(r.status).toBe('sending');
    await call('campaigns.cancel', { id: c.id });
  });
});

describe('schedules', () => {
  test('the scheduler launches a due campaign and sends it; the schedule lives in the database', async () => {
    addMany(t.core, 5, 'culture');
    const c = await save();
    await call('campaigns.schedule', { id: c.id, at: '2026-03-02T11:00:00+09:00' });
    const m = campaignsOf(t.core);
    expect((await m.scheduler.tick()).launched).toEqual([]);
    setClock('2026-03-02T11:00:01+09:00');
    expect((await m.scheduler.tick()).launched).toEqual([c.id]);
    await m.dispatcher.idle();
    await m.dispatcher.waitReports(c.id, 2000);
    const done = await call('campaigns.get', { id: c.id });
    expect(done.status).toBe('done');
    expect(done.counts.sms).toEqual({ delivered: 5 });
    const audit = t.core.sqlite
      .prepare(
        "SELECT username, origin, subject_count AS n FROM audit_log WHERE action = 'send' AND target_id = ?",
      )
      .get(c.id);
    expect(audit).toEqual({ username: '예약 발송', origin: 'system', n: 5 });
  });

  test('a scheduler that wakes up at night holds an ad campaign', async () => {
    addMany(t.core, 2, 'culture');
    const c = await save({ isAd: true });
    await call('campaigns.schedule', { id: c.id, at: '2026-03-02T20:50:00+09:00' });
    setClock('2026-03-02T21:10:00+09:00');
    const r = await campaignsOf(t.core).scheduler.tick();
    expect(r.held).toEqual([c.id]);
    const row = await call('campaigns.get', { id: c.id });
    expect(row.status).toBe('scheduled');
    expect(row.note).toMatch(/예약 발송 보류/);
  });

  test('a campaign a crash left sending is resumed by the scheduler', async () => {
    addMany(t.core, 4, 'culture');
    const m = campaignsOf(t.core);
    const c = await save();
    m.service.launch(c.id, false, { userId: 'x', audit: () => {} }, { dispatch: false });
    t.core.sqlite
      .prepare('UPDATE campaigns SET runner_pid = 999999999, runner_host = ? WHERE id = ?')
      .run(os.hostname(), c.id);
    expect((await m.scheduler.tick()).resumed).toEqual([c.id]);
    await m.dispatcher.idle();
    expect((await call('campaigns.get', { id: c.id })).status).toBe('done');
  });
});

describe('approval (setting campaignApproval)', () => {
  async function users() {
    const opts = await call<{ stations: { id: string }[] }>('setup.options', {}, sessionCtx());
    await call(
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
    const login = async (username: string) => {
      await call('users.create', {
        username,
        password: 'Passw0rd!x',
        displayName: username,
        role: 'pr',
        mustChangePassword: false,
      });
      const c = sessionCtx();
      await call('auth.login', { username, password: 'Passw0rd!x' }, c);
      return c;
    };
    return { author: await login('pr-author'), second: await login('pr-second') };
  }

  test('a second PR user, not the author, approves before it can go; an edit needs a new approval', async () => {
    addMany(t.core, 3, 'culture');
    await call('campaigns.settings.update', { campaignApproval: true });
    const { author, second } = await users();
    const c = await call('campaigns.save', draft(t.core), author);
    expect(c.awaitingApproval).toBe(true);
    await expect(call('campaigns.launch', { id: c.id }, author)).rejects.toThrow(/승인이 필요/);
    await expect(call('campaigns.approve', { id: c.id }, author)).rejects.toThrow(
      /작성자는 자기 캠페인을 승인할 수 없습니다/,
    );
    const approved = await call('campaigns.approve', { id: c.id }, second);
    expect(approved.awaitingApproval).toBe(false);
    await call('campaigns.save', { ...draft(t.core), id: c.id, name: '고친 이름' }, author);
    await expect(call('campaigns.launch', { id: c.id }, author)).rejects.toThrow(/승인이 필요/);
    await call('campaigns.approve', { id: c.id }, second);
    const sent = await call('campaigns.launch', { id: c.id }, author);
    expect(sent.status).toBe('sending');
  });
});

describe('dispatch control, test send, results', () => {
  test('pause, resume, cancel', async () => {
    addMany(t.core, 30, 'culture');
    const m = campaignsOf(t.core);
    m.settings.update({ dispatch: { ...m.settings.get().dispatch, smsBatchSize: 5, smsRatePerSecond: 100 } });
    const c = await save();
    await call('campaigns.launch', { id: c.id });
    await new Promise((r) => setTimeout(r, 80));
    const paused = await call<{ status: string }>('campaigns.pause', { id: c.id });
    expect(paused.status).toBe('paused');
    await m.dispatcher.idle();
    const mid = await call('campaigns.get', { id: c.id });
    expect(mid.counts.sms.queued).toBeGreaterThan(0);
    await call('campaigns.resume', { id: c.id });
    await new Promise((r) => setTimeout(r, 60));
    const cancelled = await call<{ status: string; counts: CampaignRow['counts'] }>('campaigns.cancel', {
      id: c.id,
    });
    expect(cancelled.status).toBe('cancelled');
    await m.dispatcher.idle();
    const end = await call('campaigns.get', { id: c.id });
    expect(end.counts.sms.queued ?? 0).toBe(0);
    expect(end.counts.sms.cancelled).toBeGreaterThan(0);
  });

  test('test send goes to staff only, through the test gateway, and is kept apart', async () => {
    addMany(t.core, 3, 'culture');
    const c = await save();
    const r = await call<{ items: { status: string; address: string; isTest: boolean }[] }>(
      'campaigns.testSend',
      { id: c.id, phones: ['010-9999-0000'] },
    );
    expect(r.items).toEqual([
      expect.objectContaining({ address: '01099990000', isTest: true, status: 'delivered' }),
    ]);
    const msg = t.core.sqlite.prepare('SELECT text FROM test_gateway_messages').pluck().get() as string;
    expect(msg).toContain('홍길동님');
    expect((await call('campaigns.get', { id: c.id })).total).toBe(0);
    expect((await call('campaigns.get', { id: c.id })).status).toBe('draft');
    const gw = await call<{ real: boolean; name: string; notice: string }>('campaigns.gateway', {});
    expect(gw).toMatchObject({ name: '테스트 발송기', real: false });
    expect(gw.notice).toMatch(/실제로 발송되지 않습니다/);
  });

  test('consent withdrawn after launch: skipped at send time with the reason', async () => {
    const [a, b] = addPeople(t.core, [
      { name: '가', mobile: '01000000001', smsFields: ['culture'] },
      { name: '나', mobile: '01000000002', smsFields: ['culture'] },
    ]);
    const m = campaignsOf(t.core);
    const c = await save();
    m.service.launch(c.id, false, { userId: 'x', audit: () => {} }, { dispatch: false });
    t.core.subscriberRepo.appendConsent([
      {
        subscriberId: b,
        fieldId: fieldId(t.core, 'culture'),
        channel: 'sms',
        action: 'withdrawn',
        at: '2026-03-02T01:00:00.000Z',
        source: 'optout',
      },
    ]);
    await m.dispatcher.run(c.id, { waitForReportsMs: 1000 });
    const rows = t.core.sqlite
      .prepare('SELECT subscriber_id AS s, status, reason FROM outbox WHERE campaign_id = ? ORDER BY id')
      .all(c.id);
    expect(rows).toHaveLength(2);
    expect(rows).toEqual(
      expect.arrayContaining([
        { s: a, status: 'delivered', reason: null },
        { s: b, status: 'skipped', reason: '이 채널 수신 동의 없음' },
      ]),
    );
  });

  test('results, per-recipient list, audited export, resend failed, correct-and-resend, messages of a person', async () => {
    addMany(t.core, 40, 'culture');
    const m = campaignsOf(t.core);
    m.settings.update({ testGateway: { failureRate: 0.25, deliveryDelayMs: 0 } });
    const c = await save();
    await call('campaigns.launch', { id: c.id });
    await m.dispatcher.idle();
    await m.dispatcher.waitReports(c.id, 2000);
    const res = await call<{
      channels: {
        channel: string;
        counts: Record<string, number>;
        reasons: { reason: string; count: number }[];
      }[];
    }>('campaigns.results', { id: c.id });
    const sms = res.channels[0];
    expect(sms.counts.delivered + sms.counts.failed).toBe(40);
    expect(sms.counts.failed).toBeGreaterThan(0);
    expect(sms.reasons[0].reason).toMatch(/모의 실패/);

    const failedPage = await call<{
      items: { id: number; subscriberId: string; address: string }[];
      total: number;
    }>('campaigns.recipients', { id: c.id, status: 'failed', pageSize: 5 });
    expect(failedPage.total).toBe(sms.counts.failed);
    expect(failedPage.items.length).toBeLessThanOrEqual(5);
    const found = await call<{ total: number }>('campaigns.recipients', { id: c.id, q: '주민1' });
    expect(found.total).toBeGreaterThan(0);

    await expect(call('campaigns.export', { id: c.id, reason: '' })).rejects.toThrow();
    const x = await call<{ fileName: string; contentBase64: string; rows: number }>('campaigns.export', {
      id: c.id,
      reason: '실패 원인 분석',
    });
    expect(x.rows).toBe(40);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(x.contentBase64, 'base64') as unknown as ArrayBuffer);
    expect(wb.worksheets[0].getRow(1).getCell(5).text).toBe('상태');
    expect(wb.worksheets[0].rowCount).toBe(41);
    const audit = t.core.sqlite
      .prepare("SELECT reason, subject_count AS n FROM audit_log WHERE action = 'export'")
      .get();
    expect(audit).toEqual({ reason: '실패 원인 분석', n: 40 });

    // Correct one person's number and resend to just them (the gateway works now).
    m.settings.update({ testGateway: { failureRate: 0, deliveryDelayMs: 0 } });
    const one = failedPage.items[0];
    const resent = await call<{ id: number; address: string; status: string }>('campaigns.resendOne', {
      outboxId: one.id,
      address: '010-5555-0000',
    });
    expect(resent.address).toBe('01055550000');
    expect(t.core.subscriberRepo.byId(one.subscriberId)!.mobile).toBe('01055550000');
    await m.dispatcher.idle();
    // Then everyone else who failed.
    const { queued } = await call<{ queued: number }>('campaigns.resendFailed', { id: c.id });
    expect(queued).toBe(sms.counts.failed - 1);
    await m.dispatcher.idle();
    await m.dispatcher.waitReports(c.id, 2000);

    const mine = await call<{ items: { campaignName: string; text: string; status: string }[] }>(
      'campaigns.forSubscriber',
      { subscriberId: one.subscriberId },
    );
    expect(mine.items).toHaveLength(2);
    expect(mine.items[0].campaignName).toBe('시험 캠페인');
    expect(mine.items[0].text).toMatch(/님, 구민회관 공연 안내입니다\.\n수신거부 문자/);
    const list = await call<{ items: CampaignRow[]; total: number }>('campaigns.list', {});
    expect(list.items[0]).toMatchObject({ id: c.id, status: 'done' });
    expect(list.items[0].total).toBe(40 + sms.counts.failed);
  });
});
