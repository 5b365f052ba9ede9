// Writes normalised rows: merges by contact, never re-subscribes a suppressed contact, and keeps
// an undo log so a cancelled or failed import can be taken back whole.
import type { ImportKind } from '../../../shared/contract/imports';
import {
  type Channel,
  type ConsentStateRecord,
  contactHash,
  type SubscriberRecord,
  type SubscriberRepository,
  type SuppressionHit,
} from '../repository';
import { uuidv7 } from '../../db/ids';
import type { Normalised } from './normalize';
import type { CellValue } from './values';

export interface ReportRow {
  n: number;
  cells: CellValue[];
  reason: string;
}

export interface WriterOptions {
  kind: ImportKind;
  fileName: string;
  stationId: string | null;
  userId: string | null;
  /** import time (ISO), the consent date when the file has none */
  now: string;
  label: (fieldId: number, channel: Channel) => string;
  /**
   * Write a new person through the single-row calls (insertQuiet + appendFirstConsents) instead
   * of the bulk insert: the reference the bulk path is tested against (bulk.test.ts).
   */
  rowByRow?: boolean;
  /**
   * True while another connection waits to write: the running transaction commits at once
   * (checked every 8 rows) instead of filling its time budget.
   */
  giveWay?: () => boolean;
}

interface Known {
  id: string;
  name: string;
  mobile: string | null;
  email: string | null;
  /** granted/withdrawn per `${fieldId}:${channel}`; loaded on first merge */
  states?: Map<string, ConsentStateRecord>;
  isNew: boolean;
}

const sameName = (a: string, b: string) => a.replace(/\s+/g, '') === b.replace(/\s+/g, '');
const emailKey = (e: string) => e.toLowerCase();

export class ImportWriter {
  readonly counts = { rows: 0, imported: 0, merged: 0, rejected: 0, warnings: 0, review: 0 };
  readonly rejected: ReportRow[] = [];
  readonly warned: ReportRow[] = [];
  readonly review: ReportRow[] = [];
  private byMobile = new Map<string, Known>();
  private byEmail = new Map<string, Known>();
  private suppressions: Map<string, SuppressionHit>;
  private undo = {
    subscriberIds: [] as string[],
    eventIds: [] as string[],
    states: [] as {
      subscriberId: string;
      fieldId: number;
      channel: Channel;
      prev: ConsentStateRecord | null;
    }[],
    patches: [] as { id: string; prev: Partial<SubscriberRecord> }[],
  };
  private touchedState = new Set<string>();
  /** recent commit time (ms), a moving average: see applyRaw */
  private commitMs = 0;

  private constructor(
    private repo: SubscriberRepository,
    private o: WriterOptions,
  ) {
    this.suppressions = repo.suppressionIndex();
  }

  /**
   * Loads the registry's contacts in slices (a yield between them keeps the app answering with
   * 100,000 people registered). Where two people share a contact, the one registered first wins.
   */
  static async create(
    repo: SubscriberRepository,
    o: WriterOptions,
    yieldFn: () => Promise<void> = () => new Promise((r) => setImmediate(r)),
  ): Promise<ImportWriter> {
    const w = new ImportWriter(repo, o);
    const since = new Map<Known, string>();
    const keep = (map: Map<string, Known>, key: string, k: Known, createdAt: string) => {
      const cur = map.get(key);
      if (!cur || createdAt < (since.get(cur) ?? '')) map.set(key, k);
    };
    for (let after = 0; ; ) {
      const page = repo.contactIndexPage(o.kind, after, 5000);
      if (page.length === 0) break;
      for (const s of page) {
        const k: Known = { id: s.id, name: s.name, mobile: s.mobile, email: s.email, isNew: false };
        since.set(k, s.createdAt);
        if (s.mobile) keep(w.byMobile, s.mobile, k, s.createdAt);
        if (s.email) keep(w.byEmail, emailKey(s.email), k, s.createdAt);
      }
      after = page[page.length - 1].rowid;
      await yieldFn();
    }
    return w;
  }

  /**
   * Writes rows from `from` on, in one transaction, until `budgetMs` has passed; returns where it
   * stopped. The budget keeps each transaction short (other calls wait for the event loop
   * meanwhile) yet as large as the machine allows (each commit has a fixed cost).
   */
  apply(rows: Normalised[], from = 0, budgetMs = Number.POSITIVE_INFINITY): number {
    return this.applyRaw(rows, from, budgetMs, (r) => r);
  }

  /**
   * apply() for rows not normalised yet: each is normalised inside the slice (`normalise` returns
   * null for a row to skip), so a slice's transaction spans as many rows as the budget allows
   * instead of a fixed chunk (fewer commits: each rewrites the index pages it touched).
   * A throw (from `normalise` or a write) rolls this slice back; the job then reverts the rest
   * from the undo log, as for any failure.
   */
  applyRaw<T>(rows: T[], from: number, budgetMs: number, normalise: (row: T) => Normalised | null): number {
    // The commit belongs to the slice too (it writes every page the rows touched): leave room for
    // it as the last ones took, so other calls wait no longer than before for bigger transactions.
    const end = performance.now() + Math.max(budgetMs / 4, budgetMs - this.commitMs);
    let i = from;
    let wrote = 0;
    this.repo.transaction(() => {
      while (i < rows.length) {
        const r = normalise(rows[i++]);
        if (r) this.one(r);
        if ((i & 7) === 0 && (performance.now() > end || this.o.giveWay?.())) break;
      }
      wrote = performance.now();
    });
    this.commitMs = 0.7 * this.commitMs + 0.3 * (performance.now() - wrote);
    return i;
  }

  private one(r: Normalised): void {
    this.counts.rows++;
    const errors = r.problems.filter((p) => p.level === 'error');
    if (errors.length) {
      this.reject(r, errors.map((p) => p.message).join(' '));
      return;
    }
    const warnings: string[] = r.problems.filter((p) => p.level === 'warning').map((p) => p.message);
    const at = r.rec.at ?? this.o.now;

    // Not re-subscribed: anything on the suppression list (수신거부) goes to staff for review.
    const suppressed: string[] = [];
    let consents = r.consents;
    // One hash per contact, and none while nothing is suppressed at all.
    if (this.suppressions.size > 0 && consents.length > 0) {
      const sms = this.suppressionOf('sms', r.rec.mobile);
      const email = this.suppressionOf('email', r.rec.email);
      consents = consents.filter((c) => {
        const hit = c.channel === 'sms' ? sms : email;
        if (hit && (hit.all || hit.fieldIds.includes(c.fieldId))) {
          suppressed.push(this.o.label(c.fieldId, c.channel));
          return false;
        }
        return true;
      });
    }
    const reviewNotes: string[] = [];
    if (suppressed.length)
      reviewNotes.push(`수신거부 목록에 있어 다시 등록하지 않았습니다: ${suppressed.join(', ')}`);

    const existing = this.find(r);
    if (!existing && consents.length === 0 && suppressed.length) {
      this.counts.review++;
      this.review.push({ n: r.n, cells: r.cells, reason: reviewNotes.join(' ') });
      this.reject(
        r,
        `수신거부 목록에 있는 연락처라 등록하지 않았습니다(검토 필요): ${suppressed.join(', ')}`,
      );
      return;
    }

    if (existing) {
      if (r.rec.name && !sameName(existing.name, r.rec.name))
        warnings.push(`이미 등록된 ‘${existing.name}’과(와) 연락처가 같아 하나로 합쳤습니다.`);
      this.fillBlanks(existing, r);
      const states = this.statesOf(existing);
      const events = [];
      for (const c of consents) {
        const k = `${c.fieldId}:${c.channel}`;
        const cur = states.get(k);
        if (cur?.granted) continue; // already subscribed: nothing to append
        if (cur && !cur.granted) {
          reviewNotes.push(
            `본인이 수신을 철회한 분야라 다시 등록하지 않았습니다: ${this.o.label(c.fieldId, c.channel)}`,
          );
          continue;
        }
        // Only a field+channel with no state at all gets an event, so undo = delete the state again.
        if (!existing.isNew && !this.touchedState.has(`${existing.id}:${k}`)) {
          this.touchedState.add(`${existing.id}:${k}`);
          this.undo.states.push({
            subscriberId: existing.id,
            fieldId: c.fieldId,
            channel: c.channel,
            prev: null,
          });
        }
        events.push(this.event(existing.id, c.fieldId, c.channel, at, r.n));
      }
      for (const e of this.repo.appendConsent(events)) {
        if (!existing.isNew) this.undo.eventIds.push(e.id);
        states.set(`${e.fieldId}:${e.channel}`, {
          subscriberId: e.subscriberId,
          fieldId: e.fieldId,
          channel: e.channel,
          granted: true,
          since: e.at,
          lastEventId: e.id,
        });
      }
      this.counts.merged++;
    } else {
      const id = uuidv7();
      const sub = {
        id,
        kind: this.o.kind,
        name: r.rec.name!,
        representative: r.rec.representative,
        businessTypeId: r.rec.businessTypeId,
        mobile: r.rec.mobile,
        phoneKind: r.rec.phoneKind,
        email: r.rec.email,
        birthYear: r.rec.birthYear,
        gender: r.rec.gender,
        dongId: r.rec.dongId,
        address: r.rec.address,
        note: r.rec.note,
        stationId: this.o.stationId,
        createdBy: this.o.userId,
        createdAt: this.o.now,
      };
      const events = consents.map((c) => this.event(id, c.fieldId, c.channel, at, r.n));
      if (this.o.rowByRow) {
        this.repo.insertQuiet(sub);
        this.repo.appendFirstConsents(r.rec, events);
      } else this.repo.insertImported(sub, events);
      this.undo.subscriberIds.push(id);
      // Only what finding a duplicate needs: its consent states are read back if one turns up.
      const k: Known = { id, name: r.rec.name!, mobile: r.rec.mobile, email: r.rec.email, isNew: true };
      if (r.rec.mobile && !this.byMobile.has(r.rec.mobile)) this.byMobile.set(r.rec.mobile, k);
      if (r.rec.email && !this.byEmail.has(emailKey(r.rec.email))) this.byEmail.set(emailKey(r.rec.email), k);
      this.counts.imported++;
    }
    if (reviewNotes.length) {
      this.counts.review++;
      this.review.push({ n: r.n, cells: r.cells, reason: reviewNotes.join(' ') });
    }
    if (warnings.length) {
      this.counts.warnings++;
      this.warned.push({ n: r.n, cells: r.cells, reason: warnings.join(' ') });
    }
  }

  private suppressionOf(channel: Channel, contact: string | null): SuppressionHit | undefined {
    return contact ? this.suppressions.get(`${channel}:${contactHash(channel, contact)}`) : undefined;
  }

  private reject(r: Normalised, reason: string): void {
    this.counts.rejected++;
    this.rejected.push({ n: r.n, cells: r.cells, reason });
  }

  /** By mobile; a person known only by email is found by email (and then gains the mobile). */
  private find(r: Normalised): Known | null {
    if (r.rec.mobile) {
      const k = this.byMobile.get(r.rec.mobile);
      if (k) return k;
    }
    if (r.rec.email) {
      const k = this.byEmail.get(emailKey(r.rec.email));
      if (k && (!k.mobile || !r.rec.mobile || k.mobile === r.rec.mobile)) return k;
    }
    return null;
  }

  private statesOf(k: Known): Map<string, ConsentStateRecord> {
    if (!k.states) {
      k.states = new Map();
      for (const s of this.repo.consentOf(k.id)) k.states.set(`${s.fieldId}:${s.channel}`, s);
    }
    return k.states;
  }

  /** Fills what the registry lacks; never overwrites what staff already have. */
  private fillBlanks(k: Known, r: Normalised): void {
    const cur = this.repo.byId(k.id);
    if (!cur) return;
    const patch: Partial<SubscriberRecord> = {};
    const prev: Partial<SubscriberRecord> = {};
    const fill = <K extends keyof SubscriberRecord>(key: K, v: SubscriberRecord[K] | null) => {
      if (v === null || v === undefined || (cur[key] !== null && cur[key] !== undefined)) return;
      patch[key] = v;
      prev[key] = cur[key];
    };
    fill('mobile', r.rec.mobile);
    if (patch.mobile) fill('phoneKind', r.rec.phoneKind);
    fill('email', r.rec.email);
    fill('birthYear', r.rec.birthYear);
    fill('gender', r.rec.gender);
    fill('dongId', r.rec.dongId);
    fill('address', r.rec.address);
    fill('representative', r.rec.representative);
    fill('businessTypeId', r.rec.businessTypeId);
    if (Object.keys(patch).length === 0) return;
    this.repo.update(k.id, patch);
    if (!k.isNew) this.undo.patches.push({ id: k.id, prev });
    if (patch.mobile) {
      k.mobile = patch.mobile;
      if (!this.byMobile.has(patch.mobile)) this.byMobile.set(patch.mobile, k);
    }
    if (patch.email) {
      k.email = patch.email;
      if (!this.byEmail.has(emailKey(patch.email))) this.byEmail.set(emailKey(patch.email), k);
    }
  }

  /** Time-ordered ids (see ids.ts). A re-import adds no event: a granted field+channel is skipped above. */
  private event(subscriberId: string, fieldId: number, channel: Channel, at: string, n: number) {
    return {
      id: uuidv7(),
      subscriberId,
      fieldId,
      channel,
      action: 'granted' as const,
      at,
      source: 'import' as const,
      stationId: this.o.stationId,
      userId: this.o.userId,
      evidence: `${this.o.fileName} ${n}행`,
    };
  }

  /**
   * Takes back everything this import wrote, in slices with a yield between them so the app keeps
   * answering while a large batch is undone.
   */
  async revert(yieldFn: () => Promise<void>): Promise<void> {
    const u = this.undo;
    // Existing subscribers first (the states the import created, its events, the blanks it filled),
    // then the subscribers it created, with their ledger.
    this.repo.transaction(() =>
      this.repo.revertImport({
        eventIds: u.eventIds,
        states: u.states,
        patches: u.patches,
        subscriberIds: [],
      }),
    );
    for (let i = 0; i < u.subscriberIds.length; i += 2000) {
      const slice = u.subscriberIds.slice(i, i + 2000);
      this.repo.transaction(() =>
        this.repo.revertImport({ eventIds: [], states: [], patches: [], subscriberIds: slice }),
      );
      await yieldFn();
    }
    this.undo = { subscriberIds: [], eventIds: [], states: [], patches: [] };
  }
}
