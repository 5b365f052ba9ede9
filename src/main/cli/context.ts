import type { Command } from 'commander';
import { type Core, createCore } from '../core/core';
import type { CallContext } from '../core/context';
import { defaultDbPath } from '../core/paths';
import { makeOut, type Out } from './output';

export interface GlobalOpts {
  db?: string;
  json?: boolean;
}

export const CLI_CALL: CallContext = { origin: 'cli', asLocalAdmin: true, address: 'local' };

export function globals(cmd: Command): GlobalOpts {
  return cmd.optsWithGlobals() as GlobalOpts;
}

export function dbPathOf(cmd: Command): string {
  return globals(cmd).db ?? defaultDbPath();
}

/** Opens the core for one command and always closes it. CLI calls act as the local administrator. */
export async function withCore<T>(
  cmd: Command,
  fn: (
    core: Core,
    out: Out,
    call: <R = unknown>(channel: string, input?: unknown) => Promise<R>,
  ) => Promise<T> | T,
  opts: { mode?: 'cli' | 'web' } = {},
): Promise<T> {
  const g = globals(cmd);
  const core = await createCore({ dbPath: dbPathOf(cmd), mode: opts.mode ?? 'cli' });
  const out = makeOut(!!g.json);
  const call = async <R>(channel: string, input: unknown = {}) =>
    (await core.router.call(channel as never, input, CLI_CALL)) as R;
  try {
    return await fn(core, out, call);
  } finally {
    if (opts.mode !== 'web') core.close();
  }
}
