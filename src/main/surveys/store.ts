import type Database from 'better-sqlite3';
import type {
  SurveyDefinition,
  SurveyFilters,
  SurveyInvitation,
  SurveyRow,
  SurveyStatus,
} from '../../shared/contract/surveys';

/** A surveys row as stored (snake_case aliased). */
export interface SurveyRecord {
  id: string;
  requestId: string | null;
  title: string;
  department: string;
  status: SurveyStatus;
  definition: string;
  anonymous: number;
  opensAt: string;
  closesAt: string;
  filters: string;
  invitation: string;
  reminderAfterDays: number;
  reminderMax: number;
  incentiveWinners: number;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
}

export const SURVEY_COLS = `id, request_id AS requestId, title, department, status, definition, anonymous,
  opens_at AS opensAt, closes_at AS closesAt, filters, invitation, reminder_after_days AS reminderAfterDays,
  reminder_max AS reminderMax, incentive_winners AS incentiveWinners, created_by AS createdBy,
  created_at AS createdAt, updated_at AS updatedAt, closed_at AS closedAt`;

/** The parsed parts of a record, cached by id + updatedAt (the public page reads them on every request). */
export interface Parsed {
  rec: SurveyRecord;
  def: SurveyDefinition;
  filters: SurveyFilters;
  invitation: SurveyInvitation;
}

export class SurveyStore {
  private byIdSt: Database.Statement;
  private versionSt: Database.Statement;
  private countsSt: Database.Statement;
  private cache = new Map<string, Parsed>();

  constructor(private sqlite: Database.Database) {
    this.byIdSt = sqlite.prepare(`SELECT ${SURVEY_COLS} FROM surveys WHERE id = ?`);
    this.versionSt = sqlite.prepare('SELECT updated_at AS updatedAt, status FROM surveys WHERE id = ?');
    this.countsSt = sqlite.prepare(
      `SELECT count(*) AS participants, count(completed_at) AS completed FROM survey_participants WHERE survey_id = ?`,
    );
  }

  get(id: string): SurveyRecord | undefined {
    return this.byIdSt.get(id) as SurveyRecord | undefined;
  }

  parsed(id: string): Parsed | undefined {
    // Every request of the public page lands here: a two-column read tells whether the cached
    // record (definition and all) is still current; the whole row is read only when it changed.
    const v = this.versionSt.get(id) as { updatedAt: string; status: string } | undefined;
    if (!v) return undefined;
    const hit = this.cache.get(id);
    if (hit && hit.rec.updatedAt === v.updatedAt && hit.rec.status === v.status)
      return { ...hit, rec: { ...hit.rec } };
    const rec = this.get(id);
    if (!rec) return undefined;
    const p: Parsed = {
      rec,
      def: JSON.parse(rec.definition) as SurveyDefinition,
      filters: JSON.parse(rec.filters) as SurveyFilters,
      invitation: JSON.parse(rec.invitation) as SurveyInvitation,
    };
    if (this.cache.size > 200) this.cache.clear();
    this.cache.set(id, p);
    return p;
  }

  set(id: string, cols: Record<string, unknown>): void {
    this.cache.delete(id);
    const keys = Object.keys(cols);
    this.sqlite
      .prepare(`UPDATE surveys SET ${keys.map((k) => `${k} = @${k}`).join(', ')} WHERE id = @__id`)
      .run({ ...cols, __id: id });
  }

  toRow(r: SurveyRecord): SurveyRow {
    const p = this.parsed(r.id)!;
    const c = this.countsSt.get(r.id) as { participants: number; completed: number };
    const entered = this.sqlite
      .prepare(
        `SELECT count(*) FROM survey_responses WHERE survey_id = ? AND participant_id IS NULL AND via != 'web'`,
      )
      .pluck()
      .get(r.id) as number;
    return {
      id: r.id,
      requestId: r.requestId,
      title: r.title,
      department: r.department,
      status: r.status,
      definition: p.def,
      anonymous: !!r.anonymous,
      opensAt: r.opensAt,
      closesAt: r.closesAt,
      filters: p.filters,
      invitation: p.invitation,
      reminders: { afterDays: r.reminderAfterDays, max: r.reminderMax },
      incentiveWinners: r.incentiveWinners,
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
      participants: c.participants,
      completed: c.completed + entered,
    };
  }
}

/** Small seeded generator (FNV-1a of the seed → mulberry32): the same seed draws the same sample. */
export function seededRandom(seed: string): () => number {
  // FNV-1a over the seed, then mulberry32
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    h ^= seed.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  let a = h;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates with the given generator. */
export function shuffle<T>(items: T[], rnd: () => number): T[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}
