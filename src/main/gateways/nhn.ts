import { PROVIDER_CODES, reasonFor } from './codes';
import { httpCall, kstStamp, serverError } from './http';
import { type KeyInfo, type KeyLookup, withoutKnownKeys } from './keys';
import { failMessage, type GatewayCheck } from './solapi';
import {
  type DeliveryStatus,
  GatewayError,
  type GatewayInfo,
  type SendResult,
  type SmsGateway,
  type SmsMessage,
} from './types';

export interface NhnOptions {
  baseUrl: string;
  appKey: string;
  secretKey: string;
  sender?: string;
  /** the 080 number whose block list is read ('' = all) */
  unsubscribeNo?: string;
  timeoutMs?: number;
  now?: () => Date;
  lookup?: KeyLookup | null;
}

const NAME = 'NHN Cloud';
type Kind = 'sms' | 'mms';

interface NhnHeader {
  isSuccessful?: boolean;
  resultCode?: number;
  resultMessage?: string;
}
interface NhnRecipientRow {
  requestId?: string;
  recipientSeq?: number;
  recipientNo?: string;
  msgStatus?: string;
  resultCode?: string;
  resultCodeName?: string;
  recipientGroupingKey?: string;
}

/** NHN's header.resultCode for refused credentials (*unverified*: documented as negative codes). */
const AUTH_CODES = new Set([-1000, -1001, -8, 401]);

/** NHN msgStatus ('0' failed … '3' success, '6'/'7' ad restrictions) → a delivery state. */
export function nhnStatus(key: string, kind: Kind, row: NhnRecipientRow): DeliveryStatus {
  const st = String(row.msgStatus ?? '');
  const providerId = `${kind}:${row.requestId}:${row.recipientSeq}`;
  const code = st;
  const hit = PROVIDER_CODES.nhn[st];
  if (st === '3') return { key, status: 'delivered', providerId, code };
  if (!hit || hit.final === 'pending') return { key, status: 'accepted', providerId, code };
  const detail = row.resultCodeName ? ` (${row.resultCodeName})` : '';
  return { key, status: 'failed', providerId, code, reason: `${reasonFor('nhn', st)}${detail}` };
}

/**
 * NHN Cloud SMS v3.0: one body per request for up to 1,000 recipients, so messages are grouped by
 * sender, class, ad flag and subject; personalised texts travel as a template parameter (the body
 * is `##m##`, each recipient's text in templateParameter.m). The outbox token rides in
 * recipientGroupingKey, which the list API can search by (crash reconciliation, retries).
 */
export class NhnGateway implements SmsGateway {
  readonly maxBatch = 1000;
  readonly canQueryStatus = true;
  readonly honoursIdempotencyKey: boolean;
  private base: string;
  private now: () => Date;
  private timeoutMs: number;

  constructor(private opts: NhnOptions) {
    this.base = `${opts.baseUrl.replace(/\/+$/, '')}/sms/v3.0/appKeys/${encodeURIComponent(opts.appKey)}`;
    this.now = opts.now ?? (() => new Date());
    this.timeoutMs = opts.timeoutMs ?? 30_000;
    this.honoursIdempotencyKey = !!opts.lookup;
  }

  describe(): GatewayInfo {
    return {
      name: 'NHN Cloud SMS',
      real: true,
      notice: 'NHN Cloud를 통해 실제로 발송합니다. 발신번호는 NHN Cloud 콘솔에 미리 등록되어 있어야 합니다.',
    };
  }

  private async call(
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
  ): Promise<{ header: NhnHeader; body: unknown }> {
    const res = await httpCall(
      `${this.base}${path}`,
      {
        method,
        headers: {
          'X-Secret-Key': this.opts.secretKey,
          ...(body === undefined ? {} : { 'Content-Type': 'application/json;charset=UTF-8' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        timeoutMs: this.timeoutMs,
      },
      NAME,
    );
    if (res.status >= 500) throw serverError(NAME, res.status, method);
    const json = (res.json ?? {}) as { header?: NhnHeader; body?: unknown };
    const header = json.header ?? {};
    if (res.status === 401 || res.status === 403 || AUTH_CODES.has(Number(header.resultCode)))
      throw new GatewayError(
        `nhn auth ${header.resultCode ?? res.status}`,
        'NHN Cloud 인증에 실패했습니다. App Key와 Secret Key를 확인하세요.',
        { transient: false, code: String(header.resultCode ?? `HTTP${res.status}`) },
      );
    if (res.status === 429)
      throw new GatewayError('nhn 429', 'NHN Cloud 요청이 너무 많아 잠시 후 다시 보냅니다.', {
        transient: true,
        code: 'HTTP429',
      });
    if (res.status >= 400 || header.isSuccessful === false)
      throw new GatewayError(
        `nhn ${header.resultCode}: ${header.resultMessage ?? res.text.slice(0, 200)}`,
        `NHN Cloud가 요청을 거부했습니다 (${header.resultCode ?? res.status}: ${header.resultMessage ?? ''}).`,
        { transient: false, code: String(header.resultCode ?? `HTTP${res.status}`) },
      );
    return { header, body: json.body };
  }

  async sendBatch(messages: SmsMessage[]): Promise<SendResult[]> {
    if (messages.length > this.maxBatch) throw new Error(`nhn: at most ${this.maxBatch} per call`);
    // A key tried before may already be at the provider (the answer was lost): find it, do not resend it.
    const { known: out, toSend } = await withoutKnownKeys(messages, this.opts.lookup, (i) => this.find(i));
    const groups = new Map<string, SmsMessage[]>();
    for (const m of toSend) {
      const g = JSON.stringify([
        m.class,
        m.isAd,
        this.opts.sender || m.from,
        m.class === 'LMS' ? m.subject : null,
      ]);
      const list = groups.get(g);
      if (list) list.push(m);
      else groups.set(g, [m]);
    }
    for (const group of groups.values()) out.push(...(await this.sendGroup(group)));
    return out;
  }

  private async sendGroup(ms: SmsMessage[]): Promise<SendResult[]> {
    const first = ms[0];
    const kind: Kind = first.class === 'LMS' ? 'mms' : 'sms';
    const path = `/sender/${first.isAd ? `ad-${kind}` : kind}`;
    const same = ms.every((m) => m.text === first.text);
    const body = {
      ...(kind === 'mms' ? { title: first.subject ?? '' } : {}),
      body: same ? first.text : '##m##',
      sendNo: this.opts.sender || first.from,
      recipientList: ms.map((m) => ({
        recipientNo: m.to,
        recipientGroupingKey: m.key,
        ...(same ? {} : { templateParameter: { m: m.text } }),
      })),
      userId: 'sotong',
    };
    const { body: b } = await this.call('POST', path, body);
    const data = (b as { data?: { requestId?: string; sendResultList?: NhnRecipientRow[] } })?.data ?? {};
    const requestId = data.requestId ?? '';
    return (data.sendResultList ?? [])
      .filter((r) => r.recipientGroupingKey)
      .map((r): SendResult => {
        const code = String(r.resultCode ?? '0');
        const providerId = `${kind}:${requestId}:${r.recipientSeq}`;
        if (code === '0') return { key: r.recipientGroupingKey!, status: 'accepted', providerId, code: '1' };
        return {
          key: r.recipientGroupingKey!,
          status: 'failed',
          providerId,
          code,
          reason: `NHN Cloud가 받지 않았습니다: ${(r as { resultMessage?: string }).resultMessage ?? code}`,
        };
      });
  }

  async queryStatus(keys: string[]): Promise<DeliveryStatus[]> {
    const infos = this.opts.lookup?.(keys) ?? new Map<string, KeyInfo>();
    const found = await this.find([...infos.values()]);
    return keys.map((k) => found.get(k) ?? { key: k, status: 'unknown' });
  }

  /** Known requests are listed whole (one call per request id); unknown keys by recipientGroupingKey. */
  private async find(infos: KeyInfo[]): Promise<Map<string, DeliveryStatus>> {
    const out = new Map<string, DeliveryStatus>();
    const byRequest = new Map<string, { kind: Kind; keys: Map<string, string> }>();
    for (const i of infos) {
      const [kind, requestId] = (i.providerId ?? '').split(':');
      if (!requestId) continue;
      const e = byRequest.get(requestId) ?? { kind: kind as Kind, keys: new Map() };
      e.keys.set(i.key, i.key);
      byRequest.set(requestId, e);
    }
    for (const [requestId, { kind, keys }] of byRequest) {
      for (let page = 1; page <= 10; page++) {
        const q = new URLSearchParams({ requestId, pageNum: String(page), pageSize: '1000' });
        const rows = await this.list(kind, q);
        for (const r of rows)
          if (r.recipientGroupingKey && keys.has(r.recipientGroupingKey))
            out.set(r.recipientGroupingKey, nhnStatus(r.recipientGroupingKey, kind, r));
        if (rows.length < 1000) break;
      }
    }
    for (const i of infos.filter((x) => !x.providerId?.includes(':'))) {
      const start = new Date(Date.parse(i.since) - 60_000);
      const q = new URLSearchParams({
        startRequestDate: kstStamp(start),
        endRequestDate: kstStamp(new Date(this.now().getTime() + 60_000)),
        recipientGroupingKey: i.key,
        pageSize: '10',
      });
      for (const kind of ['sms', 'mms'] as const) {
        const hit = (await this.list(kind, q)).find((r) => r.recipientGroupingKey === i.key);
        if (hit) {
          out.set(i.key, nhnStatus(i.key, kind, hit));
          break;
        }
      }
      if (!out.has(i.key)) out.set(i.key, { key: i.key, status: 'unknown' });
    }
    return out;
  }

  private async list(kind: Kind, q: URLSearchParams): Promise<NhnRecipientRow[]> {
    const { body } = await this.call('GET', `/sender/${kind}?${q}`);
    return (body as { data?: NhnRecipientRow[] })?.data ?? [];
  }

  /** 연결 시험: the keys, and that the sender number is registered and usable. */
  async check(sender: string): Promise<GatewayCheck> {
    try {
      const q = new URLSearchParams({ pageNum: '1', pageSize: '1000' });
      if (sender) q.set('sendNo', sender);
      const { body } = await this.call('GET', `/sendNos?${q}`);
      const rows = (body as { data?: { sendNo: string; useYn?: string; blockYn?: string }[] })?.data ?? [];
      if (!sender)
        return {
          ok: true,
          balance: null,
          message: `NHN Cloud에 연결되었습니다. 등록된 발신번호 ${rows.length}개.`,
        };
      const hit = rows.find((r) => r.sendNo === sender);
      if (!hit || hit.useYn === 'N' || hit.blockYn === 'Y')
        return {
          ok: false,
          balance: null,
          message: `NHN Cloud에 연결되었지만 발신번호 ${sender}가 등록되지 않았거나 사용할 수 없습니다.`,
        };
      return {
        ok: true,
        balance: null,
        message: `NHN Cloud에 연결되었습니다. 발신번호 ${sender} 사용 가능.`,
      };
    } catch (e) {
      return { ok: false, balance: null, message: failMessage(e) };
    }
  }

  /** 080 block list (GET …/blockservice/recipients; *unverified* field names: recipientNo, createDate). */
  async fetchBlocked(since: Date | null): Promise<{ number: string; at: string }[]> {
    const out: { number: string; at: string }[] = [];
    for (let page = 1; page <= 1000; page++) {
      const q = new URLSearchParams({ pageNum: String(page), pageSize: '1000' });
      if (this.opts.unsubscribeNo) q.set('unsubscribeNo', this.opts.unsubscribeNo);
      if (since) q.set('startCreateDate', kstStamp(since));
      const { body } = await this.call('GET', `/blockservice/recipients?${q}`);
      const rows = (body as { data?: { recipientNo?: string; createDate?: string }[] })?.data ?? [];
      for (const r of rows)
        if (r.recipientNo) out.push({ number: r.recipientNo, at: kstToIso(r.createDate) });
      if (rows.length < 1000) break;
    }
    return out;
  }
}

/** 'YYYY-MM-DD HH:mm:ss' (Korean time) → ISO. */
function kstToIso(s: string | undefined): string {
  if (!s) return new Date(0).toISOString();
  const d = new Date(`${s.replace(' ', 'T')}+09:00`);
  return Number.isNaN(d.getTime()) ? new Date(0).toISOString() : d.toISOString();
}
