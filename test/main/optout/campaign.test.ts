import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { campaignsOf } from '../../../src/main/campaigns/module';
import { makeTestCore, type TestCore } from '../../support/core';
import { addPeople, fieldId } from './helpers';

let t: TestCore;
beforeEach(async () => {
  t = await makeTestCore({ now: new Date('2026-03-02T10:00:00+09:00') });
});
afterEach(async () => {
  await campaignsOf(t.core).dispatcher.idle();
  t.cleanup();
});

describe('with the campaigns module', () => {
  it('a campaign launched after an opt-out skips that person (all fields or that field), not the others', async () => {
    const [all, field, other, family] = addPeople(t.core, [
      { name: '전체거부', mobile: '01011110001', sms: ['문화공연', '건강정보'] },
      { name: '분야거부', mobile: '01022220002', sms: ['문화공연', '건강정보'] },
      { name: '다른분야거부', mobile: '01033330003', sms: ['문화공연', '건강정보'] },
      { name: '가족', mobile: '01011110001', sms: ['문화공연'] },
    ]);
    t.core.optout.ingestMessages([
      { from: '010-1111-0001', text: '수신거부', receivedAt: '2026-03-01T01:00:00Z', source: 'sms-mo' },
      { from: '010-2222-0002', text: '문화공연 그만', receivedAt: '2026-03-01T01:00:00Z', source: 'sms-mo' },
      { from: '010-3333-0003', text: '건강정보 그만', receivedAt: '2026-03-01T01:00:00Z', source: 'sms-mo' },
    ]);
    const c = (await t.core.router.call(
      'campaigns.save',
      {
        name: '3월 공연 안내',
        kind: 'info',
        fieldIds: [fieldId(t.core, '문화공연')],
        channels: { sms: true, email: false },
        filters: { dongIds: [], ageBands: [], genders: [], businessTypeIds: [], kinds: [] },
        sms: { text: '{이름}님, 구민회관 공연 안내입니다.', subject: '', appendSns: false },
        email: { subject: '', html: '' },
        templateId: null,
      },
      t.cli,
    )) as { id: string };
    campaignsOf(t.core).service.launch(c.id, false, { userId: null, audit: () => {} }, { dispatch: false });
    const rows = t.core.sqlite
      .prepare('SELECT subscriber_id AS id FROM outbox WHERE campaign_id = ? AND is_test = 0')
      .all(c.id) as { id: string }[];
    expect(rows.map((r) => r.id)).toEqual([other.id]);
    expect(rows.map((r) => r.id)).not.toContain(all.id);
    expect(rows.map((r) => r.id)).not.toContain(field.id);
    expect(rows.map((r) => r.id)).not.toContain(family.id);
  });
});
