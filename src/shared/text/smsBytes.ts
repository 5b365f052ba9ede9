/**
 * SMS/LMS byte counting as Korean gateways see it (docs/messaging-kr.md, "Message classes and byte
 * counting"): text goes out as strict EUC-KR, so printable ASCII, LF and TAB cost 1 byte, KS X 1001
 * characters 2 bytes, and anything else (emoji, CP949-only syllables such as 똠/햏/뷁, most symbols)
 * is unsupported and must be shown to the writer before sending.
 *
 * Pure module: no Node or DOM APIs, so it runs in the renderer as well as in the main process.
 */
import { EUCKR_BITSET_BASE64 } from './euckr-table';

export const SMS_MAX_BYTES = 90;
export const LMS_MAX_BYTES = 2000;
export const LMS_SUBJECT_MAX_BYTES = 40;

export type SmsClass = 'SMS' | 'LMS' | 'TOO_LONG';

export interface ByteCount {
  bytes: number;
  /** Distinct unsupported characters (grapheme clusters, so 👍🏻 is one), in order of first appearance. */
  unsupported: string[];
  /** UTF-16 index, in the normalised text, of every unsupported character occurrence. */
  unsupportedPositions: number[];
}

export interface SmsByteCount extends ByteCount {
  class: SmsClass;
}

export interface SubjectByteCount extends ByteCount {
  tooLong: boolean;
}

/**
 * Unsupported code points are counted as 2 bytes each: whatever the writer replaces them with (a KS X
 * 1001 character or '?') costs at most that, and a CP949 gateway would send 똠 as 2 bytes — so the
 * class shown never under-estimates.
 */
const UNSUPPORTED_BYTES = 2;

let bitset: Uint8Array | undefined;

function decodeBase64(b64: string): Uint8Array {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const clean = b64.replace(/=+$/, '');
  const out = new Uint8Array(Math.floor((clean.length * 6) / 8));
  let acc = 0;
  let nbits = 0;
  let o = 0;
  for (let i = 0; i < clean.length; i++) {
    acc = (acc << 6) | alphabet.indexOf(clean[i]);
    nbits += 6;
    if (nbits >= 8) {
      nbits -= 8;
      out[o++] = (acc >> nbits) & 0xff;
    }
  }
  return out;
}

/** True when strict EUC-KR encodes this code point as two bytes in 0xA1–0xFE (KS X 1001). */
export function isEuckrTwoByte(cp: number): boolean {
  if (cp < 0x80 || cp > 0xffff) return false;
  bitset ??= decodeBase64(EUCKR_BITSET_BASE64);
  return ((bitset[cp >> 3] >> (cp & 7)) & 1) === 1;
}

/** 1 or 2 for encodable code points, 0 for unsupported ones. */
function codePointBytes(cp: number): number {
  if ((cp >= 0x20 && cp <= 0x7e) || cp === 0x0a || cp === 0x09) return 1;
  return isEuckrTwoByte(cp) ? 2 : 0;
}

/** NFC, then CRLF and lone CR → LF. Positions reported by the counters index into this string. */
export function normaliseSmsText(text: string): string {
  return text.normalize('NFC').replace(/\r\n?/g, '\n');
}

function graphemes(s: string): { segment: string; index: number }[] {
  if (typeof Intl !== 'undefined' && typeof Intl.Segmenter === 'function') {
    return Array.from(new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(s));
  }
  // Fallback: code points (a surrogate pair is still one character).
  const out: { segment: string; index: number }[] = [];
  let index = 0;
  for (const ch of s) {
    out.push({ segment: ch, index });
    index += ch.length;
  }
  return out;
}

/** Bytes of already-normalised text; `anyUnsupported` tells whether any code point was unsupported. */
function measure(s: string): { bytes: number; anyUnsupported: boolean } {
  let bytes = 0;
  let anyUnsupported = false;
  for (const ch of s) {
    const b = codePointBytes(ch.codePointAt(0)!);
    if (b === 0) anyUnsupported = true;
    bytes += b === 0 ? UNSUPPORTED_BYTES : b;
  }
  return { bytes, anyUnsupported };
}

function analyse(text: string): ByteCount {
  const s = normaliseSmsText(text);
  const { bytes, anyUnsupported } = measure(s);
  const unsupported: string[] = [];
  const unsupportedPositions: number[] = [];
  if (anyUnsupported) {
    // Group by grapheme only when needed, so 👍🏻 or a keycap emoji is reported as one character.
    for (const { segment, index } of graphemes(s)) {
      let bad = false;
      for (const ch of segment) if (codePointBytes(ch.codePointAt(0)!) === 0) bad = true;
      if (!bad) continue;
      unsupportedPositions.push(index);
      if (!unsupported.includes(segment)) unsupported.push(segment);
    }
  }
  return { bytes, unsupported, unsupportedPositions };
}

export function smsClassOf(bytes: number): SmsClass {
  if (bytes <= SMS_MAX_BYTES) return 'SMS';
  if (bytes <= LMS_MAX_BYTES) return 'LMS';
  return 'TOO_LONG';
}

export function countSmsBytes(text: string): SmsByteCount {
  const r = analyse(text);
  return {
    bytes: r.bytes,
    class: smsClassOf(r.bytes),
    unsupported: r.unsupported,
    unsupportedPositions: r.unsupportedPositions,
  };
}

/** LMS/MMS subject; maxBytes defaults to 40 (one provider allows 44). */
export function countSubjectBytes(subject: string, maxBytes = LMS_SUBJECT_MAX_BYTES): SubjectByteCount {
  const r = analyse(subject);
  return { ...r, tooLong: r.bytes > maxBytes };
}

// {이름}, {name}, {수신거부번호}: braces around a name without whitespace or braces.
const PLACEHOLDER = /\{([^{}\s]+)\}/g;

/** Distinct placeholder names in order of first appearance. */
export function listPlaceholders(template: string): string[] {
  const names: string[] = [];
  for (const m of template.matchAll(PLACEHOLDER)) if (!names.includes(m[1])) names.push(m[1]);
  return names;
}

/** Replaces {key} with values[key]; unknown placeholders are left as typed. Single pass: values are not re-expanded. */
export function fillTemplate(template: string, values: Record<string, string>): string {
  return template.replace(PLACEHOLDER, (whole, key: string) =>
    Object.hasOwn(values, key) ? values[key] : whole,
  );
}

/**
 * Bytes of the template with every placeholder replaced by its longest (in bytes) value. Combining the
 * per-placeholder maxima is an upper bound over the actual recipients. Placeholders with no values are
 * counted as typed. Unsupported characters inside values are not reported here: check values with
 * countSmsBytes.
 */
export function worstCaseBytes(template: string, placeholders: Record<string, string[]>): number {
  const longest: Record<string, string> = {};
  for (const key of listPlaceholders(template)) {
    const values = Object.hasOwn(placeholders, key) ? placeholders[key] : [];
    let best: string | undefined;
    let bestBytes = -1;
    for (const v of values) {
      const b = measure(normaliseSmsText(v)).bytes;
      if (b > bestBytes) {
        best = v;
        bestBytes = b;
      }
    }
    if (best !== undefined) longest[key] = best;
  }
  return measure(normaliseSmsText(fillTemplate(template, longest))).bytes;
}
