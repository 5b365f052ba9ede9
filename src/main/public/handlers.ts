import { AppError } from '../../shared/errors';
import { BOUNCE_PASSWORD, bouncesOf } from '../bounces';
import type { HandlerMap } from '../core/context';
import { applyPublicSettings, publicStatusOf } from './index';

/** Channels of the public listener and the bounce mailbox (issue #5). */
export const publicHandlers: HandlerMap<
  | 'public.status'
  | 'public.apply'
  | 'bounces.status'
  | 'bounces.setPassword'
  | 'bounces.poll'
  | 'bounces.list'
  | 'bounces.resolve'
> = {
  'public.status': (_i, ctx) => publicStatusOf(ctx.core),
  'public.apply': async (_i, ctx) => {
    try {
      await applyPublicSettings(ctx.core);
    } catch {} // the status carries the Korean reason
    ctx.audit({
      action: 'settings',
      targetType: 'public-web',
      detail: { enabled: ctx.core.settings.get().publicEnabled },
    });
    return publicStatusOf(ctx.core);
  },
  'bounces.status': (_i, ctx) => bouncesOf(ctx.core).status(),
  'bounces.setPassword': ({ password }, ctx) => {
    bouncesOf(ctx.core).secrets.set(BOUNCE_PASSWORD, password);
    ctx.audit({
      action: 'settings',
      targetType: 'bounce-mailbox',
      detail: { password: password ? 'set' : 'cleared' },
    });
    return { ok: true as const };
  },
  'bounces.poll': async (_i, ctx) => bouncesOf(ctx.core).poll(),
  'bounces.list': (input, ctx) => {
    const dongId = ctx.dongScope ?? input.dongId ?? null;
    // a dong user sees only people of their dong: never the unmatched ones
    const r = bouncesOf(ctx.core).service.list({
      ...input,
      dongId,
      matchedOnly: input.matchedOnly || ctx.dongScope !== null,
    });
    ctx.audit({
      action: 'view',
      targetType: 'bounce',
      subjectCount: r.items.filter((i) => i.subscriberId).length,
    });
    return { ...r, page: input.page, pageSize: input.pageSize };
  },
  'bounces.resolve': ({ id, note }, ctx) => {
    const svc = bouncesOf(ctx.core).service;
    const dong = svc.dongOf(id);
    if (dong === undefined) throw new AppError('NOT_FOUND', '반송 기록을 찾을 수 없습니다.');
    ctx.assertDong(dong);
    const row = svc.resolve(id, ctx.user?.id ?? null, note ?? null);
    ctx.audit({
      action: 'edit',
      targetType: 'bounce',
      targetId: String(id),
      subjectCount: row.subscriberId ? 1 : 0,
    });
    return row;
  },
};
