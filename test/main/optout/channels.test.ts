import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OptOutListSource } from '../../../src/main/optout/types';
import { makeTestCore, sessionCtx, type TestCore } from '../../support/core';
import { addPeople, fieldId, grantedNames } from './helpers';

let t: TestCore;
beforeEach(async () => {
  t = await makeTestCore();
});
afterEach(() => t.cleanup());

const call = <T = unknown>(channel: string, input: unknown, ctx = t.cli) =>
  t.core.router.call(channel as never, input, ctx) as Promise<T>;

/** A provider's 080 list, in memory: what the gateway engineer's Solapi/NHN source will look like. */
class Fake080 implements OptOutListSource {
  calls: (Date | null)[] = [];
  fail = false;
  constructor(
    readonly name: string,
    public rows: { number: string; at: string }[],
  ) {}
  async fetchNumbers(since: Date | null) {
    this.calls.push(since);
    if (this.fail) throw new Error('접속 시간 초과');
    return this.rows.filter((r) => !since || new Date(r.at) >= since);
  }
}

describe('080 opt-out lists', () => {
  it('optout.sync pulls every registered source; twice is idempotent; a failing source is reported', async () => {
    const people = addPeople(t.core, [
      { name: '홍길동', mobile: '01011110001', sms: ['문화공연', '건강정보'] },
      { name: '김영희', mobile: '01022220002', sms: ['교육정보'] },
    ]);
    const solapi = new Fake080('솔라피 080', [
      { number: '010-1111-0001', at: '2026-03-01T01:00:00Z' },
      { number: '01099990000', at: '2026-03-01T02:00:00Z' },
    ]);
    const nhn = new Fake080('NHN 080', [{ number: '821022220002', at: '2026-03-01T03:00:00Z' }]);
    t.core.optout.sync.registerListSource(solapi);
    const off = t.core.optout.sync.registerListSource(nhn);

    type Sync = {
      sources: { name: string; fetched: number; error: string | null }[];
      applied: number;
      unmatched: number;
      duplicates: number;
    };
    const first = await call<Sync>('optout.sync', {});
    expect(first).toMatchObject({ applied: 2, unmatched: 1, duplicates: 0 });
    expect(first.sources.map((s) => [s.name, s.fetched, s.error])).toEqual([
      ['솔라피 080', 2, null],
      ['NHN 080', 1, null],
    ]);
    for (const p of people) expect(grantedNames(t.core, p.id, 'sms')).toEqual([]);
    expect(t.core.subscriberRepo.suppression('sms', '01099990000').all).toBe(true);

    // the next run asks from where the last one left off (minus an overlap), and changes nothing
    t.clock.t += 3_600_000 * 5;
    const second = await call<Sync>('optout.sync', {});
    expect(solapi.calls[0]).toBeNull();
    expect(solapi.calls[1]).toBeInstanceOf(Date);
    expect(second).toMatchObject({ applied: 0, unmatched: 0 });

    nhn.fail = true;
    const failed = await call<Sync>('optout.sync', {});
    expect(failed.sources.find((s) => s.name === 'NHN 080')?.error).toContain('접속 시간 초과');
    expect(failed.sources.find((s) => s.name === '솔라피 080')?.error).toBeNull();
    const src = await call<{ items: { name: string; lastError: string | null; registered: boolean }[] }>(
      'optout.sources',
      {},
    );
    expect(src.items.find((s) => s.name === 'NHN 080')?.lastError).toContain('접속 시간 초과');
    off();
    const after = await call<{ items: { name: string; registered: boolean }[] }>('optout.sources', {});
    expect(after.items.find((s) => s.name === 'NHN 080')?.registered).toBe(false);

    const msg = t.core.sqlite
      .prepare(`SELECT source, source_detail AS d FROM optout_messages WHERE mobile = '01011110001'`)
      .get();
    expect(msg).toEqual({ source: '080-list', d: '솔라피 080' });
  });

  it('provider inboxes (MO by polling) go through the reader', async () => {
    addPeople(t.core, [{ name: '홍길동', mobile: '01011110001', sms: ['문화공연'] }]);
    t.core.optout.sync.registerInboundSource({
      name: '솔라피 수신',
      fetchMessages: async () => [
        { from: '01011110001', text: '수신거부', receivedAt: '2026-03-01T01:00:00Z', providerId: 'MO-1' },
        {
          from: '01011110001',
          text: '행사 언제 해요?',
          receivedAt: '2026-03-01T01:01:00Z',
          providerId: 'MO-2',
        },
      ],
    });
    const r = await call<{ applied: number; review: number }>('optout.sync', {});
    expect(r).toMatchObject({ applied: 1, review: 1 });
  });
});

describe('e-mail unsubscribe (public listener)', () => {
  it('this field only, or every field; the same link twice is one opt-out', () => {
    const [p] = addPeople(t.core, [
      {
        name: '홍길동',
        mobile: '01011110001',
        email: 'hong@example.com',
        sms: ['문화공연'],
        email_: ['문화공연', '건강정보', '여론조사'],
      },
    ]);
    const culture = fieldId(t.core, '문화공연');
    const one = t.core.optout.unsubscribeEmail({
      subscriberId: p.id,
      fieldId: culture,
      source: 'email-link',
      token: 'tok-1',
    });
    expect(one).toMatchObject({ status: 'applied', people: 1 });
    expect(grantedNames(t.core, p.id, 'email')).toEqual(['건강정보', '여론조사']);
    expect(grantedNames(t.core, p.id, 'sms')).toEqual(['문화공연']);
    expect(
      t.core.optout.unsubscribeEmail({ subscriberId: p.id, fieldId: culture, token: 'tok-1' }).status,
    ).toBe('duplicate');
    t.core.optout.unsubscribeEmail({ email: 'HONG@example.com', fieldId: null, token: 'tok-1' });
    expect(grantedNames(t.core, p.id, 'email')).toEqual([]);
    expect(t.core.subscriberRepo.suppression('email', 'hong@example.com').all).toBe(true);
  });
});

describe('phone calls and visits (optout.manual)', () => {
  async function dongUser(dongName: string) {
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
    const dongId = t.core.reference.list().dongs.find((d) => d.name === dongName)!.id;
    await call('users.create', {
      username: 'dong1',
      password: 'Passw0rd!x',
      displayName: '마장동 담당',
      role: 'dong',
      dongId,
      mustChangePassword: false,
    });
    const c = sessionCtx();
    await call('auth.login', { username: 'dong1', password: 'Passw0rd!x' }, c);
    return c;
  }

  it('a dong user types an opt-out for their dong’s person; not for another dong’s', async () => {
    const dongs = t.core.reference.list().dongs;
    const [mine, other] = addPeople(t.core, [
      { name: '마장주민', mobile: '01011110001', dong: dongs[1].name, sms: ['문화공연', '건강정보'] },
      { name: '옆동주민', mobile: '01022220002', dong: dongs[2].name, sms: ['문화공연'] },
    ]);
    const c = await dongUser(dongs[1].name);
    const r = await call<{ status: string; withdrawn: number; people: { name: string }[] }>(
      'optout.manual',
      {
        subscriberId: mine.id,
        scope: 'fields',
        fieldIds: [fieldId(t.core, '건강정보')],
        channel: 'sms',
        via: 'phone-call',
        note: '전화로 건강정보 문자 중지 요청',
      },
      c,
    );
    expect(r).toMatchObject({ status: 'applied', withdrawn: 1, people: [{ name: '마장주민' }] });
    expect(grantedNames(t.core, mine.id, 'sms')).toEqual(['문화공연']);
    const refused = await t.core.router.dispatch(
      'optout.manual',
      { subscriberId: other.id, scope: 'all', channel: 'sms', via: 'visit', note: '방문' },
      c,
    );
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(grantedNames(t.core, other.id, 'sms')).toEqual(['문화공연']);
    // the person's opt-outs and their messages
    const hist = await call<{
      messages: { source: string; text: string }[];
      applications: { fieldNames: string[] }[];
    }>('optout.forSubscriber', { subscriberId: mine.id }, c);
    expect(hist.messages).toEqual([
      expect.objectContaining({ source: 'phone-call', text: '전화로 건강정보 문자 중지 요청' }),
    ]);
    expect(hist.applications[0].fieldNames).toEqual(['건강정보']);
    expect((await t.core.router.dispatch('optout.list', {}, c)).ok).toBe(false);
  });

  it('a number nobody has is still suppressed and listed as unmatched', async () => {
    const r = await call<{ status: string }>('optout.manual', {
      mobile: '010-7777-8888',
      scope: 'all',
      channel: 'both',
      via: 'visit',
      note: '방문하여 요청',
    });
    expect(r.status).toBe('unmatched');
    expect(t.core.subscriberRepo.suppression('sms', '01077778888').all).toBe(true);
  });
});

describe('the inbox: bulk confirm, unmatched, dismiss', () => {
  it('applies a reviewed message with the scope staff chose, links an unmatched number, dismisses the rest', async () => {
    const [hong, kim] = addPeople(t.core, [
      { name: '홍길동', mobile: '01011110001', sms: ['문화공연', '건강정보'] },
      { name: '김영희', mobile: '01022220002', sms: ['문화공연', '교육정보'] },
    ]);
    t.core.optout.ingestMessages([
      {
        from: '01011110001',
        text: '건강정보 말고 다 그만',
        receivedAt: '2026-03-01T01:00:00Z',
        source: 'sms-mo',
      },
      {
        from: '01099990000',
        text: '김영희입니다 수신거부',
        receivedAt: '2026-03-01T01:01:00Z',
        source: 'sms-mo',
      },
      { from: '01033330003', text: '행사 언제 해요?', receivedAt: '2026-03-01T01:02:00Z', source: 'sms-mo' },
    ]);
    type List = {
      items: { id: string; mobile: string; status: string; matched: { name: string }[] }[];
      counts: Record<string, number>;
    };
    const review = await call<List>('optout.list', { status: 'review' });
    expect(review.counts).toMatchObject({ review: 2, unmatched: 1 });
    const partial = review.items.find((m) => m.mobile === '01011110001')!;
    expect(partial.matched).toEqual([expect.objectContaining({ name: '홍길동' })]);
    await call('optout.resolve', {
      ids: [partial.id],
      action: 'apply',
      scope: 'fields',
      fieldIds: [fieldId(t.core, '문화공연')],
      reason: '건강정보는 계속 받기로 확인',
    });
    expect(grantedNames(t.core, hong.id, 'sms')).toEqual(['건강정보']);

    const unmatched = (await call<List>('optout.list', { status: 'unmatched' })).items[0];
    const r = await call<{ applied: number }>('optout.resolve', {
      ids: [unmatched.id],
      action: 'apply',
      subscriberIds: [kim.id],
      reason: '문자에 적힌 이름으로 찾음',
    });
    expect(r.applied).toBe(1);
    expect(grantedNames(t.core, kim.id, 'sms')).toEqual([]);

    const question = (await call<List>('optout.list', { status: 'review' })).items[0];
    expect(
      await call('optout.resolve', {
        ids: [question.id],
        action: 'dismiss',
        reason: '행사 문의: 담당 부서 안내',
      }),
    ).toMatchObject({
      dismissed: 1,
    });
    const again = await call<{ skipped: { reason: string }[] }>('optout.resolve', {
      ids: [partial.id],
      action: 'apply',
      reason: '두 번 누름',
    });
    expect(again.skipped[0].reason).toContain('이미 처리');
    const counts = (await call<List>('optout.list', {})).counts;
    expect(counts).toMatchObject({ applied: 2, review: 0, unmatched: 0, dismissed: 1 });
  });
});

describe('notices, statistics and export', () => {
  function adCampaign(subscriberId: string, isAd: boolean, name: string, sentAt: string) {
    const id = `c-${name}`;
    t.core.sqlite
      .prepare(
        `INSERT INTO campaigns (id, name, field_ids, filters, is_ad, created_at, updated_at) VALUES (?, ?, '[]', '{}', ?, ?, ?)`,
      )
      .run(id, name, isAd ? 1 : 0, sentAt, sentAt);
    t.core.sqlite
      .prepare(
        `INSERT INTO outbox (campaign_id, channel, subscriber_id, address, status, token, created_at, updated_at, sent_at)
         VALUES (?, 'sms', ?, '', 'delivered', ?, ?, ?, ?)`,
      )
      .run(id, subscriberId, `${id}-${subscriberId}`, sentAt, sentAt, sentAt);
    return id;
  }

  it('queues the confirmation SMS and, after an advertising campaign, the 14-day result notice', async () => {
    const [hong, kim] = addPeople(t.core, [
      { name: '홍길동', mobile: '01011110001', sms: ['문화공연'] },
      { name: '김영희', mobile: '01022220002', sms: ['문화공연'] },
    ]);
    const ad = adCampaign(hong.id, true, '유료 강좌 안내', '2026-02-27T01:00:00Z');
    adCampaign(kim.id, false, '구정 소식', '2026-02-27T01:00:00Z');
    await call('optout.settings.update', { confirmationSms: true });
    t.core.optout.ingestMessages([
      { from: '01011110001', text: '수신거부', receivedAt: '2026-03-01T01:00:00Z', source: 'sms-mo' },
      { from: '01022220002', text: '수신거부', receivedAt: '2026-03-01T01:00:00Z', source: 'sms-mo' },
    ]);
    type N = {
      items: {
        kind: string;
        status: string;
        dueAt: string;
        campaignName: string | null;
        body: string;
        address: string;
      }[];
      overdue: number;
    };
    const all = await call<N>('optout.notices', {});
    expect(all.items.filter((n) => n.kind === 'confirmation')).toHaveLength(2);
    const notice = all.items.filter((n) => n.kind === 'result-notice');
    expect(notice).toEqual([
      expect.objectContaining({
        status: 'pending',
        dueAt: '2026-03-15T01:00:00.000Z',
        campaignName: '유료 강좌 안내',
        address: '01011110001',
      }),
    ]);
    expect(all.items[0].body).toContain('성동구');
    expect(all.overdue).toBe(0);
    t.clock.t = Date.parse('2026-03-20T00:00:00Z');
    expect((await call<N>('optout.notices', { kind: 'result-notice' })).overdue).toBe(1);

    // the dispatcher takes pending rows; a sent confirmation settles that person's result notice
    const sent: string[] = [];
    t.core.optout.setNoticeSender({
      send: async (rows) => {
        const out = [];
        for (const r of rows)
          if (r.kind === 'confirmation') {
            sent.push(r.address);
            out.push({ id: r.id, ok: true });
          }
        return out;
      },
    });
    await t.core.optout.flushNotices();
    expect(sent.sort()).toEqual(['01011110001', '01022220002']);
    const after = await call<N>('optout.notices', { kind: 'result-notice' });
    expect(after.items[0].status).toBe('done');
    expect(after.overdue).toBe(0);

    // statistics: per campaign (the one each person last received), field, month, source
    const stats = await call<{
      totals: Record<string, number>;
      perCampaign: {
        available: boolean;
        items: { campaignId: string; name: string; optouts: number; recipients: number | null }[];
      };
      perField: { name: string; sms: number }[];
      perMonth: { month: string; applied: number; people: number }[];
      perSource: { source: string; messages: number }[];
    }>('optout.stats', { from: '2026-03-01', to: '2026-03-31' });
    expect(stats.totals).toMatchObject({ messages: 2, applied: 2, people: 2 });
    expect(stats.perCampaign.available).toBe(true);
    expect(stats.perCampaign.items).toContainEqual({
      campaignId: ad,
      name: '유료 강좌 안내',
      optouts: 1,
      recipients: 1,
    });
    expect(stats.perField).toEqual([
      { fieldId: fieldId(t.core, '문화공연'), name: '문화공연', sms: 2, email: 0 },
    ]);
    expect(stats.perMonth).toEqual([{ month: '2026-03', messages: 2, applied: 2, people: 2 }]);
    expect(stats.perSource).toEqual([expect.objectContaining({ source: 'sms-mo', messages: 2 })]);
  });

  it('exports the inbox as xlsx only with a reason, and audits it', async () => {
    addPeople(t.core, [{ name: '홍길동', mobile: '01011110001', sms: ['문화공연'] }]);
    t.core.optout.ingestMessages([
      { from: '01011110001', text: '수신거부', receivedAt: '2026-03-01T01:00:00Z', source: 'sms-mo' },
      { from: '01099990000', text: '그만', receivedAt: '2026-03-01T01:00:00Z', source: 'sms-mo' },
    ]);
    expect((await t.core.router.dispatch('optout.export', {}, t.cli)).ok).toBe(false);
    const r = await call<{ fileName: string; base64: string; rows: number }>('optout.export', {
      reason: '월간 보고',
    });
    expect(r.rows).toBe(2);
    expect(r.fileName).toMatch(/^수신거부_\d{4}-\d{2}-\d{2}\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(r.base64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.getRow(1).getCell(1).text).toBe('받은 일시');
    const texts = [2, 3].map((i) => ws.getRow(i).getCell(9).text);
    expect(texts).toContain('홍길동');
    const audit = t.core.sqlite
      .prepare(
        `SELECT reason, subject_count AS n FROM audit_log WHERE action = 'export' AND target_type = 'optout_message'`,
      )
      .all();
    expect(audit).toEqual([{ reason: '월간 보고', n: 2 }]);
  });
});

describe('settings and preview', () => {
  it('staff aliases narrow the scope; unknown fields are refused', async () => {
    const tax = fieldId(t.core, '지방세·세외수입 고지서');
    await call('optout.settings.update', { aliases: [{ alias: '세금', fieldId: tax }] });
    const p = await call<{ decision: string; fieldNames: string[] }>('optout.preview', {
      text: '세금 문자 그만',
    });
    expect(p).toMatchObject({ decision: 'optout', fieldNames: ['지방세·세외수입 고지서'] });
    const bad = await t.core.router.dispatch(
      'optout.settings.update',
      { aliases: [{ alias: 'x', fieldId: 9999 }] },
      t.cli,
    );
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    // a field renamed in 설정 is matched by its new name at once
    const f = t.core.reference.list().fields.find((x) => x.id === tax)!;
    await call('reference.saveField', { ...f, name: '구세 고지서' });
    const renamed = await call<{ fieldNames: string[] }>('optout.preview', { text: '구세 고지서 거부' });
    expect(renamed.fieldNames).toEqual(['구세 고지서']);
  });
});
