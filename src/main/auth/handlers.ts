import { AppError } from '../../shared/errors';
import { checkPassword } from '../../shared/auth/passwordPolicy';
import type { HandlerContext, HandlerMap } from '../core/context';
import { toSessionUser, type UserRecord } from '../users/service';
import { verifyPassword } from './passwords';

function startSession(ctx: HandlerContext, u: UserRecord) {
  const token = ctx.core.sessions.create(u.id);
  ctx.call.setSession?.(token);
  return toSessionUser(u);
}

export const authHandlers: HandlerMap<
  'auth.status' | 'auth.login' | 'auth.logout' | 'auth.changePassword' | 'setup.firstRun' | 'setup.options'
> = {
  'auth.status': (_i, ctx) => {
    const s = ctx.core.settings.get();
    return {
      setupDone: ctx.core.users.count() > 0,
      wardName: s.wardName,
      stationName: ctx.core.reference.station(s.thisStationId)?.name ?? null,
      user: ctx.user,
      idleMinutes: s.sessionIdleMinutes,
    };
  },

  'auth.login': async ({ username, password }, ctx) => {
    const { users, settings, audit } = ctx.core;
    const s = settings.get();
    const u = users.byUsername(username);
    const fail = (detail: string) =>
      audit.append(
        { ...ctx.actor, username },
        { action: 'login_failed', targetType: 'user', targetId: u?.id, detail },
      );
    if (!u) {
      fail('unknown user');
      throw new AppError('BAD_CREDENTIALS');
    }
    if (!u.active) {
      fail('disabled');
      throw new AppError('ACCOUNT_DISABLED');
    }
    const now = ctx.core.clock.now();
    if (u.lockedUntil && new Date(u.lockedUntil) > now) {
      fail('locked');
      const mins = Math.ceil((new Date(u.lockedUntil).getTime() - now.getTime()) / 60_000);
      throw new AppError(
        'ACCOUNT_LOCKED',
        `로그인에 ${s.lockoutThreshold}번 실패하여 계정이 잠겼습니다. ${mins}분 뒤에 다시 시도하거나 관리자에게 잠금 해제를 요청하세요.`,
      );
    }
    if (!(await verifyPassword(password, u.passwordHash))) {
      const r = users.recordFailure(u, s.lockoutThreshold, s.lockoutMinutes);
      fail(r.locked ? 'bad password, locked' : 'bad password');
      if (r.locked)
        throw new AppError(
          'ACCOUNT_LOCKED',
          `로그인에 ${s.lockoutThreshold}번 실패하여 계정이 ${s.lockoutMinutes}분 동안 잠겼습니다.`,
        );
      throw new AppError(
        'BAD_CREDENTIALS',
        `아이디 또는 비밀번호가 맞지 않습니다. (${r.remaining}번 더 틀리면 계정이 잠깁니다)`,
      );
    }
    const fresh = users.recordSuccess(u.id);
    const user = startSession(ctx, fresh);
    audit.append(
      { ...ctx.actor, userId: u.id, username: u.username, role: u.role },
      { action: 'login', targetType: 'user', targetId: u.id },
    );
    return { user };
  },

  'auth.logout': (_i, ctx) => {
    if (ctx.user) ctx.audit({ action: 'logout', targetType: 'user', targetId: ctx.user.id });
    ctx.core.sessions.destroy(ctx.call.sessionToken);
    ctx.call.setSession?.(null);
    return { ok: true as const };
  },

  'auth.changePassword': async ({ currentPassword, newPassword }, ctx) => {
    const me = ctx.requireUser();
    const rec = ctx.core.users.byId(me.id);
    if (!rec) throw new AppError('UNAUTHENTICATED');
    if (!(await verifyPassword(currentPassword, rec.passwordHash)))
      throw new AppError('BAD_CREDENTIALS', '현재 비밀번호가 맞지 않습니다.', {
        currentPassword: '현재 비밀번호가 맞지 않습니다.',
      });
    if (currentPassword === newPassword)
      throw new AppError('PASSWORD_POLICY', '새 비밀번호는 지금 비밀번호와 달라야 합니다.', {
        newPassword: '지금과 다른 비밀번호를 쓰세요.',
      });
    const updated = await ctx.core.users.setPassword(me.id, newPassword, false);
    ctx.audit({ action: 'password', targetType: 'user', targetId: me.id });
    return { user: toSessionUser(updated) };
  },

  'setup.options': (_i, ctx) => ({
    setupDone: ctx.core.users.count() > 0,
    wardName: ctx.core.settings.get().wardName,
    stations: ctx.core.reference
      .list()
      .stations.filter((s) => s.active)
      .map((s) => ({ id: s.id, name: s.name, kind: s.kind })),
  }),

  'setup.firstRun': async (input, ctx) => {
    const { users, settings, reference } = ctx.core;
    if (users.count() > 0) throw new AppError('ALREADY_SET_UP');
    const station = reference.station(input.stationId);
    if (!station)
      throw new AppError('VALIDATION', '접수처를 다시 고르세요.', { stationId: '목록에서 고르세요.' });
    const policy = checkPassword(input.adminPassword, input.adminUsername);
    if (!policy.ok)
      throw new AppError('PASSWORD_POLICY', policy.message!, { adminPassword: policy.message! });
    settings.update({ wardName: input.wardName, thisStationId: station.id });
    const admin = await users.create({
      username: input.adminUsername,
      displayName: input.adminDisplayName,
      role: 'admin',
      dongId: null,
      department: null,
      password: input.adminPassword,
      mustChangePassword: false,
    });
    const actor = { ...ctx.core.router.actorFor(toSessionUser(admin), ctx.call) };
    ctx.core.audit.append(actor, {
      action: 'setup',
      detail: { wardName: input.wardName, station: station.name },
    });
    ctx.core.audit.append(actor, {
      action: 'grant',
      targetType: 'user',
      targetId: admin.id,
      detail: { role: 'admin' },
    });
    const user = startSession(ctx, users.recordSuccess(admin.id));
    return { user };
  },
};
