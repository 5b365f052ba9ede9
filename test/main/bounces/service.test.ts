import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bouncesOf, type BounceEvent } from '../../../src/main/bounces';
import { verpAddress } from '../../../src/main/bounces/verp';
import { publicServerOf } from '../../../src/main/public';
import { makeTestCore, sessionCtx, type TestCore } from '../../support/core';
import { addPerson, addSentEmail, fieldIdOf, postfixDsn } from './helpers';

const FIXTURES = path.resolve(__dirname, '../../../../shared/fixtures/bounces');
let t: TestCore;
beforeEach(async () => {
  t = await makeTestCore();
});
afterEach(() => t.cleanup());

const svc = () => bouncesOf(t.core).service;

describe('반송 처리: 보낸 메일과 사람에 연결', () => {
  it('VERP로 연결된 영구 실패: 주소를 수신 불가로 표시하고 목록에 신청서와 함께', async () => {
    const p = addPerson(t.core, {
      name: '김민지',
      email: 'minji@example.net',
      mobile: '01012345678',
      fields: ['문화공연'],
      formRef: 'SD01-2025-0007',
    });
    const sent = addSentEmail(t.core, {
      subscriberId: p.id,
      address: 'minji@example.net',
      fieldIds: [fieldIdOf(t.core, '문화공연')],
    });
    const events: BounceEvent[] = [];
    svc().onBounce((e) => {
      events.push(e);
    });
    const dsn = postfixDsn({
      verp: verpAddress(sent.token, 'news.example.go.kr'),
      recipient: 'minji@example.net',
      status: '5.1.1',
      diagnostic: '550 5.1.1 <minji@example.net>: Recipient address rejected: User unknown',
    });
    const out = await svc().ingest(dsn);
    expect(out.result).toEqual({ fetched: 1, hard: 1, soft: 0, complaints: 0, ignored: 0, unmatched: 0 });
    expect(out.handled).toBe(true);
    expect(t.core.subscriberRepo.byId(p.id)?.emailInvalidAt).toBe('2026-03-02T01:15:00.000Z');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      kind: 'hard',
      outboxId: sent.outboxId,
      subscriberId: p.id,
      markedInvalid: true,
    });

    const list = svc().list({ state: 'open', matchedOnly: false, page: 1, pageSize: 50 });
    expect(list.total).toBe(1);
    expect(list.items[0]).toMatchObject({
      kind: 'hard',
      email: 'minji@example.net',
      status: '5.1.1',
      outboxId: sent.outboxId,
      campaignName: '3월 문화공연 안내',
      subscriberName: '김민지',
      mobile: '010-1234-5678',
      matchedBy: 'verp',
      markedInvalid: true,
    });
    expect(list.items[0].diagnostic).toContain('User unknown');
    expect(list.items[0].forms.map((f) => f.formRef)).toEqual(['SD01-2025-0007']);
  });

  it('같은 반송을 두 번 읽어도 한 번만 센다', async () => {
    const p = addPerson(t.core, { name: '이서준', email: 'seojun@example.net', fields: ['교육정보'] });
    const sent = addSentEmail(t.core, { subscriberId: p.id, address: 'seojun@example.net', fieldIds: [] });
    const dsn = postfixDsn({
      verp: verpAddress(sent.token, 'b.example'),
      recipient: 'seojun@example.net',
      status: '5.1.1',
      diagnostic: '550 5.1.1 user unknown',
      messageId: 'same@mx',
    });
    expect((await svc().ingest(dsn)).result.hard).toBe(1);
    expect((await svc().ingest(dsn)).result.hard).toBe(0);
    expect(svc().list({ state: 'all', matchedOnly: false, page: 1, pageSize: 50 }).total).toBe(1);
  });

  it('일시 실패는 세기만 하고 주소는 그대로', async () => {
    const p = addPerson(t.core, { name: '박지호', email: 'jiho@example.net', fields: ['교육정보'] });
    const sent = addSentEmail(t.core, { subscriberId: p.id, address: 'jiho@example.net', fieldIds: [] });
    const out = await svc().ingest(
      postfixDsn({
        verp: verpAddress(sent.token, 'b.example'),
        recipient: 'jiho@example.net',
        status: '4.2.2',
        diagnostic: '452 4.2.2 Mailbox full',
      }),
    );
    expect(out.result).toMatchObject({ hard: 0, soft: 1, unmatched: 0 });
    expect(t.core.subscriberRepo.byId(p.id)?.emailInvalidAt).toBeNull();
  });

  it('이미 주소를 고친 사람은 표시하지 않는다', async () => {
    const p = addPerson(t.core, { name: '최유나', email: 'yuna@example.net', fields: ['교육정보'] });
    const sent = addSentEmail(t.core, { subscriberId: p.id, address: 'yuna@example.net', fieldIds: [] });
    t.core.subscriberRepo.update(p.id, { email: 'yuna.new@example.org' });
    const out = await svc().ingest(
      postfixDsn({
        verp: verpAddress(sent.token, 'b'),
        recipient: 'yuna@example.net',
        status: '5.1.1',
        diagnostic: '550',
      }),
    );
    expect(out.result.hard).toBe(1);
    expect(out.markedSubscriberIds).toEqual([]);
    expect(t.core.subscriberRepo.byId(p.id)?.emailInvalidAt).toBeNull();
  });

  it('VERP가 없어진 반송: 원래 Message-ID의 토큰, 그다음 그 주소로 보낸 마지막 메일', async () => {
    const p = addPerson(t.core, { name: '정하늘', email: 'haneul@example.net', fields: ['교육정보'] });
    addSentEmail(t.core, { subscriberId: p.id, address: 'haneul@example.net', fieldIds: [] });
    const later = addSentEmail(t.core, { subscriberId: p.id, address: 'Haneul@Example.net', fieldIds: [] });
    const out = await svc().ingest(
      postfixDsn({
        verp: null,
        recipient: 'haneul@example.net',
        status: '5.1.1',
        diagnostic: '550 5.1.1 unknown',
      }),
    );
    expect(out.result).toMatchObject({ hard: 1, unmatched: 0 });
    const row = svc().list({ state: 'open', matchedOnly: true, page: 1, pageSize: 5 }).items[0];
    expect(row).toMatchObject({ outboxId: later.outboxId, matchedBy: 'recipient', markedInvalid: true });
  });

  it('VERP가 없어도 돌아온 원본의 Message-ID에 토큰이 있으면 그 행', async () => {
    const p = addPerson(t.core, { name: '윤슬', email: 'seul@example.net', fields: ['교육정보'] });
    const first = addSentEmail(t.core, { subscriberId: p.id, address: 'seul@example.net', fieldIds: [] });
    addSentEmail(t.core, { subscriberId: p.id, address: 'seul@example.net', fieldIds: [] });
    await svc().ingest(
      postfixDsn({
        verp: null,
        recipient: 'seul@example.net',
        status: '5.1.1',
        diagnostic: '550 5.1.1 unknown',
        originalMessageId: `${first.token}@news.example.go.kr`,
      }),
    );
    const row = svc().list({ state: 'open', matchedOnly: true, page: 1, pageSize: 5 }).items[0];
    expect(row).toMatchObject({ outboxId: first.outboxId, matchedBy: 'message-id' });
  });

  it('VERP 주소를 바꾼 중계 서버: DSN의 ENVID나 돌아온 X-Sotong-Token으로 연결', async () => {
    const p = addPerson(t.core, { name: '문가람', email: 'garam@example.net', fields: ['교육정보'] });
    const a = addSentEmail(t.core, { subscriberId: p.id, address: 'garam@example.net', fieldIds: [] });
    const b = addSentEmail(t.core, { subscriberId: p.id, address: 'garam@example.net', fieldIds: [] });
    addSentEmail(t.core, { subscriberId: p.id, address: 'garam@example.net', fieldIds: [] }); // the latest
    const base = {
      verp: null,
      recipient: 'garam@example.net',
      status: '4.2.2',
      diagnostic: '452 4.2.2 full',
    };
    await svc().ingest(postfixDsn({ ...base, envelopeId: a.token }));
    await svc().ingest(postfixDsn({ ...base, sotongToken: b.token }));
    const rows = svc().list({ state: 'open', matchedOnly: true, page: 1, pageSize: 5 }).items;
    expect(rows.map((r) => [r.outboxId, r.matchedBy]).sort()).toEqual(
      [
        [a.outboxId, 'verp'],
        [b.outboxId, 'verp'],
      ].sort(),
    );
  });

  it('보낸 기록도 사람도 없는 주소: 연결 못 함으로 센다', async () => {
    const out = await svc().ingest(
      postfixDsn({
        verp: null,
        recipient: 'nobody@example.net',
        status: '5.1.1',
        diagnostic: '550 5.1.1 unknown',
      }),
    );
    expect(out.result).toMatchObject({ hard: 1, unmatched: 1 });
  });

  it('반송이 아닌 메일은 손대지 않는다 (handled=false)', async () => {
    const raw = fs.readFileSync(path.join(FIXTURES, 'rfc3834-02.eml'));
    const out = await svc().ingest(raw);
    expect(out.handled).toBe(false);
    expect(out.result).toMatchObject({ fetched: 1, ignored: 1 });
    expect(svc().list({ state: 'all', matchedOnly: false, page: 1, pageSize: 5 }).total).toBe(0);
  });

  it('스팸 신고(ARF)는 complaint로 기록, 주소는 그대로, onComplaint', async () => {
    const p = addPerson(t.core, { name: '신고자', email: 'kijitora@example.com', fields: ['교육정보'] });
    const events: BounceEvent[] = [];
    svc().onComplaint((e) => {
      events.push(e);
    });
    const out = await svc().ingest(fs.readFileSync(path.join(FIXTURES, 'arf-16.eml')));
    expect(out.result).toMatchObject({ complaints: 1, hard: 0, unmatched: 0 });
    expect(events[0]).toMatchObject({ kind: 'complaint', subscriberId: p.id });
    expect(t.core.subscriberRepo.byId(p.id)?.emailInvalidAt).toBeNull();
  });

  it('캠페인 쪽이 자기 TokenResolver를 꽂으면 그것을 쓴다', async () => {
    const p = addPerson(t.core, { name: '한결', email: 'gyeol@example.net', fields: ['교육정보'] });
    publicServerOf(t.core).setResolver({
      resolve: (tok) =>
        tok === 'customTokenCustomTokenXY'
          ? {
              outboxId: 991,
              subscriberId: p.id,
              campaignId: 'c',
              fieldIds: [],
              channel: 'email',
              address: 'gyeol@example.net',
            }
          : null,
    });
    await svc().ingest(
      postfixDsn({
        verp: verpAddress('customTokenCustomTokenXY', 'b'),
        recipient: 'gyeol@example.net',
        status: '5.2.1',
        diagnostic: '550 5.2.1 disabled',
      }),
    );
    expect(svc().list({ state: 'open', matchedOnly: true, page: 1, pageSize: 5 }).items[0]).toMatchObject({
      outboxId: 991,
      markedInvalid: true,
    });
  });
});

describe('반송 채널: 목록·처리 표시, 동 담당자는 자기 동만', () => {
  it('bounces.list / bounces.resolve 와 접속기록', async () => {
    const dongs = t.core.reference.list().dongs;
    const a = addPerson(t.core, {
      name: '가동사람',
      email: 'a@example.net',
      fields: ['교육정보'],
      dong: dongs[0].name,
    });
    const b = addPerson(t.core, {
      name: '나동사람',
      email: 'b@example.net',
      fields: ['교육정보'],
      dong: dongs[1].name,
    });
    for (const [p, addr] of [
      [a, 'a@example.net'],
      [b, 'b@example.net'],
    ] as const) {
      const sent = addSentEmail(t.core, { subscriberId: p.id, address: addr, fieldIds: [] });
      await svc().ingest(
        postfixDsn({
          verp: verpAddress(sent.token, 'b'),
          recipient: addr,
          status: '5.1.1',
          diagnostic: '550',
        }),
      );
    }
    await svc().ingest(
      postfixDsn({ verp: null, recipient: 'stranger@example.org', status: '5.1.1', diagnostic: '550' }),
    );

    const all = (await t.core.router.call('bounces.list', {}, t.cli)) as {
      total: number;
      items: { id: number }[];
    };
    expect(all.total).toBe(3);

    // a dong user: only their dong's people, never the unmatched
    await t.core.router.call(
      'users.create',
      {
        username: 'dong1',
        password: 'abcd1234!',
        displayName: '가동',
        role: 'dong',
        dongId: dongs[0].id,
        mustChangePassword: false,
      },
      t.cli,
    );
    const s = sessionCtx();
    await t.core.router.call('auth.login', { username: 'dong1', password: 'abcd1234!' }, s);
    const mine = (await t.core.router.call('bounces.list', {}, s)) as {
      total: number;
      items: { subscriberName: string; id: number }[];
    };
    expect(mine.items.map((i) => i.subscriberName)).toEqual(['가동사람']);
    const other = all.items.find((i) => !mine.items.some((m) => m.id === i.id))!;
    await expect(t.core.router.call('bounces.resolve', { id: other.id }, s)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    const done = (await t.core.router.call(
      'bounces.resolve',
      { id: mine.items[0].id, note: '전화로 새 주소 받음' },
      s,
    )) as {
      resolvedAt: string | null;
      resolvedNote: string;
    };
    expect(done.resolvedAt).not.toBeNull();
    expect(done.resolvedNote).toBe('전화로 새 주소 받음');
    expect(((await t.core.router.call('bounces.list', {}, s)) as { total: number }).total).toBe(0);

    const audit = t.core.sqlite
      .prepare(
        "SELECT action, target_type AS targetType, subject_count AS n FROM audit_log WHERE target_type = 'bounce'",
      )
      .all();
    expect(audit).toContainEqual({ action: 'view', targetType: 'bounce', n: 1 });
    expect(audit).toContainEqual({ action: 'edit', targetType: 'bounce', n: 1 });
  });

  it('비밀번호는 데이터베이스가 아니라 0600 파일에', async () => {
    await t.core.router.call('bounces.setPassword', { password: 'imap-secret-1' }, t.cli);
    const file = path.join(t.dir, 'sotong.secrets');
    expect((fs.statSync(file).mode & 0o777).toString(8)).toBe('600');
    const dbBytes = fs.readFileSync(t.dbPath);
    expect(dbBytes.includes(Buffer.from('imap-secret-1'))).toBe(false);
    const st = (await t.core.router.call('bounces.status', {}, t.cli)) as {
      passwordSet: boolean;
      configured: boolean;
    };
    expect(st).toMatchObject({ passwordSet: true, configured: false });
    await expect(t.core.router.call('bounces.poll', {}, t.cli)).rejects.toMatchObject({ code: 'VALIDATION' });
  });
});
