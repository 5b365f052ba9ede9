import type Database from 'better-sqlite3';
import type { SORTS, SubscriberFilters, SubscriberListItem } from '../../shared/contract/subscribers';
import { ageBand } from '../../shared/text/dates';
import { formatPhone } from '../../shared/text/phone';
import type { Core } from '../core/core';
import { attributeWhere, consentWhere, sqlWhere, textWhere } from './filters';
import { seoulYear } from './time';

type Sort = (typeof SORTS)[number];

interface Row {
  rid: number;
  id: string;
  kind: 'individual' | 'business';
  name: string;
  representative: string | null;
  mobile: string | null;
  phoneKind: string | null;
  email: string | null;
  dongId: number | null;
  dongName: string | null;
  birthYear: number | null;
  gender: 'M' | 'F' | null;
  businessTypeId: number | null;
  businessTypeName: string | null;
  status: 'active' | 'withdrawn';
  createdAt: string;
  version: number;
}

// Every text search scans this covering index in name order: 초성, phone and e-mail fragments and
// the attribute filters are all answered from it, and only the rows shown are read from the table.
const SEARCH = 'subscribers s INDEXED BY subscribers_search_idx';

/**
 * Finding people and counting segments (docs: < 50 ms search, < 10 ms segment count at 100k).
 * Callers pass the dong scope; auditing is the handler's job.
 */
export class RegistryQueries {
  private cache = new Map<string, Database.Statement>();

  constructor(private core: Core) {}

  private stmt(sql: string): Database.Statement {
    let st = this.cache.get(sql);
    if (!st) {
      if (this.cache.size > 300) this.cache.clear();
      st = this.core.sqlite.prepare(sql);
      this.cache.set(sql, st);
    }
    return st;
  }

  asOfYear(): number {
    return seoulYear(this.core.clock.now());
  }

  /** Segment count: one covering-index range over consent_state when a field and a channel are given. */
  count(f: SubscriberFilters, scope: number | null): { total: number; reachable: number | null } {
    const fast = this.segmentCount(f, scope);
    if (fast) return fast;
    const either = this.eitherChannelCount(f, scope);
    if (either !== null) return { total: either, reachable: null };
    const w = attributeWhere(f, scope, this.asOfYear());
    textWhere(f.q, w);
    consentWhere(f, w);
    const total =
      (this.stmt(`SELECT count(*) FROM subscribers s ${sqlWhere(w)}`)
        .pluck()
        .get(w.params) as number) ?? 0;
    if (!f.channel) return { total, reachable: null };
    const r = { conds: [...w.conds], params: { ...w.params } };
    r.conds.push(
      `EXISTS (SELECT 1 FROM consent_state c WHERE c.subscriber_id = s.id AND c.granted = 1 AND c.reachable = 1 AND c.channel = @channel${f.fieldId ? ' AND c.field_id = @fieldId' : ''})`,
    );
    const reachable = this.stmt(`SELECT count(*) FROM subscribers s ${sqlWhere(r)}`)
      .pluck()
      .get(r.params) as number;
    return { total, reachable };
  }

  private segmentCount(
    f: SubscriberFilters,
    scope: number | null,
  ): { total: number; reachable: number } | null {
    if (!f.fieldId || !f.channel || f.q || f.status) return null;
    if (f.kind) {
      const field = this.core.reference.list().fields.find((x) => x.id === f.fieldId);
      if (field && field.audience !== f.kind) return { total: 0, reachable: 0 };
    }
    const { sql, params } = this.segmentQuery(f, scope);
    const r = this.stmt(sql).get(params) as { total: number; reachable: number };
    return { total: r.total, reachable: Math.round(r.reachable) };
  }

  /** The segment count's SQL (also for EXPLAIN QUERY PLAN in tests). */
  segmentQuery(f: SubscriberFilters, scope: number | null): { sql: string; params: Record<string, unknown> } {
    const w = attributeWhere({ ...f, kind: undefined, status: undefined }, scope, this.asOfYear(), 'c');
    w.conds.unshift('c.field_id = @fieldId', 'c.channel = @channel', 'c.granted = 1');
    w.params.fieldId = f.fieldId;
    w.params.channel = f.channel;
    return {
      sql: `SELECT count(*) AS total, total(c.reachable) AS reachable FROM consent_state c INDEXED BY consent_state_segment_idx ${sqlWhere(w)}`,
      params: w.params,
    };
  }

  /**
   * A field on either channel: the SMS consenters (one index range) plus the e-mail consenters who
   * have no SMS consent for it — instead of probing every person's consent rows.
   */
  private eitherChannelCount(f: SubscriberFilters, scope: number | null): number | null {
    if (!f.fieldId || f.channel || f.q || f.status) return null;
    const sms = this.segmentCount({ ...f, channel: 'sms' }, scope)!.total;
    const w = attributeWhere({ ...f, kind: undefined, status: undefined }, scope, this.asOfYear(), 'c');
    w.conds.unshift('c.field_id = @fieldId', "c.channel = 'email'", 'c.granted = 1');
    w.conds.push(
      `NOT EXISTS (SELECT 1 FROM consent_state c2 INDEXED BY consent_state_field_idx WHERE c2.field_id = @fieldId AND c2.channel = 'sms'
        AND c2.granted = 1 AND c2.subscriber_id = c.subscriber_id)`,
    );
    w.params.fieldId = f.fieldId;
    const emailOnly = this.stmt(`SELECT count(*) FROM consent_state c ${sqlWhere(w)}`)
      .pluck()
      .get(w.params) as number;
    return sms + emailOnly;
  }

  /** Every matching row id, in display order (text searches and exports). */
  ids(f: SubscriberFilters, scope: number | null, sort: Sort): number[] {
    const { sql, params } = this.idsQuery(f, scope, sort);
    return this.stmt(sql).pluck().all(params) as number[];
  }

  idsQuery(
    f: SubscriberFilters,
    scope: number | null,
    sort: Sort,
  ): { sql: string; params: Record<string, unknown> } {
    const w = attributeWhere(f, scope, this.asOfYear());
    textWhere(f.q, w);
    consentWhere(f, w);
    const order = sort === 'recent' ? 's.created_at DESC' : 's.name';
    return { sql: `SELECT s.rowid FROM ${SEARCH} ${sqlWhere(w)} ORDER BY ${order}`, params: w.params };
  }

  list(
    f: SubscriberFilters,
    scope: number | null,
    page: { offset: number; limit: number; sort: Sort },
  ): { items: SubscriberListItem[]; total: number } {
    let ids: number[];
    let total: number;
    if (f.q) {
      // A text search matches few people: collect them all in one pass, count and page in memory.
      const all = this.ids(f, scope, page.sort);
      total = all.length;
      ids = all.slice(page.offset, page.offset + page.limit);
    } else {
      total = this.count(f, scope).total;
      const w = attributeWhere(f, scope, this.asOfYear());
      consentWhere(f, w);
      const sql =
        page.sort === 'recent'
          ? `SELECT s.rowid FROM subscribers s ${sqlWhere(w)} ORDER BY s.created_at DESC LIMIT @limit OFFSET @offset`
          : `SELECT s.rowid FROM ${SEARCH} ${sqlWhere(w)} ORDER BY s.name LIMIT @limit OFFSET @offset`;
      ids = this.stmt(sql)
        .pluck()
        .all({ ...w.params, limit: page.limit, offset: page.offset }) as number[];
    }
    return { items: this.rows(ids), total };
  }

  /** The list columns of the given rows, in the given order. */
  rows(ids: number[]): SubscriberListItem[] {
    if (ids.length === 0) return [];
    const rows = this.stmt(
      `SELECT s.rowid AS rid, s.id, s.kind, s.name, s.representative, s.mobile, s.phone_kind AS phoneKind, s.email,
         s.dong_id AS dongId, d.name AS dongName, s.birth_year AS birthYear, s.gender, s.business_type_id AS businessTypeId,
         b.name AS businessTypeName, s.status, s.created_at AS createdAt, s.version
       FROM subscribers s LEFT JOIN dongs d ON d.id = s.dong_id LEFT JOIN business_types b ON b.id = s.business_type_id
       WHERE s.rowid IN (SELECT value FROM json_each(?))`,
    ).all(JSON.stringify(ids)) as Row[];
    const byRid = new Map(rows.map((r) => [r.rid, r]));
    const year = this.asOfYear();
    return ids
      .map((rid) => byRid.get(rid))
      .filter((r): r is Row => !!r)
      .map(({ rid: _rid, ...r }) => ({
        ...r,
        mobile: r.mobile ? formatPhone(r.mobile) : null,
        ageBand: r.birthYear ? ageBand(r.birthYear, year) : null,
      }));
  }
}
