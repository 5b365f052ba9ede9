import { GatewayError } from './types';

export interface HttpAnswer {
  status: number;
  /** parsed JSON, or null when the body was not JSON */
  json: unknown;
  text: string;
}

const NOT_SENT = new Set([
  'BAD_PORT',
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

/**
 * One HTTP call with a timeout (Node's fetch: keep-alive pool per origin). Network trouble becomes
 * a GatewayError: refused/unresolvable = the request never left (safe to retry); a timeout or a
 * reset after sending = ambiguous (the provider may have it).
 */
export async function httpCall(
  url: string,
  init: { method: string; headers?: Record<string, string>; body?: string; timeoutMs: number },
  provider: string,
): Promise<HttpAnswer> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: init.method,
      headers: init.headers,
      body: init.body,
      signal: AbortSignal.timeout(init.timeoutMs),
    });
  } catch (e) {
    const err = e as Error & { cause?: { code?: string; message?: string } };
    // fetch refuses some ports outright ("bad port"): nothing was sent
    const code =
      err.cause?.code ??
      (err.name === 'TimeoutError' ? 'TIMEOUT' : err.cause?.message === 'bad port' ? 'BAD_PORT' : 'NETWORK');
    if (NOT_SENT.has(code))
      throw new GatewayError(`${provider}: ${code}`, `${provider} 서버에 연결할 수 없습니다 (${code}).`, {
        transient: true,
        code,
      });
    throw new GatewayError(
      `${provider}: ${code}`,
      code === 'TIMEOUT'
        ? `${provider} 서버가 제시간에 답하지 않았습니다.`
        : `${provider} 서버와의 연결이 끊겼습니다 (${code}).`,
      { transient: true, ambiguous: init.method !== 'GET', code },
    );
  }
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {}
  return { status: res.status, json, text };
}

/** 5xx after a POST: the provider may have taken it. */
export function serverError(provider: string, status: number, method: string): GatewayError {
  return new GatewayError(`${provider}: HTTP ${status}`, `${provider} 서버 오류입니다 (HTTP ${status}).`, {
    transient: true,
    ambiguous: method !== 'GET',
    code: `HTTP${status}`,
  });
}

/** YYYY-MM-DD HH:mm:ss in Korean time (what NHN and Solapi queries take). */
export function kstStamp(d: Date): string {
  const k = new Date(d.getTime() + 9 * 3_600_000);
  return k.toISOString().slice(0, 19).replace('T', ' ');
}
