import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelOutput } from '../../../src/shared/contract';
import { makeTestCore, type TestCore } from '../../support/core';
import { count, fieldIdOf, form, loginAs } from './helpers';

let t: TestCore;
beforeEach(async () => {
  t = await makeTestCore();
});
afterEach(() => t.cleanup());

type Saved = ChannelOutput<'intake.save'>;
const save = async (input: unknown, ctx = t.cli) =>
  (await t.core.router.call('intake.save', input, ctx)) as Saved;
const snapshot = () =>
  ['subscribers', 'consent_events', 'consent_state', 'intake_forms'].map((x) => count(t.core, x));

describe('paper-form intake (접수)', () => {
  it('creates the person, writes paper consent events with form ref, station and user, and records the form', async () => {
    const pr = await loginAs(t, 'pr1', 'pr');
    const { formRef } = (await t.core.router.call('intake.nextRef', {}, pr)) as { formRef: string };
    expect(formRef).toBe('HQ-2026-000001');
    const r = await save(
      form(t.core, {
        formRef,
        sms: ['culture', 'health'],
        emailFields: ['survey'],
        email: 'hong@example.com',
      }),
      pr,
    );
    expect(r).toMatchObject({ created: true, formRef, granted: 3, withdrawn: 0, lifted: [] });

    const page = (await t.core.router.call(
      'subscribers.get',
      { id: r.subscriberId },
      pr,
    )) as ChannelOutput<'subscribers.get'>;
    expect(page.subscriber).toMatchObject({
      name: '홍길동',
      mobile: '010-1234-5678',
      dongName: '마장동',
      version: 1,
    });
    expect(page.history).toHaveLength(3);
    for (const e of page.history)
      expect(e).toMatchObject({
        action: 'granted',
        source: 'paper',
        formRef,
        stationName: '성동구청 공보담당관',
        userName: 'pr1 주무관',
      });
    expect(page.forms).toEqual([
      expect.objectContaining({
        formRef,
        kind: 'new',
        stationName: '성동구청 공보담당관',
        userName: 'pr1 주무관',
      }),
    ]);
    expect(page.consent.filter((c) => c.granted)).toHaveLength(3);

    // The pre-filled number was used: the next one moves on, and today's counter counts the form.
    expect(((await t.core.router.call('intake.nextRef', {}, pr)) as { formRef: string }).formRef).toBe(
      'HQ-2026-000002',
    );
    expect(((await t.core.router.call('intake.today', {}, pr)) as { count: number }).count).toBe(1);
    t.clock.t += 24 * 3_600_000;
    expect(((await t.core.router.call('intake.today', {}, t.cli)) as { count: number }).count).toBe(0);
  });

  it('refuses a form reference already used, in Korean, and writes nothing', async () => {
    await save(form(t.core, { formRef: 'HQ-2026-000007' }));
    const before = snapshot();
    const r = await t.core.router.dispatch(
      'intake.save',
      form(t.core, { name: '김영희', mobile: '010-2222-3333', formRef: 'HQ-2026-000007' }),
      t.cli,
    );
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('CONFLICT');
      expect(r.error.message).toMatch(/접수번호 HQ-2026-000007.*이미/);
    }
    expect(snapshot()).toEqual(before);
  });

  it('a known phone or e-mail: matchContact offers the person, saving needs updateSubscriberId, then updates', async () => {
    const first = await save(form(t.core, { sms: ['culture', 'health'] }));
    const again = form(t.core, {
      name: '홍길동',
      mobile: '01012345678',
      sms: ['culture', 'library'],
      signedAt: '2026-03-02',
    });
    const refused = await t.core.router.dispatch('intake.save', again, t.cli);
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

    const { matches } = (await t.core.router.call(
      'subscribers.matchContact',
      { mobile: '010 1234 5678' },
      t.cli,
    )) as ChannelOutput<'subscribers.matchContact'>;
    expect(matches).toEqual([
      expect.objectContaining({
        id: first.subscriberId,
        name: '홍길동',
        dongName: '마장동',
        mobile: '010-****-5678',
        matchedOn: ['mobile'],
        editable: true,
      }),
    ]);

    const r = await save({ ...again, updateSubscriberId: first.subscriberId });
    expect(r).toMatchObject({ created: false, subscriberId: first.subscriberId, granted: 2, withdrawn: 1 });
    const page = (await t.core.router.call(
      'subscribers.get',
      { id: first.subscriberId },
      t.cli,
    )) as ChannelOutput<'subscribers.get'>;
    expect(page.subscriber.version).toBe(2);
    const state = Object.fromEntries(page.consent.map((c) => [c.fieldId, c.granted]));
    expect(state).toEqual({
      [fieldIdOf(t.core, 'culture')]: true,
      [fieldIdOf(t.core, 'health')]: false,
      [fieldIdOf(t.core, 'library')]: true,
    });
    expect(page.history.map((e) => e.action).sort()).toEqual([
      'granted',
      'granted',
      'granted',
      'reconfirmed',
      'withdrawn',
    ]);
    expect(page.forms.map((f) => f.kind).sort()).toEqual(['new', 'update']);
  });

  it('a suppressed contact is lifted only by a form with a reference, for the ticked fields, and audited', async () => {
    const repo = t.core.subscriberRepo;
    repo.addSuppression('sms', '01055556666', null, 'optout');
    const input = form(t.core, { name: '박수신', mobile: '010-5555-6666', sms: ['culture'] });
    const before = snapshot();
    const noRef = await t.core.router.dispatch('intake.save', input, t.cli);
    expect(noRef).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    if (!noRef.ok) expect(noRef.error.message).toMatch(/수신거부/);
    expect(snapshot()).toEqual(before);
    expect(repo.isSuppressed('sms', '01055556666', fieldIdOf(t.core, 'culture'))).toBe(true);

    const r = await save({ ...input, formRef: 'HQ-2026-000100' });
    expect(r.lifted).toEqual([{ channel: 'sms', fieldIds: [fieldIdOf(t.core, 'culture')] }]);
    expect(repo.isSuppressed('sms', '01055556666', fieldIdOf(t.core, 'culture'))).toBe(false);
    // The other fields stay suppressed: only what the new form ticks is lifted.
    expect(repo.isSuppressed('sms', '01055556666', fieldIdOf(t.core, 'health'))).toBe(true);
    const audits = t.core.audit.list({ action: 'edit', page: 1, pageSize: 10 }).items;
    expect(audits).toEqual([
      expect.objectContaining({
        targetType: 'subscriber',
        targetId: r.subscriberId,
        detail: expect.stringContaining('suppressionLifted'),
      }),
    ]);
  });

  it('checks contacts: SMS needs a 010 mobile, typo domains need confirming, no resident number anywhere', async () => {
    const landline = await t.core.router.dispatch(
      'intake.save',
      form(t.core, { mobile: '02-2286-5114' }),
      t.cli,
    );
    expect(landline).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    if (!landline.ok) expect(landline.error.message).toMatch(/010/);

    const typo = form(t.core, { mobile: null, email: 'hong@naver.con', sms: [], emailFields: ['culture'] });
    const r1 = await t.core.router.dispatch('intake.save', typo, t.cli);
    expect(r1).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', fields: { email: expect.stringContaining('hong@naver.com') } },
    });
    const r2 = await save({ ...typo, emailConfirmed: true });
    const page = (await t.core.router.call(
      'subscribers.get',
      { id: r2.subscriberId },
      t.cli,
    )) as ChannelOutput<'subscribers.get'>;
    expect(page.subscriber.email).toBe('hong@naver.con'); // never silently corrected
    expect(page.warnings.join()).toMatch(/naver\.com/);

    const old = await save(
      form(t.core, {
        name: '옛번호',
        mobile: '011-234-5678',
        email: 'old@example.com',
        sms: [],
        emailFields: ['culture'],
      }),
    );
    expect(old.warnings.join()).toMatch(/011/);

    const rrn = await t.core.router.dispatch(
      'intake.save',
      form(t.core, { name: '이주민', mobile: '010-9999-0000', note: '800101-1234567' }),
      t.cli,
    );
    expect(rrn).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', fields: { note: expect.stringContaining('주민등록번호') } },
    });
    const nothing = await t.core.router.dispatch(
      'intake.save',
      form(t.core, { mobile: null, email: null }),
      t.cli,
    );
    expect(nothing).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('a dong user takes forms for their own dong only', async () => {
    const dongId = form(t.core).dongId as number;
    const other = t.core.reference.list().dongs.find((d) => d.id !== dongId)!.id;
    const dong = await loginAs(t, 'majang', 'dong', dongId);
    const ok = await save(form(t.core), dong);
    expect(ok.created).toBe(true);
    const refused = await t.core.router.dispatch(
      'intake.save',
      form(t.core, { name: '남의동', mobile: '010-3333-4444', dongId: other }),
      dong,
    );
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(t.core.audit.list({ action: 'forbidden', page: 1, pageSize: 10 }).total).toBe(1);
  });
});
