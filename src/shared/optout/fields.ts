/**
 * Which 분야 a reply names. Nothing here knows a ward's fields: the names come from reference data
 * and the short forms people type are derived from them ('문화' → 문화공연, '건강' → 건강정보), plus
 * the aliases staff add in the opt-out settings. Pure module (renderer + Node).
 */
import { compact, normalizeText } from './text';

export interface FieldRef {
  id: number;
  code: string;
  name: string;
  active?: boolean;
}

export interface FieldAlias {
  alias: string;
  /** field id, or its code */
  field: number | string;
}

export interface FieldMention {
  fieldId: number;
  /** the text that named it */
  alias: string;
  /** position in the compact text */
  start: number;
  end: number;
}

/**
 * Words of a field's name that say nothing about which field: they appear in every kind of reply
 * ('구청 문자 그만') or in several field names at once. Language, not ward data.
 */
const GENERIC = new Set([
  '구청',
  '구청장',
  '정보',
  '안내',
  '알림',
  '소식',
  '문자',
  '메시지',
  '메세지',
  '발송',
  '수신',
  '서비스',
  '통지',
  '통지서',
  '고지',
  '고지서',
  '발급',
  '사전',
  '변경',
  '주민',
  '행정',
  '복지',
  '센터',
  '신청',
  '이메일',
  '메일',
  '전체',
  '모든',
]);

// rank: lower wins when two fields claim the same alias
const FULL = 0;
const FIRST_TOKEN = 1;
const FIRST_PREFIX = 2;
const OTHER_TOKEN = 3;
const OTHER_PREFIX = 4;
const CODE = 5;

interface Claim {
  fieldId: number;
  rank: number;
}

export class FieldMatcher {
  /** alias (compact) → field id, longest first */
  readonly aliases: [string, number][];

  constructor(fields: FieldRef[], extra: FieldAlias[] = []) {
    const claims = new Map<string, Claim[]>();
    const claim = (alias: string, fieldId: number, rank: number) => {
      if (alias.length < 2) return;
      if (rank !== FULL && GENERIC.has(alias)) return;
      const list = claims.get(alias) ?? [];
      if (!list.some((c) => c.fieldId === fieldId && c.rank <= rank)) list.push({ fieldId, rank });
      claims.set(alias, list);
    };
    for (const f of fields) {
      if (f.active === false) continue;
      const name = normalizeText(f.name);
      claim(compact(name), f.id, FULL);
      const tokens = name
        .split(/[\s·ㆍ,/()[\]\-_&+]+/)
        .map(compact)
        .filter((t) => t.length >= 2);
      tokens.forEach((t, i) => {
        claim(t, f.id, i === 0 ? FIRST_TOKEN : OTHER_TOKEN);
        for (let n = 2; n < t.length; n++) claim(t.slice(0, n), f.id, i === 0 ? FIRST_PREFIX : OTHER_PREFIX);
      });
      const code = f.code.toLowerCase();
      if (/^[a-z]{4,}$/.test(code)) claim(code, f.id, CODE);
    }
    const out = new Map<string, number>();
    for (const [alias, list] of claims) {
      const best = Math.min(...list.map((c) => c.rank));
      const winners = new Set(list.filter((c) => c.rank === best).map((c) => c.fieldId));
      // Claimed equally by two fields ('통지서'): it names neither.
      if (winners.size === 1) out.set(alias, [...winners][0]);
    }
    // Staff-made aliases win over derived ones.
    const byCode = new Map(fields.map((f) => [f.code, f.id]));
    const known = new Set(fields.map((f) => f.id));
    for (const a of extra) {
      const key = compact(normalizeText(a.alias));
      const id = typeof a.field === 'number' ? a.field : byCode.get(a.field);
      if (key.length >= 1 && id !== undefined && known.has(id)) out.set(key, id);
    }
    this.aliases = [...out].sort((a, b) => b[0].length - a[0].length || a[0].localeCompare(b[0]));
  }

  /** Fields named in a compact text, longest alias first, without overlaps. */
  find(compactText: string): FieldMention[] {
    const taken: boolean[] = [];
    const out: FieldMention[] = [];
    for (const [alias, fieldId] of this.aliases) {
      let from = 0;
      for (;;) {
        const at = compactText.indexOf(alias, from);
        if (at < 0) break;
        from = at + 1;
        let free = true;
        for (let i = at; i < at + alias.length; i++) if (taken[i]) free = false;
        if (!free) continue;
        for (let i = at; i < at + alias.length; i++) taken[i] = true;
        out.push({ fieldId, alias, start: at, end: at + alias.length });
      }
    }
    return out.sort((a, b) => a.start - b.start);
  }
}
