// Bounces written as prose (Gmail, OpenSMTPD, old Postfix, qmail/smail, Exchange text): find the
// failed addresses on the lines that name them and the SMTP code next to them.
import {
  addressOf,
  cleanDiagnostic,
  dedupe,
  enhancedCode,
  type FailedRecipient,
  kindOf,
  replyCode,
} from './dsn';

const ADDR = String.raw`[A-Za-z0-9.!#$%&'*+/=?^_\x60{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9-]+)+`;

/** Where the returned original starts: everything below it is the recipient's old mail, not the report. */
const ORIGINAL_MARKERS = [
  /^-+\s*original message\s*-+/im,
  /^-+\s*this is a copy of the message/im,
  /^-+\s*below (?:this line )?is a copy of the message/im,
  /^original message headers:/im,
  /^\|-+\s*message text follows/im,
  /^bounced e-mail:/im,
  /^-+\s*(?:the )?(?:original|returned) message/im,
  /^-+\s*undelivered message/im,
];

export function noticeOnly(text: string): string {
  let end = text.length;
  for (const re of ORIGINAL_MARKERS) {
    const m = re.exec(text);
    if (m && m.index < end) end = m.index;
  }
  return text.slice(0, end);
}

interface Hit {
  email: string;
  at: number;
  /** the rest of the line and its indented continuation: where the reason usually is */
  context: string;
}

/** Lines that name a failed recipient, in the shapes the fixtures and common MTAs use. */
const LINE_SHAPES: RegExp[] = [
  // qmail / Postfix: "<addr>: host … said: 550 …", OpenSMTPD: "addr: 550 5.1.1 …"
  new RegExp(String.raw`^[ \t]*<?(${ADDR})>?:[ \t]+(.*)$`, 'gm'),
  // an address alone on its line (Gmail, Exim, Exchange "addr<mailto:addr>"), maybe with "... reason"
  new RegExp(String.raw`^[ \t]*<?(${ADDR})>?(?:<mailto:[^>]*>)?[ \t]*(?:\.\.\.[ \t]*(.*))?$`, 'gm'),
  // "Did not reach the following recipient: addr", "target mail address: addr", "mailbox is full: <addr>"
  new RegExp(
    String.raw`(?:recipients?|address|mailbox is full|unknown user)[^:\n]{0,30}:[ \t]*<?(${ADDR})>?(.*)$`,
    'gim',
  ),
  // an SMTP transcript
  new RegExp(String.raw`RCPT TO:[ \t]*<(${ADDR})>(.*)$`, 'gim'),
];

function continuation(text: string, from: number): string {
  const rest = text.slice(from);
  const m = /^(?:\r?\n[ \t]+\S[^\n]*)*/.exec(rest);
  return m ? m[0] : '';
}

function hits(notice: string, exclude: Set<string>): Hit[] {
  const out: Hit[] = [];
  for (const re of LINE_SHAPES) {
    for (const m of notice.matchAll(re)) {
      const email = addressOf(m[1]);
      if (!email || exclude.has(email)) continue;
      const lineStart = notice.lastIndexOf('\n', m.index) + 1;
      const lineEnd = notice.indexOf('\n', m.index);
      const line = notice.slice(lineStart, lineEnd < 0 ? undefined : lineEnd);
      if (/contact|please send mail to|postmaster@|support@|from:|sender/i.test(line)) continue;
      const end = (m.index ?? 0) + m[0].length;
      out.push({ email, at: m.index ?? 0, context: `${m[2] ?? ''}${continuation(notice, end)}` });
    }
  }
  return out.sort((a, b) => a.at - b.at);
}

/** The report's own reason lines: the SMTP reply quoted after the recipient or anywhere in the notice. */
function codeNear(context: string, notice: string): { status: string | null; reply: string | null } {
  const status = enhancedCode(context, true) ?? enhancedCode(notice, true);
  const reply = replyCode(context) ?? replyCode(notice);
  return { status, reply };
}

function diagnosticOf(context: string, notice: string): string | null {
  const fromContext = context.replace(/\s+/g, ' ').trim();
  if (fromContext.length > 3) return cleanDiagnostic(fromContext);
  const said =
    /(?:server returned was:|said:|reason:|reject reason:|technical details[^:]*:)\s*([\s\S]{3,300}?)(?:\n\s*\n|$)/i.exec(
      notice,
    );
  return said ? cleanDiagnostic(said[1]) : null;
}

/** Failed recipients of a prose bounce; empty when nothing in it names one. */
export function parsePlainBounce(text: string, exclude: Set<string>): FailedRecipient[] {
  const notice = noticeOnly(text);
  const found: FailedRecipient[] = [];
  for (const h of hits(notice, exclude)) {
    const { status, reply } = codeNear(h.context, notice);
    const wording = `${h.context}\n${notice}`;
    const kind = kindOf(status ?? (reply ? `${reply[0]}.0.0` : null), null, wording);
    found.push({
      email: h.email,
      finalRecipient: h.email,
      action: 'failed',
      status: status ?? (reply ? `${reply[0]}.0.0` : null),
      kind,
      diagnostic: diagnosticOf(h.context, notice),
    });
  }
  return dedupe(found);
}
