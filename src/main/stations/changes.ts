// At a station: what changed since the mark of the last package HQ confirmed. Derived from rowids
// and timestamps of the registry tables, so no other module has to report its writes.
import type Database from 'better-sqlite3';
import type { ChangeCounts } from '../../shared/contract/stations';
import {
  type ConsentWire,
  type FormWire,
  type Mark,
  markSchema,
  type SubscriberWire,
  type SuppressionWire,
  ZERO_MARK,
} from './body';

const SUB_COLS = `s.rowid AS _rowid, s.id, s.kind, s.name, s.representative, s.business_type_id AS businessTypeId,
  s.mobile, s.phone_kind AS phoneKind, s.email, s.email_invalid_at AS emailInvalidAt, s.birth_year AS birthYear,
  s.gender, s.dong_id AS dongId, s.address, s.status, s.note, s.station_id AS stationId, s.created_by AS createdBy,
  s.created_at AS createdAt, s.updated_at AS updatedAt, s.version`;

export interface ChangeSet {
  subscribers: SubscriberWire[];
  consentEvents: ConsentWire[];
  intakeForms: FormWire[];
  suppressions: SuppressionWire[];
  counts: ChangeCounts;
  /** people sent only because a new event or form refers to them */
  contextPeople: number;
}

export function confirmedMark(sqlite: Database.Database): Mark {
  const row = sqlite
    .prepare(
      "SELECT mark FROM station_exports WHERE kind = 'changes' AND status = 'confirmed' ORDER BY seq DESC LIMIT 1",
    )
    .get() as { mark: string } | undefined;
  if (!row) return ZERO_MARK;
  const parsed = markSchema.safeParse(JSON.parse(row.mark));
  return parsed.success ? parsed.data : ZERO_MARK;
}

/** The mark as of now (call inside the export's transaction so it matches the rows read). */
export function currentMark(sqlite: Database.Database, nowIso: string): Mark {
  const one = (sql: string) => (sqlite.prepare(sql).get() as { v: number | string | null }).v;
  // A row stamped in the future (a wrong clock, a typo) must not hide later edits.
  const capped = (v: number | string | null) => {
    const s = (v as string | null) ?? '';
    return s > nowIso ? nowIso : s;
  };
  return {
    sub: {
      rowid: Number(one('SELECT coalesce(max(rowid), 0) AS v FROM subscribers')),
      at: capped(one('SELECT max(updated_at) AS v FROM subscribers')),
    },
    ev: { rowid: Number(one('SELECT coalesce(max(rowid), 0) AS v FROM consent_events')) },
    form: { rowid: Number(one('SELECT coalesce(max(rowid), 0) AS v FROM intake_forms')) },
    supp: {
      rowid: Number(one('SELECT coalesce(max(rowid), 0) AS v FROM suppressions')),
      at: capped(one('SELECT max(lifted_at) AS v FROM suppressions')),
    },
  };
}

function params(m: Mark) {
  return {
    subR: m.sub.rowid,
    subAt: m.sub.at,
    evR: m.ev.rowid,
    formR: m.form.rowid,
    suppR: m.supp.rowid,
    suppAt: m.supp.at,
  };
}

// Suppressions that came from HQ (reference package) are not this station's changes, and neither is
// HQ's lifting of one ('suppression-lifted'); a lift done here, with a paper form, is.
const SUPP_WHERE = `((rowid > @suppR AND NOT EXISTS (SELECT 1 FROM station_received r
    WHERE r.entity IN ('suppression', 'suppression-lifted') AND r.id = suppressions.id))
  OR (lifted_at > @suppAt AND NOT EXISTS (SELECT 1 FROM station_received r
    WHERE r.entity = 'suppression-lifted' AND r.id = suppressions.id)))`;
const SUB_CHANGED = '(s.rowid > @subR OR s.updated_at > @subAt)';

/** Counts only (the station's "HQ에 보낼 변경 n건"), without reading the rows. */
export function countChanges(sqlite: Database.Database, from: Mark): ChangeCounts {
  const p = params(from);
  const subs = sqlite
    .prepare(
      `SELECT count(*) AS people, coalesce(sum(s.rowid > @subR), 0) AS newPeople FROM subscribers s WHERE ${SUB_CHANGED}`,
    )
    .get(p) as { people: number; newPeople: number };
  const ev = sqlite
    .prepare(
      `SELECT count(*) AS events, coalesce(sum(action = 'withdrawn'), 0) AS withdrawals FROM consent_events
      WHERE rowid > @evR`,
    )
    .get(p) as { events: number; withdrawals: number };
  const forms = (
    sqlite.prepare('SELECT count(*) AS n FROM intake_forms WHERE rowid > @formR').get(p) as { n: number }
  ).n;
  const supp = (
    sqlite.prepare(`SELECT count(*) AS n FROM suppressions WHERE ${SUPP_WHERE}`).get(p) as { n: number }
  ).n;
  return {
    people: subs.people,
    newPeople: subs.newPeople,
    editedPeople: subs.people - subs.newPeople,
    events: ev.events,
    withdrawals: ev.withdrawals,
    forms,
    suppressions: supp,
  };
}

export function totalOf(c: ChangeCounts): number {
  return c.people + c.events + c.forms + c.suppressions;
}

/** The rows of a package: everything after `from`, up to the snapshot the caller's transaction sees. */
export function collectChanges(sqlite: Database.Database, from: Mark): ChangeSet {
  const p = params(from);
  const rows = sqlite
    .prepare(
      `SELECT ${SUB_COLS} FROM subscribers s WHERE ${SUB_CHANGED}
        OR s.id IN (SELECT subscriber_id FROM consent_events WHERE rowid > @evR)
        OR s.id IN (SELECT subscriber_id FROM intake_forms WHERE rowid > @formR)
      ORDER BY s.rowid`,
    )
    .all(p) as (SubscriberWire & { _rowid: number })[];
  let newPeople = 0;
  let changed = 0;
  const subscribers = rows.map(({ _rowid, ...s }) => {
    if (_rowid > from.sub.rowid) newPeople++;
    if (_rowid > from.sub.rowid || s.updatedAt > from.sub.at) changed++;
    return s;
  });
  const consentEvents = sqlite
    .prepare(
      `SELECT id, subscriber_id AS subscriberId, field_id AS fieldId, channel, action, at, source, form_ref AS formRef,
        station_id AS stationId, user_id AS userId, reason, evidence, created_at AS createdAt
      FROM consent_events WHERE rowid > @evR ORDER BY rowid`,
    )
    .all(p) as ConsentWire[];
  const intakeForms = sqlite
    .prepare(
      `SELECT id, form_ref AS formRef, subscriber_id AS subscriberId, station_id AS stationId, kind,
        signed_at AS signedAt, user_id AS userId, created_at AS createdAt
      FROM intake_forms WHERE rowid > @formR ORDER BY rowid`,
    )
    .all(p) as FormWire[];
  const suppressions = sqlite
    .prepare(
      `SELECT id, channel, contact_hash AS contactHash, field_id AS fieldId, source, created_at AS createdAt,
        lifted_at AS liftedAt, lifted_form_ref AS liftedFormRef, lifted_by AS liftedBy
      FROM suppressions WHERE ${SUPP_WHERE} ORDER BY rowid`,
    )
    .all(p) as SuppressionWire[];
  return {
    subscribers,
    consentEvents,
    intakeForms,
    suppressions,
    contextPeople: subscribers.length - changed,
    counts: {
      people: changed,
      newPeople,
      editedPeople: changed - newPeople,
      events: consentEvents.length,
      withdrawals: consentEvents.filter((e) => e.action === 'withdrawn').length,
      forms: intakeForms.length,
      suppressions: suppressions.length,
    },
  };
}
