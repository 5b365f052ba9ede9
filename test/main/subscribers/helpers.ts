import type { ChannelInput } from '../../../src/shared/contract';
import type { CallContext } from '../../../src/main/core/context';
import type { Core } from '../../../src/main/core/core';
import { type TestCore, sessionCtx } from '../../support/core';

export function fieldIdOf(core: Core, code: string): number {
  const f = core.reference.list().fields.find((x) => x.code === code);
  if (!f) throw new Error(`no field ${code}`);
  return f.id;
}

export function dongIdOf(core: Core, name: string): number {
  const d = core.reference.list().dongs.find((x) => x.name === name);
  if (!d) throw new Error(`no dong ${name}`);
  return d.id;
}

/** A signed-in browser session of a new user with the given role (and dong for 'dong'). */
export async function loginAs(
  t: TestCore,
  username: string,
  role: 'admin' | 'pr' | 'dong',
  dongId: number | null = null,
): Promise<CallContext> {
  await t.core.router.call(
    'users.create',
    {
      username,
      password: 'Passw0rd!x',
      displayName: `${username} 주무관`,
      role,
      dongId,
      mustChangePassword: false,
    },
    t.cli,
  );
  const c = sessionCtx();
  await t.core.router.call('auth.login', { username, password: 'Passw0rd!x' }, c);
  return c;
}

type Intake = ChannelInput<'intake.save'>;

/** A typed paper form with sensible defaults. */
export function form(
  core: Core,
  over: Partial<Intake> & { sms?: string[]; emailFields?: string[] } = {},
): Intake {
  const { sms = ['culture'], emailFields = [], ...rest } = over;
  return {
    kind: 'individual',
    name: '홍길동',
    mobile: '010-1234-5678',
    email: null,
    birthYear: 1980,
    gender: 'M',
    dongId: dongIdOf(core, '마장동'),
    signedAt: '2026-03-02',
    consents: { sms: sms.map((c) => fieldIdOf(core, c)), email: emailFields.map((c) => fieldIdOf(core, c)) },
    ...rest,
  };
}

export function count(core: Core, table: string): number {
  return core.sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
}
