// The public listener: a second node:http server with only resident-facing routes (open pixel,
// unsubscribe, survey pages added later) and gateway callbacks. No admin route of any kind; the
// loopback admin bridge (src/main/web/bridge.ts) is a different server.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { PublicHooks, type UnsubscribeRequest } from './hooks';
import {
  BASE_HEADERS,
  BodyTooLarge,
  clientIp,
  normaliseIp,
  PLAIN_CSP,
  pageCsp,
  rawQuery,
  readBody,
  redact,
} from './http';
import type { ActionJournal } from './journal';
import { messagePage, STYLE_HASH } from './pages';
import { DEFAULT_RATE_LIMIT, type RateLimitOptions, RateLimiter } from './ratelimit';
import { registerBuiltinRoutes } from './routes';
import type { TokenResolver } from './tokens';

export type Method = 'GET' | 'POST';

export interface PublicRequest {
  method: string;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  /** query values as bytes (for gateways that send non-UTF-8 escapes) */
  rawQuery: Map<string, Buffer>;
  headers: http.IncomingHttpHeaders;
  ip: string;
  at: Date;
  /** the body, at most 16 KB (413 beyond) */
  body(): Promise<Buffer>;
  /** a wrong or unknown token: costs the client more of its rate limit */
  miss(): void;
}

export interface PublicReply {
  html(status: number, html: string): void;
  text(status: number, text: string): void;
  gif(): void;
  empty(status: number): void;
  readonly node: http.ServerResponse;
}

export type RouteHandler = (req: PublicRequest, reply: PublicReply) => unknown | Promise<unknown>;

interface Route {
  method: Method;
  pattern: string;
  re: RegExp;
  names: string[];
  handler: RouteHandler;
  /** gateway callbacks: only from allowed addresses, not rate-limited */
  callback: boolean;
}

/** What the listener needs from the app, read on every request so settings changes apply at once. */
export interface PublicContext {
  wardName(): string;
  fieldNames(ids: number[]): string[];
  trustProxy(): boolean;
  callbackAllow(): string[];
}

export interface PublicServerOptions {
  context: PublicContext;
  resolver?: TokenResolver | null;
  now?: () => Date;
  /** false turns the limit off (benchmarks of the handler alone) */
  rateLimit?: RateLimitOptions | false;
  /** HMAC key of the unsubscribe form (kept across restarts by the app); read on first use */
  formKey?: Buffer | (() => Buffer);
  log?: (line: string) => void;
  /** where one-click unsubscribes wait to be applied; without one they are applied before answering */
  journal?: ActionJournal | null;
}

export interface Listening {
  url: string;
  host: string;
  port: number;
}

// 1×1 transparent GIF
const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
const CSRF_TTL_MS = 24 * 3600_000;
/** background work waits for this much silence… */
const QUIET_MS = 50;
/** …but never longer than this per item */
const MAX_WAIT_MS = 5_000;

function compile(pattern: string): { re: RegExp; names: string[] } {
  const names: string[] = [];
  const src = pattern
    .split(/(:[A-Za-z][A-Za-z0-9]*)/)
    .map((piece) => {
      if (piece.startsWith(':')) {
        names.push(piece.slice(1));
        return '([^/]+?)';
      }
      return piece.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
  return { re: new RegExp(`^${src}$`), names };
}

export class PublicServer {
  readonly hooks = new PublicHooks();
  private routes: Route[] = [];
  private resolverImpl: TokenResolver | null;
  private limiter: RateLimiter | null;
  private formKeySource: Buffer | (() => Buffer);
  private formKeyCache: Buffer | null = null;
  private server: http.Server | null = null;
  private listening: Listening | null = null;
  private startedAt: Date | null = null;
  readonly counters: Record<string, number> = {};
  readonly now: () => Date;
  readonly context: PublicContext;
  private log: (line: string) => void;
  readonly journal: ActionJournal | null;
  private draining: Promise<void> | null = null;
  /** set by close(): background work stops at the next item */
  private halted = false;
  private inFlight = 0;
  private lastActivity = 0;
  private retryTimer: NodeJS.Timeout | null = null;

  constructor(opts: PublicServerOptions) {
    this.journal = opts.journal ?? null;
    this.context = opts.context;
    this.resolverImpl = opts.resolver ?? null;
    this.now = opts.now ?? (() => new Date());
    this.limiter = opts.rateLimit === false ? null : new RateLimiter(opts.rateLimit ?? DEFAULT_RATE_LIMIT);
    this.formKeySource = opts.formKey ?? randomBytes(32);
    this.log = opts.log ?? ((l) => console.error(`[sotong] 공개 웹: ${l}`));
    registerBuiltinRoutes(this);
  }

  /** Adds a route, e.g. route('GET', '/s/:token', handler). GET routes answer HEAD too. */
  route(method: Method, pattern: string, handler: RouteHandler, opts: { callback?: boolean } = {}): void {
    if (this.routes.some((r) => r.method === method && r.pattern === pattern))
      throw new Error(`route ${method} ${pattern} exists`);
    const { re, names } = compile(pattern);
    this.routes.push({ method, pattern, re, names, handler, callback: !!opts.callback });
  }

  setResolver(r: TokenResolver | null): void {
    this.resolverImpl = r;
  }

  get resolver(): TokenResolver | null {
    return this.resolverImpl;
  }

  count(name: string, n = 1): void {
    this.counters[name] = (this.counters[name] ?? 0) + n;
  }

  // ------------------------------------------------------------- unsubscribe form key

  /** ts.nonce.mac, tied to the link token: a form from another site or another link fails. */
  csrfFor(token: string): string {
    const ts = Math.floor(this.now().getTime() / 1000).toString(36);
    const nonce = randomBytes(12).toString('base64url');
    return `${ts}.${nonce}.${this.mac(token, ts, nonce)}`;
  }

  checkCsrf(token: string, value: string): boolean {
    const [ts, nonce, mac] = value.split('.');
    if (!ts || !nonce || !mac) return false;
    const want = Buffer.from(this.mac(token, ts, nonce));
    const got = Buffer.from(mac);
    if (want.length !== got.length || !timingSafeEqual(want, got)) return false;
    const age = this.now().getTime() - Number.parseInt(ts, 36) * 1000;
    return age >= -300_000 && age <= CSRF_TTL_MS;
  }

  private mac(token: string, ts: string, nonce: string): string {
    this.formKeyCache ??=
      typeof this.formKeySource === 'function' ? this.formKeySource() : this.formKeySource;
    return createHmac('sha256', this.formKeyCache).update(`${token}|${ts}|${nonce}`).digest('base64url');
  }

  // ------------------------------------------------------------- one-click queue

  private toJournal: { requests: UnsubscribeRequest[]; resolve: () => void; reject: (e: unknown) => void }[] =
    [];

  /** Writes the unsubscribes down (durable), answers can go out, and applies them right after. */
  async unsubscribe(requests: UnsubscribeRequest[]): Promise<void> {
    if (!this.journal) {
      for (const r of requests) await this.hooks.emitUnsubscribe(r);
      return;
    }
    // Group commit: the clicks that arrive together are written in one transaction, and each is
    // answered only once its row is durable (a commit per click would cost more than the click).
    const journal = this.journal;
    await new Promise<void>((resolve, reject) => {
      this.toJournal.push({ requests, resolve, reject });
      if (this.toJournal.length > 1) return;
      setImmediate(() => {
        const group = this.toJournal.splice(0);
        try {
          journal.add(group.flatMap((g) => g.requests));
          for (const g of group) g.resolve();
        } catch (e) {
          for (const g of group) g.reject(e);
        }
      });
    });
    void this.drain();
  }

  /** Applies what is due, one at a time, yielding to requests in between. */
  drain(): Promise<void> {
    if (!this.journal) return Promise.resolve();
    if (this.draining) return this.draining;
    // .finally always runs later, so `draining` is set before it is cleared
    const run: Promise<void> = this.applyDue(this.journal).finally(() => {
      if (this.draining === run) this.draining = null;
    });
    this.draining = run;
    return run;
  }

  private async applyDue(j: ActionJournal): Promise<void> {
    for (;;) {
      const batch = j.pending(20, this.now());
      if (batch.length === 0) return;
      for (const item of batch) {
        await this.quiet();
        if (this.halted) return; // left in the journal for the next start
        try {
          await this.hooks.emitUnsubscribe(item.request);
          j.done(item.id, this.now());
          this.count('unsubscribesApplied');
        } catch (e) {
          j.failed(item.id, String((e as Error)?.message ?? e), this.now());
          this.count('unsubscribeErrors');
          this.log(`수신거부 적용 실패(다시 시도함): ${redact(String((e as Error)?.message ?? e))}`);
        }
      }
    }
  }

  /**
   * Applying an opt-out is synchronous database work: it waits until no request is being
   * answered (so a burst of one-clicks is answered at full speed), at most MAX_WAIT_MS.
   */
  private async quiet(): Promise<void> {
    const since = Date.now();
    for (;;) {
      const now = Date.now();
      if (
        this.halted ||
        (this.inFlight === 0 && now - this.lastActivity >= QUIET_MS) ||
        now - since >= MAX_WAIT_MS
      )
        return;
      await new Promise((r) => setTimeout(r, QUIET_MS / 2));
    }
  }

  /** Resolves when nothing due is waiting (tests, shutdown). */
  async settled(): Promise<void> {
    while (this.draining) await this.draining;
  }

  // ------------------------------------------------------------- request handling

  private reply(res: http.ServerResponse, head: boolean): PublicReply {
    const send = (
      status: number,
      type: string | null,
      body: Buffer | string,
      extra: Record<string, string>,
    ) => {
      if (res.headersSent) return;
      res.writeHead(status, {
        ...BASE_HEADERS,
        ...(type ? { 'content-type': type } : {}),
        'content-length': String(typeof body === 'string' ? Buffer.byteLength(body, 'utf8') : body.length),
        ...extra,
      });
      // A string body leaves in one write with the headers; a Buffer would take a second, vectored
      // write, so bytes (the pixel) go as a latin1 string, which maps each byte to itself.
      if (head) res.end();
      else if (typeof body === 'string') res.end(body, 'utf8');
      else res.end(body.toString('latin1'), 'latin1');
    };
    return {
      node: res,
      html: (status, html) =>
        send(status, 'text/html; charset=utf-8', html, { 'content-security-policy': pageCsp(STYLE_HASH) }),
      text: (status, text) =>
        send(status, 'text/plain; charset=utf-8', text, { 'content-security-policy': PLAIN_CSP }),
      gif: () =>
        send(200, 'image/gif', GIF, {
          'content-security-policy': PLAIN_CSP,
          expires: '0',
          pragma: 'no-cache',
        }),
      empty: (status) => send(status, null, Buffer.alloc(0), { 'content-security-policy': PLAIN_CSP }),
    };
  }

  /** The node:http handler (also usable inside another server or in tests). */
  handle = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    this.inFlight++;
    res.once('close', () => {
      this.inFlight--;
      this.lastActivity = Date.now();
    });
    this.dispatch(req, res).catch((e) => {
      this.count('errors');
      this.log(`처리 중 오류 (${redact(req.url ?? '')}): ${redact(String((e as Error)?.message ?? e))}`);
      if (!res.headersSent)
        this.reply(res, false).html(
          500,
          messagePage(this.context.wardName(), '잠시 후 다시 시도해 주세요', '처리 중 문제가 생겼습니다.'),
        );
    });
  };

  private async dispatch(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    this.count('requests');
    const head = req.method === 'HEAD';
    const method = head ? 'GET' : (req.method ?? 'GET');
    const reply = this.reply(res, head);
    const ward = this.context.wardName();
    const ip = clientIp(req, this.context.trustProxy());
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://public.invalid');
    } catch {
      reply.text(400, '잘못된 요청입니다.');
      return;
    }
    const matched = this.routes.filter((r) => r.re.test(url.pathname));
    const route = matched.find((r) => r.method === method);
    const limiter = this.limiter;

    if (route?.callback) {
      const allowed = this.context.callbackAllow().map(normaliseIp);
      if (!allowed.includes(ip)) {
        this.count('forbidden');
        reply.text(403, '허용되지 않은 주소입니다.');
        return;
      }
    } else if (limiter) {
      if (!limiter.allow(ip)) {
        this.count('rateLimited');
        res.setHeader('retry-after', '30');
        reply.text(429, '요청이 너무 많습니다. 잠시 후 다시 시도해 주세요.');
        return;
      }
      limiter.charge(ip, 1);
    }

    if (!route) {
      if (matched.length > 0) {
        res.setHeader('allow', [...new Set(matched.map((r) => r.method))].join(', '));
        reply.text(405, '허용되지 않은 요청 방식입니다.');
        return;
      }
      this.count('notFound');
      limiter?.charge(ip, 4);
      reply.html(404, messagePage(ward, '페이지를 찾을 수 없습니다', '주소가 올바른지 확인해 주세요.'));
      return;
    }

    const m = route.re.exec(url.pathname)!;
    const params: Record<string, string> = {};
    try {
      route.names.forEach((n, i) => {
        params[n] = decodeURIComponent(m[i + 1]);
      });
    } catch {
      reply.text(400, '잘못된 요청입니다.');
      return;
    }
    let raw: Map<string, Buffer> | null = null;
    const request: PublicRequest = {
      method,
      path: url.pathname,
      params,
      query: url.searchParams,
      // only the MO route needs bytes: decoded on first use
      get rawQuery() {
        raw ??= rawQuery(url.search);
        return raw;
      },
      headers: req.headers,
      ip,
      at: this.now(),
      body: () => readBody(req),
      miss: () => limiter?.charge(ip, 9),
    };
    try {
      await route.handler(request, reply);
    } catch (e) {
      if (e instanceof BodyTooLarge) {
        res.setHeader('connection', 'close');
        reply.text(413, '요청 본문이 너무 큽니다.');
        return;
      }
      throw e;
    }
  }

  // ------------------------------------------------------------- lifecycle

  async listen(opts: { host: string; port: number; unref?: boolean }): Promise<Listening> {
    if (this.server) await this.close();
    this.halted = false;
    const server = http.createServer({ requestTimeout: 15_000, headersTimeout: 10_000 }, this.handle);
    server.keepAliveTimeout = 5_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.port, opts.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    if (opts.unref) server.unref();
    const port = (server.address() as AddressInfo).port;
    const h = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
    this.server = server;
    this.startedAt = this.now();
    this.listening = { url: `http://${h}:${port}`, host: opts.host, port };
    if (this.journal) {
      // replay what a crash left behind, and retry failures as they come due
      void this.drain();
      this.retryTimer = setInterval(() => void this.drain(), 60_000);
      this.retryTimer.unref();
    }
    return this.listening;
  }

  isListening(): Listening | null {
    return this.listening;
  }

  started(): Date | null {
    return this.startedAt;
  }

  async close(): Promise<void> {
    if (this.retryTimer) clearInterval(this.retryTimer);
    this.retryTimer = null;
    this.halted = true;
    await this.settled(); // nothing touches the database after close
    this.halted = false;
    const s = this.server;
    this.server = null;
    this.listening = null;
    this.startedAt = null;
    if (!s) return;
    await new Promise<void>((resolve) => {
      s.close(() => resolve());
      s.closeAllConnections();
    });
  }
}
