import type { HandlerMap } from '../core/context';

export const systemHandlers: HandlerMap<
  'system.info' | 'system.backup' | 'system.backups' | 'dashboard.summary'
> = {
  'system.info': (_i, ctx) => {
    const s = ctx.core.settings.get();
    return {
      version: ctx.core.version,
      dbPath: ctx.core.dbPath,
      backupDir: ctx.core.backups.dir,
      stationId: s.thisStationId,
      stationName: ctx.core.reference.station(s.thisStationId)?.name ?? null,
      mode: ctx.core.mode,
    };
  },
  'system.backup': async (_i, ctx) => {
    const b = await ctx.core.backups.backup('manual');
    ctx.audit({ action: 'backup', detail: { file: b.file } });
    return { file: b.file, bytes: b.bytes };
  },
  'system.backups': (_i, ctx) => ({ items: ctx.core.backups.list() }),
  'dashboard.summary': (_i, ctx) => {
    const users = ctx.core.users.list();
    const today = new Date(ctx.core.clock.now());
    today.setHours(0, 0, 0, 0);
    return {
      users: users.length,
      lockedUsers: users.filter((u) => u.locked).length,
      auditToday: ctx.core.audit.countSince(today.toISOString()),
      tiles: ctx.core.dashboardTiles(ctx),
    };
  },
};
