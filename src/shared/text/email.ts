/**
 * Email address normalisation and typo-domain suggestions (docs/messaging-kr.md, "Email").
 * We never silently fix an address: `value` is what was typed (normalised), `suggestion` is separate
 * and shown to the user. Pure module (renderer + Node).
 */

/** Common typos of the domains Korean residents use → the intended domain. Spread it to extend. */
export const EMAIL_DOMAIN_TYPOS: Readonly<Record<string, string>> = Object.freeze({
  'naver.con': 'naver.com',
  'naver.co': 'naver.com',
  'naver.cm': 'naver.com',
  'nave.com': 'naver.com',
  'naer.com': 'naver.com',
  'nvaer.com': 'naver.com',
  'hanmail.com': 'hanmail.net',
  'hanmail.ne': 'hanmail.net',
  'hanmail.ner': 'hanmail.net',
  'hanmai.net': 'hanmail.net',
  'daum.com': 'daum.net',
  'daum.ne': 'daum.net',
  'daum.ner': 'daum.net',
  'kakao.co': 'kakao.com',
  'kako.com': 'kakao.com',
  'kakap.com': 'kakao.com',
  'nate.co': 'nate.com',
  'nate.con': 'nate.com',
  'gmail.co': 'gmail.com',
  'gmail.con': 'gmail.com',
  'gmail.cm': 'gmail.com',
  'gmial.com': 'gmail.com',
  'gamil.com': 'gmail.com',
  'gmai.com': 'gmail.com',
});

export interface NormalizedEmail {
  value: string;
  valid: boolean;
  suggestion?: string;
}

// RFC 5322 "atext" plus dots; non-ASCII local parts (EAI) are rejected: Korean mail hosts don't issue them.
const LOCAL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

function isValid(local: string, domain: string): boolean {
  if (local.length === 0 || local.length > 64 || !LOCAL.test(local)) return false;
  if (domain.length > 253) return false;
  const labels = domain.split('.');
  if (labels.length < 2 || !labels.every((l) => LABEL.test(l))) return false;
  return /^[a-z]{2,}$/.test(labels[labels.length - 1]);
}

export function normalizeEmail(
  raw: string,
  typos: Readonly<Record<string, string>> = EMAIL_DOMAIN_TYPOS,
): NormalizedEmail {
  const s = raw
    // Full-width ASCII from a Korean IME in full-width mode (＠, ａ, ．) → ASCII; ideographic space → space.
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    // Zero-width characters come along when addresses are pasted from web pages.
    .replace(/[\u200B-\u200D\uFEFF]/g, '')
    .trim();
  const at = s.indexOf('@');
  if (at < 0 || at !== s.lastIndexOf('@')) return { value: s, valid: false };

  const local = s.slice(0, at);
  const domain = s.slice(at + 1).toLowerCase(); // domains are case-insensitive; local parts may not be
  const value = `${local}@${domain}`;
  const result: NormalizedEmail = { value, valid: isValid(local, domain) };

  const fixed = Object.hasOwn(typos, domain) ? typos[domain] : undefined;
  if (fixed && isValid(local, fixed)) result.suggestion = `${local}@${fixed}`;
  return result;
}
