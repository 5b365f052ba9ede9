import { AppError } from '../../shared/errors';
import { normalizeEmail } from '../../shared/text/email';
import { normalizePhone } from '../../shared/text/phone';
import type { Core } from '../core/core';
import type { SubscriberRecord } from './repository';
import { seoulYear } from './time';

/** Person fields as typed on a form or the edit screen (already trimmed by the contract). */
export interface PersonFields {
  name: string;
  representative: string | null;
  businessTypeId: number | null;
  mobile: string | null;
  email: string | null;
  birthYear: number | null;
  gender: 'M' | 'F' | null;
  dongId: number | null;
  address: string | null;
  note: string | null;
  emailConfirmed: boolean;
}

export type PersonValues = Pick<
  SubscriberRecord,
  | 'kind'
  | 'name'
  | 'representative'
  | 'businessTypeId'
  | 'mobile'
  | 'phoneKind'
  | 'email'
  | 'birthYear'
  | 'gender'
  | 'dongId'
  | 'address'
  | 'note'
>;

// 주민등록번호 (YYMMDD-Gxxxxxx): the registry must never hold one, not even in a note.
const RRN = /\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\s*-?\s*[1-8]\d{6}/;

export const PHONE_WARNINGS = {
  'withdrawn-mobile':
    '011·016·017·018·019 번호는 서비스가 끝나 문자를 받을 수 없습니다. 010 번호를 여쭤 보세요.',
  landline: '일반전화는 연락처로만 저장되며 문자를 보낼 수 없습니다.',
  representative: '대표번호는 연락처로만 저장되며 문자를 보낼 수 없습니다.',
} as const;

function fail(fields: Record<string, string>): never {
  throw new AppError('VALIDATION', Object.values(fields)[0], fields);
}

/**
 * Checks and normalises what staff typed: phone to digits (withdrawn prefixes and landlines kept but
 * flagged), e-mail checked with a typo-domain suggestion that must be confirmed, never applied.
 */
export function normalizePerson(
  core: Core,
  kind: 'individual' | 'business',
  p: PersonFields,
): { values: PersonValues; warnings: string[] } {
  const errors: Record<string, string> = {};
  const warnings: string[] = [];
  for (const key of ['name', 'representative', 'address', 'note', 'mobile', 'email'] as const) {
    if (p[key] && RRN.test(p[key] as string)) errors[key] = '주민등록번호는 받지 않습니다. 지워 주세요.';
  }

  let mobile: string | null = null;
  let phoneKind: PersonValues['phoneKind'] = null;
  if (p.mobile) {
    const n = normalizePhone(p.mobile);
    if (n.kind === 'invalid') errors.mobile ??= '전화번호 형식이 올바르지 않습니다. 예: 010-1234-5678';
    mobile = n.digits;
    phoneKind = n.kind;
    if (n.kind !== 'mobile' && n.kind !== 'invalid') warnings.push(PHONE_WARNINGS[n.kind]);
  }
  let email: string | null = null;
  if (p.email) {
    const e = normalizeEmail(p.email);
    if (!e.valid) errors.email ??= '이메일 주소 형식이 올바르지 않습니다.';
    else if (e.suggestion && !p.emailConfirmed)
      errors.email ??= `혹시 ${e.suggestion} 아닌가요? 적은 주소가 맞으면 '적은 대로 저장'을 고르세요.`;
    email = e.value;
  }
  if (!mobile && !email) errors.mobile ??= '휴대전화나 이메일 중 하나는 적어야 합니다.';

  const ref = core.reference.list();
  if (p.dongId !== null && !ref.dongs.some((d) => d.id === p.dongId))
    errors.dongId = '행정동을 찾을 수 없습니다.';
  const individual = kind === 'individual';
  if (!individual) {
    if (p.businessTypeId === null) errors.businessTypeId = '업종을 고르세요.';
    else if (!ref.businessTypes.some((b) => b.id === p.businessTypeId))
      errors.businessTypeId = '업종을 찾을 수 없습니다.';
  }
  if (individual && p.birthYear !== null) {
    const year = seoulYear(core.clock.now());
    if (p.birthYear > year || p.birthYear < year - 120) errors.birthYear = '출생연도가 올바르지 않습니다.';
  }
  if (Object.keys(errors).length > 0) fail(errors);

  return {
    values: {
      kind,
      name: p.name,
      representative: individual ? null : p.representative,
      businessTypeId: individual ? null : p.businessTypeId,
      mobile,
      phoneKind,
      email,
      birthYear: individual ? p.birthYear : null,
      gender: individual ? p.gender : null,
      dongId: p.dongId,
      address: p.address,
      note: p.note,
    },
    warnings,
  };
}

/** 홍길동 → 홍*동, 김철 → 김*, for people a dong user may not open. */
export function maskName(name: string): string {
  const cs = Array.from(name);
  if (cs.length <= 1) return '*';
  if (cs.length === 2) return `${cs[0]}*`;
  return cs[0] + '*'.repeat(cs.length - 2) + cs[cs.length - 1];
}

export function maskMobile(digits: string | null): string | null {
  if (!digits) return null;
  return digits.length >= 8 ? `${digits.slice(0, 3)}-****-${digits.slice(-4)}` : '****';
}

export function maskEmail(email: string | null): string | null {
  if (!email) return null;
  const [local, domain] = email.split('@');
  return `${local.slice(0, 2)}${'*'.repeat(Math.max(1, local.length - 2))}@${domain ?? ''}`;
}
