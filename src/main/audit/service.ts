import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { AuditAction, AuditRow } from '../../shared/contract/audit';

export interface AuditActor {
  userId: string | null;
  username: string;
  role: string | null;
  origin: 'ipc' | 'web' | 'cli' | 'system' | 'public';
  stationId: string | null;
  address: string | null;
}

export interface AuditEntry {
  action: AuditAction;
  /** whose data: e.g. 'subscriber' + id, or 'subscriber' + null with subjectCount for a list */
  targetType?: string;
  targetId?: string | null;
  subjectCount?: number;
  reason?: string | null;
  detail?: unknown;
}

const GENESIS = '0'.repeat(64);

type Stored = Omit<AuditRow, 'id'> & { userId: string | null; prevHash: string; hash: string };

function rowHash(prevHash: string, r: Omit<Stored, 'hash' | 'prevHash'>): string {
  const canonical = JSON.stringify([
    r.at,
    r.userId,
    r.username,
    r.role,
    r.origin,
    r.stationId,
    r.address,
    r.action,
    r.targetType,
    r.targetId,
    r.subjectCount,
    r.reason,
    r.detail,
  ]);
  return createHash('sha256').update(prevHash).update('|').update(canonical).digest('hex');
}

/** Append-only, hash-chained access log (접속기록). Rows are never updated or deleted. */
export class AuditService {
  private insert: Database.Statement;
  private last: Database.Statement;
  private appendTx: (row: Omit<Stored, 'hash' | 'prevHash'>) => number;

  constructor(
    private sqlite: Database.Database,
    private now: () => Date = () => new Date(),
  ) {
    this.insert = sqlite.prepare(
      `INSERT INTO audit_log (at, user_id, username, role, origin, station_id, address, action, target_type, target_id,
        subject_count, reason, detail, prev_hash, hash)
       VALUES (@at, @userId, @username, @role, @origin, @stationId, @address, @action, @targetType, @targetId,
        @subjectCount, @reason, @detail, @prevHash, @hash)`,
    );
    this.last = sqlite.prepare('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1');
    const tx = sqlite.transaction((row: Omit<Stored, 'hash' | 'prevHash'>) => {
      const prev = (this.last.get() as { hash: string } | undefined)?.hash ?? GENESIS;
      const hash = rowHash(prev, row);
      return Number(this.insert.run({ ...row, prevHash: prev, hash }).lastInsertRowid);
    });
    // IMMEDIATE: another process (the CLI) appending at the same time cannot fork the chain.
    this.appendTx = (row) => tx.immediate(row);
  }

  append(actor: AuditActor, e: AuditEntry): number {
    return this.appendTx({
      at: this.now().toISOString(),
      userId: actor.userId,
      username: actor.username,
      role: actor.role,
      origin: actor.origin,
      stationId: actor.stationId,
      address: actor.address,
      action: e.action,
      targetType: e.targetType ?? null,
      targetId: e.targetId ?? null,
      subjectCount: e.subjectCount ?? (e.targetId ? 1 : 0),
      reason: e.reason ?? null,
      detail:
        e.detail === undefined ? null : typeof e.detail === 'string' ? e.detail : JSON.stringify(e.detail),
    });
  }

  /** Recomputes the whole chain; the first row whose hash or link does not match is reported. */
  verify(): { ok: boolean; checked: number; brokenAtId: number | null } {
    let prev = GENESIS;
    let checked = 0;
    const rows = this.sqlite
      .prepare(
        `SELECT id, at, user_id AS userId, username, role, origin, station_id AS stationId, address, action,
          target_type AS targetType, target_id AS targetId, subject_count AS subjectCount, reason, detail,
          prev_hash AS prevHash, hash FROM audit_log ORDER BY id`,
      )
      .iterate() as IterableIterator<Stored & { id: number }>;
    for (const r of rows) {
      const { id, prevHash, hash, ...content } = r;
      if (prevHash !== prev || rowHash(prev, content) !== hash) return { ok: false, checked, brokenAtId: id };
      prev = hash;
      checked++;
    }
    return { ok: true, checked, brokenAtId: null };
  }

  list(q: {
    from?: string;
    to?: string;
    username?: string;
    action?: string;
    page: number;
    pageSize: number;
  }) {
    const where: string[] = [];
    const params: Record<string, unknown> = {};
    if (q.from) {
      where.push('at >= @from');
      params.from = q.from;
    }
    if (q.to) {
      where.push('at < @to');
      params.to = q.to;
    }
    if (q.username) {
      where.push('username = @username');
      params.username = q.username;
    }
    if (q.action) {
      where.push('action = @action');
      params.action = q.action;
    }
    const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = (
      this.sqlite.prepare(`SELECT count(*) AS n FROM audit_log ${w}`).get(params) as { n: number }
    ).n;
    const items = this.sqlite
      .prepare(
        `SELECT id, at, username, role, origin, station_id AS stationId, address, action, target_type AS targetType,
          target_id AS targetId, subject_count AS subjectCount, reason, detail
         FROM audit_log ${w} ORDER BY id DESC LIMIT @limit OFFSET @offset`,
      )
      .all({ ...params, limit: q.pageSize, offset: (q.page - 1) * q.pageSize }) as AuditRow[];
    return { items, total, page: q.page, pageSize: q.pageSize };
  }

  countSince(iso: string): number {
    return (
      this.sqlite.prepare('SELECT count(*) AS n FROM audit_log WHERE at >= ?').get(iso) as { n: number }
    ).n;
  }
}
