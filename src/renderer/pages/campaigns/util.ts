// Small helpers shared by the campaign screens.
import type { CampaignStatus, OutboxStatus } from '../../../shared/contract/campaigns';

export const CHANNEL_NAMES = { sms: '문자', email: '이메일' } as const;

export const STATUS_COLORS: Record<CampaignStatus, string> = {
  draft: 'default',
  scheduled: 'blue',
  sending: 'processing',
  paused: 'orange',
  done: 'green',
  cancelled: 'default',
};

export const OUTBOX_COLORS: Partial<Record<OutboxStatus, string>> = {
  queued: 'default',
  sending: 'processing',
  accepted: 'blue',
  delivered: 'green',
  failed: 'red',
  bounced: 'volcano',
  skipped: 'default',
  needs_review: 'gold',
  cancelled: 'default',
};

/** Saves a base64 file the main process made (exports, reports) through the browser's download. */
export function downloadBase64(fileName: string, base64: string) {
  const bin = atob(base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes]));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function toBase64(buf: ArrayBuffer): string {
  const bytes = new Uint8Array(buf);
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

const SEOUL_HOUR = new Intl.DateTimeFormat('en-US', {
  timeZone: 'Asia/Seoul',
  hour: 'numeric',
  hourCycle: 'h23',
});

/** 21:00–08:00 in Seoul, the same rule the main process applies (정보통신망법 제50조). */
export function isNightAt(d: Date): boolean {
  const h = Number(SEOUL_HOUR.format(d));
  return h >= 21 || h < 8;
}

/** Sum of outbox counts of the given states. */
export function sumOf(counts: Record<string, number>, states: string[]): number {
  return states.reduce((a, s) => a + (counts[s] ?? 0), 0);
}
