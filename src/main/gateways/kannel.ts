// Kannel (the open-source SMS gateway) through its smsbox sendsms HTTP interface. One GET per
// message: Korean goes as UTF-16BE bytes with coding=2 (without it Hangul arrives as "?"), and
// each message asks for delivery reports at the public listener's DLR route with its key.
// Kannel cannot be asked about a message afterwards, and it does not know our keys.
import http from 'node:http';
import https from 'node:https';
import { PUBLIC_PATHS } from '../public/urls';
import {
  type DeliveryStatus,
  type GatewayInfo,
  GatewayError,
  type SendResult,
  type SmsGateway,
  type SmsMessage,
} from './types';

export interface KannelOptions {
  /** e.g. http://127.0.0.1:13013/cgi-bin/sendsms */
  sendsmsUrl: string;
  username: string;
  password: string;
  /** route to this smsc-id (null = Kannel's own routing) */
  smsc: string | null;
  /** the DLR callback for a message key; null = no delivery reports */
  dlrUrl: (key: string) => string | null;
  timeoutMs?: number;
}

/** Kannel's dlr-mask: 1 delivered, 2 failed, 4 buffered, 8 submitted to the SMSC, 16 rejected by it. */
export const KANNEL_DLR_MASK = 31;

/** Kannel's %d in a delivery report → what it means for the outbox. */
export const KANNEL_DLR: Record<number, { final: 'delivered' | 'failed' | 'pending'; reason: string }> = {
  1: { final: 'delivered', reason: '전달됨' },
  2: { final: 'failed', reason: '받는 휴대전화에 전달되지 못했습니다 (통신사 실패 보고)' },
  4: { final: 'pending', reason: '통신사에서 전달을 기다리는 중입니다' },
  8: { final: 'pending', reason: '통신사(SMSC)에 넘겨졌습니다' },
  16: { final: 'failed', reason: '통신사(SMSC)가 문자를 거부했습니다' },
};

/**
 * The dlr-url for a key at the public listener (what the gateway factory passes as `dlrUrl`).
 * Kannel fills %d (status), %A (the SMSC's answer), %p (recipient) and %T (time) when it calls.
 */
export function kannelDlrUrl(publicBaseUrl: string, key: string): string {
  const base = publicBaseUrl.replace(/\/+$/, '');
  return `${base}${PUBLIC_PATHS.kannelDlr}?id=${encodeURIComponent(key)}&status=%d&answer=%A&to=%p&ts=%T`;
}

/** Every byte percent-escaped: Kannel reads `text` as raw bytes in the given charset. */
function escapeBytes(b: Buffer): string {
  let s = '';
  for (const byte of b) s += `%${byte < 16 ? '0' : ''}${byte.toString(16).toUpperCase()}`;
  return s;
}

/** Kannel's answer to sendsms: "0: Accepted for delivery", "3: Queued for later delivery", or an error text. */
interface Answer {
  status: number;
  body: string;
}

type Outcome = { kind: 'answer'; answer: Answer } | { kind: 'network'; code: string; sent: boolean };

const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
const CONCURRENCY = 8;

/** An HTTP answer → the message's result (Korean reasons; retryable where Kannel says "try later"). */
export function kannelResult(key: string, a: Answer): SendResult {
  const body = a.body.trim();
  const head = body.match(/^(\d+):/)?.[1];
  if (a.status >= 200 && a.status < 300 && (head === '0' || head === '3' || !head))
    return {
      key,
      status: 'accepted',
      providerId: null,
      code: head === '3' ? 'KANNEL_3' : 'KANNEL_0',
    };
  const code = `HTTP${a.status}`;
  const said = body ? ` — Kannel: "${body.slice(0, 120)}"` : '';
  if (a.status === 403 || a.status === 401)
    return { key, status: 'failed', code, reason: `Kannel 아이디 또는 비밀번호가 맞지 않습니다${said}` };
  if (/sender missing/i.test(body))
    return {
      key,
      status: 'failed',
      code,
      reason: `발신번호가 없습니다. 설정에서 등록된 발신번호를 입력하세요${said}`,
    };
  if (a.status === 503 || /temporal|try again/i.test(body))
    return {
      key,
      status: 'failed',
      code,
      reason: `Kannel이 잠시 보낼 수 없다고 답했습니다${said}`,
      retryable: true,
    };
  if (a.status >= 500)
    return {
      key,
      status: 'failed',
      code,
      reason: `Kannel 서버 오류입니다 (HTTP ${a.status})${said}`,
      retryable: true,
    };
  return { key, status: 'failed', code, reason: `Kannel이 이 문자를 거부했습니다 (HTTP ${a.status})${said}` };
}

export class KannelGateway implements SmsGateway {
  readonly maxBatch = 100;
  /** Kannel has no idempotency key: a repeat is a second text */
  readonly honoursIdempotencyKey = false;
  /** Kannel cannot be asked about a message: results come only by delivery reports */
  readonly canQueryStatus = false;
  private agent: http.Agent;
  private timeoutMs: number;

  constructor(private opts: KannelOptions) {
    this.timeoutMs = opts.timeoutMs ?? 30_000;
    const Agent = opts.sendsmsUrl.startsWith('https:') ? https.Agent : http.Agent;
    this.agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  }

  describe(): GatewayInfo {
    return {
      name: 'Kannel',
      real: true,
      notice:
        '구청의 Kannel 문자 게이트웨이로 실제 문자가 나갑니다. 전달 결과는 Kannel이 공개 웹 주소로 보내 주는 전달 보고로 받습니다.',
    };
  }

  /** The sendsms URL for one message (exported for tests and the connection check). */
  urlFor(m: SmsMessage): string {
    const u = new URL(this.opts.sendsmsUrl);
    const q: string[] = [];
    const add = (k: string, v: string) => q.push(`${k}=${encodeURIComponent(v)}`);
    add('username', this.opts.username);
    add('password', this.opts.password);
    // empty: Kannel's own global-sender (if it has one) is used
    if (m.from) add('from', m.from);
    add('to', m.to);
    // UCS-2 for everything: Hangul needs it, and one coding keeps the byte count predictable
    q.push(`text=${escapeBytes(Buffer.from(m.text.normalize('NFC'), 'utf16le').swap16())}`);
    add('charset', 'UTF-16BE');
    add('coding', '2');
    if (this.opts.smsc) add('smsc', this.opts.smsc);
    const dlr = this.opts.dlrUrl(m.key);
    if (dlr) {
      add('dlr-mask', String(KANNEL_DLR_MASK));
      add('dlr-url', dlr);
    }
    u.search = q.join('&');
    return u.toString();
  }

  private call(url: string): Promise<Outcome> {
    return new Promise((resolve) => {
      const mod = url.startsWith('https:') ? https : http;
      let written = false;
      const req = mod.get(url, { agent: this.agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            kind: 'answer',
            answer: { status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') },
          }),
        );
        res.on('error', () => resolve({ kind: 'network', code: 'ECONNRESET', sent: true }));
      });
      req.on('finish', () => {
        written = true;
      });
      req.setTimeout(this.timeoutMs, () =>
        req.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })),
      );
      req.on('error', (e: NodeJS.ErrnoException) => {
        const code = e.code ?? 'NETWORK';
        resolve({ kind: 'network', code, sent: written && !NOT_SENT.has(code) });
      });
    });
  }

  async sendBatch(messages: SmsMessage[]): Promise<SendResult[]> {
    const outcomes: Outcome[] = new Array(messages.length);
    let next = 0;
    const worker = async () => {
      while (next < messages.length) {
        const i = next++;
        outcomes[i] = await this.call(this.urlFor(messages[i]));
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, messages.length) }, worker));

    const results: SendResult[] = [];
    const network: { code: string; sent: boolean }[] = [];
    for (let i = 0; i < messages.length; i++) {
      const o = outcomes[i];
      if (o.kind === 'answer') results.push(kannelResult(messages[i].key, o.answer));
      else {
        network.push(o);
        // never reached Kannel: safe to try again later
        if (!o.sent)
          results.push({
            key: messages[i].key,
            status: 'failed',
            code: o.code,
            reason: `Kannel 서버에 연결할 수 없습니다 (${o.code})`,
            retryable: true,
          });
        // may have reached Kannel (timeout, reset): no result → the dispatcher asks a person (확인 필요)
      }
    }
    // the whole batch failed the same way: a systemic failure the dispatcher counts and pauses on
    if (network.length === messages.length && messages.length > 0) {
      const sent = network.some((n) => n.sent);
      const code = network[0].code;
      throw new GatewayError(
        `kannel: ${code}`,
        sent ? 'Kannel 서버가 제시간에 답하지 않았습니다.' : `Kannel 서버에 연결할 수 없습니다 (${code}).`,
        { transient: true, ambiguous: sent, code },
      );
    }
    if (
      results.length === messages.length &&
      results.every((r) => r.code === 'HTTP403' || r.code === 'HTTP401')
    )
      throw new GatewayError('kannel: auth', 'Kannel 아이디 또는 비밀번호가 맞지 않습니다.', {
        transient: false,
        code: 'HTTP403',
      });
    return results;
  }

  /** Kannel keeps no queryable record by our key: results come only as delivery reports. */
  async queryStatus(_keys: string[]): Promise<DeliveryStatus[]> {
    throw new GatewayError('kannel: no status query', 'Kannel에는 발송 결과를 물어볼 수 없습니다.', {
      transient: false,
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
