// A 5.7.x hard bounce is the receiving server refusing *us* by policy (spam filter, blocklist,
// DMARC, sending rate), not a bad address. One of them may be about the person; many at once for
// one campaign or one receiving domain mean the ward's sender is blocked (messaging-kr.md): those
// addresses must not be marked invalid — staff would "correct" hundreds of good addresses. They
// are listed as 발신 차단 의심 for review instead, and marks already made in the burst are undone.
import type Database from 'better-sqlite3';

export interface PolicyBlockOptions {
  /** this many 5.7.x hard bounces… */
  threshold: number;
  /** …within this long of each other, for one campaign or one recipient domain */
  windowMs: number;
}

export const POLICY_BLOCK_DEFAULTS: PolicyBlockOptions = { threshold: 5, windowMs: 60 * 60_000 };

export const SUSPECTED_BLOCK_LABEL = '발신 차단 의심';

export function isPolicyStatus(status: string | null | undefined): boolean {
  return !!status && /^5\.7\.\d{1,3}$/.test(status.trim());
}

export function domainOf(email: string | null | undefined): string | null {
  const at = email?.lastIndexOf('@') ?? -1;
  return email && at > 0 ? email.slice(at + 1).toLowerCase() : null;
}

/** An earlier bounce of the burst whose mark must be undone. */
export interface MarkedBefore {
  bounceId: number;
  subscriberId: string;
  at: string;
  outboxId: number | null;
  campaignId: string | null;
  email: string | null;
  status: string | null;
  diagnostic: string | null;
}

export interface SuspectedBlock {
  /** what the burst shares: the campaign, else the recipient domain */
  campaignId: string | null;
  campaignName: string | null;
  domain: string | null;
  count: number;
  firstAt: string;
  lastAt: string;
  statuses: string[];
  items: {
    bounceId: number;
    email: string | null;
    subscriberId: string | null;
    status: string | null;
    diagnostic: string | null;
    at: string;
  }[];
}

// The domain of a bounces row's address, in SQL.
const DOMAIN_SQL = (t: string) => `lower(substr(${t}.email, instr(${t}.email, '@') + 1))`;
const POLICY_SQL = (t: string) => `${t}.kind = 'hard' AND ${t}.status LIKE '5.7.%'`;

export class PolicyBlockGuard {
  private st: Record<'burst' | 'marked' | 'unmark' | 'suspects', Database.Statement>;

  constructor(
    sqlite: Database.Database,
    private opts: () => PolicyBlockOptions = () => POLICY_BLOCK_DEFAULTS,
  ) {
    const near = `abs(julianday(x.at) - julianday(@at)) * 86400000 <= @windowMs`;
    const same = `((@campaignId IS NOT NULL AND x.campaign_id = @campaignId) OR (@domain IS NOT NULL AND ${DOMAIN_SQL('x')} = @domain))`;
    this.st = {
      burst: sqlite.prepare(
        `SELECT count(*) FROM bounces x WHERE ${POLICY_SQL('x')} AND ${near} AND ${same}`,
      ),
      marked:
        sqlite.prepare(`SELECT x.id AS bounceId, x.subscriber_id AS subscriberId, x.at, x.outbox_id AS outboxId,
        x.campaign_id AS campaignId, x.email, x.status, x.diagnostic
        FROM bounces x WHERE ${POLICY_SQL('x')} AND x.marked_invalid = 1 AND x.subscriber_id IS NOT NULL
        AND ${near} AND ${same}`),
      unmark: sqlite.prepare('UPDATE bounces SET marked_invalid = 0 WHERE id = ?'),
      suspects: sqlite.prepare(`SELECT b.id AS bounceId, b.email, b.subscriber_id AS subscriberId, b.status,
        b.diagnostic, b.at, b.campaign_id AS campaignId, c.name AS campaignName, ${DOMAIN_SQL('b')} AS domain,
        (SELECT count(*) FROM bounces x WHERE ${POLICY_SQL('x')}
          AND abs(julianday(x.at) - julianday(b.at)) * 86400000 <= @windowMs AND x.campaign_id = b.campaign_id) AS byCampaign,
        (SELECT count(*) FROM bounces x WHERE ${POLICY_SQL('x')}
          AND abs(julianday(x.at) - julianday(b.at)) * 86400000 <= @windowMs AND ${DOMAIN_SQL('x')} = ${DOMAIN_SQL('b')}) AS byDomain
        FROM bounces b LEFT JOIN campaigns c ON c.id = b.campaign_id
        WHERE ${POLICY_SQL('b')} AND b.resolved_at IS NULL ORDER BY b.at, b.id`),
    };
  }

  /**
   * Called for a hard bounce already recorded in `bounces`, before the address is marked. Inside
   * the ingest transaction. `suspected` = do not mark; `undo` = earlier marks of the burst to lift.
   */
  check(b: { status: string | null; email: string | null; campaignId: string | null; at: Date }): {
    suspected: boolean;
    undo: MarkedBefore[];
  } {
    if (!isPolicyStatus(b.status)) return { suspected: false, undo: [] };
    const o = this.opts();
    const params = {
      at: b.at.toISOString(),
      windowMs: o.windowMs,
      campaignId: b.campaignId,
      domain: domainOf(b.email),
    };
    const n = this.st.burst.pluck().get(params) as number;
    if (n < o.threshold) return { suspected: false, undo: [] };
    const undo = this.st.marked.all(params) as MarkedBefore[];
    for (const u of undo) this.st.unmark.run(u.bounceId);
    return { suspected: true, undo };
  }

  /** Open 5.7.x bounces that belong to a burst, grouped by campaign (else domain), for review. */
  list(): SuspectedBlock[] {
    const o = this.opts();
    const rows = this.st.suspects.all({ windowMs: o.windowMs }) as (SuspectedBlock['items'][number] & {
      campaignId: string | null;
      campaignName: string | null;
      domain: string | null;
      byCampaign: number;
      byDomain: number;
    })[];
    const groups = new Map<string, SuspectedBlock>();
    for (const r of rows) {
      const byCampaign = r.campaignId !== null && r.byCampaign >= o.threshold;
      if (!byCampaign && r.byDomain < o.threshold) continue;
      const key = byCampaign ? `c:${r.campaignId}` : `d:${r.domain}`;
      let g = groups.get(key);
      if (!g) {
        g = {
          campaignId: byCampaign ? r.campaignId : null,
          campaignName: byCampaign ? r.campaignName : null,
          domain: byCampaign ? null : r.domain,
          count: 0,
          firstAt: r.at,
          lastAt: r.at,
          statuses: [],
          items: [],
        };
        groups.set(key, g);
      }
      g.count++;
      g.lastAt = r.at;
      if (r.status && !g.statuses.includes(r.status)) g.statuses.push(r.status);
      g.items.push({
        bounceId: r.bounceId,
        email: r.email,
        subscriberId: r.subscriberId,
        status: r.status,
        diagnostic: r.diagnostic,
        at: r.at,
      });
    }
    return [...groups.values()];
  }
}
