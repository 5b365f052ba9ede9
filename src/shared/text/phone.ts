/**
 * Korean phone numbers (docs/messaging-kr.md, "Numbers"): normalise what residents and Excel sheets
 * give us to digits only, classify it, and format it for display. Pure module (renderer + Node).
 */

export type PhoneKind = 'mobile' | 'withdrawn-mobile' | 'landline' | 'representative' | 'invalid';

export interface NormalizedPhone {
  /** Digits only, domestic form (leading 0). For 'invalid' input: whatever digits it contained. */
  digits: string;
  kind: PhoneKind;
}

// Separators people type or paste: whitespace, - . ( ) and Unicode dashes (Word/HWP turn '-' into '–').
const SEPARATORS = /[\s\-.()\u2010-\u2015\u2212]/g;

const LANDLINE = /^(?:02|0(?:3[1-3]|4[1-4]|5[1-5]|6[1-4])|070)\d{7,8}$/;

function classify(d: string): PhoneKind {
  if (/^010\d{8}$/.test(d)) return 'mobile';
  // 011/016/017/018/019 were withdrawn in 2022–2023: flag them rather than calling them invalid.
  if (/^01[16789]\d{7,8}$/.test(d)) return 'withdrawn-mobile';
  if (LANDLINE.test(d)) return 'landline';
  if (/^1[568]\d{6}$/.test(d)) return 'representative';
  return 'invalid';
}

export function normalizePhone(raw: string): NormalizedPhone {
  // NFKC turns full-width digits/signs (０-９, ＋, －, （）) and the ideographic space into ASCII.
  let s = raw.normalize('NFKC').replace(SEPARATORS, '');

  // Country code: +82 / 0082 / 82, then drop a "(0)" trunk prefix or add the missing 0.
  const intl = /^(?:\+|00)82/.exec(s);
  if (intl) {
    s = s.slice(intl[0].length);
    if (!s.startsWith('0')) s = `0${s}`;
  } else if (s.startsWith('+')) {
    return { digits: s.replace(/\D/g, ''), kind: 'invalid' }; // foreign number
  } else if (/^82\d{8,}$/.test(s)) {
    // No domestic number starts with 8 (080 loses its 0 only as '80…'), so a leading 82 is the country code.
    s = s.slice(2);
    if (!s.startsWith('0')) s = `0${s}`;
  }

  if (!/^\d+$/.test(s)) return { digits: s.replace(/\D/g, ''), kind: 'invalid' };

  // Excel stores 010-1234-5678 as the number 1012345678: put the leading zero back (no valid domestic
  // 10-digit number starts with 1).
  if (/^1[016789]\d{8}$/.test(s)) s = `0${s}`;

  return { digits: s, kind: classify(s) };
}

/** '010-1234-5678', '02-123-4567', '031-1234-5678', '1588-1234'; any other shape is returned unchanged. */
export function formatPhone(digits: string): string {
  let m = /^(1[568]\d{2})(\d{4})$/.exec(digits);
  if (m) return `${m[1]}-${m[2]}`;
  m = /^(02)(\d{3,4})(\d{4})$/.exec(digits);
  if (m) return `${m[1]}-${m[2]}-${m[3]}`;
  m = /^(0[13-9]\d)(\d{3,4})(\d{4})$/.exec(digits);
  if (m) return `${m[1]}-${m[2]}-${m[3]}`;
  return digits;
}

/**
 * Sender (발신번호) check: 8–11 digits and a mobile, a landline with area code (or 070), or a
 * 15XX/16XX/18XX representative number of exactly 8 digits. Withdrawn mobiles are rejected.
 * The number must still be pre-registered with the provider.
 */
export function isValidSenderNumber(raw: string): boolean {
  const { digits, kind } = normalizePhone(raw);
  if (digits.length < 8 || digits.length > 11) return false;
  return kind === 'mobile' || kind === 'landline' || kind === 'representative';
}

/** Only 010 mobiles can receive SMS/LMS. */
export function smsCapable(kind: PhoneKind): boolean {
  return kind === 'mobile';
}
