import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import type { Core } from '../core/core';
import { contentDisposition, downloadsOf } from '../system/downloads';

const COOKIE = 'sotong_session';
const MAX_BODY = 64 * 1024 * 1024; // imports travel as base64 in web mode

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
};

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

export interface BridgeOptions {
  port?: number;
  /** folder with the built renderer (index.html); omit to serve the API only */
  staticDir?: string | null;
  token?: string;
}

export interface Bridge {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

function parseCookies(h: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (h ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0) out[part.slice(0, i).trim()] = decodeURIComponent(part.slice(i + 1).trim());
  }
  return out;
}

function sameToken(a: string | undefined | null, b: string): boolean {
  if (!a) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...headers,
  });
  res.end(text);
}

function errorBody(code: ConstructorParameters<typeof AppError>[0], message?: string) {
  return { ok: false, error: new AppError(code, message).toShape() };
}

/**
 * Web mode: the built renderer plus the same contract over HTTP, on 127.0.0.1 only.
 * A per-run token (in the served page, required as a header) keeps other local pages out;
 * the Host check stops DNS rebinding; the session lives in an HttpOnly cookie.
 */
export async function startBridge(core: Core, opts: BridgeOptions = {}): Promise<Bridge> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  let port = 0;
  const staticDir = opts.staticDir ? path.resolve(opts.staticDir) : null;
  const sse = new Set<http.ServerResponse>();

  const unsubscribe = core.events.subscribe((name, payload) => {
    const data = `event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`;
    for (const res of sse) res.write(data);
  });

  const server = http.createServer((req, res) => {
    const host = req.headers.host ?? '';
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
      res.writeHead(421).end();
      return;
    }
    const url = new URL(req.url ?? '/', `http://${host}`);
    if (url.pathname.startsWith('/api/')) {
      handleApi(req, res, url).catch((e) => {
        console.error('[sotong] bridge', e);
        if (!res.headersSent) send(res, 500, errorBody('INTERNAL'));
      });
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    if (url.pathname.startsWith('/download/')) {
      serveDownload(req, res, url);
      return;
    }
    serveStatic(res, url.pathname);
  });

  function serveStatic(res: http.ServerResponse, pathname: string) {
    if (!staticDir) {
      res
        .writeHead(404, { 'content-type': 'text/plain; charset=utf-8' })
        .end('화면 파일이 없습니다. npm run build:renderer 를 먼저 실행하세요.');
      return;
    }
    const rel = decodeURIComponent(pathname).replace(/^\/+/, '') || 'index.html';
    const file = path.resolve(staticDir, rel);
    if (!file.startsWith(staticDir + path.sep) && file !== staticDir) {
      res.writeHead(403).end();
      return;
    }
    const target =
      fs.existsSync(file) && fs.statSync(file).isFile() ? file : path.join(staticDir, 'index.html');
    if (!fs.existsSync(target)) {
      res
        .writeHead(404, { 'content-type': 'text/plain; charset=utf-8' })
        .end('화면 파일이 없습니다. npm run build:renderer 를 먼저 실행하세요.');
      return;
    }
    const ext = path.extname(target);
    const headers: Record<string, string> = {
      'content-type': MIME[ext] ?? 'application/octet-stream',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    };
    if (ext === '.html') {
      const html = fs
        .readFileSync(target, 'utf8')
        .replace('</head>', `<meta name="sotong-bridge-token" content="${token}"></head>`);
      res.writeHead(200, {
        ...headers,
        'content-security-policy': CSP,
        'cache-control': 'no-store',
        'x-frame-options': 'DENY',
      });
      res.end(html);
      return;
    }
    res.writeHead(200, { ...headers, 'cache-control': 'public, max-age=31536000, immutable' });
    fs.createReadStream(target).pipe(res);
  }

  /**
   * GET /download/:id?token=… — a file registered by downloads.prepare. Same gates as the API
   * (Host, per-run token, session cookie), plus the id's owner must be this session's user.
   */
  function serveDownload(req: http.IncomingMessage, res: http.ServerResponse, url: URL) {
    const plain = (status: number, text: string) =>
      res
        .writeHead(status, {
          'content-type': 'text/plain; charset=utf-8',
          'cache-control': 'no-store',
          'x-content-type-options': 'nosniff',
        })
        .end(text);
    const m = /^\/download\/([A-Za-z0-9_-]{16,64})$/.exec(url.pathname);
    if (!m) return plain(404, '내려받을 파일을 찾을 수 없습니다.');
    // an id is good for one GET only; a HEAD must not use it up
    if (req.method !== 'GET') return plain(405, '내려받기는 GET 요청만 받습니다.');
    if (!sameToken(url.searchParams.get('token'), token))
      return plain(403, '이 창에서는 내려받을 수 없습니다. 소통창구 화면을 새로 고침하세요.');
    const userId = core.sessions.touch(parseCookies(req.headers.cookie)[COOKIE]);
    const user = userId && userId !== 'expired' ? core.users.byId(userId) : null;
    if (!user?.active) return plain(401, '로그인이 필요합니다.');
    const entry = downloadsOf(core).take(m[1], user.id);
    if (!entry)
      return plain(404, '내려받기 번호가 없거나 이미 썼거나 만료되었습니다. 다시 내려받기를 누르세요.');
    res.writeHead(200, {
      'content-type': 'application/octet-stream',
      'content-length': String(entry.bytes),
      'content-disposition': contentDisposition(entry.fileName),
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    });
    fs.createReadStream(entry.file)
      .on('error', () => res.destroy())
      .pipe(res);
  }

  async function readBody(req: http.IncomingMessage): Promise<string | null> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const c of req) {
      size += (c as Buffer).length;
      if (size > MAX_BODY) return null;
      chunks.push(c as Buffer);
    }
    return Buffer.concat(chunks).toString('utf8');
  }

  async function handleApi(req: http.IncomingMessage, res: http.ServerResponse, url: URL) {
    if (url.pathname === '/api/events' && req.method === 'GET') {
      if (!sameToken(url.searchParams.get('token'), token)) return send(res, 403, errorBody('FORBIDDEN'));
      res.writeHead(200, {
        'content-type': 'text/event-stream',
        'cache-control': 'no-store',
        connection: 'keep-alive',
      });
      res.write(': connected\n\n');
      sse.add(res);
      req.on('close', () => sse.delete(res));
      return;
    }
    const m = /^\/api\/invoke\/([A-Za-z0-9_.-]+)$/.exec(url.pathname);
    if (!m || req.method !== 'POST') return send(res, 404, errorBody('UNKNOWN_CHANNEL'));
    if (!sameToken(req.headers['x-sotong-token'] as string | undefined, token))
      return send(
        res,
        403,
        errorBody('FORBIDDEN', '이 창에서는 요청할 수 없습니다. 소통창구 화면을 새로 고침하세요.'),
      );
    const body = await readBody(req);
    if (body === null) return send(res, 413, errorBody('VALIDATION', '보낸 자료가 너무 큽니다.'));
    let input: unknown = {};
    try {
      input = body ? (JSON.parse(body) as { input?: unknown }).input : {};
    } catch {
      return send(res, 400, errorBody('VALIDATION', '요청 형식이 올바르지 않습니다.'));
    }
    const cookies = parseCookies(req.headers.cookie);
    let setCookie: string | undefined;
    const result = await core.router.dispatch(m[1], input, {
      origin: 'web',
      address: req.socket.remoteAddress ?? null,
      sessionToken: cookies[COOKIE] ?? null,
      setSession: (t) => {
        setCookie = t
          ? `${COOKIE}=${t}; HttpOnly; SameSite=Strict; Path=/`
          : `${COOKIE}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0`;
      },
    });
    send(res, 200, result, setCookie ? { 'set-cookie': setCookie } : {});
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      reject(
        e.code === 'EADDRINUSE'
          ? new AppError('VALIDATION', `포트 ${opts.port}를 이미 다른 프로그램이 쓰고 있습니다.`)
          : e,
      ),
    );
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const keepAlive = setInterval(() => {
    for (const res of sse) res.write(': ping\n\n');
  }, 25_000);
  keepAlive.unref();

  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(keepAlive);
        unsubscribe();
        for (const res of sse) res.end();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
