import { createHmac, timingSafeEqual } from 'node:crypto';
import { type Fault, type Req, type Res, startJsonServer } from './common';

/**
 * A Solapi stand-in on 127.0.0.1 for tests and the bench: the documented v4 endpoints the adapter
 * uses, with the real checks (HMAC-SHA256 signature over date+salt, ±15 min clock window, salt
 * reuse), messages kept in memory, delivery results that appear on polling, and an 080 list.
 */
export interface SolapiServerOptions {
  apiKey: string;
  apiSecret: string;
  /** sender numbers registered at the provider; others fail with 1062 ([] = any) */
  senders?: string[];
  /** final status code per recipient (default '4000' delivered) */
  outcome?: (to: string) => string;
  /** results appear this long after acceptance (before that: 3000) */
  deliverAfterMs?: number;
  balance?: number;
  now?: () => Date;
  clockWindowMs?: number;
}

export interface SolapiStored {
  messageId: string;
  groupId: string;
  to: string;
  from: string;
  text: string;
  type: string;
  subject?: string;
  customFields: Record<string, string>;
  statusCode: string;
  final: string;
  dateCreated: string;
  acceptedAt: number;
}

export interface SolapiTestServer {
  url: string;
  messages: SolapiStored[];
  /** the 080 list served by GET /iam/v1/black */
  blackList: { recipientNumber: string; senderNumber: string; dateCreated: string }[];
  /** requests answered, by path; rejected = refused authentication */
  counts: Record<string, number>;
  rejected: { code: string }[];
  /** the next send request fails this way (once) */
  failNext: Fault;
  close(): Promise<void>;
}

function authError(status: number, code: string, msg: string): Res {
  return { status, json: { errorCode: code, errorMessage: msg } };
}

export async function startSolapiServer(opts: SolapiServerOptions): Promise<SolapiTestServer> {
  const now = opts.now ?? (() => new Date());
  const window = opts.clockWindowMs ?? 15 * 60_000;
  const byId = new Map<string, SolapiStored>();
  const salts = new Map<string, number>();
  let seq = 0;
  let groupSeq = 0;
  const state: Omit<SolapiTestServer, 'url' | 'close'> = {
    messages: [],
    blackList: [],
    counts: {},
    rejected: [],
    failNext: null,
  };

  function verify(req: Req): Res | null {
    const h = String(req.headers.authorization ?? '');
    const m = /^HMAC-SHA256 apiKey=([^,]+), date=([^,]+), salt=([^,]+), signature=([0-9a-f]+)$/.exec(h);
    const reject = (r: Res) => {
      state.rejected.push({ code: (r.json as { errorCode: string }).errorCode });
      return r;
    };
    if (!m) return reject(authError(401, 'InvalidAuthorizationHeader', 'Authorization 헤더 형식 오류'));
    const [, apiKey, date, salt, signature] = m;
    if (apiKey !== opts.apiKey) return reject(authError(403, 'InvalidApiKey', 'API Key 오류'));
    const t = Date.parse(date);
    if (Number.isNaN(t) || Math.abs(now().getTime() - t) > window)
      return reject(authError(403, 'RequestTimeTooSkewed', '요청 시각이 서버 시각과 15분 이상 다릅니다'));
    const want = createHmac('sha256', opts.apiSecret)
      .update(date + salt)
      .digest();
    const got = Buffer.from(signature, 'hex');
    if (got.length !== want.length || !timingSafeEqual(got, want))
      return reject(authError(403, 'SignatureDoesNotMatch', '서명이 일치하지 않습니다'));
    if (salts.has(salt)) return reject(authError(403, 'DuplicatedSignature', '이미 사용된 salt'));
    salts.set(salt, t);
    if (salts.size > 200_000) salts.clear();
    return null;
  }

  function view(m: SolapiStored) {
    if (m.statusCode === '3000' && now().getTime() - m.acceptedAt >= (opts.deliverAfterMs ?? 0))
      m.statusCode = m.final;
    return {
      messageId: m.messageId,
      groupId: m.groupId,
      to: m.to,
      from: m.from,
      type: m.type,
      statusCode: m.statusCode,
      customFields: m.customFields,
      dateCreated: m.dateCreated,
    };
  }

  function send(req: Req): Res | null {
    const body = JSON.parse(req.body || '{}') as {
      messages?: Partial<SolapiStored & { customFields: Record<string, string> }>[];
    };
    const msgs = body.messages ?? [];
    if (msgs.length === 0 || msgs.length > 10_000)
      return { status: 400, json: { errorCode: 'ValidationError', errorMessage: '메시지는 1~10,000건' } };
    const groupId = `G4V${String(++groupSeq).padStart(12, '0')}`;
    const messageList: unknown[] = [];
    const failedMessageList: unknown[] = [];
    const at = now();
    for (const m of msgs) {
      const messageId = `M4V${String(++seq).padStart(16, '0')}`;
      const to = String(m.to ?? '');
      const from = String(m.from ?? '');
      let code = '2000';
      if (!/^0\d{8,10}$/.test(to)) code = '1021';
      else if (!m.text) code = '1020';
      else if (opts.senders?.length && !opts.senders.includes(from)) code = '1062';
      if (code !== '2000') {
        failedMessageList.push({
          to,
          from,
          type: m.type,
          messageId,
          statusCode: code,
          customFields: m.customFields,
        });
        continue;
      }
      const stored: SolapiStored = {
        messageId,
        groupId,
        to,
        from,
        text: String(m.text),
        type: String(m.type ?? 'SMS'),
        subject: m.subject,
        customFields: m.customFields ?? {},
        statusCode: '3000',
        final: opts.outcome?.(to) ?? '4000',
        dateCreated: at.toISOString(),
        acceptedAt: at.getTime(),
      };
      state.messages.push(stored);
      byId.set(messageId, stored);
      messageList.push({ messageId, statusCode: '2000', customFields: stored.customFields, to });
    }
    const fault = state.failNext;
    state.failNext = null;
    if (fault === 'drop-after-store') return null;
    if (fault === '500-after-store') return { status: 500, json: { errorCode: 'InternalError' } };
    const total = msgs.length;
    return {
      status: 200,
      json: {
        failedMessageList,
        messageList,
        groupInfo: {
          groupId,
          count: { total, registeredFailed: failedMessageList.length, registeredSuccess: messageList.length },
        },
      },
    };
  }

  function list(req: Req): Res {
    const q = req.query;
    const limit = Math.min(500, Number(q.get('limit') ?? 20) || 20);
    const ids = q.getAll('messageIds');
    let rows: SolapiStored[];
    if (ids.length) rows = ids.map((id) => byId.get(id)).filter((x): x is SolapiStored => !!x);
    else if (q.get('messageId')) rows = [byId.get(q.get('messageId')!)].filter((x): x is SolapiStored => !!x);
    else rows = state.messages;
    const to = q.get('to');
    const start = q.get('startDate');
    const group = q.get('groupId');
    if (to) rows = rows.filter((m) => m.to === to);
    if (group) rows = rows.filter((m) => m.groupId === group);
    if (start) rows = rows.filter((m) => m.dateCreated >= new Date(start).toISOString());
    const from = Number(q.get('startKey') ?? 0) || 0;
    const page = rows.slice(from, from + limit);
    const messageList: Record<string, unknown> = {};
    for (const m of page) messageList[m.messageId] = view(m);
    const next = from + limit < rows.length ? String(from + limit) : null;
    return { status: 200, json: { startKey: q.get('startKey'), limit, nextKey: next, messageList } };
  }

  function black(req: Req): Res {
    if (req.query.get('type') !== 'DENIAL') return { status: 200, json: { blackList: {}, nextKey: null } };
    const limit = Math.min(500, Number(req.query.get('limit') ?? 20) || 20);
    const from = Number(req.query.get('startKey') ?? 0) || 0;
    const blackList: Record<string, unknown> = {};
    state.blackList.slice(from, from + limit).forEach((b, i) => {
      const handleKey = `HK${from + i}`;
      blackList[handleKey] = { handleKey, type: 'DENIAL', ...b, dateUpdated: b.dateCreated };
    });
    const next = from + limit < state.blackList.length ? String(from + limit) : null;
    return { status: 200, json: { startKey: req.query.get('startKey'), limit, nextKey: next, blackList } };
  }

  const srv = await startJsonServer((req) => {
    state.counts[req.path] = (state.counts[req.path] ?? 0) + 1;
    const denied = verify(req);
    if (denied) return denied;
    if (req.method === 'POST' && req.path === '/messages/v4/send-many/detail') {
      if (state.failNext === '500' || state.failNext === '429') {
        const f = state.failNext;
        state.failNext = null;
        return f === '429'
          ? { status: 429, json: { errorCode: 'TooManyRequests' } }
          : { status: 500, json: { errorCode: 'InternalError' } };
      }
      return send(req);
    }
    if (req.method === 'GET' && req.path === '/messages/v4/list') return list(req);
    if (req.method === 'GET' && req.path === '/cash/v1/balance')
      return { status: 200, json: { balance: opts.balance ?? 100_000, point: 0 } };
    if (req.method === 'GET' && req.path === '/iam/v1/black') return black(req);
    return { status: 404, json: { errorCode: 'NotFound', errorMessage: req.path } };
  });
  return Object.assign(state, { url: srv.url, close: srv.close });
}
