import type { SubscriberFilters } from '../../shared/contract/subscribers';
import { AGE_BANDS, type AgeBand } from '../../shared/text/dates';
import { choseongOf } from '../../shared/text/hangulSearch';

/** SQL condition list + named parameters, ANDed by the caller. */
export interface Where {
  conds: string[];
  params: Record<string, unknown>;
}

/** The SQLite function that finishes a mixed query like '홍ㄱ' (registered in module.ts). */
export const KOREAN_MATCH_FN = 'sotong_korean_match';

/** Birth-year range [min, max] of an age band (연 나이 = asOfYear − birthYear). */
export function birthYearRange(band: AgeBand, asOfYear: number): [number, number] {
  const i = AGE_BANDS.indexOf(band);
  if (i === 0) return [asOfYear - 19, 9999];
  if (i === AGE_BANDS.length - 1) return [0, asOfYear - 70];
  const lo = (i + 1) * 10;
  return [asOfYear - lo - 9, asOfYear - lo];
}

/** Selected bands as merged birth-year ranges (20s + 30s → one BETWEEN). */
export function birthYearRanges(bands: AgeBand[], asOfYear: number): [number, number][] {
  const sorted = [...new Set(bands)].sort((a, b) => AGE_BANDS.indexOf(b) - AGE_BANDS.indexOf(a));
  const out: [number, number][] = [];
  for (const b of sorted) {
    const r = birthYearRange(b, asOfYear);
    const last = out[out.length - 1];
    if (last && last[1] + 1 >= r[0]) last[1] = Math.max(last[1], r[1]);
    else out.push([...r]);
  }
  return out;
}

export function dongsOf(f: SubscriberFilters): number[] {
  return [...new Set([...(f.dongId ? [f.dongId] : []), ...(f.dongIds ?? [])])];
}

export function bandsOf(f: SubscriberFilters): AgeBand[] {
  return [...new Set([...(f.ageBand ? [f.ageBand] : []), ...(f.ageBands ?? [])])] as AgeBand[];
}

/** '%word%' with LIKE's wildcards escaped (ESCAPE '\\'). */
function likeContains(word: string): string {
  return `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * One search word → a condition on the covering search index. Digits are a phone fragment, '@' or
 * Latin an e-mail (or a Latin business name), lone consonants 초성, syllables the name; a mix of
 * syllables and consonants ('홍ㄱ') narrows by 초성 and is finished by the Korean matcher.
 */
function wordCondition(word: string, p: string, w: Where, alias: string): string {
  const digits = word.replace(/[-.()]/g, '');
  if (/^\d{2,}$/.test(digits)) {
    w.params[p] = digits;
    return `instr(${alias}.mobile, @${p}) > 0`;
  }
  if (word.includes('@')) {
    w.params[p] = likeContains(word);
    return `${alias}.email LIKE @${p} ESCAPE '\\'`;
  }
  if (/^[ㄱ-ㅎ]+$/.test(word)) {
    w.params[p] = word;
    return `instr(${alias}.name_choseong, @${p}) > 0`;
  }
  if (/^[가-힣]+$/.test(word)) {
    w.params[p] = word;
    return `instr(${alias}.name, @${p}) > 0`;
  }
  if (/[가-힣]/.test(word) && /[ㄱ-ㅎ]/.test(word)) {
    // Cheap index-only tests first (초성 and each run of whole syllables), the JS matcher last.
    const parts = [`instr(${alias}.name_choseong, @${p}) > 0`];
    w.params[p] = choseongOf(word);
    (word.match(/[가-힣]+/g) ?? []).forEach((run, i) => {
      w.params[`${p}s${i}`] = run;
      parts.push(`instr(${alias}.name, @${p}s${i}) > 0`);
    });
    w.params[`${p}m`] = word;
    parts.push(`${KOREAN_MATCH_FN}(${alias}.name, @${p}m)`);
    return `(${parts.join(' AND ')})`;
  }
  // Latin and the rest: LIKE is case-insensitive for ASCII, which e-mail local parts need.
  w.params[p] = likeContains(word);
  return `(${alias}.name LIKE @${p} ESCAPE '\\' OR ${alias}.email LIKE @${p} ESCAPE '\\')`;
}

export function textWhere(q: string | undefined, w: Where, alias = 's'): void {
  const words = (q ?? '').normalize('NFC').split(/\s+/).filter(Boolean).slice(0, 5);
  words.forEach((word, i) => {
    w.conds.push(wordCondition(word, `q${i}`, w, alias));
  });
}

/**
 * Person-attribute filters (everything but the text and consent), on columns the search index holds.
 * `scope` is a dong user's dong: always applied, whatever the filters say.
 */
export function attributeWhere(
  f: SubscriberFilters,
  scope: number | null,
  asOfYear: number,
  alias = 's',
): Where {
  const w: Where = { conds: [], params: {} };
  const a = alias;
  if (f.kind) {
    w.conds.push(`${a}.kind = @kind`);
    w.params.kind = f.kind;
  }
  if (f.status) {
    w.conds.push(`${a}.status = @status`);
    w.params.status = f.status;
  }
  const dongs = dongsOf(f);
  if (scope !== null) {
    w.conds.push(`${a}.dong_id = @scope`);
    w.params.scope = scope;
  }
  if (dongs.length > 0) {
    w.conds.push(`${a}.dong_id IN (${dongs.map((_, i) => `@dong${i}`).join(', ')})`);
    dongs.forEach((d, i) => {
      w.params[`dong${i}`] = d;
    });
  }
  const ranges = birthYearRanges(bandsOf(f), asOfYear);
  if (ranges.length > 0) {
    w.conds.push(`(${ranges.map((_, i) => `${a}.birth_year BETWEEN @byLo${i} AND @byHi${i}`).join(' OR ')})`);
    ranges.forEach(([lo, hi], i) => {
      w.params[`byLo${i}`] = lo;
      w.params[`byHi${i}`] = hi;
    });
  }
  if (f.gender) {
    w.conds.push(`${a}.gender = @gender`);
    w.params.gender = f.gender;
  }
  if (f.businessTypeId) {
    w.conds.push(`${a}.business_type_id = @businessTypeId`);
    w.params.businessTypeId = f.businessTypeId;
  }
  return w;
}

/** "has a standing consent for the field and/or channel" */
export function consentWhere(f: SubscriberFilters, w: Where, alias = 's'): void {
  if (!f.fieldId && !f.channel) return;
  const parts = [`c.subscriber_id = ${alias}.id`, 'c.granted = 1'];
  if (f.fieldId) {
    parts.push('c.field_id = @fieldId');
    w.params.fieldId = f.fieldId;
  }
  if (f.channel) {
    parts.push('c.channel = @channel');
    w.params.channel = f.channel;
  }
  w.conds.push(`EXISTS (SELECT 1 FROM consent_state c WHERE ${parts.join(' AND ')})`);
}

export function sqlWhere(w: Where): string {
  return w.conds.length ? `WHERE ${w.conds.join(' AND ')}` : '';
}
