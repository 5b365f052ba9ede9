import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditActor } from '../../../src/main/audit/service';
import { makeTestCore, type TestCore } from '../../support/core';

let t: TestCore;
const actor: AuditActor = {
  userId: null,
  username: 'tester',
  role: 'admin',
  origin: 'cli',
  stationId: null,
  address: 'local',
};
beforeEach(async () => {
  t = await makeTestCore();
});
afterEach(() => t.cleanup());

describe('audit log', () => {
  it('chains rows and verifies an untouched log', () => {
    for (let i = 0; i < 20; i++)
      t.core.audit.append(actor, {
        action: 'view',
        targetType: 'subscriber',
        targetId: `s${i}`,
        reason: i % 2 ? '민원 확인' : null,
      });
    expect(t.core.audit.verify()).toEqual({ ok: true, checked: 20, brokenAtId: null });
  });

  it('detects an edited row', () => {
    for (let i = 0; i < 5; i++) t.core.audit.append(actor, { action: 'export', subjectCount: 100 });
    t.core.sqlite.prepare('UPDATE audit_log SET subject_count = 1 WHERE id = 3').run();
    expect(t.core.audit.verify()).toMatchObject({ ok: false, brokenAtId: 3 });
  });

  it('detects a deleted row', () => {
    for (let i = 0; i < 5; i++) t.core.audit.append(actor, { action: 'print' });
    t.core.sqlite.prepare('DELETE FROM audit_log WHERE id = 2').run();
    expect(t.core.audit.verify()).toMatchObject({ ok: false, brokenAtId: 3 });
  });

  it('keeps who, when, where, whose data and why', () => {
    t.core.audit.append(
      { ...actor, address: '10.0.0.1' },
      { action: 'export', targetType: 'subscriber', subjectCount: 42, reason: '감사 자료' },
    );
    const r = t.core.audit.list({ page: 1, pageSize: 1 }).items[0];
    expect(r).toMatchObject({
      username: 'tester',
      address: '10.0.0.1',
      action: 'export',
      subjectCount: 42,
      reason: '감사 자료',
    });
    expect(new Date(r.at).getTime()).toBe(t.clock.t);
  });
});
