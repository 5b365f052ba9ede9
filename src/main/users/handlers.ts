import type { HandlerMap } from '../core/context';

export const usersHandlers: HandlerMap<
  'users.list' | 'users.create' | 'users.update' | 'users.resetPassword' | 'users.unlock'
> = {
  'users.list': (_i, ctx) => ({ items: ctx.core.users.list() }),

  'users.create': async (input, ctx) => {
    const u = await ctx.core.users.create(input);
    // 권한 부여 기록 (kept ≥ 3 years with the rest of the audit log)
    ctx.audit({
      action: 'grant',
      targetType: 'user',
      targetId: u.id,
      detail: { username: u.username, role: u.role, dongId: u.dongId },
    });
    return { user: ctx.core.users.toRow(u) };
  },

  'users.update': (input, ctx) => {
    const { before, after } = ctx.core.users.update(input);
    const changed =
      before.role !== after.role || before.dongId !== after.dongId || before.active !== after.active;
    if (changed) {
      ctx.audit({
        action: after.active ? 'grant' : 'revoke',
        targetType: 'user',
        targetId: after.id,
        detail: {
          from: { role: before.role, dongId: before.dongId, active: before.active },
          to: { role: after.role, dongId: after.dongId, active: after.active },
        },
      });
    } else {
      ctx.audit({ action: 'edit', targetType: 'user', targetId: after.id });
    }
    if (!after.active || before.role !== after.role || before.dongId !== after.dongId)
      ctx.core.sessions.destroyUser(after.id);
    return { user: ctx.core.users.toRow(after) };
  },

  'users.resetPassword': async ({ id, password }, ctx) => {
    await ctx.core.users.setPassword(id, password, true);
    ctx.core.sessions.destroyUser(id);
    ctx.audit({ action: 'password', targetType: 'user', targetId: id, detail: 'reset by admin' });
    return { ok: true as const };
  },

  'users.unlock': ({ id }, ctx) => {
    ctx.core.users.unlock(id);
    ctx.audit({ action: 'unlock', targetType: 'user', targetId: id });
    return { ok: true as const };
  },
};
