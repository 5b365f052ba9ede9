import type Database from 'better-sqlite3';
import {
  type AudienceOutput,
  EXCLUSION_LABELS,
  type ExclusionReason,
  type MessageChannel,
  type TargetFilters,
} from '../../shared/contract/campaigns';
import { contactHash, type SubscriberRepository } from '../subscribers/repository';

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

const SMS_REASON = `CASE WHEN s.status = 'withdrawn' THEN 'withdrawn'
  WHEN g.sms = 0 THEN 'no_consent'
  WHEN s.phone_kind = 'withdrawn-mobile' THEN 'withdrawn_prefix'
  WHEN s.mobile IS NULL OR s.phone_kind IS NOT 'mobile' THEN 'no_number'
  WHEN s.mobile IN (SELECT value FROM json_each(@smsSupp)) THEN 'suppressed'
  ELSE 'ok' END`;
const EMAIL_REASON = `CASE WHEN s.status = 'withdrawn' THEN 'withdrawn'
  WHEN g.email = 0 THEN 'no_consent'
  WHEN s.email IS NULL OR s.email = '' OR instr(s.email, '@') = 0 THEN 'no_email'
  WHEN s.email_invalid_at IS NOT NULL THEN 'email_invalid'
  WHEN lower(s.email) IN (SELECT value FROM json_each(@emailSupp)) THEN 'suppressed'
  ELSE 'ok' END`;

const SMS_ORDER: ExclusionReason[] = ['withdrawn', 'no_consent', 'withdrawn_prefix', 'no_number', 'suppressed', 'duplicate'];
const EMAIL_ORDER: ExclusionReason[] = ['withdrawn', 'no_consent', 'no_email', 'email_invalid', 'suppressed', 'duplicate'];

function seoulYear(d: Date): number {
  return Number(new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Seoul', year: 'numeric' }).format(d));
}

/**
 * Who a campaign reaches, read straight from the registry tables (subscribers, consent_state,
 * suppressions) with prepared SQL. A person qualifies on a channel when they consent to one of the
 * chosen fields on that channel, have a usable address there, and are not on the suppression list.
 */
export class Targeting {
  /** address → contact hash; suppressions are hashed, so we hash candidates (memoised: live counts repeat) */
  private hashes = new Map<string, string>();
  private stmts = new Map<string, Database.Statement>();

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
      if (this.hashes.size > 400_000) this.hashes.clear();
      h = contactHash(channel, address);
      this.hashes.set(k, h);
    }
    return h;
  }

  /** FROM … WHERE shared by counts and recipient lists (more conditions follow with AND); named params. */
  private base(spec: TargetSpec): { sql: string; params: Record<string, unknown> } {
    const f = spec.filters;
    const where: string[] = [];
    const params: Record<string, unknown> = { fields: JSON.stringify(spec.fieldIds) };
    if (f.dongIds.length) {
      where.push('s.dong_id IN (SELECT value FROM json_each(@dongs))');
      params.dongs = JSON.stringify(f.dongIds);
    }
    if (f.genders.length) {
      where.push('s.gender IN (SELECT value FROM json_each(@genders))');
      params.genders = JSON.stringify(f.genders);
    }
    if (f.businessTypeIds.length) {
      where.push('s.business_type_id IN (SELECT value FROM json_each(@btypes))');
      params.btypes = JSON.stringify(f.businessTypeIds);
    }
    if (f.kinds.length) {
      where.push('s.kind IN (SELECT value FROM json_each(@kinds))');
      params.kinds = JSON.stringify(f.kinds);
    }
    if (f.ageBands.length) {
      const y = seoulYear(this.now());
      const ors = f.ageBands.map((b) => {
        if (b === '<20') return `s.birth_year > ${y - 20}`;
        if (b === '70+') return `s.birth_year <= ${y - 70}`;
        const lo = Number(b.slice(0, 1)) * 10;
        return `s.birth_year BETWEEN ${y - lo - 9} AND ${y - lo}`;
      });
      where.push(`(${ors.join(' OR ')})`);
    }
    const sql = `FROM (SELECT subscriber_id, max(channel = 'sms') AS sms, max(channel = 'email') AS email
        FROM consent_state WHERE granted = 1 AND field_id IN (SELECT value FROM json_each(@fields))
        GROUP BY subscriber_id) g
      JOIN subscribers s ON s.id = g.subscriber_id
      WHERE ${where.length ? where.join(' AND ') : '1 = 1'}`;
    return { sql, params };
  }

  /**
   * Addresses among the candidates that are suppressed for every chosen field they consent to on
   * the channel (a whole-channel suppression, or field ones covering those fields).
   */
  private suppressed(spec: TargetSpec, channel: MessageChannel): string[] {
    const active = this.prep(
      'SELECT contact_hash AS h, field_id AS f FROM suppressions WHERE channel = ? AND lifted_at IS NULL',
    ).all(channel) as { h: string; f: number | null }[];
    if (active.length === 0) return [];
    const byHash = new Map<string, (number | null)[]>();
    for (const r of active) byHash.set(r.h, [...(byHash.get(r.h) ?? []), r.f]);
    const { sql, params } = this.base(spec);
    const expr = channel === 'sms' ? 's.mobile' : 'lower(s.email)';
    const list = this.prep(`SELECT DISTINCT ${expr} ${sql} AND ${expr} IS NOT NULL AND g.${channel} = 1`)
      .pluck()
      .all(params) as string[];
    const out: string[] = [];
    for (const a of list) {
      const scopes = byHash.get(this.hashOf(channel, a));
      if (!scopes) continue;
      if (scopes.includes(null)) {
        out.push(a);
        continue;
      }
      const consented = this.consentedFields(channel, a, spec.fieldIds);
      if (consented.every((f) => scopes.includes(f))) out.push(a);
    }
    return out;
  }

  private consentedFields(channel: MessageChannel, address: string, fieldIds: number[]): number[] {
    const col = channel === 'sms' ? 's.mobile = ?' : 'lower(s.email) = ?';
    return this.prep(
      `SELECT DISTINCT c.field_id FROM subscribers s JOIN consent_state c ON c.subscriber_id = s.id
       WHERE ${col} AND c.channel = ? AND c.granted = 1 AND c.field_id IN (SELECT value FROM json_each(?))`,
    )
      .pluck()
      .all(address, channel, JSON.stringify(fieldIds)) as number[];
  }

  /** Live count per channel with the excluded grouped by reason. */
  audience(spec: TargetSpec): AudienceOutput {
    const t0 = performance.now();
    const { sql, params } = this.base(spec);
    const p = {
      ...params,
      smsSupp: JSON.stringify(spec.channels.sms ? this.suppressed(spec, 'sms') : []),
      emailSupp: JSON.stringify(spec.channels.email ? this.suppressed(spec, 'email') : []),
    };
    const rows = this.prep(
      `SELECT r.sr, r.er, count(*) AS n, count(DISTINCT r.m) AS dm, count(DISTINCT r.e) AS de,
         sum(r.sr = 'ok' OR r.er = 'ok') AS anyOk
       FROM (SELECT ${SMS_REASON} AS sr, ${EMAIL_REASON} AS er, s.mobile AS m, lower(s.email) AS e ${sql}) r
       GROUP BY r.sr, r.er`,
    ).all(p) as { sr: string; er: string; n: number; dm: number; de: number; anyOk: number }[];

    let candidates = 0;
    let people = 0;
    const sms: Record<string, number> = {};
    const email: Record<string, number> = {};
    for (const r of rows) {
      candidates += r.n;
      if ((spec.channels.sms && r.sr === 'ok') || (spec.channels.email && r.er === 'ok')) people += r.n;
      sms[r.sr] = (sms[r.sr] ?? 0) + r.n;
      email[r.er] = (email[r.er] ?? 0) + r.n;
    }
    // Distinct addresses among the eligible: the same number twice gets one message.
    const distinct = this.prep(
      `SELECT count(DISTINCT CASE WHEN r.sr = 'ok' THEN r.m END) AS dm, count(DISTINCT CASE WHEN r.er = 'ok' THEN r.e END) AS de
       FROM (SELECT ${SMS_REASON} AS sr, ${EMAIL_REASON} AS er, s.mobile AS m, lower(s.email) AS e ${sql}) r`,
    ).get(p) as { dm: number; de: number };
    const build = (counts: Record<string, number>, okDistinct: number, order: ExclusionReason[]) => {
      const ok = counts.ok ?? 0;
      counts.duplicate = ok - okDistinct;
      return {
        recipients: okDistinct,
        excluded: order
          .filter((r) => (counts[r] ?? 0) > 0)
          .map((r) => ({ reason: r, label: EXCLUSION_LABELS[r], count: counts[r] })),
      };
    };
    return {
      candidates,
      sms: spec.channels.sms ? build(sms, distinct.dm, SMS_ORDER) : null,
      email: spec.channels.email ? build(email, distinct.de, EMAIL_ORDER) : null,
      people,
      tookMs: Math.round((performance.now() - t0) * 10) / 10,
    };
  }

  /** The recipients of one channel in registry order, one per address. */
  recipients(spec: TargetSpec, channel: MessageChannel): Recipient[] {
    const { sql, params } = this.base(spec);
    const p = { ...params, smsSupp: '[]', emailSupp: '[]' };
    if (channel === 'sms') p.smsSupp = JSON.stringify(this.suppressed(spec, 'sms'));
    else p.emailSupp = JSON.stringify(this.suppressed(spec, 'email'));
    const reason = channel === 'sms' ? SMS_REASON : EMAIL_REASON;
    const addr = channel === 'sms' ? 's.mobile' : 's.email';
    const rows = this.prep(
      `SELECT s.id, s.name, ${addr} AS address, coalesce(d.name, '') AS dong ${sql.replace(
        'JOIN subscribers s ON s.id = g.subscriber_id',
        'JOIN subscribers s ON s.id = g.subscriber_id LEFT JOIN dongs d ON d.id = s.dong_id',
      )} AND ${reason} = 'ok' ORDER BY s.created_at, s.id`,
    )
      .raw()
      .all(p) as [string, string, string, string][];
    const seen = new Set<string>();
    const out: Recipient[] = [];
    for (const [id, name, address, dong] of rows) {
      const key = channel === 'email' ? address.toLowerCase() : address;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ subscriberId: id, name, address, dong });
    }
    return out;
  }

  /** The first recipient on any chosen channel, for previews. */
  sample(spec: TargetSpec): { name: string; dong: string } | null {
    const { sql, params } = this.base(spec);
    const conds = [
      spec.channels.sms ? `${SMS_REASON} = 'ok'` : null,
      spec.channels.email ? `${EMAIL_REASON} = 'ok'` : null,
    ].filter(Boolean);
    if (conds.length === 0) return null;
    const row = this.prep(
      `SELECT s.name, coalesce((SELECT d.name FROM dongs d WHERE d.id = s.dong_id), '') AS dong ${sql}
       AND (${conds.join(' OR ')}) ORDER BY s.created_at, s.id LIMIT 1`,
    ).get({ ...params, smsSupp: '[]', emailSupp: '[]' }) as { name: string; dong: string } | undefined;
    return row ?? null;
  }

  /** Longest placeholder values among the candidates, for the worst-case byte count. */
  longestValues(spec: TargetSpec, limit = 30): { 이름: string[]; 동: string[] } {
    const { sql, params } = this.base(spec);
    const names = this.prep(`SELECT DISTINCT s.name ${sql} ORDER BY length(s.name) DESC LIMIT ${limit}`)
      .pluck()
      .all(params) as string[];
    const dongs = this.prep(
      `SELECT DISTINCT d.name FROM dongs d WHERE d.id IN (SELECT s.dong_id ${sql}) ORDER BY length(d.name) DESC LIMIT ${limit}`,
    )
      .pluck()
      .all(params) as string[];
    return { 이름: names, 동: dongs };
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
