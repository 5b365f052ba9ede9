/**
 * Korean name/text search: substring match ignoring spaces and case, with 초성 (initial consonant)
 * search — 'ㅎㄱㄷ', 'ㄱㄷ' and '홍ㄱ' all match '홍길동'. Pure module (renderer + Node).
 *
 * Implemented here rather than with es-hangul's getChoseong because that drops non-Hangul characters
 * (digits, Latin), which would misalign mixed queries and lose them from the search column.
 */

const CHOSEONG = 'ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ';
const SYLLABLE_FIRST = 0xac00;
const SYLLABLE_LAST = 0xd7a3;
const SYLLABLES_PER_CHOSEONG = 21 * 28;

function choseongOfChar(c: string): string | undefined {
  const cp = c.charCodeAt(0);
  if (cp < SYLLABLE_FIRST || cp > SYLLABLE_LAST) return undefined;
  return CHOSEONG[Math.floor((cp - SYLLABLE_FIRST) / SYLLABLES_PER_CHOSEONG)];
}

/**
 * Each precomposed Hangul syllable replaced by its initial consonant (compatibility jamo), every other
 * character kept as is: '홍길동 A1' → 'ㅎㄱㄷ A1'. Input is NFC-normalised first.
 */
export function choseongOf(text: string): string {
  let out = '';
  for (const c of text.normalize('NFC')) out += choseongOfChar(c) ?? c;
  return out;
}

function prepare(s: string): string[] {
  return Array.from(s.normalize('NFC').replace(/\s+/g, '').toLowerCase());
}

/** Query character q matches target character t: itself, or a lone consonant matching t's 초성. */
function charMatches(q: string, t: string): boolean {
  return q === t || (CHOSEONG.includes(q) && choseongOfChar(t) === q);
}

export function matchesKoreanQuery(target: string, query: string): boolean {
  const q = prepare(query);
  if (q.length === 0) return true;
  const t = prepare(target);
  for (let i = 0; i + q.length <= t.length; i++) {
    let j = 0;
    while (j < q.length && charMatches(q[j], t[i + j])) j++;
    if (j === q.length) return true;
  }
  return false;
}
