// At HQ: applies one verified change package inside the caller's transaction. Idempotent: every
// row is keyed by its id (people by the station's id through the alias table), so the same package
// twice, or a re-sent one, or one arriving after a newer one, changes nothing it should not.
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { StationImportResult } from '../../shared/contract/stations';
import { AppError } from '../../shared/errors';
import type { SubscriberRecord, SubscriberRepository } from '../subscribers/repository';
import type { ChangesBody, ConsentWire, SubscriberWire } from './body';
import { type Base, baseOf, FIELD_LABELS, mergeSubscriber } from './merge';
import { RefMapper } from './refs';

type Counts = Omit<StationImportResult, 'kind' | 'station' | 'seq' | 'alreadyImported'>;

interface AliasRow {
  localId: string;
  merged: number;
  remoteVersion: number;
  remoteUpdatedAt: string;
  base: string;
}

/** A stable UUID-shaped id derived from a string (the same blocked consent gives the same id). */
export function derivedUuid(seed: string): string {
  const h = createHash('sha256').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const isMobile = (m: string | null) => !!m && /^01\d{8,9}$/.test(m);
const sameName = (a: string, b: string) => a.replace(/\s/g, '') === b.replace(/\s/g, '');

export interface ApplyContext {
  sqlite: Database.Database;
  repo: SubscriberRepository;
  /** the sending station: its own id, and ours for it */
  remoteStationId: string;
  localStationId: string;
  /** HQ's station id (stamped on the withdrawals HQ adds when an opt-out wins) */
  hqStationId: string;
  nowIso: string;
}

export function applyChanges(c: ApplyContext, body: ChangesBody): Counts {
  const { sqlite, repo } = c;
  const refs = new RefMapper(sqlite, body.refs);
  const n: Counts = {
    people: 0,
    newPeople: 0,
    editedPeople: 0,
    merged: 0,
    events: 0,
    withdrawals: 0,
    forms: 0,
    suppressions: 0,
    suppressionsLifted: 0,
    blockedConsents: 0,
    conflicts: 0,
    duplicatesIgnored: 0,
    unknownReferences: 0,
  };
  const st = {
    alias: sqlite.prepare(
      `SELECT local_id AS localId, merged, remote_version AS remoteVersion, remote_updated_at AS remoteUpdatedAt, base
      FROM station_aliases WHERE remote_station_id = ? AND remote_id = ?`,
    ),
    saveAlias: sqlite.prepare(
      `INSERT INTO station_aliases (remote_station_id, remote_id, local_id, merged, remote_version, remote_updated_at,
        base, created_at, updated_at)
      VALUES (@remoteStationId, @remoteId, @localId, @merged, @remoteVersion, @remoteUpdatedAt, @base, @now, @now)
      ON CONFLICT(remote_station_id, remote_id) DO UPDATE SET local_id = excluded.local_id, merged = excluded.merged,
        remote_version = excluded.remote_version, remote_updated_at = excluded.remote_updated_at, base = excluded.base,
        updated_at = excluded.updated_at`,
    ),
    conflict: sqlite.prepare(
      `INSERT INTO station_conflicts (local_station_id, package_seq, entity, entity_id, field, local_value,
        incoming_value, chosen, reason, resolved, created_at, dedupe_key)
      VALUES (@localStationId, @seq, 'subscriber', @entityId, @field, @localValue, @incomingValue, @chosen, @reason, 0,
        @now, @dedupeKey) ON CONFLICT(dedupe_key) DO NOTHING`,
    ),
    eventExists: sqlite.prepare('SELECT 1 FROM consent_events WHERE id = ?'),
    userExists: sqlite.prepare('SELECT 1 FROM users WHERE id = ?'),
  };

  const idMap = new Map<string, string>();
  const withForms = new Set(body.intakeForms.map((f) => f.subscriberId));

  const saveAlias = (s: SubscriberWire, localId: string, merged: boolean) =>
    st.saveAlias.run({
      remoteStationId: c.remoteStationId,
      remoteId: s.id,
      localId,
      merged: merged ? 1 : 0,
      remoteVersion: s.version,
      remoteUpdatedAt: s.updatedAt,
      base: JSON.stringify(baseOf(s)),
      now: c.nowIso,
    });

  const insertNew = (s: SubscriberWire) => {
    repo.insertReplica({ ...s, stationId: refs.station(s.stationId) });
    saveAlias(s, s.id, false);
    idMap.set(s.id, s.id);
    n.people++;
    n.newPeople++;
  };

  const mobileMatch = (s: SubscriberWire): SubscriberRecord | undefined => {
    if (!isMobile(s.mobile)) return undefined;
    const cands = repo
      .byMobile(s.mobile!)
      .filter(
        (x) => x.id !== s.id && x.kind === s.kind && (s.kind === 'individual' || sameName(x.name, s.name)),
      );
    return cands.find((x) => sameName(x.name, s.name)) ?? cands[0];
  };

  // 1. People.
  for (const raw of body.subscribers) {
    const s: SubscriberWire = {
      ...raw,
      dongId: refs.dong(raw.dongId),
      businessTypeId: refs.businessType(raw.businessTypeId),
    };
    const alias = st.alias.get(c.remoteStationId, s.id) as AliasRow | undefined;
    let local: SubscriberRecord | undefined;
    let base: Base | null = null;
    let merged = false;
    if (alias) {
      idMap.set(s.id, alias.localId);
      if (
        s.version < alias.remoteVersion ||
        (s.version === alias.remoteVersion && s.updatedAt <= alias.remoteUpdatedAt)
      ) {
        n.duplicatesIgnored++; // seen this version (or a newer one) already
        continue;
      }
      local = repo.byId(alias.localId);
      base = JSON.parse(alias.base) as Base;
      merged = !!alias.merged;
    } else {
      local = repo.byId(s.id);
      if (!local) {
        local = mobileMatch(s);
        if (local) {
          merged = true;
          n.merged++;
        }
      }
    }
    if (!local) {
      insertNew(s);
      continue;
    }
    idMap.set(s.id, local.id);
    const { patch, conflicts } = mergeSubscriber(local, s, base, withForms.has(s.id));
    if (Object.keys(patch).length > 0) {
      repo.update(local.id, patch);
      n.people++;
      n.editedPeople++;
    }
    for (const k of conflicts) {
      const r = st.conflict.run({
        localStationId: c.localStationId,
        seq: body.seq,
        entityId: local.id,
        field: k.field,
        localValue: JSON.stringify(k.localValue),
        incomingValue: JSON.stringify(k.incomingValue),
        chosen: k.chosen,
        reason: `${FIELD_LABELS[k.field]}: ${k.reason}`,
        now: c.nowIso,
        dedupeKey: createHash('sha256')
          .update(
            JSON.stringify([c.remoteStationId, s.id, s.version, k.field, k.localValue, k.incomingValue]),
          )
          .digest('hex'),
      });
      n.conflicts += r.changes;
    }
    saveAlias(s, local.id, merged);
  }

  const localSubOf = (remoteId: string): string => {
    const hit = idMap.get(remoteId);
    if (hit) return hit;
    const alias = st.alias.get(c.remoteStationId, remoteId) as AliasRow | undefined;
    const id = alias?.localId ?? (repo.byId(remoteId) ? remoteId : undefined);
    if (!id)
      throw new AppError(
        'FILE',
        '꾸러미가 완전하지 않습니다: 꾸러미에 없는 사람의 기록이 들어 있습니다. 접수처에서 꾸러미를 다시 만들어 주세요. 아무것도 가져오지 않았습니다.',
      );
    idMap.set(remoteId, id);
    return id;
  };

  // 2. Consent ledger, oldest first, so the derived state ends on the latest event.
  const lookups = optOutLookups(c);
  const events = [...body.consentEvents].sort(
    (a, b) => a.at.localeCompare(b.at) || a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id),
  );
  for (const e of events) {
    if (st.eventExists.get(e.id)) {
      n.duplicatesIgnored++;
      continue;
    }
    const subscriberId = localSubOf(e.subscriberId);
    const fieldId = refs.field(e.fieldId);
    const mapped = { ...e, subscriberId, fieldId, stationId: refs.station(e.stationId) ?? e.stationId };
    const blockedBy = e.action === 'withdrawn' ? null : optOutThatWins(c, mapped, n, lookups);
    repo.appendConsent([mapped]);
    n.events++;
    if (e.action === 'withdrawn') n.withdrawals++;
    if (blockedBy) {
      n.blockedConsents++;
      const state = repo
        .consentOf(subscriberId)
        .find((x) => x.fieldId === fieldId && x.channel === e.channel);
      // Only when the consent actually became the current state does HQ put the withdrawal back on top.
      if (state?.lastEventId === e.id)
        repo.appendConsent([
          {
            id: derivedUuid(`sotong:optout-wins:${e.id}`),
            subscriberId,
            fieldId,
            channel: e.channel,
            action: 'withdrawn',
            at: new Date(new Date(e.at).getTime() + 1).toISOString(),
            source: 'station',
            stationId: c.hqStationId,
            reason: `수신거부가 우선합니다: 새 서면 신청서 없이 접수처에서 온 동의는 반영하지 않았습니다(${blockedBy === 'suppression' ? '수신거부 목록' : '수신 철회 기록'}).`,
            evidence: JSON.stringify({ blockedEventId: e.id, by: blockedBy }),
          },
        ]);
    }
  }

  // 3. Paper forms.
  for (const f of body.intakeForms) {
    const ok = repo.insertFormReplica({
      ...f,
      subscriberId: localSubOf(f.subscriberId),
      stationId: refs.station(f.stationId),
      userId: f.userId && st.userExists.get(f.userId) ? f.userId : null,
    });
    if (ok) n.forms++;
    else n.duplicatesIgnored++;
  }

  // 4. Suppressions (hashes): new ones added; ones lifted at the station with a paper form lifted here.
  for (const r of body.suppressions) {
    const row = { ...r, fieldId: refs.fieldOrNull(r.fieldId) };
    if (repo.insertSuppressionReplica(row)) n.suppressions++;
    else if (
      r.liftedAt &&
      r.liftedFormRef &&
      repo.liftSuppressionById(r.id, r.liftedAt, r.liftedFormRef, r.liftedBy)
    )
      n.suppressionsLifted++;
    else n.duplicatesIgnored++;
  }
  n.unknownReferences = refs.unknown;
  return n;
}

interface OptOutLookups {
  state(
    subscriberId: string,
    fieldId: number,
    channel: string,
  ): { granted: number; since: string } | undefined;
  contact(subscriberId: string, channel: 'sms' | 'email'): string | null;
  suppressed(channel: 'sms' | 'email', contact: string | null, fieldId: number): boolean;
  forget(channel: 'sms' | 'email', contact: string): void;
}

/** Per-import caches: every consent is checked, and most people have several. */
function optOutLookups(c: ApplyContext): OptOutLookups {
  const stateSt = c.sqlite.prepare(
    'SELECT granted, since FROM consent_state WHERE subscriber_id = ? AND field_id = ? AND channel = ?',
  );
  const anySuppression = !!c.sqlite
    .prepare('SELECT 1 FROM suppressions WHERE lifted_at IS NULL LIMIT 1')
    .get();
  const contacts = new Map<string, { mobile: string | null; email: string | null }>();
  const hits = new Map<string, ReturnType<SubscriberRepository['suppression']>>();
  return {
    state: (s, f, ch) => stateSt.get(s, f, ch) as { granted: number; since: string } | undefined,
    contact(subscriberId, channel) {
      let k = contacts.get(subscriberId);
      if (!k) {
        const sub = c.repo.byId(subscriberId);
        k = { mobile: sub?.mobile ?? null, email: sub?.email ?? null };
        contacts.set(subscriberId, k);
      }
      return channel === 'sms' ? k.mobile : k.email;
    },
    suppressed(channel, contact, fieldId) {
      if (!anySuppression || !contact) return false;
      const key = `${channel}:${contact}`;
      let hit = hits.get(key);
      if (!hit) {
        hit = c.repo.suppression(channel, contact);
        hits.set(key, hit);
      }
      return hit.all || hit.fieldIds.includes(fieldId);
    },
    forget: (channel, contact) => hits.delete(`${channel}:${contact}`),
  };
}

/**
 * A consent that arrives while HQ holds an opt-out (a standing withdrawal older than it, or an
 * active suppression of the contact) does not win unless it carries a new paper form reference.
 * With such a form it wins, and lifts the suppression.
 */
function optOutThatWins(
  c: ApplyContext,
  e: ConsentWire,
  n: Counts,
  look: OptOutLookups,
): 'withdrawal' | 'suppression' | null {
  const { repo } = c;
  const state = look.state(e.subscriberId, e.fieldId, e.channel);
  const withdrawn = !!state && !state.granted && state.since <= e.at;
  const contact = look.contact(e.subscriberId, e.channel);
  const suppressed = look.suppressed(e.channel, contact, e.fieldId);
  if (!withdrawn && !suppressed) return null;
  const newForm =
    !!e.formRef &&
    !repo.historyOf(e.subscriberId).some((h) => h.id !== e.id && h.formRef === e.formRef && h.at < e.at);
  if (!newForm) return suppressed ? 'suppression' : 'withdrawal';
  if (suppressed && contact && repo.liftSuppression(e.channel, contact, e.fieldId, e.formRef!, null) > 0) {
    n.suppressionsLifted++;
    look.forget(e.channel, contact);
  }
  return null;
}
