// RFC 3464 delivery-status fields and RFC 5965 feedback-report fields, read leniently: real MTAs
// omit the blank line between recipients, fold lines oddly, or write "RFC822;<addr>".
import { parseHeaderBlock } from './mime';

export type BounceKind = 'hard' | 'soft';

export interface FailedRecipient {
  /** the address the message was sent to: Original-Recipient when usable, else Final-Recipient */
  email: string;
  finalRecipient: string | null;
  action: string | null;
  /** enhanced status code, e.g. 5.1.1 */
  status: string | null;
  kind: BounceKind;
  diagnostic: string | null;
}

const EMAIL = /[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9-]+)+/;

/** 'rfc822; <Kijitora@Example.jp>' → 'kijitora@example.jp' (null when not an address). */
export function addressOf(value: string | null | undefined): string | null {
  if (!value) return null;
  const v = value.replace(/^\s*[A-Za-z0-9-]+\s*;/, '');
  const m = EMAIL.exec(v);
  return m ? m[0].replace(/^[.'"]+|[.'"]+$/g, '').toLowerCase() : null;
}

/** '5.1.1', '#5.1.1', '550 5.1.1 …' → '5.1.1'; null when no enhanced code. */
export function enhancedCode(text: string | null | undefined, failuresOnly = false): string | null {
  if (!text) return null;
  const re = failuresOnly
    ? /(?:^|[^\d.])([45])\.(\d{1,3})\.(\d{1,3})(?![\d.]*\d)/
    : /(?:^|[^\d.])([245])\.(\d{1,3})\.(\d{1,3})(?![\d.]*\d)/;
  const m = re.exec(text);
  return m ? `${m[1]}.${m[2]}.${m[3]}` : null;
}

/** An SMTP reply code at the start of a reply ('550 …', '421-…', 'smtp; 550 …'). */
export function replyCode(text: string | null | undefined): string | null {
  if (!text) return null;
  const m = /(?:^|[\s;:(])([45])\d\d(?=[\s-]|$)/.exec(text);
  return m
    ? m[0]
        .trim()
        .replace(/^[;:(]/, '')
        .slice(0, 3)
    : null;
}

const TEMPORARY =
  /delay|temporar|will be retried|retrying|try again|deferr|warning message only|still being retried|not yet been delivered|mailbox (?:is )?full|quota|expired|insufficient (?:disk|storage)|over ?quota/i;
const PERMANENT = /permanent|fatal/i;

/**
 * 5.x.x hard, 4.x.x soft; without a status: Action delayed → soft; a wording that says
 * permanent → hard; temporary words (full mailbox, expired, retry) → soft; else hard.
 */
export function kindOf(status: string | null, action: string | null, text: string): BounceKind {
  const cls = status?.[0] ?? replyCode(text)?.[0] ?? null;
  if (cls === '5') return 'hard';
  if (cls === '4') return 'soft';
  if (action && /delayed/i.test(action)) return 'soft';
  if (PERMANENT.test(text)) return 'hard';
  if (TEMPORARY.test(text)) return 'soft';
  return 'hard';
}

const PER_RECIPIENT = /^(final-recipient|original-recipient|action|status)\s*:/i;

function groups(text: string): Map<string, string[]>[] {
  // Paragraphs; inside one, a per-recipient field seen twice starts the next recipient
  // (some MTAs leave out the blank line between recipients).
  const out: Map<string, string[]>[] = [];
  for (const para of text.replace(/\r\n/g, '\n').split(/\n[ \t]*\n/)) {
    let cur: string[] = [];
    let seen = new Set<string>();
    for (const line of para.split('\n')) {
      const m = PER_RECIPIENT.exec(line);
      if (m) {
        const name = m[1].toLowerCase();
        if (seen.has(name)) {
          out.push(parseHeaderBlock(cur.join('\n')));
          cur = [];
          seen = new Set();
        }
        seen.add(name);
      }
      cur.push(line);
    }
    if (cur.length) out.push(parseHeaderBlock(cur.join('\n')));
  }
  return out;
}

const first = (m: Map<string, string[]>, k: string) => m.get(k)?.[0] ?? null;

/** Per-recipient failures of a delivery-status body; delivered/relayed/expanded ones are skipped. */
export function parseDeliveryStatus(text: string): {
  recipients: FailedRecipient[];
  /** recipients the report says were delivered (or verified deliverable) */
  successes: number;
  envelopeId: string | null;
} {
  const recipients: FailedRecipient[] = [];
  let successes = 0;
  let envelopeId: string | null = null;
  for (const g of groups(text)) {
    envelopeId ??= first(g, 'original-envelope-id');
    const finalR = addressOf(first(g, 'final-recipient') ?? first(g, 'x-actual-recipient'));
    const origR = addressOf(first(g, 'original-recipient'));
    if (!finalR && !origR) continue;
    const action = first(g, 'action')?.toLowerCase().trim() ?? null;
    if (action && /^(delivered|deliverable|relayed|expanded)/.test(action)) {
      successes++;
      continue;
    }
    const diagnostic = first(g, 'diagnostic-code');
    const rawStatus = first(g, 'status');
    let status = enhancedCode(rawStatus);
    // "Status: 5.0.0" with a sharper code in the diagnostic, or no Status at all
    const diagCode = enhancedCode(diagnostic);
    if (!status || (/\.0\.0$/.test(status) && diagCode?.[0] === status[0])) status = diagCode ?? status;
    if (status?.startsWith('2')) {
      successes++;
      continue;
    }
    const kind = kindOf(status, action, `${diagnostic ?? ''} ${action ?? ''}`);
    recipients.push({
      email: origR ?? finalR!,
      finalRecipient: finalR,
      action,
      status,
      kind,
      diagnostic: diagnostic ? cleanDiagnostic(diagnostic) : null,
    });
  }
  return { recipients: dedupe(recipients), successes, envelopeId };
}

export function cleanDiagnostic(d: string): string {
  return d
    .replace(/^\s*[A-Za-z0-9-]+\s*;\s*/, '')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 500);
}

export function dedupe(list: FailedRecipient[]): FailedRecipient[] {
  const seen = new Map<string, FailedRecipient>();
  for (const r of list) {
    const had = seen.get(r.email);
    // keep the harder verdict when one address appears twice
    if (!had || (had.kind === 'soft' && r.kind === 'hard')) seen.set(r.email, r);
  }
  return [...seen.values()];
}

export interface FeedbackReport {
  feedbackType: string;
  recipient: string | null;
  originalMailFrom: string | null;
}

export function parseFeedbackReport(text: string): FeedbackReport {
  const h = parseHeaderBlock(text);
  return {
    feedbackType: (first(h, 'feedback-type') ?? 'abuse').trim().toLowerCase(),
    recipient: addressOf(first(h, 'original-rcpt-to') ?? first(h, 'removal-recipient')),
    originalMailFrom: first(h, 'original-mail-from'),
  };
}
