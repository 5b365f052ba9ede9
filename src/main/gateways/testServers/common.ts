import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Req {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: string;
}
export interface Res {
  status: number;
  json: unknown;
}
export type Fault = 'drop-after-store' | '500-after-store' | '500' | '429' | null;

/** A loopback JSON server: one handler, bodies read whole (limit 50 MB), 127.0.0.1 only. */
export async function startJsonServer(
  handle: (req: Req) => Res | null,
): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((raw, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    raw.on('data', (c: Buffer) => {
      size += c.length;
      if (size > 50 * 1024 * 1024) raw.destroy();
      else chunks.push(c);
    });
    raw.on('end', () => {
      const u = new URL(raw.url ?? '/', 'http://127.0.0.1');
      let out: Res | null;
      try {
        out = handle({
          method: raw.method ?? 'GET',
          path: u.pathname,
          query: u.searchParams,
          headers: raw.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        });
      } catch (e) {
        out = { status: 500, json: { errorCode: 'InternalError', errorMessage: String(e) } };
      }
      if (!out) {
        // the provider took the request, then the connection broke before its answer
        raw.socket.destroy();
        return;
      }
      const body = JSON.stringify(out.json);
      res.writeHead(out.status, {
        'Content-Type': 'application/json; charset=utf-8',
        'Content-Length': Buffer.byteLength(body),
      });
      res.end(body);
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
