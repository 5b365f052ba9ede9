import type { HandlerMap } from '../core/context';
import { exportSubscribers } from './export';
import { dongsOf } from './filters';
import { matchContact, nextRef, saveIntake, todayCount } from './intake';
import { registryQueries } from './module';
import { loadPerson, personPage, updatePerson, withdraw } from './profile';
import { intakeStats, subscriberStats, writeStatsWorkbook } from './stats';
import { exportPath } from './xlsx';

type Channels =
  | 'subscribers.list'
  | 'subscribers.count'
  | 'subscribers.get'
  | 'subscribers.update'
  | 'subscribers.withdraw'
  | 'subscribers.matchContact'
  | 'subscribers.export'
  | 'intake.save'
  | 'intake.today'
  | 'intake.nextRef'
  | 'stats.subscribers'
  | 'stats.intake'
  | 'stats.export';

// Dong users are confined by ctx.dongScope in every query and by assertDong on single records; the
// router has already refused a top-level dongId/dongIds outside their dong.
export const subscribersHandlers: HandlerMap<Channels> = {
  'subscribers.list': (input, ctx) => {
    const { offset, limit, sort, ...filters } = input;
    const r = registryQueries(ctx.core).list(filters, ctx.dongScope, { offset, limit, sort });
    ctx.audit({
      action: 'view',
      targetType: 'subscriber',
      subjectCount: r.items.length,
      detail: { filters, offset, total: r.total },
    });
    return { ...r, offset, limit };
  },

  'subscribers.count': (input, ctx) => registryQueries(ctx.core).count(input, ctx.dongScope),

  'subscribers.get': ({ id }, ctx) => {
    const s = loadPerson(ctx.core, ctx, id);
    ctx.audit({ action: 'view', targetType: 'subscriber', targetId: s.id });
    return personPage(ctx.core, s);
  },

  'subscribers.update': (input, ctx) => updatePerson(ctx.core, ctx, input),

  'subscribers.withdraw': (input, ctx) => withdraw(ctx.core, ctx, input),

  'subscribers.matchContact': (input, ctx) => {
    const matches = matchContact(ctx.core, ctx, input);
    if (matches.length > 0)
      ctx.audit({
        action: 'view',
        targetType: 'subscriber',
        subjectCount: matches.length,
        detail: 'contact match',
      });
    return { matches };
  },

  'subscribers.export': async ({ filters, reason, path }, ctx) => {
    for (const d of dongsOf(filters)) ctx.assertDong(d);
    const file = exportPath(ctx.core, ctx, path, '구독자명단');
    const rows = await exportSubscribers(ctx.core, registryQueries(ctx.core), filters, ctx.dongScope, file);
    ctx.audit({
      action: 'export',
      targetType: 'subscriber',
      subjectCount: rows,
      reason,
      detail: { file, filters },
    });
    return { file, rows };
  },

  'intake.save': (input, ctx) => saveIntake(ctx.core, ctx, input),
  'intake.today': (_i, ctx) => todayCount(ctx.core),
  'intake.nextRef': (_i, ctx) => nextRef(ctx.core),

  'stats.subscribers': ({ dongId }, ctx) => subscriberStats(ctx.core, ctx.dongScope ?? dongId ?? null),
  'stats.intake': ({ from, to }, ctx) => intakeStats(ctx.core, from, to, ctx.dongScope),
  'stats.export': async ({ from, to, path }, ctx) => {
    const s = subscriberStats(ctx.core, ctx.dongScope);
    const intake = intakeStats(ctx.core, from, to, ctx.dongScope);
    const file = exportPath(ctx.core, ctx, path, '구독자통계');
    await writeStatsWorkbook(file, s, intake, ctx.core.settings.get().wardName);
    ctx.audit({ action: 'export', targetType: 'stats', detail: { file, from, to } });
    return { file };
  },
};
