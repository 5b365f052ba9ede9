// Matching what offices type for a dong or a business type against the ward's reference lists.

/** '금호2.3가동', '금호 2·3가 동', '금호2,3가동' and '금호2·3가동' all give the same key. */
export function dongKey(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/[.·ㆍ\u119e・‧,_\-()]/g, '') // NFKC turns ㆍ (U+318D) into U+119E
    .replace(/(주민센터|행정복지센터|동사무소)$/, '')
    .replace(/제(\d)/g, '$1')
    .replace(/동$/, '');
}

export class NameMatcher<T extends { id: number; name: string }> {
  private byKey = new Map<string, T>();

  constructor(
    items: T[],
    private key: (s: string) => string,
  ) {
    for (const it of items) this.byKey.set(key(it.name), it);
  }

  /** The item, or null. A longer text ('서울시 성동구 마장동') is tried token by token from the end. */
  find(raw: string): T | null {
    const s = raw.trim();
    if (!s) return null;
    const hit = this.byKey.get(this.key(s));
    if (hit) return hit;
    const tokens = s.split(/\s+/);
    for (let i = tokens.length - 1; i >= 0 && tokens.length > 1; i--) {
      const t = this.byKey.get(this.key(tokens[i]));
      if (t) return t;
    }
    return null;
  }
}

/** Business types: '식품·공중위생업소' vs '식품 공중위생업소', '식품위생'. */
export function typeKey(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/[\s.·ㆍ\u119e・‧,_\-()/]/g, '')
    .toLowerCase();
}
