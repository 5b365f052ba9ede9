// Test support: an HQ and two dong stations as three separate databases, paired with each other.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { makeTestCore, type TestCore } from '../../support/core';

export const PASS = '마장동-본청 2026 공유암호';

export interface Ward {
  hq: TestCore;
  a: TestCore;
  b: TestCore;
  dir: string;
  cleanup(): void;
}

// biome-ignore lint/suspicious/noExplicitAny: tests read channel results loosely
export async function call<T = any>(t: TestCore, channel: string, input: unknown = {}): Promise<T> {
  return (await t.core.router.call(channel as never, input, t.cli)) as T;
}

export function setStation(t: TestCore, code: string): string {
  const st = t.core.reference.list().stations.find((s) => s.code === code);
  if (!st) throw new Error(`no station ${code}`);
  t.core.settings.update({ thisStationId: st.id });
  return st.id;
}

/** HQ ('HQ'), station A (dong D03 마장동) and station B (dong D05 행당1동), paired both ways. */
export async function makeWard(opts: { pair?: boolean } = {}): Promise<Ward> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sotong-ward-'));
  const hq = await makeTestCore();
  const a = await makeTestCore();
  const b = await makeTestCore();
  setStation(hq, 'HQ');
  setStation(a, 'SD03');
  setStation(b, 'SD05');
  if (opts.pair !== false) {
    const hqPair = path.join(dir, 'hq.pair.json');
    await call(hq, 'stations.pairingExport', { path: hqPair });
    for (const [name, s] of [
      ['a', a],
      ['b', b],
    ] as const) {
      const f = path.join(dir, `${name}.pair.json`);
      await call(s, 'stations.pairingExport', { path: f });
      await call(hq, 'stations.pairingImport', { path: f });
      await call(s, 'stations.pairingImport', { path: hqPair });
    }
  }
  return {
    hq,
    a,
    b,
    dir,
    cleanup() {
      for (const t of [hq, a, b]) t.cleanup();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function fieldId(t: TestCore, code: string): number {
  const f = t.core.reference.list().fields.find((x) => x.code === code);
  if (!f) throw new Error(`no field ${code}`);
  return f.id;
}

export interface FormInput {
  name: string;
  mobile: string;
  email?: string | null;
  address?: string;
  birthYear?: number;
  /** where the person lives (default: the station's own dong) */
  dong?: string;
  fields: string[];
  channels?: ('sms' | 'email')[];
}

/**
 * One paper form typed at this installation through the registry's own intake (`intake.save`):
 * a new person, or the one already registered with this mobile (updated), consents per field and
 * channel, and the form with its reference number.
 */
export async function typeForm(
  t: TestCore,
  f: FormInput,
): Promise<{ subscriberId: string; formRef: string }> {
  t.clock.t += 1000;
  const existing = t.core.subscriberRepo.byMobile(f.mobile)[0];
  const ids = (codes: string[]) => codes.map((c) => fieldId(t, c));
  const channels = f.channels ?? ['sms'];
  const dongId = f.dong
    ? t.core.reference.list().dongs.find((d) => d.code === f.dong)!.id
    : (t.core.reference.station(t.core.settings.get().thisStationId)?.dongId ?? null);
  const r = await call<{ subscriberId: string; formRef: string }>(t, 'intake.save', {
    kind: 'individual',
    name: f.name,
    mobile: f.mobile,
    email: f.email ?? null,
    birthYear: f.birthYear ?? 1980,
    dongId,
    address: f.address ?? null,
    consents: {
      sms: channels.includes('sms') ? ids(f.fields) : [],
      email: channels.includes('email') ? ids(f.fields) : [],
    },
    signedAt: seoulDate(new Date(t.clock.t)),
    updateSubscriberId: existing?.id,
    withdrawUnchecked: false,
  });
  return { subscriberId: r.subscriberId, formRef: r.formRef };
}

function seoulDate(d: Date): string {
  return new Date(d.getTime() + 9 * 3_600_000).toISOString().slice(0, 10);
}

export function count(t: TestCore, table: string): number {
  return (t.core.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}

/** 010-0xxx-xxxx: the unassigned block the demo data uses too. */
export const mobileOf = (i: number) => `0100${String(i).padStart(7, '0')}`;
