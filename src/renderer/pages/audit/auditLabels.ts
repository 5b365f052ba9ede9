import { AUDIT_ACTIONS } from '../../../shared/contract/audit';
import { ROLE_LABELS, type Role } from '../../../shared/contract';

export const ACTION_OPTIONS = Object.entries(AUDIT_ACTIONS).map(([value, label]) => ({ value, label }));

export function actionLabel(action: string): string {
  return (AUDIT_ACTIONS as Record<string, string>)[action] ?? action;
}

export function roleLabel(role: string | null): string {
  return role ? (ROLE_LABELS[role as Role] ?? role) : '';
}

const ORIGINS: Record<string, string> = { ipc: '프로그램', web: '웹 화면', cli: '명령줄' };
export function originLabel(origin: string): string {
  return ORIGINS[origin] ?? origin;
}

const TARGETS: Record<string, string> = {
  user: '사용자',
  channel: '요청',
  dong: '행정동',
  field: '분야',
  business_type: '업종',
  station: '접수처',
  subscriber: '구독자',
};
export function targetLabel(type: string | null): string {
  return type ? (TARGETS[type] ?? type) : '';
}

const DETAIL_KEYS: Record<string, string> = {
  file: '파일',
  fileName: '파일',
  station: '접수처',
  wardName: '구 이름',
  username: '아이디',
  role: '권한',
  dongId: '동',
  keys: '항목',
  from: '변경 전',
  to: '변경 후',
  total: '건수',
  formRef: '신청서 번호',
  reason: '사유',
};

function detailValue(key: string, v: unknown, dongName: (id: number | null) => string): string {
  if (v === null || v === undefined) return '없음';
  if (key === 'role' && typeof v === 'string') return roleLabel(v);
  if (key === 'dongId' && typeof v === 'number') return dongName(v);
  if (Array.isArray(v))
    return v.map((x) => (typeof x === 'object' ? JSON.stringify(x) : String(x))).join(', ');
  if (typeof v === 'object') return `{${describeDetail(JSON.stringify(v), dongName)}}`;
  return String(v);
}

/** '{"file":"…","role":"dong"}' → '파일: … · 권한: 주민센터'; anything else is shown as it is. */
export function describeDetail(detail: string | null, dongName: (id: number | null) => string): string {
  if (!detail) return '';
  let parsed: unknown;
  try {
    parsed = JSON.parse(detail);
  } catch {
    return detail;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return detail;
  return Object.entries(parsed)
    .map(([k, v]) => `${DETAIL_KEYS[k] ?? k}: ${detailValue(k, v, dongName)}`)
    .join(' · ');
}
