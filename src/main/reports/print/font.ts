// The Korean font printed reports embed: Pretendard, bundled from npm (package.json), so that the
// PDF looks the same on every machine; the system's Noto CJK is only a fallback in the CSS.
import fs from 'node:fs';
import path from 'node:path';

let cached: string | null = null;

function woff2(weight: 'Regular' | 'Bold'): string | null {
  try {
    const dir = path.dirname(require.resolve('pretendard/package.json'));
    return fs
      .readFileSync(path.join(dir, 'dist/web/static/woff2', `Pretendard-${weight}.woff2`))
      .toString('base64');
  } catch {
    return null;
  }
}

/** @font-face rules with the font inside (data: URLs), read once per process. */
export function embeddedFontCss(): string {
  if (cached !== null) return cached;
  const face = (weight: 'Regular' | 'Bold', w: number) => {
    const b = woff2(weight);
    return b
      ? `@font-face{font-family:'Pretendard';font-weight:${w};src:url(data:font/woff2;base64,${b}) format('woff2');}`
      : '';
  };
  cached = face('Regular', 400) + face('Bold', 700);
  return cached;
}
