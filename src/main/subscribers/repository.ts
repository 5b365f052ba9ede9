import { createHash } from 'node:crypto';
import { uuidv7 } from '../db/ids';
import type Database from 'better-sqlite3';
import { choseongOf } from '../../shared/text/hangulSearch';
import type { CONSENT_SOURCES } from '../db/schema/registry';

export type Channel = 'sms' | 'email';
export type ConsentAction = 'granted' | 'withdrawn' | 'reconfirmed';
export type ConsentSource = (typeof CONSENT_SOURCES)[number];

export interface SubscriberRecord {
  id: string;
  kind: 'individual' | 'business';
  name: string;
  nameChoseong: string;
  representative: string | null;
  businessTypeId: number | null;
  mobile: string | null;
  phoneKind: 'mobile' | 'withdrawn-mobile' | 'landline' | 'representative' | 'invalid' | null;
  email: string | null;
  emailInvalidAt: string | null;
  birthYear: number | null;
  gender: 'M' | 'F' | null;
  dongId: number | null;
  address: string | null;
  status: 'active' | 'withdrawn';
  note: string | null;
  stationId: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export type NewSubscriber = Omit<
  SubscriberRecord,
  'id' | 'nameChoseong' | 'createdAt' | 'updatedAt' | 'version' | 'status' | 'emailInvalidAt'
> & {
  id?: string;
  status?: 'active' | 'withdrawn';
  createdAt?: string;
};

export interface ConsentEventInput {
  id?: string;
  subscriberId: string;
  fieldId: number;
  channel: Channel;
  action: ConsentAction;
  at: string;
  source: ConsentSource;
  formRef?: string | null;
  stationId?: string | null;
  userId?: string | null;
  reason?: string | null;
  evidence?: string | null;
}

export interface ConsentEventRecord extends Required<Omit<ConsentEventInput, 'id'>> {
  id: string;
  createdAt: string;
}

export interface ConsentStateRecord {
  subscriberId: string;
  fieldId: number;
  channel: Channel;
  granted: boolean;
  since: string;
  lastEventId: string;
}

export interface SuppressionHit {
  /** suppressed on every field of the channel */
  all: boolean;
  /** suppressed only for these fields */
  fieldIds: number[];
}

const SUB_COLS = `id, kind, name, name_choseong AS nameChoseong, representative, business_type_id AS businessTypeId,
  mobile, phone_kind AS phoneKind, email, email_invalid_at AS emailInvalidAt, birth_year AS birthYear, gender,
  dong_id AS dongId, address, status, note, station_id AS stationId, created_by AS createdBy, created_at AS createdAt,
  updated_at AS updatedAt, version`;

/**
 * Only what an opt-out needs, not the number itself: a hash of the normalised contact.
 * (A phone number space is small; the hash keeps the list from being a readable contact list,
 * it is not a secret. Stations share it with HQ.)
 */
export function contactHash(channel: Channel, normalised: string): string {
  return createHash('sha256').update(`sotong:${channel}:${normalised.toLowerCase()}`).digest('hex');
}

/**
 * The registry's write path, on prepared statements: bulk imports go through here at tens of
 * thousands of rows a second, and so does every typed form.
 */
export class SubscriberRepository {
  private st: Record<string, Database.Statement>;

  constructor(
    private sqlite: Database.Database,
    private now: () => Date = () => new Date(),
  ) {
    const p = (sql: string) => sqlite.prepare(sql);
    this.st = {
      byId: p(`SELECT ${SUB_COLS} FROM subscribers WHERE id = ?`),
      byMobile: p(`SELECT ${SUB_COLS} FROM subscribers WHERE mobile = ? ORDER BY created_at`),
      byEmail: p(`SELECT ${SUB_COLS} FROM subscribers WHERE email = ? COLLATE NOCASE ORDER BY created_at`),
      insert:
        p(`INSERT INTO subscribers (id, kind, name, name_choseong, representative, business_type_id, mobile, phone_kind,
          email, birth_year, gender, dong_id, address, status, note, station_id, created_by, created_at, updated_at, version)
        VALUES (@id, @kind, @name, @nameChoseong, @representative, @businessTypeId, @mobile, @phoneKind, @email, @birthYear,
          @gender, @dongId, @address, @status, @note, @stationId, @createdBy, @createdAt, @updatedAt, 1)`),
      insertEvent:
        p(`INSERT INTO consent_events (id, subscriber_id, field_id, channel, action, at, source, form_ref,
          station_id, user_id, reason, evidence, created_at)
        VALUES (@id, @subscriberId, @fieldId, @channel, @action, @at, @source, @formRef, @stationId, @userId, @reason,
          @evidence, @createdAt) ON CONFLICT(id) DO NOTHING`),
      state:
        p(`SELECT subscriber_id AS subscriberId, field_id AS fieldId, channel, granted, since, last_event_id AS lastEventId
        FROM consent_state WHERE subscriber_id = ? AND field_id = ? AND channel = ?`),
      upsertState:
        p(`INSERT INTO consent_state (subscriber_id, field_id, channel, granted, since, last_event_id)
        VALUES (@subscriberId, @fieldId, @channel, @granted, @since, @lastEventId)
        ON CONFLICT(subscriber_id, field_id, channel) DO UPDATE SET granted = excluded.granted, since = excluded.since,
          last_event_id = excluded.last_event_id`),
      updateState:
        p(`UPDATE consent_state SET granted = @granted, since = @since, last_event_id = @lastEventId
        WHERE subscriber_id = @subscriberId AND field_id = @fieldId AND channel = @channel`),
      statesOf:
        p(`SELECT subscriber_id AS subscriberId, field_id AS fieldId, channel, granted, since, last_event_id AS lastEventId
        FROM consent_state WHERE subscriber_id = ? ORDER BY field_id, channel`),
      eventsOf:
        p(`SELECT id, subscriber_id AS subscriberId, field_id AS fieldId, channel, action, at, source, form_ref AS formRef,
          station_id AS stationId, user_id AS userId, reason, evidence, created_at AS createdAt
        FROM consent_events WHERE subscriber_id = ? ORDER BY at DESC, created_at DESC`),
      suppressed: p(
        `SELECT field_id AS fieldId FROM suppressions WHERE contact_hash = ? AND channel = ? AND lifted_at IS NULL`,
      ),
      insertSuppression: p(`INSERT INTO suppressions (id, channel, contact_hash, field_id, source, created_at)
        VALUES (?, ?, ?, ?, ?, ?)`),
      liftSuppression: p(`UPDATE suppressions SET lifted_at = ?, lifted_form_ref = ?, lifted_by = ?
        WHERE contact_hash = ? AND channel = ? AND lifted_at IS NULL AND (field_id IS NULL OR field_id = ?)`),
      seqGet: p('SELECT last FROM form_sequences WHERE station_id = ? AND year = ?'),
      seqSet: p(`INSERT INTO form_sequences (station_id, year, last) VALUES (?, ?, ?)
        ON CONFLICT(station_id, year) DO UPDATE SET last = excluded.last`),
      insertForm:
        p(`INSERT INTO intake_forms (id, form_ref, subscriber_id, station_id, kind, signed_at, user_id, created_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
      formByRef: p('SELECT id, subscriber_id AS subscriberId FROM intake_forms WHERE form_ref = ?'),
    };
  }

  transaction<T>(fn: () => T): T {
    return this.sqlite.transaction(fn)();
  }

  // ── Bulk import (src/main/subscribers/import): one scan instead of a query per row, inserts that
  // skip the read-back, and taking back what a cancelled or failed import wrote.

  /** id, name and contacts of every subscriber of a kind. */
  /**
   * One page of the contacts an import merges against, in insertion order (rowid), so a caller can
   * read 100,000 of them in slices and let other calls run in between.
   */
  contactIndexPage(
    kind: 'individual' | 'business',
    afterRowid: number,
    limit: number,
  ): {
    rowid: number;
    id: string;
    name: string;
    mobile: string | null;
    email: string | null;
    createdAt: string;
  }[] {
    this.st.contactIndexPage ??= this.sqlite.prepare(
      `SELECT rowid, id, name, mobile, email, created_at AS createdAt FROM subscribers
       WHERE kind = ? AND rowid > ? ORDER BY rowid LIMIT ?`,
    );
    return this.st.contactIndexPage.all(kind, afterRowid, limit) as {
      rowid: number;
      id: string;
      name: string;
      mobile: string | null;
      email: string | null;
      createdAt: string;
    }[];
  }

  /** Active suppressions keyed `${channel}:${contactHash}`. */
  suppressionIndex(): Map<string, SuppressionHit> {
    this.st.suppressionIndex ??= this.sqlite.prepare(
      'SELECT channel, contact_hash AS h, field_id AS fieldId FROM suppressions WHERE lifted_at IS NULL',
    );
    const out = new Map<string, SuppressionHit>();
    for (const r of this.st.suppressionIndex.all() as {
      channel: string;
      h: string;
      fieldId: number | null;
    }[]) {
      const k = `${r.channel}:${r.h}`;
      const hit = out.get(k) ?? { all: false, fieldIds: [] };
      if (r.fieldId === null) hit.all = true;
      else hit.fieldIds.push(r.fieldId);
      out.set(k, hit);
    }
    return out;
  }

  /** Inserts without reading the row back (the caller knows what it wrote). */
  insertQuiet(s: NewSubscriber & { id: string }): void {
    const at = s.createdAt ?? this.now().toISOString();
    this.st.insert.run({
      ...s,
      nameChoseong: choseongOf(s.name),
      status: s.status ?? 'active',
      createdAt: at,
      updatedAt: at,
    });
  }

  /**
   * appendConsent for a subscriber created in this same transaction, who has no consent state yet:
   * the same rows without reading a state per event (one field+channel once each). The state row
   * carries the person's segment copies at once, so the segment trigger has nothing to fill in
   * (one index update per row instead of two: this is most of a bulk import's write time).
   */
  appendFirstConsents(
    s: Pick<SubscriberRecord, 'dongId' | 'birthYear' | 'gender' | 'businessTypeId' | 'phoneKind' | 'email'>,
    events: (ConsentEventInput & { id: string })[],
  ): void {
    this.st.firstState ??=
      this.sqlite.prepare(`INSERT INTO consent_state (subscriber_id, field_id, channel, granted,
      since, last_event_id, dong_id, birth_year, gender, business_type_id, reachable)
      VALUES (@subscriberId, @fieldId, @channel, @granted, @since, @lastEventId, @dongId, @birthYear, @gender,
        @businessTypeId, @reachable)`);
    const createdAt = this.now().toISOString();
    const seg = {
      dongId: s.dongId,
      birthYear: s.birthYear,
      gender: s.gender,
      businessTypeId: s.businessTypeId,
    };
    for (const e of events) {
      this.st.insertEvent.run({
        formRef: null,
        stationId: null,
        userId: null,
        reason: null,
        evidence: null,
        ...e,
        createdAt,
      });
      const reachable = e.channel === 'sms' ? s.phoneKind === 'mobile' : s.email !== null;
      this.st.firstState.run({
        subscriberId: e.subscriberId,
        fieldId: e.fieldId,
        channel: e.channel,
        granted: e.action === 'withdrawn' ? 0 : 1,
        since: e.at,
        lastEventId: e.id,
        ...seg,
        reachable: reachable ? 1 : 0,
      });
    }
  }

  /**
   * insertQuiet + appendFirstConsents in one call, on positional parameters: binding a row from
   * an object (and spreading it first) costs as much as the insert itself at import volume. Writes
   * exactly the same rows (test/main/subscribers/import/bulk.test.ts compares the two).
   */
  insertImported(s: NewSubscriber & { id: string }, events: (ConsentEventInput & { id: string })[]): void {
    this.st.importSub ??=
      this.sqlite.prepare(`INSERT INTO subscribers (id, kind, name, name_choseong, representative,
      business_type_id, mobile, phone_kind, email, birth_year, gender, dong_id, address, status, note, station_id,
      created_by, created_at, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`);
    const at = s.createdAt ?? this.now().toISOString();
    this.st.importSub.run(
      s.id,
      s.kind,
      s.name,
      choseongOf(s.name),
      s.representative,
      s.businessTypeId,
      s.mobile,
      s.phoneKind,
      s.email,
      s.birthYear,
      s.gender,
      s.dongId,
      s.address,
      s.status ?? 'active',
      s.note,
      s.stationId,
      s.createdBy,
      at,
      at,
    );
    // the import writes only first 'granted' events for a new person: the same bulk path as demo data
    if (events.length) this.insertInitialConsent(s, events);
  }

  /**
   * Takes back an import: its events on existing subscribers, their consent state as it was, the
   * blanks it filled in, and the subscribers it created (with their ledger). Only for a batch that
   * never completed: a finished import is history and stays in the ledger.
   */
  revertImport(u: {
    eventIds: string[];
    states: { subscriberId: string; fieldId: number; channel: Channel; prev: ConsentStateRecord | null }[];
    patches: { id: string; prev: Partial<SubscriberRecord> }[];
    subscriberIds: string[];
  }): void {
    const p = (k: string, sql: string) => {
      this.st[k] ??= this.sqlite.prepare(sql);
      return this.st[k];
    };
    const delState = p(
      'undoDelState',
      'DELETE FROM consent_state WHERE subscriber_id = ? AND field_id = ? AND channel = ?',
    );
    for (const s of u.states) {
      if (s.prev) this.st.upsertState.run({ ...s.prev, granted: s.prev.granted ? 1 : 0 });
      else delState.run(s.subscriberId, s.fieldId, s.channel);
    }
    const delEvent = p('undoDelEvent', 'DELETE FROM consent_events WHERE id = ?');
    for (const id of u.eventIds) delEvent.run(id);
    for (const x of u.patches) this.update(x.id, x.prev);
    const delStates = p('undoDelStates', 'DELETE FROM consent_state WHERE subscriber_id = ?');
    const delEvents = p('undoDelEvents', 'DELETE FROM consent_events WHERE subscriber_id = ?');
    const delSub = p('undoDelSub', 'DELETE FROM subscribers WHERE id = ?');
    for (const id of u.subscriberIds) {
      delStates.run(id);
      delEvents.run(id);
      delSub.run(id);
    }
  }

  byId(id: string): SubscriberRecord | undefined {
    return this.st.byId.get(id) as SubscriberRecord | undefined;
  }

  byMobile(mobile: string): SubscriberRecord[] {
    return this.st.byMobile.all(mobile) as SubscriberRecord[];
  }

  byEmail(email: string): SubscriberRecord[] {
    return this.st.byEmail.all(email) as SubscriberRecord[];
  }

  insert(s: NewSubscriber): SubscriberRecord {
    const at = s.createdAt ?? this.now().toISOString();
    const row = {
      ...s,
      id: s.id ?? uuidv7(),
      nameChoseong: choseongOf(s.name),
      status: s.status ?? 'active',
      createdAt: at,
      updatedAt: at,
    };
    this.st.insert.run(row);
    return this.byId(row.id)!;
  }

  /** Updates the given columns and bumps the version (stations resolve conflicts by it). */
  update(
    id: string,
    patch: Partial<Omit<SubscriberRecord, 'id' | 'version' | 'createdAt'>>,
  ): SubscriberRecord {
    const cols: Record<string, string> = {
      kind: 'kind',
      name: 'name',
      representative: 'representative',
      businessTypeId: 'business_type_id',
      mobile: 'mobile',
      phoneKind: 'phone_kind',
      email: 'email',
      emailInvalidAt: 'email_invalid_at',
      birthYear: 'birth_year',
      gender: 'gender',
      dongId: 'dong_id',
      address: 'address',
      status: 'status',
      note: 'note',
    };
    const sets: string[] = [];
    const params: Record<string, unknown> = { id, updatedAt: this.now().toISOString() };
    for (const [k, v] of Object.entries(patch)) {
      if (!(k in cols) || v === undefined) continue;
      sets.push(`${cols[k]} = @${k}`);
      params[k] = v;
      if (k === 'name') {
        sets.push('name_choseong = @nameChoseong');
        params.nameChoseong = choseongOf(String(v));
      }
    }
    if (sets.length > 0)
      this.sqlite
        .prepare(
          `UPDATE subscribers SET ${sets.join(', ')}, updated_at = @updatedAt, version = version + 1 WHERE id = @id`,
        )
        .run(params);
    return this.byId(id)!;
  }

  /**
   * Appends ledger events and moves the derived state forward. An event older than the state it
   * would replace (a late station package) stays in the ledger but does not change the state.
   */
  appendConsent(events: ConsentEventInput[]): ConsentEventRecord[] {
    const createdAt = this.now().toISOString();
    const out: ConsentEventRecord[] = [];
    for (const e of events) {
      const rec: ConsentEventRecord = {
        id: e.id ?? uuidv7(),
        subscriberId: e.subscriberId,
        fieldId: e.fieldId,
        channel: e.channel,
        action: e.action,
        at: e.at,
        source: e.source,
        formRef: e.formRef ?? null,
        stationId: e.stationId ?? null,
        userId: e.userId ?? null,
        reason: e.reason ?? null,
        evidence: e.evidence ?? null,
        createdAt,
      };
      const inserted = this.st.insertEvent.run(rec).changes > 0;
      if (!inserted) continue; // same event id seen before: idempotent
      out.push(rec);
      const cur = this.st.state.get(e.subscriberId, e.fieldId, e.channel) as ConsentStateRecord | undefined;
      if (cur && cur.since > e.at) continue;
      const granted = e.action !== 'withdrawn';
      // A re-confirmation keeps the original "since" of a standing consent.
      const since = e.action === 'reconfirmed' && cur?.granted ? cur.since : e.at;
      const next = {
        subscriberId: e.subscriberId,
        fieldId: e.fieldId,
        channel: e.channel,
        granted: granted ? 1 : 0,
        since,
        lastEventId: rec.id,
      };
      // The state was just read: a plain UPDATE costs half an upsert's failed insert + update.
      if (cur) this.st.updateState.run(next);
      else this.st.upsertState.run(next);
    }
    return out;
  }

  /**
   * Bulk path for a person inserted in the same transaction (demo data, first load): ledger events
   * and their state rows, segment columns filled here so the state trigger has nothing to look up.
   * Only 'granted' events, at most one per field × channel; use appendConsent for anything else.
   */
  insertInitialConsent(s: SubscriberRecord | NewSubscriber, events: ConsentEventInput[]): number {
    // Positional parameters: binding from objects costs as much as the insert itself at this volume.
    this.st.initialEvent ??=
      this.sqlite.prepare(`INSERT INTO consent_events (id, subscriber_id, field_id, channel, action, at,
        source, form_ref, station_id, user_id, reason, evidence, created_at) VALUES (?, ?, ?, ?, 'granted', ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.st.initialState ??=
      this.sqlite.prepare(`INSERT INTO consent_state (subscriber_id, field_id, channel, granted, since,
        last_event_id, dong_id, birth_year, gender, business_type_id, reachable) VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?)`);
    const createdAt = this.now().toISOString();
    const active = (s.status ?? 'active') === 'active';
    const reach = { sms: active && s.phoneKind === 'mobile' ? 1 : 0, email: active && s.email ? 1 : 0 };
    for (const e of events) {
      const id = e.id ?? uuidv7();
      this.st.initialEvent.run(
        id,
        e.subscriberId,
        e.fieldId,
        e.channel,
        e.at,
        e.source,
        e.formRef ?? null,
        e.stationId ?? null,
        e.userId ?? null,
        e.reason ?? null,
        e.evidence ?? null,
        createdAt,
      );
      this.st.initialState.run(
        e.subscriberId,
        e.fieldId,
        e.channel,
        e.at,
        id,
        s.dongId,
        s.birthYear,
        s.gender,
        s.businessTypeId,
        reach[e.channel],
      );
    }
    return events.length;
  }

  consentOf(subscriberId: string): ConsentStateRecord[] {
    return (
      this.st.statesOf.all(subscriberId) as (Omit<ConsentStateRecord, 'granted'> & { granted: number })[]
    ).map((r) => ({
      ...r,
      granted: !!r.granted,
    }));
  }

  historyOf(subscriberId: string): ConsentEventRecord[] {
    return this.st.eventsOf.all(subscriberId) as ConsentEventRecord[];
  }

  suppression(channel: Channel, normalised: string | null | undefined): SuppressionHit {
    if (!normalised) return { all: false, fieldIds: [] };
    const rows = this.st.suppressed.all(contactHash(channel, normalised), channel) as {
      fieldId: number | null;
    }[];
    return {
      all: rows.some((r) => r.fieldId === null),
      fieldIds: rows.filter((r) => r.fieldId !== null).map((r) => r.fieldId!),
    };
  }

  isSuppressed(channel: Channel, normalised: string | null | undefined, fieldId: number): boolean {
    const hit = this.suppression(channel, normalised);
    return hit.all || hit.fieldIds.includes(fieldId);
  }

  addSuppression(channel: Channel, normalised: string, fieldId: number | null, source: string): void {
    const hit = this.suppression(channel, normalised);
    if (hit.all || (fieldId !== null && hit.fieldIds.includes(fieldId))) return;
    this.st.insertSuppression.run(
      uuidv7(),
      channel,
      contactHash(channel, normalised),
      fieldId,
      source,
      this.now().toISOString(),
    );
  }

  /** Only a new signed paper form lifts a suppression; the caller audits it. */
  liftSuppression(
    channel: Channel,
    normalised: string,
    fieldId: number,
    formRef: string,
    userId: string | null,
  ): number {
    return this.st.liftSuppression.run(
      this.now().toISOString(),
      formRef,
      userId,
      contactHash(channel, normalised),
      channel,
      fieldId,
    ).changes;
  }

  /** Next paper-form reference for a station: CODE-YYYY-000001. */
  nextFormRef(stationId: string, stationCode: string, year: number, peek = false): string {
    const last = (this.st.seqGet.get(stationId, year) as { last: number } | undefined)?.last ?? 0;
    let n = last + 1;
    // Skip numbers typed by hand earlier.
    while (this.st.formByRef.get(`${stationCode}-${year}-${String(n).padStart(6, '0')}`)) n++;
    if (!peek) this.st.seqSet.run(stationId, year, n);
    return `${stationCode}-${year}-${String(n).padStart(6, '0')}`;
  }

  /** Moves a station's sequence forward to at least n (a form saved with the pre-filled number, demo data). */
  advanceFormSequence(stationId: string, year: number, n: number): void {
    this.st.seqAdvance ??=
      this.sqlite.prepare(`INSERT INTO form_sequences (station_id, year, last) VALUES (?, ?, ?)
      ON CONFLICT(station_id, year) DO UPDATE SET last = max(last, excluded.last)`);
    this.st.seqAdvance.run(stationId, year, n);
  }

  formByRef(formRef: string): { id: string; subscriberId: string } | undefined {
    return this.st.formByRef.get(formRef) as { id: string; subscriberId: string } | undefined;
  }

  recordForm(f: {
    formRef: string;
    subscriberId: string;
    stationId: string | null;
    kind: 'new' | 'update';
    signedAt: string;
    userId: string | null;
  }): string {
    const id = uuidv7();
    this.st.insertForm.run(
      id,
      f.formRef,
      f.subscriberId,
      f.stationId,
      f.kind,
      f.signedAt,
      f.userId,
      this.now().toISOString(),
    );
    return id;
  }

  // ── Station replication (issue #9, src/main/stations): rows from another installation keep their
  // id, version and timestamps; each returns whether it wrote anything, so a re-sent package is a no-op.

  insertReplica(s: Omit<SubscriberRecord, 'nameChoseong'>): boolean {
    this.st.insertReplica ??= this.sqlite.prepare(`INSERT INTO subscribers (id, kind, name, name_choseong,
      representative, business_type_id, mobile, phone_kind, email, email_invalid_at, birth_year, gender, dong_id, address,
      status, note, station_id, created_by, created_at, updated_at, version)
      VALUES (@id, @kind, @name, @nameChoseong, @representative, @businessTypeId, @mobile, @phoneKind, @email,
      @emailInvalidAt, @birthYear, @gender, @dongId, @address, @status, @note, @stationId, @createdBy, @createdAt,
      @updatedAt, @version) ON CONFLICT(id) DO NOTHING`);
    return this.st.insertReplica.run({ ...s, nameChoseong: choseongOf(s.name) }).changes > 0;
  }

  /** A form typed at another station; skipped when its id or reference is already here. */
  insertFormReplica(f: {
    id: string;
    formRef: string;
    subscriberId: string;
    stationId: string | null;
    kind: 'new' | 'update';
    signedAt: string;
    userId: string | null;
    createdAt: string;
  }): boolean {
    this.st.insertFormReplica ??= this.sqlite.prepare(`INSERT INTO intake_forms (id, form_ref, subscriber_id,
      station_id, kind, signed_at, user_id, created_at)
      VALUES (@id, @formRef, @subscriberId, @stationId, @kind, @signedAt, @userId, @createdAt) ON CONFLICT DO NOTHING`);
    return this.st.insertFormReplica.run(f).changes > 0;
  }

  /** A suppression from another installation; skipped when known by id or already covered by an active one. */
  insertSuppressionReplica(r: {
    id: string;
    channel: Channel;
    contactHash: string;
    fieldId: number | null;
    source: string;
    createdAt: string;
    liftedAt: string | null;
    liftedFormRef: string | null;
    liftedBy: string | null;
  }): boolean {
    this.st.insertSuppressionReplica ??=
      this.sqlite.prepare(`INSERT INTO suppressions (id, channel, contact_hash,
      field_id, source, created_at, lifted_at, lifted_form_ref, lifted_by)
      SELECT @id, @channel, @contactHash, @fieldId, @source, @createdAt, @liftedAt, @liftedFormRef, @liftedBy
      WHERE NOT EXISTS (SELECT 1 FROM suppressions WHERE id = @id)
        AND NOT (@liftedAt IS NULL AND EXISTS (SELECT 1 FROM suppressions WHERE contact_hash = @contactHash
          AND channel = @channel AND lifted_at IS NULL AND (field_id IS NULL OR field_id IS @fieldId)))`);
    return this.st.insertSuppressionReplica.run(r).changes > 0;
  }

  /** Lifts one suppression by id (lifted elsewhere with a paper form); false when unknown or already lifted. */
  liftSuppressionById(id: string, liftedAt: string, formRef: string, liftedBy: string | null): boolean {
    this.st.liftSuppressionById ??= this.sqlite.prepare(
      'UPDATE suppressions SET lifted_at = ?, lifted_form_ref = ?, lifted_by = ? WHERE id = ? AND lifted_at IS NULL',
    );
    return this.st.liftSuppressionById.run(liftedAt, formRef, liftedBy, id).changes > 0;
  }
}
