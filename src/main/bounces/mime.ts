// A forgiving MIME walker for bounce mail. mailparser folds message/delivery-status into the text
// and drops structure; bounce parsing needs the parts themselves, and must survive broken MIME
// (missing top-level Content-Type, stray boundaries, mbox "From " lines) without throwing.
import iconv from 'iconv-lite';

export interface MimePart {
  /** lower-cased header name → unfolded values in order */
  headers: Map<string, string[]>;
  /** e.g. 'text/plain'; 'text/plain' when absent */
  type: string;
  params: Record<string, string>;
  /** body after transfer decoding */
  body: Buffer;
  /** children of multipart/* and the one child of message/rfc822 */
  parts: MimePart[];
}

const MAX_DEPTH = 8;

export function header(p: MimePart, name: string): string | null {
  return p.headers.get(name.toLowerCase())?.[0] ?? null;
}

export function parseHeaderBlock(text: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let name: string | null = null;
  let value = '';
  const flush = () => {
    if (name === null) return;
    const list = out.get(name) ?? [];
    list.push(value.trim());
    out.set(name, list);
  };
  for (const line of text.split(/\r?\n/)) {
    if (/^[ \t]/.test(line) && name !== null) {
      value += ` ${line.trim()}`;
      continue;
    }
    const m = /^([!-9;-~]+)[ \t]*:(.*)$/.exec(line);
    if (!m) continue; // "From " mbox separators, garbage
    flush();
    name = m[1].toLowerCase();
    value = m[2];
  }
  flush();
  return out;
}

export function parseContentType(v: string | null): { type: string; params: Record<string, string> } {
  if (!v) return { type: 'text/plain', params: {} };
  const [head, ...rest] = splitParams(v);
  const params: Record<string, string> = {};
  for (const p of rest) {
    const i = p.indexOf('=');
    if (i <= 0) continue;
    let val = p.slice(i + 1).trim();
    if (val.startsWith('"')) val = val.slice(1, val.endsWith('"') ? -1 : undefined).replace(/\\(.)/g, '$1');
    params[p.slice(0, i).trim().toLowerCase()] = val;
  }
  const type = head.trim().toLowerCase() || 'text/plain';
  return { type: type.includes('/') ? type : 'text/plain', params };
}

function splitParams(v: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (const ch of v) {
    if (ch === '"') quoted = !quoted;
    if (ch === ';' && !quoted) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

function decodeQuotedPrintable(s: string): Buffer {
  const text = s.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x3d && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) {
      bytes.push(Number.parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (c < 256) bytes.push(c);
    else bytes.push(...Buffer.from(text[i], 'utf8'));
  }
  return Buffer.from(bytes);
}

function transferDecode(body: Buffer, encoding: string | null): Buffer {
  const enc = (encoding ?? '').trim().toLowerCase();
  if (enc === 'base64') return Buffer.from(body.toString('latin1').replace(/[^A-Za-z0-9+/=]/g, ''), 'base64');
  if (enc === 'quoted-printable') return decodeQuotedPrintable(body.toString('latin1'));
  return body;
}

/** Bytes → string in the part's charset; unknown charsets fall back to UTF-8 (ASCII survives). */
export function decodeText(body: Buffer, charset: string | undefined): string {
  const cs = (charset ?? '').trim().toLowerCase();
  if (cs && cs !== 'us-ascii' && cs !== 'utf-8' && cs !== 'utf8' && iconv.encodingExists(cs)) {
    try {
      return iconv.decode(body, cs);
    } catch {}
  }
  return body.toString('utf8');
}

export function partText(p: MimePart): string {
  return decodeText(p.body, p.params.charset);
}

function splitHeadBody(raw: Buffer): { head: string; body: Buffer } {
  const s = raw.toString('latin1');
  const m = /\r?\n\r?\n/.exec(s);
  if (!m) return { head: s, body: Buffer.alloc(0) };
  return { head: s.slice(0, m.index), body: raw.subarray(m.index + m[0].length) };
}

/** A boundary named on a `--x` line that recurs, for bodies whose top-level header lost it. */
function guessBoundary(body: string): string | null {
  const seen = new Map<string, number>();
  for (const m of body.matchAll(/^--([^\s-][^\s]{4,69})[ \t]*$/gm)) {
    const b = m[1].replace(/--$/, '');
    seen.set(b, (seen.get(b) ?? 0) + 1);
    if ((seen.get(b) ?? 0) >= 2) return b;
  }
  return null;
}

function splitMultipart(body: Buffer, boundary: string): Buffer[] {
  const s = body.toString('latin1');
  const esc = boundary.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const re = new RegExp(`^--${esc}(--)?[ \\t]*\\r?$`, 'gm');
  const marks: { start: number; end: number; last: boolean }[] = [];
  for (const m of s.matchAll(re)) {
    const lineEnd = s.indexOf('\n', m.index);
    marks.push({ start: m.index ?? 0, end: lineEnd < 0 ? s.length : lineEnd + 1, last: !!m[1] });
  }
  const out: Buffer[] = [];
  for (let i = 0; i < marks.length; i++) {
    if (marks[i].last) break;
    const from = marks[i].end;
    const to = i + 1 < marks.length ? marks[i + 1].start : s.length;
    // drop the CRLF that belongs to the next boundary line
    out.push(Buffer.from(s.slice(from, to).replace(/\r?\n$/, ''), 'latin1'));
  }
  return out;
}

export function parseMime(raw: Buffer, depth = 0, defaultType = 'text/plain'): MimePart {
  const { head, body: rawBody } = splitHeadBody(raw);
  const headers = parseHeaderBlock(head);
  const ctHeader = headers.get('content-type')?.[0] ?? null;
  let { type, params } = parseContentType(ctHeader);
  if (!ctHeader) type = defaultType;
  let body = transferDecode(rawBody, headers.get('content-transfer-encoding')?.[0] ?? null);
  const part: MimePart = { headers, type, params, body, parts: [] };
  if (depth >= MAX_DEPTH) return part;

  let boundary = type.startsWith('multipart/') ? params.boundary : undefined;
  if (!ctHeader && depth === 0) {
    // sendmail without a MIME header: the parts are still there
    const guessed = guessBoundary(body.toString('latin1'));
    if (guessed) {
      boundary = guessed;
      part.type = 'multipart/mixed';
    }
  }
  if (boundary) {
    const chunks = splitMultipart(body, boundary);
    if (chunks.length > 0) {
      const childDefault = part.type === 'multipart/digest' ? 'message/rfc822' : 'text/plain';
      part.parts = chunks.map((c) => parseMime(c, depth + 1, childDefault));
      return part;
    }
    part.type = 'text/plain'; // boundary never appears: read it as text
  }
  if (type === 'message/rfc822' || type === 'message/global') {
    const lead = body.toString('latin1').search(/\S/);
    if (lead > 0) body = body.subarray(lead);
    part.body = body;
    if (body.length > 0) part.parts = [parseMime(body, depth + 1)];
  }
  return part;
}

/** Every part, depth first, not descending into returned messages unless asked. */
export function walk(p: MimePart, intoMessages = false): MimePart[] {
  const out: MimePart[] = [p];
  if (!intoMessages && (p.type === 'message/rfc822' || p.type === 'message/global')) return out;
  for (const c of p.parts) out.push(...walk(c, intoMessages));
  return out;
}
