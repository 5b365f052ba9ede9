// Request/response plumbing for the public listener: size-limited bodies, raw query bytes
// (Kannel sends UTF-16BE percent-escapes), and the security headers every answer carries.
import type http from 'node:http';

export const MAX_BODY = 16 * 1024;

export class BodyTooLarge extends Error {}

/** Reads at most `limit` bytes; more ends the request with 413 (thrown as BodyTooLarge). */
export function readBody(req: http.IncomingMessage, limit = MAX_BODY): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      reject(new BodyTooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new BodyTooLarge());
        req.pause();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Percent-decoding to bytes ('+' is a space), so a charset can be applied afterwards. */
export function percentBytes(s: string): Buffer {
  if (!/[%+]/.test(s)) return Buffer.from(s, 'utf8'); // tokens and numbers: nothing to decode
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch === '+') out.push(0x20);
    else if (ch === '%' && /^[0-9A-Fa-f]{2}$/.test(s.slice(i + 1, i + 3))) {
      out.push(Number.parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else out.push(...Buffer.from(ch, 'utf8'));
  }
  return Buffer.from(out);
}

/** name → raw bytes of its first value. */
export function rawQuery(search: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const pair of search.replace(/^\?/, '').split('&')) {
    if (!pair) continue;
    const i = pair.indexOf('=');
    const name = percentBytes(i < 0 ? pair : pair.slice(0, i)).toString('utf8');
    if (!out.has(name)) out.set(name, percentBytes(i < 0 ? '' : pair.slice(i + 1)));
  }
  return out;
}

export function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

/** Long base64url runs (tokens) are cut out of anything that may reach a log. */
export function redact(s: string): string {
  return s.replace(/[A-Za-z0-9_-]{16,}/g, '…');
}

export const BASE_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
  'cross-origin-resource-policy': 'same-site',
};

/** No scripts, no external anything; the one stylesheet is allowed by its hash. */
export function pageCsp(styleHash: string): string {
  return [
    "default-src 'none'",
    `style-src '${styleHash}'`,
    "img-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; ');
}

export const PLAIN_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

export function clientIp(req: http.IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const fwd = String(req.headers['x-forwarded-for'] ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    if (fwd.length > 0) return normaliseIp(fwd[fwd.length - 1]);
  }
  return normaliseIp(req.socket.remoteAddress ?? '');
}

export function normaliseIp(ip: string): string {
  return ip.startsWith('::ffff:') ? ip.slice(7) : ip;
}
