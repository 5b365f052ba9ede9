import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OptOutApplied } from '../../../src/main/optout/types';
import { makeTestCore, type TestCore } from '../../support/core';
import { REPLIES } from '../../shared/optout/replies';
import { addPeople, fieldId, grantedNames } from './helpers';

let t: TestCore;
beforeEach(async () => {
  t = await makeTestCore();
});
afterEach(() => t.cleanup());

const ALL_FIELDS = [
  '문화공연',
  '교육정보',
  '도서관 정보',
  '건강정보',
  '여론조사',
  '구청 소식지',
  '지방세·세외수입 고지서',
  '민방위 통지서',
  '취학·예방접종 통지서',
];

const count = (sql: string) => (t.core.sqlite.prepare(sql).get() as { n: number }).n;

describe('full ingest of realistic replies against a small registry', () => {
  it('reaches the expected decision for every reply, and for unknown numbers', () => {
    const { core } = t;
    const numberOf = (i: number) => `0105000${String(i).padStart(4, '0')}`;
    const people = addPeople(
      core,
      REPLIES.map((_, i) => ({ name: `주민${i}`, mobile: numberOf(i), sms: ALL_FIELDS })),
    );
    const unknown = ['수신거부', '문화 그만', '그만 보내세요', 'STOP', '거부합니다'];
    const r = core.optout.ingestMessages([
      ...REPLIES.map(([text], i) => ({
        from: `${numberOf(i).slice(0, 3)}-${numberOf(i).slice(3, 7)}-${numberOf(i).slice(7)}`,
        text,
        receivedAt: new Date(Date.UTC(2026, 2, 1, 1, i)).toISOString(),
        source: 'sms-mo' as const,
      })),
      ...unknown.map((text, i) => ({
        from: `0109999${String(i).padStart(4, '0')}`,
        text,
        receivedAt: '2026-03-01T03:00:00Z',
        source: 'sms-mo' as const,
      })),
    ]);
    const applied = REPLIES.filter(([, e]) => !String(e).startsWith('review:')).length;
    expect(r).toMatchObject({
      messages: REPLIES.length + unknown.length,
      applied,
      review: REPLIES.length - applied,
      unmatched: unknown.length,
      duplicates: 0,
    });

    REPLIES.forEach(([text, expected], i) => {
      const p = people[i];
      const granted = grantedNames(core, p.id, 'sms');
      const sup = core.subscriberRepo.suppression('sms', p.mobile);
      const label = `${text} → ${JSON.stringify(expected)}`;
      if (expected === 'all') {
        expect(granted, label).toEqual([]);
        expect(sup.all, label).toBe(true);
      } else if (Array.isArray(expected)) {
        expect(granted, label).toEqual(ALL_FIELDS.filter((f) => !expected.includes(f)).sort());
        expect(sup, label).toEqual({ all: false, fieldIds: expected.map((f) => fieldId(core, f)) });
      } else {
        expect(granted, label).toEqual([...ALL_FIELDS].sort());
        expect(sup, label).toEqual({ all: false, fieldIds: [] });
      }
    });

    // unknown numbers: listed as unmatched, and kept off future imports all the same
    expect(count(`SELECT count(*) AS n FROM optout_messages WHERE status = 'unmatched'`)).toBe(
      unknown.length,
    );
    expect(core.subscriberRepo.suppression('sms', '01099990000').all).toBe(true);
    expect(core.subscriberRepo.suppression('sms', '01099990001')).toEqual({
      all: false,
      fieldIds: [fieldId(core, '문화공연')],
    });
  });

  it('records the withdrawal in the ledger with the raw message as evidence and the message time', () => {
    const [p] = addPeople(t.core, [{ name: '홍길동', mobile: '01011110001', sms: ['문화공연', '건강정보'] }]);
    t.core.optout.ingestMessages([
      { from: '01011110001', text: '문화공연 거부', receivedAt: '2026-02-20T05:03:00Z', source: 'sms-mo' },
    ]);
    const ev = t.core.subscriberRepo.historyOf(p.id).filter((e) => e.action === 'withdrawn');
    expect(ev).toHaveLength(1);
    expect(ev[0]).toMatchObject({
      source: 'optout',
      at: '2026-02-20T05:03:00.000Z',
      fieldId: fieldId(t.core, '문화공연'),
    });
    expect(JSON.parse(ev[0].evidence!)).toMatchObject({ text: '문화공연 거부', from: '01011110001' });
    // audited as an edit of the person, with the reason
    const audit = t.core.sqlite
      .prepare(`SELECT action, target_type AS tt, target_id AS id, reason FROM audit_log WHERE target_id = ?`)
      .all(p.id) as { action: string; tt: string; reason: string }[];
    expect(audit).toEqual([
      expect.objectContaining({
        action: 'edit',
        tt: 'subscriber',
        reason: expect.stringContaining('수신거부'),
      }),
    ]);
  });
});

describe('idempotency', () => {
  it('the same messages twice change nothing the second time', () => {
    addPeople(t.core, [
      { name: '홍길동', mobile: '01011110001', sms: ['문화공연', '건강정보'] },
      { name: '김영희', mobile: '01022220002', sms: ['문화공연'] },
    ]);
    const batch = [
      {
        from: '010-1111-0001',
        text: '수신거부',
        receivedAt: '2026-03-01T05:00:10Z',
        source: 'sms-mo' as const,
      },
      {
        from: '010-2222-0002',
        text: '다시 받고 싶어요',
        receivedAt: '2026-03-01T05:00:00Z',
        source: 'sms-mo' as const,
      },
      { from: '010-3333-0003', text: '그만', receivedAt: '2026-03-01T05:00:00Z', source: 'sms-mo' as const },
    ];
    const tables = ['optout_messages', 'optout_applications', 'consent_events', 'suppressions', 'audit_log'];
    const sizes = () => tables.map((x) => count(`SELECT count(*) AS n FROM ${x}`));
    const first = t.core.optout.ingestMessages(batch);
    expect(first).toMatchObject({ applied: 1, review: 1, unmatched: 1, duplicates: 0 });
    const snapshot = sizes();
    const second = t.core.optout.ingestMessages(batch);
    expect(second).toMatchObject({ messages: 3, applied: 0, review: 0, unmatched: 0, duplicates: 3 });
    expect(sizes()).toEqual(snapshot);
    // the same message pasted from the work phone (minute precision, other spelling of the number)
    const pasted = t.core.optout.ingestMessages([
      { from: '01011110001', text: '수신거부', receivedAt: '2026-03-01T05:00:00Z', source: 'work-phone' },
    ]);
    expect(pasted.duplicates).toBe(1);
    // a provider id dedupes by itself, whatever the text
    const a = t.core.optout.ingestMessages([
      { from: '01044440004', text: 'x', source: 'provider-mo', sourceDetail: 'p', providerId: 'M-1' },
    ]);
    const b = t.core.optout.ingestMessages([
      { from: '01044440004', text: 'y', source: 'provider-mo', sourceDetail: 'p', providerId: 'M-1' },
    ]);
    expect([a.duplicates, b.duplicates]).toEqual([0, 1]);
  });
});

describe('who an opt-out reaches', () => {
  it('a number shared by several records (a family, a business and its owner) opts out all of them on SMS', () => {
    const people = addPeople(t.core, [
      { name: '김아빠', mobile: '01022220002', sms: ['문화공연', '건강정보'] },
      { name: '김엄마', mobile: '01022220002', sms: ['교육정보'] },
      {
        name: '김아들',
        mobile: '01022220002',
        sms: ['도서관 정보'],
        email: 'son@example.com',
        email_: ['도서관 정보'],
      },
      {
        name: '성수식당',
        kind: 'business',
        mobile: '01033330003',
        sms: ['행정처분 안내', '운영자 교육 안내'],
      },
      { name: '이사장', mobile: '01033330003', sms: ['건강정보'] },
      { name: '이웃', mobile: '01044440004', sms: ['문화공연'] },
    ]);
    const r = t.core.optout.ingestMessages([
      {
        from: '010-2222-0002',
        text: '문자 그만 보내세요',
        receivedAt: '2026-03-01T05:00:00Z',
        source: 'sms-mo',
      },
      { from: '010-3333-0003', text: '수신거부', receivedAt: '2026-03-01T05:00:00Z', source: 'sms-mo' },
    ]);
    expect(r.applied).toBe(2);
    for (const p of people.slice(0, 5)) expect(grantedNames(t.core, p.id, 'sms'), p.name).toEqual([]);
    expect(grantedNames(t.core, people[5].id, 'sms')).toEqual(['문화공연']);
    // e-mail consent is another channel: an SMS opt-out leaves it
    expect(grantedNames(t.core, people[2].id, 'email')).toEqual(['도서관 정보']);
    const msg = t.core.sqlite
      .prepare(`SELECT matched_ids AS m FROM optout_messages WHERE mobile = '01022220002'`)
      .get() as {
      m: string;
    };
    expect(JSON.parse(msg.m)).toHaveLength(3);
  });

  it('an SMS naming e-mail withdraws e-mail consent too', () => {
    const [p] = addPeople(t.core, [
      {
        name: '홍길동',
        mobile: '01011110001',
        email: 'Hong@Example.com',
        sms: ['문화공연'],
        email_: ['문화공연', '건강정보'],
      },
    ]);
    t.core.optout.ingestMessages([
      {
        from: '01011110001',
        text: '문자랑 이메일 둘 다 수신거부',
        receivedAt: '2026-03-01T05:00:00Z',
        source: 'sms-mo',
      },
    ]);
    expect(grantedNames(t.core, p.id, 'sms')).toEqual([]);
    expect(grantedNames(t.core, p.id, 'email')).toEqual([]);
    expect(t.core.subscriberRepo.suppression('email', 'hong@example.com').all).toBe(true);
  });

  it('a field-scoped opt-out withdraws only that field and suppresses only that field', () => {
    const [p] = addPeople(t.core, [
      { name: '홍길동', mobile: '01011110001', sms: ['문화공연', '건강정보', '교육정보'] },
    ]);
    t.core.optout.ingestMessages([
      {
        from: '01011110001',
        text: '건강정보만 빼주세요',
        receivedAt: '2026-03-01T05:00:00Z',
        source: 'sms-mo',
      },
    ]);
    expect(grantedNames(t.core, p.id, 'sms')).toEqual(['교육정보', '문화공연']);
    const repo = t.core.subscriberRepo;
    expect(repo.isSuppressed('sms', '01011110001', fieldId(t.core, '건강정보'))).toBe(true);
    expect(repo.isSuppressed('sms', '01011110001', fieldId(t.core, '문화공연'))).toBe(false);
  });
});

describe('suppression outlives the registry', () => {
  it('blocks a later import-style re-consent: the import checks repo.suppression and flags the row', () => {
    const [p] = addPeople(t.core, [{ name: '홍길동', mobile: '01011110001', sms: ['문화공연', '건강정보'] }]);
    t.core.optout.ingestMessages([
      { from: '01011110001', text: '수신거부', receivedAt: '2026-03-01T05:00:00Z', source: 'sms-mo' },
    ]);
    // What the import/intake engineers do before granting: the hit says "flag for review, don't grant".
    const repo = t.core.subscriberRepo;
    const hit = repo.suppression('sms', '01011110001');
    expect(hit.all).toBe(true);
    for (const f of ['문화공연', '건강정보', '여론조사'])
      expect(repo.isSuppressed('sms', '01011110001', fieldId(t.core, f))).toBe(true);
    // The same person re-typed later with the same number: still suppressed (hash of the number, not the record).
    const [again] = addPeople(t.core, [{ name: '홍길동', mobile: '01011110001' }]);
    expect(again.id).not.toBe(p.id);
    expect(repo.suppression('sms', again.mobile).all).toBe(true);
    // Only a new signed paper form lifts it.
    expect(
      repo.liftSuppression('sms', '01011110001', fieldId(t.core, '문화공연'), 'HQ-2026-000001', null),
    ).toBe(1);
    expect(repo.suppression('sms', '01011110001').all).toBe(false);
  });

  it('stores only a hash of the number in the suppression list', () => {
    t.core.optout.ingestMessages([
      { from: '01099990000', text: '수신거부', receivedAt: '2026-03-01T05:00:00Z', source: 'sms-mo' },
    ]);
    const rows = t.core.sqlite.prepare('SELECT * FROM suppressions').all();
    expect(JSON.stringify(rows)).not.toContain('01099990000');
    expect(rows).toHaveLength(1);
  });
});

describe('hooks for the dispatcher', () => {
  it('calls onApplied listeners after commit and emits data.changed', () => {
    addPeople(t.core, [{ name: '홍길동', mobile: '01011110001', sms: ['문화공연'] }]);
    const seen: OptOutApplied[] = [];
    const events: unknown[] = [];
    const off = t.core.optout.onApplied((e) => seen.push(e));
    const unsub = t.core.events.subscribe((name, payload) => events.push([name, payload]));
    t.core.optout.ingestMessages([
      { from: '01011110001', text: '문화 그만', receivedAt: '2026-03-01T05:00:00Z', source: 'sms-mo' },
    ]);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({
      source: 'sms-mo',
      at: '2026-03-01T05:00:00.000Z',
      entries: [{ channel: 'sms', fieldIds: [fieldId(t.core, '문화공연')], address: '01011110001' }],
    });
    expect(events).toContainEqual(['data.changed', { domain: 'optout' }]);
    off();
    unsub();
    t.core.optout.ingestMessages([
      { from: '01011110001', text: '수신거부', receivedAt: '2026-03-01T06:00:00Z', source: 'sms-mo' },
    ]);
    expect(seen).toHaveLength(1);
  });

  it('a failing listener does not undo the opt-out', () => {
    const [p] = addPeople(t.core, [{ name: '홍길동', mobile: '01011110001', sms: ['문화공연'] }]);
    const off = t.core.optout.onApplied(() => {
      throw new Error('dispatcher down');
    });
    const err = console.error;
    console.error = () => {};
    try {
      t.core.optout.ingestMessages([
        { from: '01011110001', text: '수신거부', receivedAt: '2026-03-01T05:00:00Z', source: 'sms-mo' },
      ]);
    } finally {
      console.error = err;
      off();
    }
    expect(grantedNames(t.core, p.id, 'sms')).toEqual([]);
  });

  it('holds clear opt-outs as new when automatic apply is off', async () => {
    const [p] = addPeople(t.core, [{ name: '홍길동', mobile: '01011110001', sms: ['문화공연'] }]);
    await t.core.router.call('optout.settings.update', { autoApply: false }, t.cli);
    const r = t.core.optout.ingestMessages([
      { from: '01011110001', text: '수신거부', receivedAt: '2026-03-01T05:00:00Z', source: 'sms-mo' },
    ]);
    expect(r.pending).toBe(1);
    expect(grantedNames(t.core, p.id, 'sms')).toEqual(['문화공연']);
    const list = (await t.core.router.call('optout.list', { status: 'new' }, t.cli)) as {
      items: { id: string }[];
    };
    await t.core.router.call(
      'optout.resolve',
      { ids: [list.items[0].id], action: 'apply', reason: '확인함' },
      t.cli,
    );
    expect(grantedNames(t.core, p.id, 'sms')).toEqual([]);
  });
});
