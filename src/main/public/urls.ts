// The links residents receive. Campaigns build every email's links (and the List-Unsubscribe
// header) with these, so the listener's routes and the links never drift apart.

export interface PublicUrlSettings {
  publicBaseUrl: string;
}

export interface PublicUrls {
  /** unsubscribe page (GET) and RFC 8058 one-click target (POST List-Unsubscribe=One-Click) */
  unsubscribe(token: string): string;
  /** 1×1 GIF */
  openPixel(token: string): string;
  /** survey page (the surveys capability registers the route) */
  survey(token: string): string;
}

export const PUBLIC_PATHS = {
  unsubscribe: '/u/:token',
  openPixel: '/o/:token.gif',
  survey: '/s/:token',
  kannelDlr: '/cb/kannel/dlr',
  kannelMo: '/cb/kannel/mo',
} as const;

export function publicUrls(settings: PublicUrlSettings): PublicUrls {
  const base = settings.publicBaseUrl.replace(/\/+$/, '');
  const t = (token: string) => encodeURIComponent(token);
  return {
    unsubscribe: (token) => `${base}/u/${t(token)}`,
    openPixel: (token) => `${base}/o/${t(token)}.gif`,
    survey: (token) => `${base}/s/${t(token)}`,
  };
}

/** Headers for every campaign email (RFC 2369 + RFC 8058). */
export function listUnsubscribeHeaders(settings: PublicUrlSettings, token: string): Record<string, string> {
  return {
    'List-Unsubscribe': `<${publicUrls(settings).unsubscribe(token)}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  };
}
