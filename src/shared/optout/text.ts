/**
 * Text helpers for reading opt-out replies: normalisation that keeps Hangul jamo intact (NFKC would
 * turn 'ㄱㅂ' into conjoining jamo), sentence splitting, and a jamo-level fuzzy search that forgives
 * one typo ('수신거뷰', '수싱거부'). Pure module (renderer + Node).
 */

const CHO = 'ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ';
const JUNG = 'ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ';
const JONG = ['', ...'ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ'];

/** NFC, full-width ASCII → ASCII, zero-width characters dropped, lower case. */
export function normalizeText(raw: string): string {
  return raw
    .normalize('NFC')
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .replace(/[\u200B-\u200D\uFEFF]/g, '')
    .toLowerCase();
}

/**
 * Only letters and digits, no spaces: '수 신 거 부 !' → '수신거부'. Lone vowels and laughter jamo
 * (ㅋㅋ, ㅎㅎ, ㅠㅠ, ㅡㅡ) are noise and go too; lone consonants that could be an abbreviation stay.
 */
export function compact(s: string): string {
  return s.replace(/[ㅋㅎㅠㅜㅡㅏ-ㅣ]{2,}/g, '').replace(/[^0-9a-z\uAC00-\uD7A3\u3131-\u314E]/g, '');
}

export interface Sentence {
  text: string;
  compact: string;
  question: boolean;
}

/** Splits on . ! ? ~ and line breaks; a sentence ending in ? is a question. */
export function sentences(normalised: string): Sentence[] {
  const out: Sentence[] = [];
  for (const m of normalised.matchAll(/[^?!.~\n\r]+[?!.~\n\r]*/g)) {
    const text = m[0];
    const c = compact(text);
    if (!c) continue;
    out.push({ text, compact: c, question: /\?/.test(text) });
  }
  return out;
}

/** Hangul syllables → compatibility jamo ('거부' → 'ㄱㅓㅂㅜ'); every other character unchanged. */
export function toJamo(s: string): string {
  let out = '';
  for (const ch of s) {
    const cp = ch.charCodeAt(0) - 0xac00;
    if (cp < 0 || cp > 11171) {
      out += ch;
      continue;
    }
    out += CHO[Math.floor(cp / 588)] + JUNG[Math.floor((cp % 588) / 28)] + JONG[cp % 28];
  }
  return out;
}

/**
 * Smallest edit distance between `pattern` and any substring of `text` (Sellers' algorithm).
 * Used on jamo strings, so one wrong vowel or a missing final consonant costs 1.
 */
export function fuzzyDistance(text: string, pattern: string): number {
  const m = pattern.length;
  let prev = Array.from({ length: m + 1 }, (_, i) => i);
  let best = prev[m];
  for (const ch of text) {
    const cur = [0];
    for (let i = 1; i <= m; i++) {
      const cost = pattern[i - 1] === ch ? 0 : 1;
      cur[i] = Math.min(prev[i - 1] + cost, prev[i] + 1, cur[i - 1] + 1);
    }
    best = Math.min(best, cur[m]);
    prev = cur;
  }
  return best;
}

const PHONE_IN_TEXT = /(?:\+?82[-.\s]?|0)1[016789][-.\s)]?\d{3,4}[-.\s]?\d{4}/g;

/** Mobile numbers written inside a message body, as digits ('010-1234-5678' → '01012345678'). */
export function numbersIn(normalised: string): string[] {
  const out = new Set<string>();
  for (const m of normalised.matchAll(PHONE_IN_TEXT)) {
    let d = m[0].replace(/\D/g, '');
    if (d.startsWith('82')) d = `0${d.slice(2)}`;
    out.add(d);
  }
  return [...out];
}
