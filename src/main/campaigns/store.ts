import type Database from 'better-sqlite3';
import type {
  CampaignRow,
  CampaignStatus,
  OutboxRowOut,
  TargetFilters,
} from '../../shared/contract/campaigns';

/** A campaigns row as stored (snake_case columns aliased). */
export interface CampaignRecord {
  id: string;
  name: string;
  kind: 'info' | 'notice';
  status: CampaignStatus;
  smsEnabled: number;
  emailEnabled: number;
  fieldIds: string;
  filters: string;
  isAd: number;
  smsText: string;
  smsSubject: string;
  appendSns: number;
  emailSubject: string;
  emailHtml: string;
  templateId: string | null;
  scheduledAt: string | null;
  confirmNight: number;
  approvedBy: string | null;
  approvedAt: string | null;
  pauseReason: string | null;
  smsClass: string | null;
  smsBytes: number | null;
  frozen: string | null;
  noticeMeta: string | null;
  note: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  launchedBy: string | null;
  launchedAt: string | null;
  finishedAt: string | null;
  runnerPid: number | null;
  runnerHost: string | null;
  runnerBeat: string | null;
}

export interface Frozen {
  sms: string;
  smsSubject: string;
  emailSubject: string;
  emailHtml: string;
  smsClass: string;
  sender: string;
  publicBaseUrl: string;
}

export interface NoticeMeta {
  fileName: string;
  columns: string[];
  rows: number;
  matched: number;
}

export const CAMPAIGN_COLS = `id, name, kind, status, sms_enabled AS smsEnabled, email_enabled AS emailEnabled,
  field_ids AS fieldIds, filters, is_ad AS isAd, sms_text AS smsText, sms_subject AS smsSubject,
  append_sns AS appendSns, email_subject AS emailSubject, email_html AS emailHtml, template_id AS templateId,
  scheduled_at AS scheduledAt, confirm_night AS confirmNight, approved_by AS approvedBy, approved_at AS approvedAt,
  pause_reason AS pauseReason, sms_class AS smsClass, sms_bytes AS smsBytes, frozen, notice_meta AS noticeMeta,
  note, created_by AS createdBy, created_at AS createdAt, updated_at AS updatedAt, launched_by AS launchedBy,
  launched_at AS launchedAt, finished_at AS finishedAt, runner_pid AS runnerPid, runner_host AS runnerHost,
  runner_beat AS runnerBeat`;

export const OUTBOX_COLS = `id, channel, subscriber_id AS subscriberId, name, address, status, reason,
  provider_code AS providerCode, attempts, is_test AS isTest, resend_of AS resendOf, created_at AS createdAt,
  sent_at AS sentAt, done_at AS doneAt, opened_at AS openedAt`;

export type OutboxDbRow = Omit<OutboxRowOut, 'isTest'> & { isTest: number };

export function toOutboxOut(r: OutboxDbRow): OutboxRowOut {
  return { ...r, isTest: !!r.isTest };
}

export function fieldIdsOf(c: CampaignRecord): number[] {
  return JSON.parse(c.fieldIds) as number[];
}

export function filtersOf(c: CampaignRecord): TargetFilters {
  const f = JSON.parse(c.filters) as Partial<TargetFilters>;
  return {
    dongIds: f.dongIds ?? [],
    ageBands: f.ageBands ?? [],
    genders: f.genders ?? [],
    businessTypeIds: f.businessTypeIds ?? [],
    kinds: f.kinds ?? [],
  };
}

export function frozenOf(c: CampaignRecord): Frozen | null {
  return c.frozen ? (JSON.parse(c.frozen) as Frozen) : null;
}

export function noticeMetaOf(c: CampaignRecord): NoticeMeta | null {
  return c.noticeMeta ? (JSON.parse(c.noticeMeta) as NoticeMeta) : null;
}

type Counts = { sms: Record<string, number>; email: Record<string, number> };

/** Campaign rows and their outbox counts. */
export class CampaignStore {
  private st: Record<string, Database.Statement>;
  constructor(private sqlite: Database.Database) {
    const p = (s: string) => sqlite.prepare(s);
    this.st = {
      byId: p(`SELECT ${CAMPAIGN_COLS} FROM campaigns WHERE id = ?`),
      counts: p(
        'SELECT channel, status, count(*) AS n FROM outbox WHERE campaign_id = ? AND is_test = 0 GROUP BY channel, status',
      ),
    };
  }

  get(id: string): CampaignRecord | undefined {
    return this.st.byId.get(id) as CampaignRecord | undefined;
  }

  counts(id: string): Counts {
    const out: Counts = { sms: {}, email: {} };
    for (const r of this.st.counts.all(id) as { channel: 'sms' | 'email'; status: string; n: number }[])
      out[r.channel][r.status] = r.n;
    return out;
  }

  /** Sets columns by their SQL names. */
  set(id: string, cols: Record<string, unknown>): void {
    const keys = Object.keys(cols);
    this.sqlite
      .prepare(`UPDATE campaigns SET ${keys.map((k) => `${k} = @${k}`).join(', ')} WHERE id = @__id`)
      .run({ ...cols, __id: id });
  }

  toRow(c: CampaignRecord, approvalRequired: boolean): CampaignRow {
    const counts = this.counts(c.id);
    const total = [...Object.values(counts.sms), ...Object.values(counts.email)].reduce((a, b) => a + b, 0);
    return {
      id: c.id,
      name: c.name,
      kind: c.kind,
      status: c.status,
      awaitingApproval: approvalRequired && c.status === 'draft' && !c.approvedBy,
      channels: { sms: !!c.smsEnabled, email: !!c.emailEnabled },
      fieldIds: fieldIdsOf(c),
      filters: filtersOf(c),
      isAd: !!c.isAd,
      sms: { text: c.smsText, subject: c.smsSubject, appendSns: !!c.appendSns },
      email: { subject: c.emailSubject, html: c.emailHtml },
      templateId: c.templateId,
      scheduledAt: c.scheduledAt,
      confirmNight: !!c.confirmNight,
      approvedBy: c.approvedBy,
      approvedAt: c.approvedAt,
      pauseReason: c.pauseReason,
      note: c.note,
      smsClass: c.smsClass,
      notice: noticeMetaOf(c),
      createdBy: c.createdBy,
      createdAt: c.createdAt,
      updatedAt: c.updatedAt,
      launchedAt: c.launchedAt,
      finishedAt: c.finishedAt,
      counts,
      total,
    };
  }
}
