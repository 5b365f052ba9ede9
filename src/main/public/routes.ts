// The listener's own routes: unsubscribe (page + RFC 8058 one-click), open pixel, Kannel DLR/MO.
import iconv from 'iconv-lite';
import { messagePage, unsubscribeDonePage, unsubscribePage } from './pages';
import type { PublicReply, PublicRequest, PublicServer } from './server';
import { isTokenShape, type ResolvedToken } from './tokens';
import { PUBLIC_PATHS } from './urls';

function lookup(s: PublicServer, token: string, req: PublicRequest): ResolvedToken | null {
  const hit = isTokenShape(token) ? (s.resolver?.resolve(token) ?? null) : null;
  if (!hit) req.miss();
  return hit;
}

function notFound(s: PublicServer, reply: PublicReply): void {
  s.count('notFound');
  reply.html(
    404,
    messagePage(
      s.context.wardName(),
      '링크를 찾을 수 없습니다',
      '링크가 잘못되었거나 더 이상 쓸 수 없습니다.',
    ),
  );
}

async function unsubscribe(
  s: PublicServer,
  hit: ResolvedToken,
  token: string,
  scope: 'field' | 'all',
  source: 'email-link' | 'one-click',
  at: Date,
): Promise<void> {
  if (!hit.subscriberId) return; // a test send to staff
  const subscriberId = hit.subscriberId;
  const fieldIds: (number | null)[] = scope === 'all' || hit.fieldIds.length === 0 ? [null] : hit.fieldIds;
  const requests = fieldIds.map((fieldId) => ({
    subscriberId,
    fieldId,
    channel: 'email' as const,
    source,
    token,
    outboxId: hit.outboxId,
    campaignId: hit.campaignId,
    at,
  }));
  // one-click answers a mail system that waits: written down durably, applied right after;
  // the page shows a person the outcome, so it applies before answering
  if (source === 'one-click') await s.unsubscribe(requests);
  else for (const r of requests) await s.hooks.emitUnsubscribe(r);
}

function unavailable(s: PublicServer, reply: PublicReply): void {
  reply.html(
    503,
    messagePage(
      s.context.wardName(),
      '지금은 처리할 수 없습니다',
      '잠시 후 다시 시도하시거나 구청으로 전화해 주세요.',
    ),
  );
}

export function registerBuiltinRoutes(s: PublicServer): void {
  s.route('GET', PUBLIC_PATHS.unsubscribe, (req, reply) => {
    const token = req.params.token;
    const hit = lookup(s, token, req);
    if (!hit) return notFound(s, reply);
    s.count('unsubscribePage');
    reply.html(
      200,
      unsubscribePage({
        ward: s.context.wardName(),
        fieldNames: s.context.fieldNames(hit.fieldIds),
        csrf: s.csrfFor(token),
        isTest: !hit.subscriberId,
      }),
    );
  });

  s.route('POST', PUBLIC_PATHS.unsubscribe, async (req, reply) => {
    const token = req.params.token;
    const form = new URLSearchParams((await req.body()).toString('utf8'));
    const oneClick = form.get('List-Unsubscribe') === 'One-Click';
    const hit = lookup(s, token, req);
    if (!hit) {
      if (oneClick) {
        s.count('notFound');
        return reply.text(404, '링크를 찾을 수 없습니다.');
      }
      return notFound(s, reply);
    }
    if (hit.subscriberId && !s.hooks.has('unsubscribe')) return unavailable(s, reply);
    if (oneClick) {
      // RFC 8058: the mail client posts on the person's behalf; "the list" is this mail's field(s)
      await unsubscribe(s, hit, token, 'field', 'one-click', req.at);
      s.count('oneClick');
      return reply.text(200, '수신 거부가 처리되었습니다.');
    }
    const ward = s.context.wardName();
    if (!s.checkCsrf(token, form.get('csrf') ?? '')) {
      s.count('badForm');
      return reply.html(
        400,
        messagePage(ward, '다시 시도해 주세요', '화면이 오래되었습니다. 메일의 링크를 다시 눌러 주세요.'),
      );
    }
    const scope = form.get('scope') === 'all' ? 'all' : 'field';
    await unsubscribe(s, hit, token, scope, 'email-link', req.at);
    s.count('unsubscribes');
    reply.html(200, unsubscribeDonePage(ward, scope, s.context.fieldNames(hit.fieldIds), !hit.subscriberId));
  });

  s.route('GET', PUBLIC_PATHS.openPixel, async (req, reply) => {
    // the same image whatever the token: a wrong one learns nothing
    const hit = lookup(s, req.params.token, req);
    if (hit && req.method === 'GET') {
      s.count('opens');
      const ua =
        typeof req.headers['user-agent'] === 'string' ? req.headers['user-agent'].slice(0, 300) : null;
      try {
        await s.hooks.emitOpen(hit.outboxId, req.at, ua);
      } catch {
        s.count('errors'); // the image is answered anyway
      }
    }
    reply.gif();
  });

  s.route(
    'GET',
    PUBLIC_PATHS.kannelDlr,
    async (req, reply) => {
      const id = req.query.get('id');
      const rawStatus = req.query.get('status') ?? '';
      if (!id || !/^\d{1,4}$/.test(rawStatus)) return reply.text(400, 'id와 status가 필요합니다.');
      const status = Number(rawStatus);
      const raw: Record<string, string> = {};
      for (const [k, v] of req.query) raw[k] = v;
      await s.hooks.emitDeliveryReport({ id, status, raw });
      s.count('deliveryReports');
      reply.text(200, 'OK');
    },
    { callback: true },
  );

  s.route(
    'GET',
    PUBLIC_PATHS.kannelMo,
    async (req, reply) => {
      const from = req.query.get('from');
      const to = req.query.get('to') ?? '';
      if (!from) return reply.text(400, 'from이 필요합니다.');
      const text = decodeKannelText(
        req.rawQuery.get('text') ?? Buffer.alloc(0),
        req.query.get('coding'),
        req.query.get('charset'),
      );
      await s.hooks.emitInboundSms({ from, to, text, receivedAt: req.at, smsc: req.query.get('smsc') });
      s.count('inboundSms');
      // an empty answer: Kannel sends no reply text to the resident
      reply.empty(200);
    },
    { callback: true },
  );
}

/**
 * Kannel's %a is the message bytes, URL-encoded: UTF-16BE when coding=2 (Korean arrives so),
 * else in %C's charset (default UTF-8 / GSM-as-Latin-1 text).
 */
export function decodeKannelText(bytes: Buffer, coding: string | null, charset: string | null): string {
  const cs = (charset ?? '').trim().toLowerCase();
  if (coding === '2' || cs === 'utf-16be' || cs === 'ucs-2' || cs === 'ucs2')
    return iconv.decode(bytes, 'utf-16be');
  if (cs && cs !== 'utf-8' && iconv.encodingExists(cs)) return iconv.decode(bytes, cs);
  return bytes.toString('utf8');
}
