import { createHmac, randomBytes } from 'node:crypto';
import { PROVIDER_CODES, reasonFor } from './codes';
import { httpCall, serverError } from './http';
import { type KeyInfo, type KeyLookup, withoutKnownKeys } from './keys';
import {
  type DeliveryStatus,
  GatewayError,
  type GatewayInfo,
  type SendResult,
  type SmsGateway,
  type SmsMessage,
} from './types';

export interface SolapiOptions {
  baseUrl: string;
  apiKey: string;
  apiSecret: string;
  /** overrides every message's sender ('' / undefined = the campaign's) */
  sender?: string;
  timeoutMs?: number;
  /** wall clock for the signed date header (Solapi refuses more than 15 minutes of skew) */
  now?: () => Date;
  /** the outbox's knowledge of keys; without it a retry cannot be checked and keys are not honoured */
  lookup?: KeyLookup | null;
}

export interface GatewayCheck {
  ok: boolean;
  message: string;
  balance: number | null;
}

const NAME = '솔라피';

/** `HMAC-SHA256 apiKey=…, date=…, salt=…, signature=hex(HMAC(secret, date + salt))` */
export function solapiAuthHeader(apiKey: string, apiSecret: string, now: Date): string {
  const date = now.toISOString();
  const salt = randomBytes(16).toString('hex');
  const signature = createHmac('sha256', apiSecret)
    .update(date + salt)
    .digest('hex');
  return `HMAC-SHA256 apiKey=${apiKey}, date=${date}, salt=${salt}, signature=${signature}`;
}

/** Solapi's per-message body (send-many/detail); the key rides in customFields to find it later. */
export function solapiMessage(m: SmsMessage, sender?: string) {
  return {
    to: m.to,
    from: sender || m.from,
    text: m.text,
    type: m.class,
    ...(m.class === 'LMS' && m.subject ? { subject: m.subject } : {}),
    customFields: { key: m.key },
  };
}

/** Auth and account errors (HTTP 4xx `errorCode`) → Korean reasons. */
const ERRORS: Record<string, { reason: string; transient: boolean }> = {
  RequestTimeTooSkewed: {
    reason:
      '이 컴퓨터의 시계가 15분 넘게 틀려 솔라피가 요청을 거부했습니다. 컴퓨터 시계를 맞춘 뒤 다시 시도하세요.',
    transient: false,
  },
  SignatureDoesNotMatch: {
    reason: '솔라피 API Secret이 맞지 않습니다. 설정 → 문자 발송에서 다시 입력하세요.',
    transient: false,
  },
  InvalidApiKey: {
    reason: '솔라피 API Key가 올바르지 않습니다. 설정 → 문자 발송에서 확인하세요.',
    transient: false,
  },
  DuplicatedSignature: { reason: '솔라피 인증 값이 중복되었습니다. 다시 시도합니다.', transient: true },
  NotEnoughBalance: {
    reason: '솔라피 잔액이 부족합니다. 충전한 뒤 발송을 다시 시작하세요.',
    transient: true,
  },
  TooManyRequests: { reason: '솔라피 요청이 너무 많아 잠시 후 다시 보냅니다.', transient: true },
};

interface StoredMessage {
  messageId: string;
  to?: string;
  statusCode?: string;
  statusMessage?: string;
  customFields?: Record<string, string>;
}

export function solapiStatus(key: string, m: StoredMessage): DeliveryStatus {
  const code = String(m.statusCode ?? '');
  const base = { key, providerId: m.messageId, code };
  if (code === '2000' || code === '3000') return { ...base, status: 'accepted' };
  if (code === '4000') return { ...base, status: 'delivered' };
  const hit = PROVIDER_CODES.solapi[code];
  if (hit?.final === 'pending') return { ...base, status: 'accepted' };
  return { ...base, status: 'failed', reason: reasonFor('solapi', code) };
}

/**
 * Solapi REST v4 (https://api.solapi.com, or a test server): send-many/detail (≤ 10,000 per call),
 * results by polling /messages/v4/list, balance, and the 080 opt-out list. Solapi has no
 * idempotency key of its own, so the outbox token travels in customFields and a retried key is
 * first looked up at Solapi (by message id, or by recipient and date) before it is sent again.
 */
export class SolapiGateway implements SmsGateway {
  readonly maxBatch = 10_000;
  readonly canQueryStatus = true;
  readonly honoursIdempotencyKey: boolean;
  private base: string;
  private now: () => Date;
  private timeoutMs: number;

  constructor(private opts: SolapiOptions) {
    this.base = opts.baseUrl.replace(/\/+$/, '');
    this.now = opts.now ?? (() => new Date());
    this.timeoutMs = opts.timeoutMs ?? 30_000;
    this.honoursIdempotencyKey = !!opts.lookup;
  }

  describe(): GatewayInfo {
    return {
      name: '솔라피 (Solapi)',
      real: true,
      notice: '솔라피를 통해 실제로 발송합니다. 발신번호는 솔라피에 미리 등록되어 있어야 합니다.',
    };
  }

  private async call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
    const headers: Record<string, string> = {
      Authorization: solapiAuthHeader(this.opts.apiKey, this.opts.apiSecret, this.now()),
    };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const res = await httpCall(
      `${this.base}${path}`,
      {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        timeoutMs: this.timeoutMs,
      },
      NAME,
    );
    if (res.status >= 200 && res.status < 300) return res.json;
    if (res.status >= 500) throw serverError(NAME, res.status, method);
    const err = (res.json ?? {}) as { errorCode?: string; errorMessage?: string };
    const code = err.errorCode ?? `HTTP${res.status}`;
    const known = ERRORS[code] ?? (res.status === 429 ? ERRORS.TooManyRequests : undefined);
    if (known) throw new GatewayError(`solapi ${code}`, known.reason, { transient: known.transient, code });
    if (res.status === 401 || res.status === 403)
      throw new GatewayError(`solapi ${code}`, '솔라피 인증에 실패했습니다. API Key와 Secret을 확인하세요.', {
        transient: false,
        code,
      });
    throw new GatewayError(
      `solapi ${code}: ${err.errorMessage ?? res.text.slice(0, 200)}`,
      `솔라피가 요청을 거부했습니다 (${code}).`,
      { transient: false, code },
    );
  }

  async sendBatch(messages: SmsMessage[]): Promise<SendResult[]> {
    if (messages.length > this.maxBatch) throw new Error(`solapi: at most ${this.maxBatch} per call`);
    // A key tried before may already be at the provider (the answer was lost): find it, do not resend it.
    const { known: out, toSend } = await withoutKnownKeys(messages, this.opts.lookup, (i) => this.find(i));
    if (toSend.length === 0) return out;
    const json = (await this.call('POST', '/messages/v4/send-many/detail', {
      messages: toSend.map((m) => solapiMessage(m, this.opts.sender)),
      allowDuplicates: true,
      showMessageList: true,
    })) as { failedMessageList?: StoredMessage[]; messageList?: StoredMessage[] } | null;
    // customFields come back with each message; a recipient unique in the batch is the fallback
    const byTo = new Map<string, string | null>();
    for (const m of toSend) byTo.set(m.to, byTo.has(m.to) ? null : m.key);
    const keyOf = (m: StoredMessage) => m.customFields?.key ?? (m.to ? byTo.get(m.to) : null) ?? null;
    for (const m of json?.messageList ?? []) {
      const key = keyOf(m);
      if (key)
        out.push({ key, status: 'accepted', providerId: m.messageId, code: String(m.statusCode ?? '2000') });
    }
    for (const m of json?.failedMessageList ?? []) {
      const key = keyOf(m);
      const code = String(m.statusCode ?? '');
      if (key)
        out.push({
          key,
          status: 'failed',
          providerId: m.messageId || null,
          code,
          reason: reasonFor('solapi', code),
        });
    }
    return out;
  }

  async queryStatus(keys: string[]): Promise<DeliveryStatus[]> {
    const infos = this.opts.lookup?.(keys) ?? new Map<string, KeyInfo>();
    const found = await this.find([...infos.values()]);
    return keys.map((k) => found.get(k) ?? { key: k, status: 'unknown' });
  }

  /** Known message ids in lists of 100; keys without one by recipient and date (rare: crash, lost answer). */
  private async find(infos: KeyInfo[]): Promise<Map<string, DeliveryStatus>> {
    const out = new Map<string, DeliveryStatus>();
    const withId = infos.filter((i) => i.providerId);
    const byId = new Map(withId.map((i) => [i.providerId!, i.key]));
    for (let i = 0; i < withId.length; i += 100) {
      const q = new URLSearchParams({ limit: '100' });
      for (const x of withId.slice(i, i + 100)) q.append('messageIds', x.providerId!);
      const list = await this.list(q);
      for (const m of list) {
        const key = m.customFields?.key ?? byId.get(m.messageId);
        if (key && byId.get(m.messageId) === key) out.set(key, solapiStatus(key, m));
      }
    }
    for (const i of infos.filter((x) => !x.providerId)) {
      const since = new Date(Date.parse(i.since) - 60_000).toISOString();
      let startKey: string | null = null;
      for (let page = 0; page < 20; page++) {
        const q = new URLSearchParams({ to: i.to, startDate: since, limit: '500' });
        if (startKey) q.set('startKey', startKey);
        const json = (await this.call('GET', `/messages/v4/list?${q}`)) as ListAnswer;
        const hit = Object.values(json?.messageList ?? {}).find((m) => m.customFields?.key === i.key);
        if (hit) {
          out.set(i.key, solapiStatus(i.key, hit));
          break;
        }
        startKey = json?.nextKey ?? null;
        if (!startKey) break;
      }
      if (!out.has(i.key)) out.set(i.key, { key: i.key, status: 'unknown' });
    }
    return out;
  }

  private async list(q: URLSearchParams): Promise<StoredMessage[]> {
    const json = (await this.call('GET', `/messages/v4/list?${q}`)) as ListAnswer;
    return Object.values(json?.messageList ?? {});
  }

  /** 연결 시험: credentials, clock and balance in one call. */
  async check(): Promise<GatewayCheck> {
    try {
      const json = (await this.call('GET', '/cash/v1/balance')) as {
        balance?: number;
        point?: number;
      } | null;
      const balance = Number(json?.balance ?? 0);
      const point = Number(json?.point ?? 0);
      return {
        ok: true,
        balance,
        message: `솔라피에 연결되었습니다. 잔액 ${balance.toLocaleString('ko-KR')}원, 포인트 ${point.toLocaleString('ko-KR')}점.`,
      };
    } catch (e) {
      return { ok: false, balance: null, message: failMessage(e) };
    }
  }

  /** The 080 opt-out list (GET /iam/v1/black?type=DENIAL), newest first, paged by startKey. */
  async fetchDenials(since: Date | null): Promise<{ number: string; at: string }[]> {
    const out: { number: string; at: string }[] = [];
    let startKey: string | null = null;
    for (let page = 0; page < 1000; page++) {
      const q = new URLSearchParams({ type: 'DENIAL', limit: '500' });
      if (startKey) q.set('startKey', startKey);
      const json = (await this.call('GET', `/iam/v1/black?${q}`)) as {
        nextKey?: string | null;
        blackList?: Record<string, { recipientNumber?: string; dateCreated?: string; type?: string }>;
      } | null;
      for (const b of Object.values(json?.blackList ?? {})) {
        if (!b.recipientNumber || (b.type && b.type !== 'DENIAL')) continue;
        const at = b.dateCreated ?? new Date(0).toISOString();
        if (!since || Date.parse(at) >= since.getTime()) out.push({ number: b.recipientNumber, at });
      }
      startKey = json?.nextKey ?? null;
      if (!startKey) break;
    }
    return out;
  }
}

interface ListAnswer {
  nextKey?: string | null;
  messageList?: Record<string, StoredMessage>;
}

export function failMessage(e: unknown): string {
  return e instanceof GatewayError ? e.reason : `연결하지 못했습니다: ${(e as Error)?.message ?? e}`;
}
