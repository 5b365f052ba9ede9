// Per-campaign outbox counts, the building block of the send reports. One covering-index range per
// campaign (outbox_campaign_state_idx: campaign_id, is_test, channel, status): no row is read.
import type { Core } from '../core/core';

export interface CampaignFacts {
  id: string;
  name: string;
  kind: 'info' | 'notice';
  status: string;
  launchedAt: string;
  smsClass: string | null;
  fieldIds: number[];
  department: string | null;
  isAd: boolean;
}

/** What happened to a campaign's messages (test sends apart). */
export interface SendCounts {
  sms: number;
  lms: number;
  email: number;
  /** delivered (SMS report), or accepted by the mail server and not bounced (email) */
  success: number;
  /** failed + bounced */
  failure: number;
  /** queued, sending, or an SMS still waiting for its delivery report */
  pending: number;
  /** not sent: skipped (consent withdrawn, suppressed), needs review, cancelled */
  excluded: number;
  opened: number;
}

export const emptyCounts = (): SendCounts => ({
  sms: 0,
  lms: 0,
  email: 0,
  success: 0,
  failure: 0,
  pending: 0,
  excluded: 0,
  opened: 0,
});

export function addCounts(a: SendCounts, b: SendCounts): SendCounts {
  for (const k of Object.keys(a) as (keyof SendCounts)[]) a[k] += b[k];
  return a;
}

export const sentOf = (c: SendCounts) => c.sms + c.lms + c.email;

const EXCLUDED = new Set(['skipped', 'needs_review', 'cancelled']);

/** Campaigns launched in [lo, hi), oldest first, optionally of one field. */
export function launchedCampaigns(core: Core, lo: string, hi: string, fieldId?: number): CampaignFacts[] {
  const rows = core.sqlite
    .prepare(
      `SELECT c.id, c.name, c.kind, c.status, c.launched_at AS launchedAt, c.sms_class AS smsClass,
         c.field_ids AS fieldIds, c.is_ad AS isAd, u.department
       FROM campaigns c LEFT JOIN users u ON u.id = c.created_by
       WHERE c.launched_at >= ? AND c.launched_at < ?
       ${fieldId ? 'AND EXISTS (SELECT 1 FROM json_each(c.field_ids) WHERE value = ?)' : ''}
       ORDER BY c.launched_at`,
    )
    .all(...(fieldId ? [lo, hi, fieldId] : [lo, hi])) as (Omit<CampaignFacts, 'fieldIds' | 'isAd'> & {
    fieldIds: string;
    isAd: number;
  })[];
  return rows.map((r) => ({ ...r, isAd: !!r.isAd, fieldIds: JSON.parse(r.fieldIds) as number[] }));
}

/** Outbox counts for each campaign given. */
export function countsByCampaign(core: Core, campaigns: CampaignFacts[]): Map<string, SendCounts> {
  const st = core.sqlite.prepare(
    `SELECT channel, status, count(*) AS n FROM outbox INDEXED BY outbox_campaign_state_idx
     WHERE campaign_id = ? AND is_test = 0 GROUP BY channel, status`,
  );
  const out = new Map<string, SendCounts>();
  for (const c of campaigns) {
    const k = emptyCounts();
    for (const r of st.all(c.id) as { channel: 'sms' | 'email'; status: string; n: number }[]) {
      if (EXCLUDED.has(r.status)) {
        k.excluded += r.n;
        continue;
      }
      if (r.channel === 'email') k.email += r.n;
      else if (c.smsClass === 'LMS') k.lms += r.n;
      else k.sms += r.n;
      if (r.status === 'delivered' || (r.channel === 'email' && r.status === 'accepted')) k.success += r.n;
      else if (r.status === 'failed' || r.status === 'bounced') k.failure += r.n;
      else k.pending += r.n;
    }
    out.set(c.id, k);
  }
  return out;
}

/** Opened e-mails per campaign (the open pixel); only asked for the per-campaign report. */
export function openedCount(core: Core, campaignId: string): number {
  return core.sqlite
    .prepare('SELECT count(*) FROM outbox WHERE campaign_id = ? AND is_test = 0 AND opened_at IS NOT NULL')
    .pluck()
    .get(campaignId) as number;
}

/** Cost in won at the configured unit prices (email is free). */
export function costOf(core: Core, c: SendCounts): number {
  const p = core.settings.get().prices;
  return c.sms * p.sms + c.lms * p.lms;
}
