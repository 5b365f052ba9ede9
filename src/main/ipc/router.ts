import { z } from 'zod';
import { contract, isChannelName, type ChannelName } from '../../shared/contract';
import type { SessionUser } from '../../shared/contract/auth';
import { AppError, type Result } from '../../shared/errors';
import type { AuditActor, AuditEntry } from '../audit/service';
import type { CallContext, HandlerContext, Handlers } from '../core/context';
import type { Core } from '../core/core';
import { translateSqliteError } from '../db/sqliteErrors';
import { toSessionUser } from '../users/service';

z.config(z.locales.ko());

const CLI_USER: SessionUser = {
  id: 'cli',
  username: 'cli',
  displayName: '명령줄(로컬 관리자)',
  role: 'admin',
  dongId: null,
  department: null,
  mustChangePassword: false,
};

function zodFields(err: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of err.issues) {
    const key = issue.path.join('.') || '_';
    if (!out[key]) out[key] = issue.message;
  }
  return out;
}

/**
 * The one entry point for every transport: validate → authenticate → authorise (role, dong
 * scope) → call the service → validate the output (which also strips anything not in the
 * contract, e.g. password hashes) → Result with a Korean message.
 */
export class Router {
  constructor(
    private core: Core,
    private handlers: Handlers,
  ) {}

  async dispatch(channelName: string, rawInput: unknown, call: CallContext): Promise<Result<unknown>> {
    try {
      return { ok: true, value: await this.run(channelName, rawInput, call) };
    } catch (e) {
      const err = this.toAppError(e, channelName);
      return { ok: false, error: err.toShape() };
    }
  }

  /** Like dispatch, but throws AppError: handy for the CLI and tests. */
  async call<C extends ChannelName>(channelName: C, rawInput: unknown, call: CallContext): Promise<unknown> {
    const r = await this.dispatch(channelName, rawInput, call);
    if (!r.ok) throw new AppError(r.error.code, r.error.message, r.error.fields);
    return r.value;
  }

  private toAppError(e: unknown, channelName: string): AppError {
    if (e instanceof AppError) return e;
    if (e instanceof z.ZodError) return new AppError('VALIDATION', undefined, zodFields(e));
    if ((e as { code?: string })?.code?.startsWith?.('SQLITE_')) return translateSqliteError(e);
    console.error(`[sotong] ${channelName} failed:`, e);
    return new AppError('INTERNAL');
  }

  private resolveUser(call: CallContext, isPublic: boolean): SessionUser | null {
    if (call.asLocalAdmin) return CLI_USER;
    const touched = this.core.sessions.touch(call.sessionToken);
    if (touched === 'expired') {
      call.setSession?.(null);
      this.core.events.emit('session.expired', { reason: 'idle' });
      if (!isPublic) throw new AppError('SESSION_EXPIRED');
      return null;
    }
    if (!touched) return null;
    const rec = this.core.users.byId(touched);
    if (!rec?.active) {
      this.core.sessions.destroy(call.sessionToken);
      call.setSession?.(null);
      return null;
    }
    return toSessionUser(rec);
  }

  actorFor(user: SessionUser | null, call: CallContext): AuditActor {
    return {
      userId: user && user.id !== 'cli' ? user.id : null,
      username: user?.username ?? '(로그인 전)',
      role: user?.role ?? null,
      origin: call.origin,
      stationId: this.core.settings.get().thisStationId,
      address: call.address ?? (call.origin === 'cli' ? 'local' : null),
    };
  }

  private async run(channelName: string, rawInput: unknown, call: CallContext): Promise<unknown> {
    if (!isChannelName(channelName)) throw new AppError('UNKNOWN_CHANNEL');
    const def = contract[channelName];
    const isPublic = def.access === 'public';
    const user = this.resolveUser(call, isPublic);
    const actor = this.actorFor(user, call);
    const audit = (e: AuditEntry) => this.core.audit.append(actor, e);
    const forbid = (why: string): never => {
      audit({ action: 'forbidden', targetType: 'channel', targetId: channelName, detail: why });
      throw new AppError('FORBIDDEN');
    };

    if (!isPublic) {
      if (!user) throw new AppError('UNAUTHENTICATED');
      if (user.mustChangePassword && !def.allowDuringPasswordChange)
        throw new AppError('PASSWORD_CHANGE_REQUIRED');
      if (def.access !== 'authenticated' && !def.access.includes(user.role)) forbid(`role ${user.role}`);
    }

    const parsed = def.input.safeParse(rawInput ?? {});
    if (!parsed.success) {
      const fields = zodFields(parsed.error);
      const first = Object.values(fields)[0];
      throw new AppError('VALIDATION', first ? `입력값이 올바르지 않습니다: ${first}` : undefined, fields);
    }

    const dongScope = user?.role === 'dong' ? user.dongId : null;
    // Inputs that name a dong are checked here once, so no handler can forget it.
    if (dongScope !== null) {
      const input = parsed.data as Record<string, unknown>;
      if (typeof input.dongId === 'number' && input.dongId !== dongScope) forbid(`dong ${input.dongId}`);
      if (Array.isArray(input.dongIds) && input.dongIds.some((d) => d !== dongScope)) forbid('dongIds');
    }

    const ctx: HandlerContext = {
      core: this.core,
      call,
      user,
      actor,
      dongScope,
      audit,
      assertDong: (dongId) => {
        if (dongScope !== null && dongId !== dongScope) forbid(`dong ${dongId ?? 'none'}`);
      },
      requireUser: () => {
        if (!user) throw new AppError('UNAUTHENTICATED');
        return user;
      },
    };
    const handler = this.handlers[channelName] as (i: unknown, c: HandlerContext) => unknown;
    const out = await handler(parsed.data, ctx);
    return def.output.parse(out);
  }
}
