import type { OptOutStatus } from '../../../shared/contract/optout';

/** Inbox tabs, in the order staff work through them. */
export const INBOX_TABS: { status: OptOutStatus; label: string }[] = [
  { status: 'new', label: '새로 들어옴' },
  { status: 'review', label: '검토 필요' },
  { status: 'unmatched', label: '번호 없음' },
  { status: 'applied', label: '적용됨' },
  { status: 'dismissed', label: '무시함' },
];

export const CHANNEL_LABELS = { sms: '문자', email: '이메일', both: '문자·이메일' } as const;
export type OptOutChannel = keyof typeof CHANNEL_LABELS;
