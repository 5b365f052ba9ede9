import type Database from 'better-sqlite3';
import {
  type AudienceOutput,
  EXCLUSION_LABELS,
  type ExclusionReason,
  type MessageChannel,
  type TargetFilters,
} from '../../shared/contract/campaigns';
import { contactHash, type SubscriberRepository, type SuppressionHit } from '../subscribers/repository';

export interface TargetSpec {
  fieldIds: number[];
  channels: { sms: boolean; email: boolean };
  filters: TargetFilters;
}

export interface Recipient {
  subscriberId: string;
  name: string;
  address: string;
  dong: string;
}

const SMS_ORDER: ExclusionReason[] = [
  'withdrawn',
  'no_consent',
  'withdrawn_prefix',
  'no_number',
  'suppressed',
  'duplicate',
];
const EMAIL_ORDER: ExclusionReason[] = [
  'withdrawn',
  'no_consent',
  'no_email',
  'email_invalid',
  'suppressed',
  'duplicate',
];

const PHONE_NONE = 0;
const PHONE_MOBILE = 1;
const PHONE_WITHDRAWN = 2;
const EMAIL_NONE = 0;
const EMAIL_OK = 1;
const EMAIL_BOUNCED = 2;

/** The registry's columns targeting needs, one typed array per column, in registry order. */
interface Snapshot {
  fp: string;
  /** data_version + total_changes when fp was last confirmed: nothing written since = still current */
  quick: string;
  n: number;
  ids: string[];
  names: string[];
  mobiles: (string | null)[];
  /** lower-cased */
  emails: (string | null)[];
  /** as typed, for sending */
  emailRaw: (string | null)[];
  withdrawn: Uint8Array;
  phone: Uint8Array;
  email: Uint8Array;
  dong: Int32Array;
  birth: Int32Array;
  /** 0 unknown, 1 M, 2 F */
  gender: Uint8Array;
  /** 1 individual, 2 business */
  kind: Uint8Array;
  btype: Int32Array;
  /** the first row with the same mobile / email: one message per address without string sets */
  mobileGroup: Int32Array;
  emailGroup: Int32Array;
  index: Map<string, number>;
}

function seoulYear(d: Date): number {
  return Number(new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Seoul', year: 'numeric' }).format(d));
}

/**
 * Who a campaign reaches, read from the registry tables (subscribers, consent_state,
 * suppressions). A person qualifies on a channel when they consent to one of the chosen fields on
 * that channel, have a usable address there and are not on the suppression list.
 *
 * Joining 60,000 consent rows to subscribers by UUID costs SQLite hundreds of milliseconds, so the
 * live count works on an in-memory column snapshot that is rebuilt only when the registry changed
 * (cheap fingerprints: row counts, max rowid, latest updated_at and total version, the consent
 * ledger's last row).
 */
export class Targeting {
  private hashes = new Map<string, string>();
  private stmts = new Map<string, Database.Statement>();
  private snap: Snapshot | null = null;
  private pinned = false;
  private consent = new Map<string, { fp: string; set: Uint8Array }>();
  private supp = new Map<MessageChannel, { fp: string; byIndex: Map<number, (number | null)[]> }>();

  constructor(
    private sqlite: Database.Database,
    private repo: SubscriberRepository,
    private now: () => Date,
  ) {}

  private prep(sql: string): Database.Statement {
    let st = this.stmts.get(sql);
    if (!st) {
      st = this.sqlite.prepare(sql);
      this.stmts.set(sql, st);
    }
    return st;
  }

  private hashOf(channel: MessageChannel, address: string): string {
    const k = `${channel}:${address}`;
    let h = this.hashes.get(k);
    if (!h) {
      if (this.hashes.size > 500_000) this.hashes.clear();
      h = contactHash(channel, address);
      this.hashes.set(k, h);
    }
    return h;
  }

  // ---- snapshot ---------------------------------------------------------------------------------

  private subscribersFp(): string {
    // Every write through the registry bumps version (updated_at alone can repeat under a fixed clock).
    const r = this.prep(
      'SELECT count(*) AS n, max(rowid) AS r, max(updated_at) AS u, total(version) AS v FROM subscribers',
    ).get() as { n: number; r: number | null; u: string | null; v: number };
    return `${r.n}:${r.r}:${r.u}:${r.v}`;
  }

  private consentFp(): string {
    const e = this.prep('SELECT max(rowid) FROM consent_events').pluck().get() as number | null;
    const n = this.prep('SELECT count(*) FROM consent_state').pluck().get() as number;
    return `${e}:${n}`;
  }

  private suppressionFp(channel: MessageChannel): string {
    const r = this.prep(
      'SELECT count(*) AS n, max(rowid) AS r, max(lifted_at) AS l FROM suppressions WHERE channel = ?',
    ).get(channel) as { n: number; r: number | null; l: string | null };
    return `${r.n}:${r.r}:${r.l}`;
  }

  /**
   * Runs fn with one registry snapshot (one fingerprint check) for all its counts and lists: a
   * launch asks several questions of the same registry in one synchronous stretch.
   */
  pin<T>(fn: () => T): T {
    if (this.pinned) return fn();
    this.snapshot();
    this.pinned = true;
    try {
      return fn();
    } finally {
      this.pinned = false;
    }
  }

  /** Changes nothing wrote: no commit by another connection (data_version), none by ours (total_changes). */
  private quickFp(): string {
    const dv = this.sqlite.pragma('data_version', { simple: true });
    const tc = this.prep('SELECT total_changes()').pluck().get();
    return `${dv}:${tc}`;
  }

  private snapshot(): Snapshot {
    if (this.pinned && this.snap) return this.snap;
    const quick = this.quickFp();
    if (this.snap?.quick === quick) return this.snap;
    const fp = this.subscribersFp();
    if (this.snap?.fp === fp) {
      this.snap.quick = quick;
      return this.snap;
    }
    const rows = this.prep(
      `SELECT id, name, mobile, phone_kind, email, email_invalid_at IS NOT NULL, status = 'withdrawn', dong_id,
         birth_year, gender, kind, business_type_id
       FROM subscribers ORDER BY created_at, id`,
    )
      .raw()
      .all() as [
      string,
      string,
      string | null,
      string | null,
      string | null,
      number,
      number,
      number | null,
      number | null,
      string | null,
      string,
      number | null,
    ][];
    const n = rows.length;
    const s: Snapshot = {
      fp,
      quick,
      n,
      ids: new Array(n),
      names: new Array(n),
      mobiles: new Array(n),
      emails: new Array(n),
      emailRaw: new Array(n),
      withdrawn: new Uint8Array(n),
      phone: new Uint8Array(n),
      email: new Uint8Array(n),
      dong: new Int32Array(n),
      birth: new Int32Array(n),
      gender: new Uint8Array(n),
      kind: new Uint8Array(n),
      btype: new Int32Array(n),
      mobileGroup: new Int32Array(n),
      emailGroup: new Int32Array(n),
      index: new Map(),
    };
    const firstMobile = new Map<string, number>();
    const firstEmail = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      const [id, name, mobile, pk, email, bounced, withdrawn, dong, birth, gender, kind, btype] = rows[i];
      s.ids[i] = id;
      s.names[i] = name;
      s.mobiles[i] = mobile;
      s.phone[i] =
        pk === 'mobile' && mobile ? PHONE_MOBILE : pk === 'withdrawn-mobile' ? PHONE_WITHDRAWN : PHONE_NONE;
      const valid = !!email && email.includes('@');
      s.emails[i] = valid ? email!.toLowerCase() : null;
      s.emailRaw[i] = valid ? email : null;
      s.email[i] = !valid ? EMAIL_NONE : bounced ? EMAIL_BOUNCED : EMAIL_OK;
      s.withdrawn[i] = withdrawn;
      s.dong[i] = dong ?? 0;
      s.birth[i] = birth ?? 0;
      s.gender[i] = gender === 'M' ? 1 : gender === 'F' ? 2 : 0;
      s.kind[i] = kind === 'business' ? 2 : 1;
      s.btype[i] = btype ?? 0;
      s.index.set(id, i);
      if (mobile) {
        const g = firstMobile.get(mobile);
        if (g === undefined) firstMobile.set(mobile, i);
        s.mobileGroup[i] = g ?? i;
      }
      const e = s.emails[i];
      if (e) {
        const g = firstEmail.get(e);
        if (g === undefined) firstEmail.set(e, i);
        s.emailGroup[i] = g ?? i;
      }
    }
    this.snap = s;
    this.consent.clear();
    this.supp.clear();
    return s;
  }

  /** Who consents (granted) to a field on a channel, as a flag per snapshot row. */
  private consentSet(s: Snapshot, fieldId: number, channel: MessageChannel, fp: string): Uint8Array {
    const key = `${fieldId}:${channel}`;
    const hit = this.consent.get(key);
    if (hit?.fp === fp) return hit.set;
    const set = new Uint8Array(s.n);
    const ids = this.prep(
      'SELECT subscriber_id FROM consent_state WHERE field_id = ? AND channel = ? AND granted = 1',
    )
      .pluck()
      .all(fieldId, channel) as string[];
    for (const id of ids) {
      const i = s.index.get(id);
      if (i !== undefined) set[i] = 1;
    }
    this.consent.set(key, { fp, set });
    return set;
  }

  /** Snapshot rows whose address is on the active suppression list, with the list's scopes (null = all fields). */
  private suppressedRows(s: Snapshot, channel: MessageChannel): Map<number, (number | null)[]> {
    const fp = this.suppressionFp(channel);
    const hit = this.supp.get(channel);
    if (hit?.fp === fp) return hit.byIndex;
    const byHash = new Map<string, (number | null)[]>();
    const active = this.prep(
      'SELECT contact_hash AS h, field_id AS f FROM suppressions WHERE channel = ? AND lifted_at IS NULL',
    ).all(channel) as { h: string; f: number | null }[];
    for (const r of active) byHash.set(r.h, [...(byHash.get(r.h) ?? []), r.f]);
    const byIndex = new Map<number, (number | null)[]>();
    if (byHash.size) {
      const addr = channel === 'sms' ? s.mobiles : s.emails;
      for (let i = 0; i < s.n; i++) {
        const a = addr[i];
        if (!a) continue;
        const scopes = byHash.get(this.hashOf(channel, a));
        if (scopes) byIndex.set(i, scopes);
      }
    }
    this.supp.set(channel, { fp, byIndex });
    return byIndex;
  }

  // ---- the one pass -------------------------------------------------------------------------------

  /**
   * Walks the snapshot once for a spec, calling `visit` for every candidate (consents to a chosen
   * field on some channel, passes the filters) with the reason per channel ('ok' or why not).
   */
  private walk(
    s: Snapshot,
    spec: TargetSpec,
    /** returns true to stop the walk */
    visit: (
      i: number,
      sms: ExclusionReason | 'ok' | null,
      email: ExclusionReason | 'ok' | null,
    ) => boolean | undefined | void,
  ): void {
    const cfp = this.consentFp();
    const f = spec.filters;
    const smsSets = spec.fieldIds.map((id) => this.consentSet(s, id, 'sms', cfp));
    const emailSets = spec.fieldIds.map((id) => this.consentSet(s, id, 'email', cfp));
    const smsSupp = spec.channels.sms ? this.suppressedRows(s, 'sms') : new Map();
    const emailSupp = spec.channels.email ? this.suppressedRows(s, 'email') : new Map();
    const dongs = f.dongIds.length ? new Set(f.dongIds) : null;
    const btypes = f.businessTypeIds.length ? new Set(f.businessTypeIds) : null;
    const genders = f.genders.length ? new Set<number>(f.genders.map((g) => (g === 'M' ? 1 : 2))) : null;
    const kinds = f.kinds.length ? new Set<number>(f.kinds.map((k) => (k === 'business' ? 2 : 1))) : null;
    let ranges: [number, number][] | null = null;
    if (f.ageBands.length) {
      const y = seoulYear(this.now());
      ranges = f.ageBands.map((b): [number, number] => {
        if (b === '<20') return [y - 19, 9999];
        if (b === '70+') return [1, y - 70];
        const lo = Number(b.slice(0, 1)) * 10;
        return [y - lo - 9, y - lo];
      });
    }
    const covered = (scopes: (number | null)[] | undefined, sets: Uint8Array[], i: number) => {
      if (!scopes) return false;
      if (scopes.includes(null)) return true;
      // Field-only suppressions: suppressed when they cover every chosen field the person consents to.
      return spec.fieldIds.every((fid, k) => !sets[k][i] || scopes.includes(fid));
    };
    for (let i = 0; i < s.n; i++) {
      let anySms = false;
      let anyEmail = false;
      for (const set of smsSets) if (set[i]) anySms = true;
      for (const set of emailSets) if (set[i]) anyEmail = true;
      if (!anySms && !anyEmail) continue;
      if (dongs && !dongs.has(s.dong[i])) continue;
      if (btypes && !btypes.has(s.btype[i])) continue;
      if (genders && !genders.has(s.gender[i])) continue;
      if (kinds && !kinds.has(s.kind[i])) continue;
      if (ranges) {
        const b = s.birth[i];
        if (!b || !ranges.some(([lo, hi]) => b >= lo && b <= hi)) continue;
      }
      let sr: ExclusionReason | 'ok' | null = null;
      if (spec.channels.sms)
        sr = s.withdrawn[i]
          ? 'withdrawn'
          : !anySms
            ? 'no_consent'
            : s.phone[i] === PHONE_WITHDRAWN
              ? 'withdrawn_prefix'
              : s.phone[i] !== PHONE_MOBILE
                ? 'no_number'
                : covered(smsSupp.get(i), smsSets, i)
                  ? 'suppressed'
                  : 'ok';
      let er: ExclusionReason | 'ok' | null = null;
      if (spec.channels.email)
        er = s.withdrawn[i]
          ? 'withdrawn'
          : !anyEmail
            ? 'no_consent'
            : s.email[i] === EMAIL_NONE
              ? 'no_email'
              : s.email[i] === EMAIL_BOUNCED
                ? 'email_invalid'
                : covered(emailSupp.get(i), emailSets, i)
                  ? 'suppressed'
                  : 'ok';
      if (visit(i, sr, er)) return;
    }
  }

  /** Live count per channel with the excluded grouped by reason (the same number at launch). */
  audience(spec: TargetSpec): AudienceOutput {
    const t0 = performance.now();
    let candidates = 0;
    let people = 0;
    const sms: Record<string, number> = {};
    const email: Record<string, number> = {};
    const s = this.snapshot();
    const seenSms = new Uint8Array(s.n);
    const seenEmail = new Uint8Array(s.n);
    this.walk(s, spec, (i, sr, er) => {
      candidates++;
      if (sr === 'ok' || er === 'ok') people++;
      if (sr) {
        const g = s.mobileGroup[i];
        const r = sr === 'ok' && seenSms[g] ? 'duplicate' : sr;
        if (r === 'ok') seenSms[g] = 1;
        sms[r] = (sms[r] ?? 0) + 1;
      }
      if (er) {
        const g = s.emailGroup[i];
        const r = er === 'ok' && seenEmail[g] ? 'duplicate' : er;
        if (r === 'ok') seenEmail[g] = 1;
        email[r] = (email[r] ?? 0) + 1;
      }
    });
    const build = (counts: Record<string, number>, order: ExclusionReason[]) => ({
      recipients: counts.ok ?? 0,
      excluded: order
        .filter((r) => (counts[r] ?? 0) > 0)
        .map((r) => ({ reason: r, label: EXCLUSION_LABELS[r], count: counts[r] })),
    });
    return {
      candidates,
      sms: spec.channels.sms ? build(sms, SMS_ORDER) : null,
      email: spec.channels.email ? build(email, EMAIL_ORDER) : null,
      people,
      tookMs: Math.round((performance.now() - t0) * 10) / 10,
    };
  }

  private dongNames(): Map<number, string> {
    return new Map(
      (this.prep('SELECT id, name FROM dongs').all() as { id: number; name: string }[]).map((d) => [
        d.id,
        d.name,
      ]),
    );
  }

  /** The recipients of one channel in registry order, one per address. */
  recipients(spec: TargetSpec, channel: MessageChannel): Recipient[] {
    const one = { ...spec, channels: { sms: channel === 'sms', email: channel === 'email' } };
    const dongs = this.dongNames();
    const out: Recipient[] = [];
    const s = this.snapshot();
    const seen = new Uint8Array(s.n);
    const group = channel === 'sms' ? s.mobileGroup : s.emailGroup;
    this.walk(s, one, (i, sr, er) => {
      if ((channel === 'sms' ? sr : er) !== 'ok') return;
      if (seen[group[i]]) return;
      seen[group[i]] = 1;
      out.push({
        subscriberId: s.ids[i],
        name: s.names[i],
        address: channel === 'sms' ? s.mobiles[i]! : s.emailRaw[i]!,
        dong: dongs.get(s.dong[i]) ?? '',
      });
    });
    return out;
  }

  /** The first recipient on any chosen channel, for previews. */
  sample(spec: TargetSpec): { name: string; dong: string } | null {
    let found = -1;
    const s = this.snapshot();
    this.walk(s, spec, (i, sr, er) => {
      if (sr !== 'ok' && er !== 'ok') return false;
      found = i;
      return true;
    });
    if (found < 0) return null;
    return { name: s.names[found], dong: this.dongNames().get(s.dong[found]) ?? '' };
  }

  /** Longest placeholder values among the recipients, for the worst-case byte count. */
  longestValues(spec: TargetSpec, limit = 30): { 이름: string[]; 동: string[] } {
    // Bytes are at most 2 per character: the longest few by length include the longest in bytes.
    const top: string[] = [];
    let shortest = 0;
    const dongIds = new Set<number>();
    const s = this.snapshot();
    this.walk(s, spec, (i, sr, er) => {
      if (sr !== 'ok' && er !== 'ok') return;
      if (s.dong[i]) dongIds.add(s.dong[i]);
      const name = s.names[i];
      if (top.length >= limit && name.length <= shortest) return;
      if (top.includes(name)) return;
      top.push(name);
      if (top.length > limit) {
        top.sort((a, b) => b.length - a.length);
        top.length = limit;
      }
      shortest = top.length >= limit ? Math.min(...top.map((t) => t.length)) : 0;
    });
    const dongs = this.dongNames();
    return {
      이름: top.sort((a, b) => b.length - a.length),
      동: [...dongIds]
        .map((d) => dongs.get(d) ?? '')
        .sort((a, b) => b.length - a.length)
        .slice(0, limit),
    };
  }

  /**
   * recheck for a whole batch in three queries instead of three per row: the dispatcher calls it
   * for every batch it claims, and per-row lookups cost more than sending through a fast gateway.
   * Same decisions as recheck, in the same order.
   */
  recheckMany(
    channel: MessageChannel,
    rows: { subscriberId: string | null; address: string }[],
    fieldIds: number[],
  ): (ExclusionReason | null)[] {
    const norms = rows.map((r) => (channel === 'email' ? r.address.toLowerCase() : r.address));
    const hashes = norms.map((n) => (n ? contactHash(channel, n) : ''));
    const supp = new Map<string, SuppressionHit>();
    for (const r of this.prep(
      `SELECT contact_hash AS h, field_id AS fieldId FROM suppressions
       WHERE channel = ? AND lifted_at IS NULL AND contact_hash IN (SELECT value FROM json_each(?))`,
    ).all(channel, JSON.stringify([...new Set(hashes.filter(Boolean))])) as {
      h: string;
      fieldId: number | null;
    }[]) {
      const hit = supp.get(r.h) ?? { all: false, fieldIds: [] };
      if (r.fieldId === null) hit.all = true;
      else hit.fieldIds.push(r.fieldId);
      supp.set(r.h, hit);
    }
    const ids = JSON.stringify([...new Set(rows.map((r) => r.subscriberId).filter((x): x is string => !!x))]);
    const people = new Map<string, { status: string; email: string | null; inv: string | null }>();
    for (const p of this.prep(
      `SELECT id, status, email, email_invalid_at AS inv FROM subscribers
       WHERE id IN (SELECT value FROM json_each(?))`,
    ).all(ids) as { id: string; status: string; email: string | null; inv: string | null }[])
      people.set(p.id, p);
    const consents = new Map<string, number[]>();
    for (const c of this.prep(
      `SELECT subscriber_id AS sid, field_id AS fieldId FROM consent_state
       WHERE channel = ? AND granted = 1 AND subscriber_id IN (SELECT value FROM json_each(?))
       AND field_id IN (SELECT value FROM json_each(?))`,
    ).all(channel, ids, JSON.stringify(fieldIds)) as { sid: string; fieldId: number }[]) {
      const list = consents.get(c.sid) ?? [];
      list.push(c.fieldId);
      consents.set(c.sid, list);
    }
    const none: SuppressionHit = { all: false, fieldIds: [] };
    return rows.map((r, i) => {
      const hit = (hashes[i] && supp.get(hashes[i])) || none;
      if (!r.subscriberId) return hit.all ? 'suppressed' : null;
      const s = people.get(r.subscriberId);
      if (!s || s.status === 'withdrawn') return 'withdrawn';
      const fields = consents.get(r.subscriberId) ?? [];
      if (fields.length === 0) return 'no_consent';
      if (hit.all || fields.every((f) => hit.fieldIds.includes(f))) return 'suppressed';
      if (channel === 'email' && s.inv && s.email?.toLowerCase() === norms[i]) return 'email_invalid';
      return null;
    });
  }

  /**
   * The send-time check of one outbox row: consent and suppression may have changed since launch.
   * Returns the exclusion reason, or null when the message may go.
   */
  recheck(
    channel: MessageChannel,
    subscriberId: string | null,
    address: string,
    fieldIds: number[],
  ): ExclusionReason | null {
    const norm = channel === 'email' ? address.toLowerCase() : address;
    const hit = this.repo.suppression(channel, norm);
    if (!subscriberId) return hit.all ? 'suppressed' : null;
    const s = this.prep('SELECT status, email, email_invalid_at AS inv FROM subscribers WHERE id = ?').get(
      subscriberId,
    ) as { status: string; email: string | null; inv: string | null } | undefined;
    if (!s || s.status === 'withdrawn') return 'withdrawn';
    const fields = this.prep(
      `SELECT field_id FROM consent_state WHERE subscriber_id = ? AND channel = ? AND granted = 1
       AND field_id IN (SELECT value FROM json_each(?))`,
    )
      .pluck()
      .all(subscriberId, channel, JSON.stringify(fieldIds)) as number[];
    if (fields.length === 0) return 'no_consent';
    if (hit.all || fields.every((f) => hit.fieldIds.includes(f))) return 'suppressed';
    if (channel === 'email' && s.inv && s.email?.toLowerCase() === norm) return 'email_invalid';
    return null;
  }
}
