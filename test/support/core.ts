import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Core, createCore } from '../../src/main/core/core';
import type { CallContext } from '../../src/main/core/context';

export interface TestCore {
  core: Core;
  dir: string;
  dbPath: string;
  clock: { t: number };
  /** a CLI-like call context acting as the local administrator */
  cli: CallContext;
  cleanup(): void;
}

/** A real database with the real migrations, in a temporary folder. */
export async function makeTestCore(opts: { now?: Date } = {}): Promise<TestCore> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sotong-test-'));
  const dbPath = path.join(dir, 'sotong.db');
  const clock = { t: (opts.now ?? new Date('2026-03-02T09:00:00+09:00')).getTime() };
  const core = await createCore({ dbPath, mode: 'cli', now: () => new Date(clock.t) });
  return {
    core,
    dir,
    dbPath,
    clock,
    cli: { origin: 'cli', asLocalAdmin: true },
    cleanup() {
      core.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A browser-like session: the token the transport would keep in a cookie. */
export function sessionCtx(origin: 'web' | 'ipc' = 'web'): CallContext & { token: string | null } {
  const ctx: CallContext & { token: string | null } = {
    origin,
    address: '127.0.0.1',
    token: null,
    sessionToken: null,
    setSession(t) {
      ctx.token = t;
      ctx.sessionToken = t;
    },
  };
  return ctx;
}
