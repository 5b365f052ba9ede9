import type { ChannelName, ChannelOutput, ParsedInput } from '../../shared/contract';
import type { SessionUser } from '../../shared/contract/auth';
import type { z } from 'zod';
import type { Contract } from '../../shared/contract';
import type { AuditActor, AuditEntry } from '../audit/service';
import type { Core } from './core';

export type Origin = 'ipc' | 'web' | 'cli';

/** What a transport (Electron IPC, web bridge, CLI) knows about one call. */
export interface CallContext {
  origin: Origin;
  address?: string | null;
  /** opaque session token the transport holds for its window / cookie */
  sessionToken?: string | null;
  /** lets login/logout hand a new token back to the transport */
  setSession?: (token: string | null) => void;
  /** the CLI acts as the local administrator (audited as origin 'cli') */
  asLocalAdmin?: boolean;
}

export interface HandlerContext {
  core: Core;
  call: CallContext;
  /** null only on public channels */
  user: SessionUser | null;
  actor: AuditActor;
  /** the dong a dong user is confined to; null = every dong */
  dongScope: number | null;
  audit(e: AuditEntry): void;
  /** throws FORBIDDEN (and audits the attempt) when a dong user reaches outside their dong */
  assertDong(dongId: number | null | undefined): void;
  /** the signed-in user, or UNAUTHENTICATED */
  requireUser(): SessionUser;
}

type OutputIn<C extends ChannelName> = z.input<Contract[C]['output']>;
export type Handler<C extends ChannelName> = (
  input: ParsedInput<C>,
  ctx: HandlerContext,
) => OutputIn<C> | Promise<OutputIn<C>> | ChannelOutput<C> | Promise<ChannelOutput<C>>;
export type HandlerMap<K extends ChannelName> = { [C in K]: Handler<C> };
export type Handlers = HandlerMap<ChannelName>;
