import type { Settings } from '../../shared/contract/settings';
import { fillTemplate, listPlaceholders } from '../../shared/text/smsBytes';

/** What the composer needs from a campaign. */
export interface ComposeInput {
  isAd: boolean;
  smsText: string;
  smsSubject: string;
  appendSns: boolean;
  emailSubject: string;
  emailHtml: string;
}

export const UNSUBSCRIBE_PLACEHOLDER = '수신거부링크';
export const BASE_PLACEHOLDERS = ['이름', '동'];

/** Sender shown after (광고): the configured sender name, else the ward's name. */
function senderOf(s: Settings): string {
  return s.senderName || s.wardName;
}

export function optOutLine(s: Settings): string {
  return fillTemplate(s.optOutLine, { 번호: s.optOutNumber });
}

/**
 * The full SMS template, placeholders still in: (광고)+sender for ads, the text, SNS links when
 * asked, the ward's opt-out line always, and the free 080 line for ads (정보통신망법 제50조).
 */
export function smsTemplate(c: ComposeInput, s: Settings): string {
  const parts: string[] = [];
  parts.push(c.isAd ? `(광고)${senderOf(s)}\n${c.smsText.trim()}` : c.smsText.trim());
  if (c.appendSns && s.snsLinks.length) parts.push(s.snsLinks.map((l) => `${l.name} ${l.url}`).join('\n'));
  parts.push(optOutLine(s));
  if (c.isAd) parts.push(`무료수신거부 ${s.adOptOutNumber}`);
  return parts.join('\n');
}

export function smsSubject(c: ComposeInput): string {
  return c.smsSubject.trim();
}

export function emailSubject(c: ComposeInput): string {
  const subj = c.emailSubject.trim();
  return c.isAd && !subj.startsWith('(광고)') ? `(광고) ${subj}` : subj;
}

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESC[c]);
}

/** The email's HTML: the author's body in a simple layout with the ward's footer and the unsubscribe link. */
export function emailHtmlTemplate(c: ComposeInput, s: Settings): string {
  const ad = c.isAd
    ? `<p>(광고) 보낸 곳: ${escapeHtml(senderOf(s))}${s.senderNumber ? ` · 연락처 ${escapeHtml(s.senderNumber)}` : ''}</p>`
    : '';
  return `<!doctype html>
<html lang="ko"><head><meta charset="utf-8"><title>${escapeHtml(emailSubject(c))}</title></head>
<body style="font-family: 'Malgun Gothic', 'Apple SD Gothic Neo', sans-serif; line-height: 1.6; color: #222;">
<div style="max-width: 640px; margin: 0 auto;">
${c.emailHtml}
<hr style="border: none; border-top: 1px solid #ddd; margin-top: 32px;">
<div style="font-size: 12px; color: #666;">
${ad}<p>이 메일은 ${escapeHtml(s.wardName)} 전자소통 서비스에서 수신에 동의하신 분께 보내 드립니다.</p>
<p>더 받지 않으시려면 <a href="{${UNSUBSCRIBE_PLACEHOLDER}}">수신거부</a>를 눌러 주세요.</p>
</div>
</div>
</body></html>`;
}

/** Placeholder values into HTML: values are escaped, the unsubscribe URL is an attribute value. */
export function fillHtml(template: string, values: Record<string, string>): string {
  const escaped: Record<string, string> = {};
  for (const [k, v] of Object.entries(values)) escaped[k] = escapeHtml(v);
  return fillTemplate(template, escaped);
}

/** Automatic plain-text part: block tags become line breaks, links keep their address. */
export function htmlToText(html: string): string {
  let t = html
    .replace(/<(head|style|script|title)[^>]*>[\s\S]*?<\/\1>/gi, '')
    .replace(/<a\s[^>]*href="([^"]*)"[^>]*>([\s\S]*?)<\/a>/gi, (_m, href: string, label: string) =>
      label.replace(/<[^>]+>/g, '').trim() === href ? href : `${label} (${href})`,
    )
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<li[^>]*>/gi, '\n- ')
    .replace(/<hr[^>]*>/gi, '\n----\n')
    .replace(/<\/(p|div|h[1-6]|tr|table|ul|ol|blockquote)>/gi, '\n\n')
    .replace(/<[^>]+>/g, '');
  t = t
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
  return t
    .split('\n')
    .map((l) => l.replace(/[ \t]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Placeholders the author typed that no recipient can fill. */
export function unknownPlaceholders(template: string, known: string[]): string[] {
  return listPlaceholders(template).filter((p) => !known.includes(p) && p !== UNSUBSCRIBE_PLACEHOLDER);
}

export function unsubscribeUrl(base: string, token: string): string {
  return `${base.replace(/\/+$/, '')}/u/${token}`;
}

const SEOUL_HOUR = new Intl.DateTimeFormat('en-US', {
  timeZone: 'Asia/Seoul',
  hour: 'numeric',
  hourCycle: 'h23',
});

/** 21:00–08:00 in Seoul: ad SMS is forbidden, any SMS needs explicit confirmation. */
export function isNight(d: Date): boolean {
  const h = Number(SEOUL_HOUR.format(d));
  return h >= 21 || h < 8;
}
