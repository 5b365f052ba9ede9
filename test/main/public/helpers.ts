import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { PublicServer, type PublicServerOptions } from '../../../src/main/public/server';
import type { ResolvedToken, TokenResolver } from '../../../src/main/public/tokens';

export const TOKEN = 'tok_AAAAAAAAAAAAAAAAAAAAAAAAAAAA';
export const TEST_TOKEN = 'tst_BBBBBBBBBBBBBBBBBBBBBBBBBBBB';

/** A resolver over a plain map: what campaigns' outbox would answer. */
export class MapResolver implements TokenResolver {
  constructor(readonly rows: Record<string, ResolvedToken>) {}
  resolve(token: string): ResolvedToken | null {
    return this.rows[token] ?? null;
  }
}

export function defaultRows(): Record<string, ResolvedToken> {
  return {
    [TOKEN]: { outboxId: 7, subscriberId: 'sub-1', campaignId: 'camp-1', fieldIds: [1, 3], channel: 'email' },
    [TEST_TOKEN]: { outboxId: 8, subscriberId: null, campaignId: 'camp-1', fieldIds: [1], channel: 'email' },
  };
}

export async function startServer(opts: Partial<PublicServerOptions> = {}) {
  const logs: string[] = [];
  const server = new PublicServer({
    resolver: new MapResolver(defaultRows()),
    log: (l) => logs.push(l),
    context: {
      wardName: () => '성동구',
      fieldNames: (ids) => ids.map((id) => ({ 1: '문화공연', 3: '도서관 정보' })[id] ?? '').filter(Boolean),
      trustProxy: () => false,
      callbackAllow: () => ['127.0.0.1', '::1'],
    },
    ...opts,
  });
  const l = await server.listen({ host: '127.0.0.1', port: 0 });
  return { server, base: l.url, port: l.port, logs, close: () => server.close() };
}

export interface Res {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  text: string;
}

export function request(
  url: string,
  opts: { method?: string; body?: string | Buffer; headers?: Record<string, string> } = {},
): Promise<Res> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: opts.method ?? 'GET', headers: opts.headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, text: body.toString('utf8') });
        });
      },
    );
    req.on('error', reject);
    if (opts.body) req.write(opts.body);
    req.end();
  });
}

export function form(url: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  return request(url, {
    method: 'POST',
    body: new URLSearchParams(fields).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
  });
}

export function csrfOf(html: string): string {
  const m = /name="csrf" value="([^"]+)"/.exec(html);
  if (!m) throw new Error('no csrf in page');
  return m[1];
}

export async function freePort(): Promise<number> {
  const s = http.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}
