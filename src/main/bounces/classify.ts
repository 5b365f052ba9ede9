// One mail from the bounce mailbox → what it is: a hard or soft bounce (with the failed
// recipients), a complaint (ARF feedback report, Hotmail JMRP, Apple Mail unsubscribe, SES
// complaint), or something else that must be left alone (auto-replies, people writing in).
import { simpleParser } from 'mailparser';
import {
  addressOf,
  cleanDiagnostic,
  dedupe,
  type FailedRecipient,
  kindOf,
  parseDeliveryStatus,
  parseFeedbackReport,
} from './dsn';
import { header, type MimePart, parseHeaderBlock, parseMime, partText, walk } from './mime';
import { parsePlainBounce } from './plain';
import { findVerpTokens, TOKEN_RE } from './verp';

export type Classification = 'hard' | 'soft' | 'complaint' | 'not-a-bounce';

export interface BounceReport {
  classification: Classification;
  /** failed recipients (bounces only) */
  recipients: FailedRecipient[];
  /** complaints: who complained, and the report's feedback type */
  complaint: { email: string | null; feedbackType: string } | null;
  /**
   * Outbox tokens the report carries: VERP (bounce+<token>@…), the DSN's Original-Envelope-Id
   * (ENVID) and the returned headers' X-Sotong-Token
   */
  verpTokens: string[];
  /** Message-ID of the returned original, when it came back */
  originalMessageId: string | null;
  /** the report's own Message-ID (dedupe key) */
  messageId: string | null;
  subject: string;
  from: string;
  date: Date | null;
  /** how it was read */
  format: 'rfc3464' | 'text-dsn' | 'text' | 'arf' | 'jmrp' | 'apple-unsubscribe' | 'ses' | null;
}

const DAEMON_LOCAL = /^(mailer-?daemon|postmaster|poostmaster|mail-?daemon|mdaemon|double-bounce|bounces?)$/i;
const DAEMON_NAME = /mail delivery|mailer.?daemon|postmaster/i;
const BOUNCE_SUBJECT =
  /undeliver|returned mail|delivery status notification|delivery notification|failure notice|delivery fail|mail delivery|could not be delivered|non.?delivery|delayed mail|could not send message|mail failed|bounce notification|returning message to sender/i;
const FORWARDED = /^\s*(re|fwd?|aw|wg|tr)\s*:/i;

function isDaemonish(fromAddr: string | null, fromName: string, subject: string): boolean {
  if (FORWARDED.test(subject)) return false;
  const local = fromAddr?.split('@')[0] ?? '';
  return DAEMON_LOCAL.test(local) || DAEMON_NAME.test(fromName) || BOUNCE_SUBJECT.test(subject);
}

function overall(recipients: FailedRecipient[]): Classification {
  if (recipients.length === 0) return 'not-a-bounce';
  return recipients.some((r) => r.kind === 'hard') ? 'hard' : 'soft';
}

/** Headers of the returned original (message/rfc822 or text/rfc822-headers), if any came back. */
function originalHeaders(root: MimePart): Map<string, string[]> | null {
  for (const p of walk(root, true)) {
    if (p === root) continue;
    if ((p.type === 'message/rfc822' || p.type === 'message/global') && p.parts[0]) return p.parts[0].headers;
    if (p.type === 'text/rfc822-headers' || p.type === 'message/rfc822-headers')
      return parseHeaderBlock(partText(p));
  }
  return null;
}

function sesNotification(text: string): { type: string; body: Record<string, unknown> } | null {
  const cleaned = text.replace(/!\r?\n /g, '').trim();
  const start = cleaned.indexOf('{');
  if (start < 0) return null;
  const end = cleaned.lastIndexOf('}');
  try {
    let obj = JSON.parse(cleaned.slice(start, end + 1)) as Record<string, unknown>;
    if (typeof obj.Message === 'string') obj = JSON.parse(obj.Message); // wrapped by SNS
    const type = obj.notificationType ?? obj.eventType;
    return typeof type === 'string' ? { type, body: obj } : null;
  } catch {
    return null;
  }
}

function fromSes(n: { type: string; body: Record<string, unknown> }): Partial<BounceReport> {
  if (n.type === 'Bounce') {
    const b = n.body.bounce as {
      bounceType?: string;
      bouncedRecipients?: {
        emailAddress?: string;
        action?: string;
        status?: string;
        diagnosticCode?: string;
      }[];
    };
    const permanent = b?.bounceType === 'Permanent';
    const recipients = (b?.bouncedRecipients ?? []).flatMap((r): FailedRecipient[] => {
      const email = addressOf(r.emailAddress);
      if (!email) return [];
      const status = r.status ?? null;
      return [
        {
          email,
          finalRecipient: email,
          action: r.action ?? 'failed',
          status,
          // SES says Permanent / Transient itself; its verdict wins over a missing status
          kind: status ? kindOf(status, null, '') : permanent ? 'hard' : 'soft',
          diagnostic: r.diagnosticCode ? cleanDiagnostic(r.diagnosticCode) : null,
        },
      ];
    });
    return { recipients, classification: overall(recipients), format: 'ses' };
  }
  if (n.type === 'Complaint') {
    const c = n.body.complaint as {
      complainedRecipients?: { emailAddress?: string }[];
      complaintFeedbackType?: string;
    };
    return {
      classification: 'complaint',
      complaint: {
        email: addressOf(c?.complainedRecipients?.[0]?.emailAddress),
        feedbackType: c?.complaintFeedbackType ?? 'abuse',
      },
      format: 'ses',
    };
  }
  return { classification: 'not-a-bounce', format: 'ses' };
}

function addTokens(report: BounceReport, candidates: (string | null | undefined)[]): void {
  for (const c of candidates) {
    const t = c?.trim();
    if (t && TOKEN_RE.test(t) && !report.verpTokens.includes(t)) report.verpTokens.push(t);
  }
}

/**
 * A bounce that names nobody ("Delivery report unavailable") but returned the original: our mails
 * have one recipient each, so its To is the failed address.
 */
function fromReturnedTo(orig: Map<string, string[]> | null, notice: string): FailedRecipient[] {
  const to = orig?.get('to')?.[0] ?? '';
  if (to.split(',').length !== 1) return [];
  const email = addressOf(to);
  if (!email) return [];
  return [
    {
      email,
      finalRecipient: email,
      action: 'failed',
      status: null,
      kind: kindOf(null, null, notice),
      diagnostic: null,
    },
  ];
}

/** Classifies one raw message. Never throws: a mail it cannot read is 'not-a-bounce'. */
export async function classifyMessage(raw: Buffer): Promise<BounceReport> {
  let root: MimePart;
  try {
    root = parseMime(raw);
  } catch {
    root = { headers: new Map(), type: 'text/plain', params: {}, body: raw, parts: [] };
  }
  let subject = header(root, 'subject') ?? '';
  let fromAddr = addressOf(header(root, 'from'));
  let fromName = header(root, 'from') ?? '';
  let date: Date | null = null;
  let messageId = header(root, 'message-id');
  try {
    const m = await simpleParser(raw, { skipHtmlToText: true, skipTextToHtml: true, skipImageLinks: true });
    subject = m.subject ?? subject;
    fromAddr = addressOf(m.from?.value?.[0]?.address) ?? fromAddr;
    fromName = m.from?.value?.[0]?.name || fromName;
    date = m.date && !Number.isNaN(m.date.getTime()) ? m.date : null;
    messageId = m.messageId ?? messageId;
  } catch {}

  const orig = originalHeaders(root);
  const report: BounceReport = {
    classification: 'not-a-bounce',
    recipients: [],
    complaint: null,
    verpTokens: findVerpTokens(raw.toString('latin1')),
    originalMessageId: orig?.get('message-id')?.[0]?.trim() ?? null,
    messageId,
    subject,
    from: fromAddr ?? '',
    date,
    format: null,
  };
  addTokens(report, [orig?.get('x-sotong-token')?.[0]]);
  const parts = walk(root);

  // RFC 5965 feedback report: a complaint, not a bounce
  const feedback = parts.find((p) => p.type === 'message/feedback-report');
  if (feedback) {
    const f = parseFeedbackReport(partText(feedback));
    const to = addressOf(orig?.get('to')?.[0]);
    report.classification = 'complaint';
    report.complaint = { email: f.recipient ?? to, feedbackType: f.feedbackType };
    report.format = 'arf';
    return report;
  }

  // RFC 3464 delivery-status parts, wherever they sit (OpenSMTPD puts them in multipart/mixed)
  const statusParts = parts.filter((p) => /^message\/(global-)?delivery-status$/.test(p.type));
  if (statusParts.length > 0) {
    const parsed = statusParts.map((p) => parseDeliveryStatus(partText(p)));
    addTokens(
      report,
      parsed.map((p) => p.envelopeId),
    );
    const recipients = dedupe(parsed.flatMap((p) => p.recipients));
    if (recipients.length > 0) {
      report.recipients = recipients;
      report.classification = overall(recipients);
      report.format = 'rfc3464';
      return report;
    }
    // a success notice (delivered, or an address verification: "deliverable")
    if (parsed.some((p) => p.successes > 0)) return report;
  }

  const texts = parts.filter((p) => p.type === 'text/plain' && p.parts.length === 0).map(partText);
  const body = texts.join('\n\n');

  // Hotmail JMRP: the complained-about message with X-HmXmrOriginalRecipient
  const hm = orig?.get('x-hmxmroriginalrecipient')?.[0];
  if (hm) {
    report.classification = 'complaint';
    report.complaint = { email: addressOf(hm), feedbackType: 'abuse' };
    report.format = 'jmrp';
    return report;
  }
  // Apple Mail's "unsubscribe" button mails the List-Unsubscribe mailto address
  if (/^true$/i.test(header(root, 'x-apple-unsubscribe') ?? '')) {
    report.classification = 'complaint';
    report.complaint = { email: fromAddr, feedbackType: 'unsubscribe' };
    report.format = 'apple-unsubscribe';
    return report;
  }
  // Amazon SES notifications relayed by SNS
  if (/amazonses|amazonaws/i.test(fromAddr ?? '') || /^\s*\{/.test(body)) {
    const n = sesNotification(body);
    if (n) return { ...report, ...fromSes(n) };
  }

  if (!isDaemonish(fromAddr, fromName, subject)) return report;

  // A DSN pasted into text (a relay's admin wrapper around the real report)
  if (/^final-recipient\s*:/im.test(body)) {
    const recipients = parseDeliveryStatus(body).recipients;
    if (recipients.length > 0) {
      report.recipients = recipients;
      report.classification = overall(recipients);
      report.format = 'text-dsn';
      return report;
    }
  }

  const exclude = new Set<string>();
  for (const h of ['from', 'to', 'return-path', 'delivered-to', 'x-original-to', 'reply-to', 'sender'])
    for (const v of root.headers.get(h) ?? []) {
      const a = addressOf(v);
      if (a) exclude.add(a);
    }
  let recipients = parsePlainBounce(body || partText(root), exclude);
  if (recipients.length === 0) recipients = fromReturnedTo(orig, body);
  if (recipients.length > 0) {
    report.recipients = recipients;
    report.classification = overall(recipients);
    report.format = 'text';
  }
  return report;
}
