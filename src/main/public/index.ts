// The public listener of a core: created on first use, routes and hooks registered by each
// capability in modules.ts, started in the app when publicEnabled (or alone by `sotong public-web`).
import { randomBytes } from 'node:crypto';
import type { Core } from '../core/core';
import { secretStoreFor } from '../mail/secrets';
import { SqliteActionJournal } from './journal';
import { type Listening, PublicServer } from './server';
import { OutboxTokenResolver } from './tokens';

export type { InboundSms, DeliveryReport, UnsubscribeRequest } from './hooks';
export type { PublicReply, PublicRequest, RouteHandler } from './server';
export type { ResolvedToken, TokenResolver } from './tokens';
export { PublicServer } from './server';
export { isTokenShape, newPublicToken, OutboxTokenResolver } from './tokens';
export { listUnsubscribeHeaders, PUBLIC_PATHS, publicUrls } from './urls';

const FORM_KEY = 'publicFormKey';
const servers = new WeakMap<Core, { server: PublicServer; error: string | null }>();

/** Kept beside the database (0600) so forms rendered before a restart still submit. */
function formKey(core: Core): Buffer {
  const store = secretStoreFor(core.dbPath);
  let k = store.get(FORM_KEY);
  if (!k) {
    k = randomBytes(32).toString('base64');
    try {
      store.set(FORM_KEY, k);
    } catch {} // read-only folder: a per-run key still works
  }
  return Buffer.from(k, 'base64');
}

function entry(core: Core) {
  let e = servers.get(core);
  if (!e) {
    const server = new PublicServer({
      now: core.clock.now,
      resolver: new OutboxTokenResolver(core.sqlite),
      journal: new SqliteActionJournal(core.sqlite),
      formKey: () => formKey(core),
      context: {
        wardName: () => core.settings.get().wardName,
        fieldNames: (ids) => {
          const fields = core.reference.list().fields;
          return ids.map((id) => fields.find((f) => f.id === id)?.name).filter((n): n is string => !!n);
        },
        trustProxy: () => core.settings.get().publicTrustProxy,
        callbackAllow: () => core.settings.get().publicCallbackAllow,
      },
    });
    e = { server, error: null };
    servers.set(core, e);
  }
  return e;
}

/** The core's public listener: `publicServerOf(core).route(...)`, `.hooks.onOpen(...)`, `.setResolver(...)`. */
export function publicServerOf(core: Core): PublicServer {
  return entry(core).server;
}

/** Starts, restarts or stops the listener in this process to match the settings. */
export async function applyPublicSettings(
  core: Core,
  override: { host?: string; port?: number; force?: boolean } = {},
): Promise<Listening | null> {
  const e = entry(core);
  const s = core.settings.get();
  if (!s.publicEnabled && !override.force) {
    await e.server.close();
    e.error = null;
    return null;
  }
  try {
    const l = await e.server.listen({
      host: override.host ?? s.publicHost,
      port: override.port ?? s.publicPort,
      unref: !override.force, // inside the app: never the thing that keeps a process alive
    });
    e.error = null;
    return l;
  } catch (err) {
    const code = (err as { code?: string }).code;
    e.error =
      code === 'EADDRINUSE'
        ? `포트 ${override.port ?? s.publicPort}을(를) 이미 다른 프로그램이 쓰고 있습니다.`
        : code === 'EADDRNOTAVAIL'
          ? `이 컴퓨터에 없는 주소입니다: ${override.host ?? s.publicHost}`
          : `공개 웹을 열지 못했습니다: ${(err as Error).message}`;
    throw err;
  }
}

function queueCounts(s: PublicServer): Record<string, number> {
  const c = s.journal?.counts();
  return c ? { unsubscribesWaiting: c.pending, unsubscribesFailed: c.failed } : {};
}

export function publicStatusOf(core: Core) {
  const e = entry(core);
  const s = core.settings.get();
  const l = e.server.isListening();
  return {
    enabled: s.publicEnabled,
    running: !!l,
    listening: l?.url ?? null,
    baseUrl: s.publicBaseUrl,
    startedAt: e.server.started()?.toISOString() ?? null,
    error: e.error,
    counters: { ...e.server.counters, ...queueCounts(e.server) },
  };
}

/** modules.ts: wire the opt-out service, and in the app open the listener when the settings say so. */
export function installPublic(core: Core): void {
  const { server } = entry(core);
  // unsubscribe page and one-click → the opt-out ledger (withdrawal, suppression, audit)
  server.hooks.onUnsubscribe((u) => {
    core.optout.unsubscribeEmail({
      subscriberId: u.subscriberId,
      fieldId: u.fieldId,
      source: 'email-link',
      token: u.token,
      at: u.at,
    });
  });
  if (core.mode === 'cli' || !core.settings.get().publicEnabled) return;
  applyPublicSettings(core).catch(() =>
    console.error(`[sotong] 공개 웹을 열지 못했습니다: ${entry(core).error ?? ''}`),
  );
}
