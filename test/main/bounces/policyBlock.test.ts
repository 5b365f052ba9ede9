// 5.7.x mass rejection: many policy bounces at once for one campaign or domain mean the ward's
// sender is blocked — the addresses are not marked invalid, they are listed as 발신 차단 의심.
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bouncesOf, verpAddress } from '../../../src/main/bounces';
import { domainOf, isPolicyStatus, SUSPECTED_BLOCK_LABEL } from '../../../src/main/bounces/policyBlock';
import { newPublicToken } from '../../../src/main/public';
import { makeTestCore, type TestCore } from '../../support/core';
import { addPerson, fieldIdOf, postfixDsn } from './helpers';

let t: TestCore;
beforeEach(async () => {
  t = await makeTestCore();
});
afterEach(() => t.cleanup());

/** One campaign's e-mails to n people at `domain`: subscriber ids and outbox tokens. */
function campaignTo(domain: string, n: number, tag: string) {
  const campaignId = randomUUID();
  const at = t.core.clock.now().toISOString();
  t.core.sqlite
    .prepare(
      `INSERT INTO campaigns (id, name, kind, status, email_enabled, field_ids, filters, created_at, updated_at)
       VALUES (?, '4월 구정 소식', 'info', 'done', 1, ?, '{}', ?, ?)`,
    )
    .run(campaignId, JSON.stringify([fieldIdOf(t.core, '문화공연')]), at, at);
  const ins = t.core.sqlite.prepare(
    `INSERT INTO outbox (campaign_id, channel, subscriber_id, address, status, token, created_at, updated_at, sent_at)
     VALUES (?, 'email', ?, ?, 'accepted', ?, ?, ?, ?)`,
  );
  return Array.from({ length: n }, (_, i) => {
    const email = `${tag}${i}@${domain}`;
    const p = addPerson(t.core, { name: `주민${tag}${i}`, email, fields: ['문화공연'] });
    const token = newPublicToken();
    const outboxId = Number(ins.run(campaignId, p.id, email, token, at, at, at).lastInsertRowid);
    return { id: p.id, email, token, outboxId, campaignId };
  });
}

const policyDsn = (r: { email: string; token: string }, status = '5.7.1') =>
  postfixDsn({
    verp: verpAddress(r.token, 'bounce.example.go.kr'),
    recipient: r.email,
    status,
    diagnostic: `550 ${status} Message rejected due to local policy (sender IP listed on a blocklist)`,
  });

const invalid = (id: string) => !!t.core.subscriberRepo.byId(id)?.emailInvalidAt;

describe('5.7.x 한꺼번에 거부 = 발신 차단 의심', () => {
  it('상태 코드와 도메인 읽기', () => {
    expect(isPolicyStatus('5.7.1')).toBe(true);
    expect(isPolicyStatus('5.7.26')).toBe(true);
    expect(isPolicyStatus('5.1.1')).toBe(false);
    expect(isPolicyStatus('4.7.1')).toBe(false);
    expect(isPolicyStatus(null)).toBe(false);
    expect(domainOf('Kim@Naver.com')).toBe('naver.com');
  });

  it('같은 캠페인에 5.7.1이 문턱(5건)을 넘게 오면: 앞서 표시한 주소도 되돌리고, 검토 목록에', async () => {
    const rows = campaignTo('naver.com', 7, 'a');
    const svc = bouncesOf(t.core).service;
    for (const r of rows.slice(0, 4)) await svc.ingest(policyDsn(r));
    // below the threshold a 5.7.1 is judged like any hard bounce
    expect(rows.slice(0, 4).every((r) => invalid(r.id))).toBe(true);
    for (const r of rows.slice(4)) await svc.ingest(policyDsn(r));
    expect(rows.filter((r) => invalid(r.id))).toEqual([]);
    expect(t.core.sqlite.prepare('SELECT count(*) FROM bounces WHERE marked_invalid = 1').pluck().get()).toBe(
      0,
    );

    const list = svc.policy.list();
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({
      campaignId: rows[0].campaignId,
      campaignName: '4월 구정 소식',
      count: 7,
      statuses: ['5.7.1'],
    });
    expect(list[0].items.map((i) => i.email).sort()).toEqual(rows.map((r) => r.email).sort());

    // the outbox rows say why, for the results screen
    const reasons = t.core.sqlite
      .prepare(`SELECT status, reason FROM outbox WHERE campaign_id = ?`)
      .all(rows[0].campaignId) as { status: string; reason: string }[];
    expect(reasons).toHaveLength(7);
    for (const r of reasons) {
      expect(r.status).toBe('bounced');
      expect(r.reason).toContain(SUSPECTED_BLOCK_LABEL);
    }
    // lifting the marks is an edit of personal data: audited once
    const audit = t.core.sqlite
      .prepare(`SELECT reason, subject_count AS n FROM audit_log WHERE reason LIKE '발신 차단 의심%'`)
      .all() as { reason: string; n: number }[];
    expect(audit).toHaveLength(1);
    expect(audit[0].n).toBe(4);

    // the review list through the contract, audited as a read of personal data
    const out = (await t.core.router.call('bounces.suspectedBlocks', {}, t.cli)) as {
      groups: { count: number; campaignName: string | null }[];
    };
    expect(out.groups).toEqual([expect.objectContaining({ count: 7, campaignName: '4월 구정 소식' })]);
    expect(
      t.core.sqlite
        .prepare(`SELECT subject_count FROM audit_log WHERE reason = '발신 차단 의심 목록'`)
        .pluck()
        .get(),
    ).toBe(7);
  });

  it('캠페인이 달라도 같은 받는 도메인에 몰리면 그 도메인으로 묶는다', async () => {
    const svc = bouncesOf(t.core).service;
    const groups = [campaignTo('daum.net', 3, 'b'), campaignTo('daum.net', 3, 'c')];
    for (const g of groups) for (const r of g) await svc.ingest(policyDsn(r, '5.7.606'));
    const list = svc.policy.list();
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ domain: 'daum.net', campaignId: null, count: 6 });
    expect(groups.flat().some((r) => invalid(r.id))).toBe(false);
  });

  it('드문 5.7.1 한 건, 그리고 5.1.1(없는 주소)은 많아도 주소 문제로 표시', async () => {
    const svc = bouncesOf(t.core).service;
    const [one] = campaignTo('kakao.com', 1, 'd');
    await svc.ingest(policyDsn(one));
    expect(invalid(one.id)).toBe(true);
    const many = campaignTo('gmail.com', 6, 'e');
    for (const r of many)
      await svc.ingest(
        postfixDsn({
          verp: verpAddress(r.token, 'bounce.example.go.kr'),
          recipient: r.email,
          status: '5.1.1',
          diagnostic: '550 5.1.1 User unknown',
        }),
      );
    expect(many.every((r) => invalid(r.id))).toBe(true);
    expect(svc.policy.list()).toEqual([]);
  });
});
