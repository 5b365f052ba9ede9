import type { campaignsChannels } from '../../shared/contract/campaigns';
import { countSmsBytes } from '../../shared/text/smsBytes';
import type { HandlerContext, HandlerMap } from '../core/context';
import { campaignsOf, SMTP_PASSWORD } from './module';
import type { Actor } from './service';

function actor(ctx: HandlerContext): Actor {
  return { userId: ctx.requireUser().id, audit: (e) => ctx.audit(e) };
}

function settingsOut(ctx: HandlerContext) {
  const m = campaignsOf(ctx.core);
  return { ...m.settings.get(), smtpPasswordSet: !!m.secrets.get(SMTP_PASSWORD) };
}

export const campaignsHandlers: HandlerMap<keyof typeof campaignsChannels> = {
  'campaigns.list': ({ page, pageSize, status }, ctx) =>
    campaignsOf(ctx.core).service.list(page, pageSize, status),
  'campaigns.get': ({ id }, ctx) => campaignsOf(ctx.core).service.row(id),
  'campaigns.save': (input, ctx) => {
    const row = campaignsOf(ctx.core).service.save(input, ctx.requireUser().id);
    ctx.audit({ action: input.id ? 'edit' : 'create', targetType: 'campaign', targetId: row.id });
    return row;
  },
  'campaigns.delete': ({ id }, ctx) => {
    campaignsOf(ctx.core).service.delete(id);
    ctx.audit({ action: 'delete', targetType: 'campaign', targetId: id });
    return { ok: true as const };
  },
  'campaigns.audience': (input, ctx) => {
    const svc = campaignsOf(ctx.core).service;
    if ('id' in input) {
      const c = svc.record(input.id);
      return svc.audience(svc.specOf(c), c.kind === 'notice' ? c : undefined);
    }
    return svc.audience(input);
  },
  'campaigns.preview': (input, ctx) => {
    const p = campaignsOf(ctx.core).service.preview(input);
    // The sample shows a real person's name: that is a view of personal data.
    if (p.recipient)
      ctx.audit({
        action: 'view',
        targetType: input.subscriberId ? 'subscriber' : 'campaign_preview',
        targetId: input.subscriberId ?? input.id ?? null,
        subjectCount: 1,
      });
    return p;
  },
  'campaigns.smsCheck': ({ text }) => {
    const r = countSmsBytes(text);
    return { bytes: r.bytes, class: r.class, unsupported: r.unsupported };
  },
  'campaigns.testSend': async ({ id, phones, emails }, ctx) => ({
    items: await campaignsOf(ctx.core).service.testSend(id, phones, emails, actor(ctx)),
  }),
  'campaigns.approve': ({ id, note }, ctx) => {
    const row = campaignsOf(ctx.core).service.approve(id, ctx.requireUser(), note);
    ctx.audit({ action: 'edit', targetType: 'campaign', targetId: id, detail: { approved: true } });
    return row;
  },
  'campaigns.reject': ({ id, note }, ctx) => {
    const row = campaignsOf(ctx.core).service.reject(id, note);
    ctx.audit({
      action: 'edit',
      targetType: 'campaign',
      targetId: id,
      reason: note,
      detail: { approved: false },
    });
    return row;
  },
  'campaigns.launch': ({ id, confirmNight }, ctx) =>
    campaignsOf(ctx.core).service.launch(id, confirmNight, actor(ctx)),
  'campaigns.schedule': ({ id, at, confirmNight }, ctx) => {
    const row = campaignsOf(ctx.core).service.schedule(id, at, confirmNight);
    ctx.audit({
      action: 'edit',
      targetType: 'campaign',
      targetId: id,
      detail: { scheduledAt: row.scheduledAt },
    });
    return row;
  },
  'campaigns.unschedule': ({ id }, ctx) => campaignsOf(ctx.core).service.unschedule(id),
  'campaigns.pause': ({ id }, ctx) => campaignsOf(ctx.core).service.pause(id),
  'campaigns.resume': ({ id, confirmNight }, ctx) => campaignsOf(ctx.core).service.resume(id, confirmNight),
  'campaigns.cancel': ({ id }, ctx) => {
    const out = campaignsOf(ctx.core).service.cancel(id);
    ctx.audit({ action: 'edit', targetType: 'campaign', targetId: id, detail: { cancelled: true } });
    return out;
  },
  'campaigns.results': ({ id }, ctx) => campaignsOf(ctx.core).results.results(id),
  'campaigns.recipients': (input, ctx) => {
    const r = campaignsOf(ctx.core).results.recipients(input);
    ctx.audit({
      action: 'view',
      targetType: 'campaign_recipients',
      targetId: input.id,
      subjectCount: r.items.length,
    });
    return r;
  },
  'campaigns.export': async ({ id, channel, status, reason }, ctx) => {
    const r = await campaignsOf(ctx.core).results.exportXlsx({ id, channel, status });
    ctx.audit({
      action: 'export',
      targetType: 'campaign_recipients',
      targetId: id,
      subjectCount: r.rows,
      reason,
    });
    return r;
  },
  'campaigns.resendOne': ({ outboxId, address }, ctx) => {
    const { row, corrected } = campaignsOf(ctx.core).results.resendOne(outboxId, address);
    if (corrected && row.subscriberId)
      ctx.audit({
        action: 'edit',
        targetType: 'subscriber',
        targetId: row.subscriberId,
        subjectCount: 1,
        detail: { field: row.channel === 'sms' ? 'mobile' : 'email', via: 'campaign_resend' },
      });
    ctx.audit({ action: 'send', targetType: 'outbox', targetId: String(row.id), subjectCount: 1 });
    return row;
  },
  'campaigns.resendFailed': ({ id, channel }, ctx) => {
    const queued = campaignsOf(ctx.core).results.resendFailed(id, channel);
    ctx.audit({
      action: 'send',
      targetType: 'campaign',
      targetId: id,
      subjectCount: queued,
      detail: { resend: 'failed' },
    });
    return { queued };
  },
  'campaigns.resolveReview': ({ id, outboxIds, decision }, ctx) => {
    const changed = campaignsOf(ctx.core).results.resolveReview(id, outboxIds, decision);
    ctx.audit({
      action: decision === 'resend' ? 'send' : 'edit',
      targetType: 'campaign',
      targetId: id,
      subjectCount: changed,
      detail: { review: decision },
    });
    return { changed };
  },
  'campaigns.forSubscriber': ({ subscriberId }, ctx) => {
    const items = campaignsOf(ctx.core).results.forSubscriber(subscriberId);
    ctx.audit({
      action: 'view',
      targetType: 'subscriber',
      targetId: subscriberId,
      subjectCount: 1,
      detail: { messages: items.length },
    });
    return { items };
  },
  'campaigns.noticeUpload': async ({ id, fileName, contentBase64, nameColumn, phoneColumn }, ctx) => {
    const r = await campaignsOf(ctx.core).notice.upload(
      id,
      fileName,
      Buffer.from(contentBase64, 'base64'),
      nameColumn,
      phoneColumn,
    );
    ctx.audit({
      action: 'import',
      targetType: 'campaign_notice',
      targetId: id,
      subjectCount: r.rows,
      detail: { fileName },
    });
    return r;
  },
  'campaigns.noticeReport': async ({ id, reason }, ctx) => {
    const r = await campaignsOf(ctx.core).notice.report(id);
    ctx.audit({
      action: 'export',
      targetType: 'campaign_notice',
      targetId: id,
      subjectCount: r.rows,
      reason,
    });
    return r;
  },
  'campaigns.templates.list': (_i, ctx) => ({ items: campaignsOf(ctx.core).templates.list() }),
  'campaigns.templates.save': (input, ctx) =>
    campaignsOf(ctx.core).templates.save(input, ctx.requireUser().id),
  'campaigns.templates.delete': ({ id }, ctx) => {
    campaignsOf(ctx.core).templates.delete(id);
    return { ok: true as const };
  },
  'campaigns.gateway': (_i, ctx) => {
    const m = campaignsOf(ctx.core);
    return { ...m.gateway().describe(), smtpConfigured: m.smtpConfigured() };
  },
  'campaigns.testGatewayMessages': ({ page, pageSize }, ctx) => {
    const db = ctx.core.sqlite;
    const total = db.prepare('SELECT count(*) FROM test_gateway_messages').pluck().get() as number;
    const items = db
      .prepare(
        `SELECT id, idem_key AS idemKey, recipient, class, subject, text, outcome, code, calls, received_at AS receivedAt
         FROM test_gateway_messages ORDER BY id DESC LIMIT ? OFFSET ?`,
      )
      .all(pageSize, (page - 1) * pageSize) as never[];
    ctx.audit({ action: 'view', targetType: 'test_gateway', subjectCount: items.length });
    return { items, total, page, pageSize };
  },
  'campaigns.settings.get': (_i, ctx) => settingsOut(ctx),
  'campaigns.settings.update': (patch, ctx) => {
    campaignsOf(ctx.core).settings.update(patch);
    ctx.audit({ action: 'settings', detail: { campaigns: Object.keys(patch) } });
    return settingsOut(ctx);
  },
  'campaigns.settings.smtpPassword': ({ password }, ctx) => {
    const m = campaignsOf(ctx.core);
    m.secrets.set(SMTP_PASSWORD, password || null);
    ctx.audit({ action: 'settings', detail: { campaigns: ['smtpPassword'] } });
    return { ok: true as const };
  },
};
