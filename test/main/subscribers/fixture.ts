import type { Core } from '../../../src/main/core/core';
import { dongIdOf, fieldIdOf } from './helpers';

export interface FixturePerson {
  name: string;
  kind?: 'individual' | 'business';
  mobile?: string;
  phoneKind?: 'mobile' | 'withdrawn-mobile' | 'landline';
  email?: string;
  birthYear?: number;
  gender?: 'M' | 'F';
  dong: string;
  businessType?: string;
  sms?: string[];
  emailFields?: string[];
  /** fields granted then withdrawn (sms), making the person 'withdrawn' when nothing is left */
  withdrawnSms?: string[];
  createdAt: string;
}

/**
 * Six people whose numbers the statistics tests count by hand (as of 2026):
 * ages 홍길동 46 (40s), 홍길순 31 (30s), 김철수 66 (60s), 이영희 16 (<20), 박탈퇴 76 (70+, withdrawn).
 */
export const PEOPLE: FixturePerson[] = [
  {
    name: '홍길동',
    mobile: '01012345678',
    email: 'hong@example.com',
    birthYear: 1980,
    gender: 'M',
    dong: '마장동',
    sms: ['culture', 'health'],
    emailFields: ['culture'],
    createdAt: '2025-01-05T01:00:00.000Z',
  },
  {
    name: '홍길순',
    mobile: '01023456789',
    birthYear: 1995,
    gender: 'F',
    dong: '마장동',
    sms: ['culture'],
    createdAt: '2025-02-05T01:00:00.000Z',
  },
  {
    name: '김철수',
    email: 'ChulSoo@example.com',
    birthYear: 1960,
    gender: 'M',
    dong: '사근동',
    emailFields: ['health', 'survey'],
    createdAt: '2025-03-05T01:00:00.000Z',
  },
  {
    name: '이영희',
    mobile: '0112345678',
    phoneKind: 'withdrawn-mobile',
    email: 'younghee@example.kr',
    birthYear: 2010,
    gender: 'F',
    dong: '사근동',
    sms: ['culture'],
    emailFields: ['culture'],
    createdAt: '2025-04-05T01:00:00.000Z',
  },
  {
    name: '행복식당',
    kind: 'business',
    mobile: '01034567890',
    dong: '마장동',
    businessType: 'food',
    sms: ['biz-training'],
    createdAt: '2025-05-05T01:00:00.000Z',
  },
  {
    name: '박탈퇴',
    mobile: '01045678901',
    birthYear: 1950,
    gender: 'M',
    dong: '마장동',
    withdrawnSms: ['culture'],
    createdAt: '2025-06-05T01:00:00.000Z',
  },
];

/** Writes the people through the repository (so the consent-state triggers run as in production). */
export function addFixture(core: Core, people: FixturePerson[] = PEOPLE): Record<string, string> {
  const repo = core.subscriberRepo;
  const types = core.reference.list().businessTypes;
  const ids: Record<string, string> = {};
  repo.transaction(() => {
    for (const p of people) {
      const s = repo.insert({
        kind: p.kind ?? 'individual',
        name: p.name,
        representative: p.kind === 'business' ? '김사장' : null,
        businessTypeId: p.businessType ? types.find((b) => b.code === p.businessType)!.id : null,
        mobile: p.mobile ?? null,
        phoneKind: p.mobile ? (p.phoneKind ?? 'mobile') : null,
        email: p.email ?? null,
        birthYear: p.birthYear ?? null,
        gender: p.gender ?? null,
        dongId: dongIdOf(core, p.dong),
        address: null,
        note: null,
        stationId: null,
        createdBy: null,
        createdAt: p.createdAt,
      });
      ids[p.name] = s.id;
      const at = p.createdAt;
      const ev = (code: string, channel: 'sms' | 'email', action: 'granted' | 'withdrawn', when = at) => ({
        subscriberId: s.id,
        fieldId: fieldIdOf(core, code),
        channel,
        action,
        at: when,
        source: action === 'granted' ? ('paper' as const) : ('phone' as const),
        formRef: action === 'granted' ? `FX-${p.name}` : null,
      });
      repo.appendConsent([
        ...(p.sms ?? []).map((c) => ev(c, 'sms', 'granted')),
        ...(p.emailFields ?? []).map((c) => ev(c, 'email', 'granted')),
        ...(p.withdrawnSms ?? []).map((c) => ev(c, 'sms', 'granted')),
      ]);
      if (p.withdrawnSms?.length) {
        repo.appendConsent(p.withdrawnSms.map((c) => ev(c, 'sms', 'withdrawn', '2025-12-01T01:00:00.000Z')));
        repo.update(s.id, { status: 'withdrawn' });
      }
    }
  });
  return ids;
}
