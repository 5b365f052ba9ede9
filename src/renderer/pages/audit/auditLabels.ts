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
