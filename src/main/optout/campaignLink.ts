/**
 * Which campaign a person last received before opting out, read from the campaigns engineer's
 * outbox when it exists. Looked up by table and column name at run time, so this module neither
 * depends on the campaigns code nor breaks when those tables are missing or shaped differently.
 */
import type Database from 'better-sqlite3';

export interface LastCampaign {
  campaignId: string;
  isAd: boolean;
}

function columns(sqlite: Database.Database, table: string): Set<string> {
  try {
    return new Set(
      (sqlite.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name),
    );
  } catch {
    return new Set();
  }
}

export class CampaignLink {
  private ready = false;
  private last: Database.Statement | null = null;
  private info: Database.Statement | null = null;
  private adCache = new Map<string, boolean>();

  constructor(private sqlite: Database.Database) {}

  private prepare(): void {
    if (this.ready) return;
    this.ready = true;
    const o = columns(this.sqlite, 'outbox');
    if (!['subscriber_id', 'campaign_id', 'channel'].every((c) => o.has(c))) return;
    const times = ['sent_at', 'accepted_at', 'done_at'].filter((c) => o.has(c));
    if (times.length === 0) return;
    const t = times.length === 1 ? times[0] : `coalesce(${times.join(', ')})`;
    const status = o.has('status')
      ? `AND status NOT IN ('queued', 'skipped', 'needs_review', 'cancelled')`
      : '';
    this.last = this.sqlite.prepare(
      `SELECT campaign_id AS campaignId FROM outbox WHERE subscriber_id = ? AND channel = ? AND ${t} IS NOT NULL
       AND ${t} <= ? ${status} ORDER BY ${t} DESC LIMIT 1`,
    );
    const c = columns(this.sqlite, 'campaigns');
    if (c.has('id') && c.has('is_ad'))
      this.info = this.sqlite.prepare('SELECT is_ad AS isAd FROM campaigns WHERE id = ?');
  }

  /** True when opt-outs can be attributed to campaigns in this database. */
  available(): boolean {
    this.prepare();
    return this.last !== null;
  }

  lastReceived(subscriberId: string, channel: 'sms' | 'email', at: string): LastCampaign | null {
    this.prepare();
    if (!this.last) return null;
    const row = this.last.get(subscriberId, channel, at) as { campaignId: string } | undefined;
    if (!row) return null;
    let isAd = this.adCache.get(row.campaignId);
    if (isAd === undefined) {
      isAd = !!(this.info?.get(row.campaignId) as { isAd: number } | undefined)?.isAd;
      this.adCache.set(row.campaignId, isAd);
    }
    return { campaignId: row.campaignId, isAd };
  }

  /** Campaign names and how many people each reached, for the statistics. */
  describe(ids: string[]): Map<string, { name: string; recipients: number | null }> {
    const out = new Map<string, { name: string; recipients: number | null }>();
    if (ids.length === 0) return out;
    const c = columns(this.sqlite, 'campaigns');
    const o = columns(this.sqlite, 'outbox');
    const name = c.has('name') ? this.sqlite.prepare('SELECT name FROM campaigns WHERE id = ?') : null;
    const count = o.has('campaign_id')
      ? this.sqlite.prepare(
          `SELECT count(DISTINCT subscriber_id) AS n FROM outbox WHERE campaign_id = ?${
            o.has('status') ? ` AND status NOT IN ('queued', 'skipped', 'needs_review', 'cancelled')` : ''
          }`,
        )
      : null;
    for (const id of ids) {
      const n = (name?.get(id) as { name: string } | undefined)?.name ?? id;
      const r = (count?.get(id) as { n: number } | undefined)?.n ?? null;
      out.set(id, { name: n, recipients: r });
    }
    return out;
  }
}
