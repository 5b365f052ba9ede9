import type { Core } from '../../../src/main/core/core';
import type { SubscriberRecord } from '../../../src/main/subscribers/repository';

export interface Person {
  name: string;
  mobile?: string | null;
  email?: string | null;
  kind?: 'individual' | 'business';
  dong?: string;
  /** field names granted on SMS */
  sms?: string[];
  /** field names granted on e-mail */
  email_?: string[];
}

const fieldCache = new WeakMap<Core, Map<string, number>>();

export function fieldId(core: Core, name: string): number {
  let m = fieldCache.get(core);
  if (!m) {
    m = new Map(core.reference.list().fields.map((f) => [f.name, f.id]));
    fieldCache.set(core, m);
  }
  const id = m.get(name);
  if (id === undefined) throw new Error(`no field ${name}`);
  return id;
}

/** Writes people and their consents through the registry's own write path, as intake would. */
export function addPeople(core: Core, people: Person[]): SubscriberRecord[] {
  const repo = core.subscriberRepo;
  const dongs = core.reference.list().dongs;
  return repo.transaction(() =>
    people.map((p) => {
      const s = repo.insert({
        kind: p.kind ?? 'individual',
        name: p.name,
        representative: null,
        businessTypeId: null,
        mobile: p.mobile ?? null,
        phoneKind: p.mobile ? 'mobile' : null,
        email: p.email ?? null,
        birthYear: 1970,
        gender: null,
        dongId: (p.dong ? dongs.find((d) => d.name === p.dong) : dongs[0])?.id ?? null,
        address: null,
        note: null,
        stationId: null,
        createdBy: null,
      });
      const at = '2025-01-10T01:00:00.000Z';
      repo.appendConsent([
        ...(p.sms ?? []).map((f) => ({
          subscriberId: s.id,
          fieldId: fieldId(core, f),
          channel: 'sms' as const,
          action: 'granted' as const,
          at,
          source: 'paper' as const,
        })),
        ...(p.email_ ?? []).map((f) => ({
          subscriberId: s.id,
          fieldId: fieldId(core, f),
          channel: 'email' as const,
          action: 'granted' as const,
          at,
          source: 'paper' as const,
        })),
      ]);
      return s;
    }),
  );
}

/** Field names a person still consents to on a channel. */
export function grantedNames(core: Core, subscriberId: string, channel: 'sms' | 'email'): string[] {
  const names = new Map(core.reference.list().fields.map((f) => [f.id, f.name]));
  return core.subscriberRepo
    .consentOf(subscriberId)
    .filter((s) => s.channel === channel && s.granted)
    .map((s) => names.get(s.fieldId)!)
    .sort();
}
