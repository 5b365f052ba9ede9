// VERP: every email goes out with its own envelope sender bounce+<token>@<bounce domain>, so a
// bounce names the outbox row it belongs to even when the report itself is unreadable.

/** Tokens are base64url, at least 128 bits (22 characters). */
export const TOKEN_RE = /^[A-Za-z0-9_-]{22,128}$/;

export function verpAddress(token: string, domain: string): string {
  return `bounce+${token}@${domain}`;
}

/** Every bounce+<token>@ in the text (envelope headers, returned Return-Path, ARF Original-Mail-From). */
export function findVerpTokens(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(/(?:^|[^A-Za-z0-9._%+-])bounce\+([A-Za-z0-9_-]{22,128})@/gi)) out.add(m[1]);
  return [...out];
}
