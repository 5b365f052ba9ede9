import { type Fault, type Req, type Res, startJsonServer } from './common';

/**
 * An NHN Cloud SMS v3.0 stand-in on 127.0.0.1: send (sms/mms/ad-sms/ad-mms, ≤ 1,000 recipients,
 * ##key## template parameters), the list API (by requestId or recipientGroupingKey) with msgStatus
 * moving to its final value after a delay, sendNos, and the 080 block list. Checks the app key and
 * X-Secret-Key header.
 */
export interface NhnServerOptions {
  appKey: string;
  secretKey: string;
  /** registered sender numbers ([] = any) */
  senders?: string[];
  /** final msgStatus per recipient (default '3' success) */
  outcome?: (to: string) => string;
  deliverAfterMs?: number;
  now?: () => Date;
}

export interface NhnStored {
  requestId: string;
  recipientSeq: number;
  kind: 'sms' | 'mms';
  ad: boolean;
  sendNo: string;
  recipientNo: string;
  title: string | null;
  body: string;
  recipientGroupingKey: string | null;
  msgStatus: string;
  final: string;
  requestDate: string;
  acceptedAt: number;
}

export interface NhnTestServer {
  url: string;
  messages: NhnStored[];
  blocked: { recipientNo: string; unsubscribeNo: string; createDate: string }[];
  counts: Record<string, number>;
  rejected: number;
  failNext: Fault;
  close(): Promise<void>;
}

const ok = (body: unknown): Res => ({
  status: 200,
  json: { header: { isSuccessful: true, resultCode: 0, resultMessage: 'SUCCESS' }, body },
});
const fail = (status: number, code: number, msg: string): Res => ({
  status,
  json: { header: { isSuccessful: false, resultCode: code, resultMessage: msg }, body: null },
});

function kst(d: Date): string {
  return new Date(d.getTime() + 9 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
}

export async function startNhnServer(opts: NhnServerOptions): Promise<NhnTestServer> {
  const now = opts.now ?? (() => new Date());
  let reqSeq = 0;
  const byRequest = new Map<string, NhnStored[]>();
  const state: Omit<NhnTestServer, 'url' | 'close'> = {
    messages: [],
    blocked: [],
    counts: {},
    rejected: 0,
    failNext: null,
  };
  const prefix = `/sms/v3.0/appKeys/${opts.appKey}`;

  function view(m: NhnStored) {
    if (m.msgStatus === '2' && now().getTime() - m.acceptedAt >= (opts.deliverAfterMs ?? 0))
      m.msgStatus = m.final;
    return {
      requestId: m.requestId,
      recipientSeq: m.recipientSeq,
      requestDate: m.requestDate,
      sendNo: m.sendNo,
      recipientNo: m.recipientNo,
      body: m.body,
      msgStatus: m.msgStatus,
      msgStatusName: { '0': '실패', '1': '요청', '2': '처리 중', '3': '성공' }[m.msgStatus] ?? m.msgStatus,
      resultCode: m.msgStatus === '3' ? '1000' : m.msgStatus === '2' ? '' : '3015',
      resultCodeName: m.msgStatus === '3' ? '성공' : m.msgStatus === '2' ? '' : '결번',
      recipientGroupingKey: m.recipientGroupingKey,
      adYn: m.ad ? 'Y' : 'N',
    };
  }

  function send(req: Req, kind: 'sms' | 'mms', ad: boolean): Res | null {
    const b = JSON.parse(req.body || '{}') as {
      body?: string;
      title?: string;
      sendNo?: string;
      recipientList?: {
        recipientNo: string;
        recipientGroupingKey?: string;
        templateParameter?: Record<string, string>;
      }[];
    };
    const list = b.recipientList ?? [];
    if (list.length === 0 || list.length > 1000) return fail(400, -2000, '수신자는 1~1,000명입니다.');
    if (!b.body) return fail(400, -2001, '본문이 없습니다.');
    if (kind === 'mms' && !b.title) return fail(400, -2002, '제목이 없습니다.');
    if (opts.senders?.length && !opts.senders.includes(String(b.sendNo)))
      return fail(400, -2100, '등록되지 않은 발신번호입니다.');
    const requestId = `${now().toISOString().replace(/\D/g, '').slice(0, 14)}${String(++reqSeq).padStart(6, '0')}`;
    const at = now();
    const stored: NhnStored[] = [];
    const sendResultList = list.map((r, i) => {
      const recipientSeq = i + 1;
      const good = /^01\d{8,9}$/.test(r.recipientNo);
      const text = String(b.body).replace(/##(\w+)##/g, (_, k: string) => r.templateParameter?.[k] ?? '');
      if (good) {
        const m: NhnStored = {
          requestId,
          recipientSeq,
          kind,
          ad,
          sendNo: String(b.sendNo),
          recipientNo: r.recipientNo,
          title: b.title ?? null,
          body: text,
          recipientGroupingKey: r.recipientGroupingKey ?? null,
          msgStatus: '2',
          final: opts.outcome?.(r.recipientNo) ?? '3',
          requestDate: kst(at),
          acceptedAt: at.getTime(),
        };
        stored.push(m);
        state.messages.push(m);
      }
      return {
        recipientNo: r.recipientNo,
        resultCode: good ? 0 : -2300,
        resultMessage: good ? 'SUCCESS' : '수신번호 형식 오류',
        recipientSeq,
        recipientGroupingKey: r.recipientGroupingKey ?? null,
      };
    });
    byRequest.set(requestId, stored);
    const fault = state.failNext;
    state.failNext = null;
    if (fault === 'drop-after-store') return null;
    if (fault === '500-after-store') return fail(500, -9999, 'internal');
    return ok({ data: { requestId, statusCode: '2', senderGroupingKey: null, sendResultList } });
  }

  function list(req: Req, kind: 'sms' | 'mms'): Res {
    const q = req.query;
    const requestId = q.get('requestId');
    const gk = q.get('recipientGroupingKey');
    if (!requestId && !(q.get('startRequestDate') && q.get('endRequestDate')))
      return fail(400, -2500, 'requestId 또는 조회 기간이 필요합니다.');
    let rows = requestId ? (byRequest.get(requestId) ?? []) : state.messages;
    rows = rows.filter((m) => m.kind === kind);
    if (gk) rows = rows.filter((m) => m.recipientGroupingKey === gk);
    const start = q.get('startRequestDate');
    const end = q.get('endRequestDate');
    if (!requestId && start && end) rows = rows.filter((m) => m.requestDate >= start && m.requestDate <= end);
    const pageSize = Math.min(1000, Number(q.get('pageSize') ?? 15) || 15);
    const pageNum = Math.max(1, Number(q.get('pageNum') ?? 1) || 1);
    const page = rows.slice((pageNum - 1) * pageSize, pageNum * pageSize);
    return ok({ pageNum, pageSize, totalCount: rows.length, data: page.map(view) });
  }

  const srv = await startJsonServer((req) => {
    const short = `${req.method} ${req.path.replace(/appKeys\/[^/]+/, 'appKeys/*')}`;
    state.counts[short] = (state.counts[short] ?? 0) + 1;
    if (!req.path.startsWith(`${prefix}/`)) return fail(404, -1000, '앱키가 올바르지 않습니다.');
    if (req.headers['x-secret-key'] !== opts.secretKey) {
      state.rejected++;
      return fail(401, -1001, 'Secret Key가 올바르지 않습니다.');
    }
    const p = req.path.slice(prefix.length);
    const m = /^\/sender\/(ad-)?(sms|mms)$/.exec(p);
    if (m && req.method === 'POST') {
      if (state.failNext === '500' || state.failNext === '429') {
        const f = state.failNext;
        state.failNext = null;
        return f === '429' ? fail(429, -429, 'too many') : fail(500, -9999, 'internal');
      }
      return send(req, m[2] as 'sms' | 'mms', !!m[1]);
    }
    if (m && !m[1] && req.method === 'GET') return list(req, m[2] as 'sms' | 'mms');
    if (p === '/sendNos' && req.method === 'GET') {
      const all = (opts.senders ?? []).map((sendNo) => ({ sendNo, useYn: 'Y', blockYn: 'N' }));
      const want = req.query.get('sendNo');
      return ok({ data: want ? all.filter((s) => s.sendNo === want) : all });
    }
    if (p === '/blockservice/recipients' && req.method === 'GET') {
      const since = req.query.get('startCreateDate');
      const no = req.query.get('unsubscribeNo');
      const rows = state.blocked.filter(
        (b) => (!since || b.createDate >= since) && (!no || b.unsubscribeNo === no),
      );
      const pageSize = Math.min(1000, Number(req.query.get('pageSize') ?? 15) || 15);
      const pageNum = Math.max(1, Number(req.query.get('pageNum') ?? 1) || 1);
      return ok({
        pageNum,
        pageSize,
        totalCount: rows.length,
        data: rows.slice((pageNum - 1) * pageSize, pageNum * pageSize),
      });
    }
    return fail(404, -404, p);
  });
  return Object.assign(state, { url: srv.url, close: srv.close });
}
