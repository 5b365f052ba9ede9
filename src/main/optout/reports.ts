// What staff read: the inbox, one person's opt-outs, statistics, notices due and the Excel export.
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import {
  OPTOUT_SOURCE_LABELS,
  OPTOUT_STATUS_LABELS,
  type OptOutMessageRow,
  type OptOutSourceName,
  type OptOutStatus,
} from '../../shared/contract/optout';
import { AppError } from '../../shared/errors';
import { formatDateTime } from '../../shared/text/dates';
import { normalizeEmail } from '../../shared/text/email';
import { formatPhone } from '../../shared/text/phone';
import type { Core } from '../core/core';
import type { OptOutService } from './service';
import { MESSAGE_COLS, type MessageRecord, toMessage } from './store';

export interface ListFilter {
  status?: OptOutStatus;
  source?: OptOutSourceName;
  q?: string;
  from?: string;
  to?: string;
}

/** '2026-11-20' is a Seoul calendar day; 'to' is inclusive of that day. Anything else is an ISO instant. */
export function instant(v: string | undefined, endOfDay: boolean): string | undefined {
  if (!v) return undefined;
  const m = /^(\d{4})[-.](\d{1,2})[-.](\d{1,2})\.?$/.exec(v.trim());
  if (m) {
    const t = Date.UTC(+m[1], +m[2] - 1, +m[3] + (endOfDay ? 1 : 0)) - 9 * 3_600_000;
    return new Date(t).toISOString();
  }
  const d = new Date(v);
  if (Number.isNaN(d.getTime())) throw new AppError('VALIDATION', `날짜를 읽을 수 없습니다: ${v}`);
  return d.toISOString();
}

function where(f: ListFilter, withStatus = true): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (withStatus && f.status) {
    parts.push('status = ?');
    params.push(f.status);
  }
  if (f.source) {
    parts.push('source = ?');
    params.push(f.source);
  }
  const from = instant(f.from, false);
  const to = instant(f.to, true);
  if (from) {
    parts.push('received_at >= ?');
    params.push(from);
  }
  if (to) {
    parts.push('received_at < ?');
    params.push(to);
  }
  const q = f.q?.trim();
  if (q) {
    const digits = q.replace(/\D/g, '');
    if (digits.length >= 4 && /^[\d\s\-.()+]+$/.test(q)) {
      parts.push('mobile LIKE ?');
      params.push(`%${digits}%`);
    } else {
      parts.push('(text LIKE ? OR email LIKE ? OR sender LIKE ?)');
      params.push(`%${q}%`, `%${q}%`, `%${q}%`);
    }
  }
  return { sql: parts.length > 0 ? `WHERE ${parts.join(' AND ')}` : '', params };
}

interface NoticeRow {
  id: number;
  messageId: string;
  kind: 'confirmation' | 'result-notice';
  channel: 'sms' | 'email';
  address: string;
  body: string;
  subscriberId: string | null;
  name: string | null;
  campaignId: string | null;
  dueAt: string;
  status: 'pending' | 'handed' | 'sent' | 'failed' | 'cancelled' | 'done';
  error: string | null;
}

export class OptOutReports {
  constructor(
    private core: Core,
    private service: OptOutService,
  ) {}

  private fieldNameMap(): Map<number, string> {
    return new Map(this.core.reference.list().fields.map((f) => [f.id, f.name]));
  }

  toRow(m: MessageRecord, names = this.fieldNameMap()): OptOutMessageRow {
    const repo = this.core.subscriberRepo;
    return {
      ...m,
      fieldNames: m.fieldIds.map((id) => names.get(id) ?? `#${id}`),
      matched: m.matchedIds
        .map((id) => repo.byId(id))
        .filter((p) => !!p)
        .map((p) => ({ id: p.id, name: p.name, kind: p.kind, dongId: p.dongId })),
    };
  }

  list(f: ListFilter & { page: number; pageSize: number }) {
    const w = where(f);
    const total = (
      this.core.sqlite.prepare(`SELECT count(*) AS n FROM optout_messages ${w.sql}`).get(...w.params) as {
        n: number;
      }
    ).n;
    const rows = this.core.sqlite
      .prepare(
        `SELECT ${MESSAGE_COLS} FROM optout_messages ${w.sql} ORDER BY received_at DESC, created_at DESC LIMIT ? OFFSET ?`,
      )
      .all(...w.params, f.pageSize, (f.page - 1) * f.pageSize) as Parameters<typeof toMessage>[0][];
    const wc = where(f, false);
    const counts: Record<string, number> = { new: 0, applied: 0, review: 0, unmatched: 0, dismissed: 0 };
    for (const r of this.core.sqlite
      .prepare(`SELECT status, count(*) AS n FROM optout_messages ${wc.sql} GROUP BY status`)
      .all(...wc.params) as { status: string; n: number }[])
      counts[r.status] = r.n;
    const names = this.fieldNameMap();
    return {
      items: rows.map((r) => this.toRow(toMessage(r), names)),
      total,
      page: f.page,
      pageSize: f.pageSize,
      counts,
    };
  }

  forSubscriber(subscriberId: string) {
    const repo = this.core.subscriberRepo;
    const s = repo.byId(subscriberId);
    if (!s) throw new AppError('NOT_FOUND', '구독자를 찾을 수 없습니다.');
    const email = s.email ? normalizeEmail(s.email).value : null;
    const rows = this.core.sqlite
      .prepare(
        `SELECT ${MESSAGE_COLS} FROM optout_messages
         WHERE id IN (SELECT message_id FROM optout_applications WHERE subscriber_id = ?)
            OR (mobile IS NOT NULL AND mobile = ?) OR (email IS NOT NULL AND email = ? COLLATE NOCASE)
         ORDER BY received_at DESC`,
      )
      .all(subscriberId, s.mobile, email) as Parameters<typeof toMessage>[0][];
    const names = this.fieldNameMap();
    const apps = this.core.sqlite
      .prepare(
        `SELECT message_id AS messageId, channel, field_ids AS fieldIds, withdrawn, campaign_id AS campaignId, at
         FROM optout_applications WHERE subscriber_id = ? ORDER BY at DESC`,
      )
      .all(subscriberId) as {
      messageId: string;
      channel: 'sms' | 'email';
      fieldIds: string | null;
      withdrawn: number;
      campaignId: string | null;
      at: string;
    }[];
    return {
      subscriber: s,
      messages: rows.map((r) => this.toRow(toMessage(r), names)),
      applications: apps.map((a) => {
        const ids = a.fieldIds ? (JSON.parse(a.fieldIds) as number[]) : null;
        return {
          ...a,
          fieldIds: ids,
          fieldNames: ids ? ids.map((id) => names.get(id) ?? `#${id}`) : ['모든 분야'],
        };
      }),
      suppression: {
        sms: repo.suppression('sms', s.mobile),
        email: repo.suppression('email', email),
      },
    };
  }

  stats(f: { from?: string; to?: string }) {
    const db = this.core.sqlite;
    const from = instant(f.from, false) ?? '0000';
    const to = instant(f.to, true) ?? '9999';
    const totals: Record<string, number> = {
      messages: 0,
      new: 0,
      applied: 0,
      review: 0,
      unmatched: 0,
      dismissed: 0,
    };
    for (const r of db
      .prepare(
        'SELECT status, count(*) AS n FROM optout_messages WHERE received_at >= ? AND received_at < ? GROUP BY status',
      )
      .all(from, to) as { status: string; n: number }[]) {
      totals[r.status] = r.n;
      totals.messages += r.n;
    }
    totals.people = (
      db
        .prepare(
          'SELECT count(DISTINCT subscriber_id) AS n FROM optout_applications WHERE at >= ? AND at < ?',
        )
        .get(from, to) as { n: number }
    ).n;
    const perSource = (
      db
        .prepare(
          `SELECT source, count(*) AS messages, sum(status = 'applied') AS applied FROM optout_messages
           WHERE received_at >= ? AND received_at < ? GROUP BY source ORDER BY messages DESC`,
        )
        .all(from, to) as { source: OptOutSourceName; messages: number; applied: number }[]
    ).map((r) => ({ ...r, applied: r.applied ?? 0, label: OPTOUT_SOURCE_LABELS[r.source] ?? r.source }));
    const people = new Map(
      (
        db
          .prepare(
            `SELECT strftime('%Y-%m', at, '+9 hours') AS month, count(DISTINCT subscriber_id) AS n
             FROM optout_applications WHERE at >= ? AND at < ? GROUP BY month`,
          )
          .all(from, to) as { month: string; n: number }[]
      ).map((r) => [r.month, r.n]),
    );
    const perMonth = (
      db
        .prepare(
          `SELECT strftime('%Y-%m', received_at, '+9 hours') AS month, count(*) AS messages,
             sum(status = 'applied') AS applied
           FROM optout_messages WHERE received_at >= ? AND received_at < ? GROUP BY month ORDER BY month`,
        )
        .all(from, to) as { month: string; messages: number; applied: number }[]
    ).map((r) => ({ ...r, applied: r.applied ?? 0, people: people.get(r.month) ?? 0 }));
    const names = this.fieldNameMap();
    const byField = new Map<number, { sms: number; email: number }>();
    for (const r of db
      .prepare(
        `SELECT field_id AS fieldId, channel, count(DISTINCT subscriber_id) AS n FROM consent_events
         WHERE source = 'optout' AND action = 'withdrawn' AND at >= ? AND at < ? GROUP BY field_id, channel`,
      )
      .all(from, to) as { fieldId: number; channel: 'sms' | 'email'; n: number }[]) {
      const v = byField.get(r.fieldId) ?? { sms: 0, email: 0 };
      v[r.channel] = r.n;
      byField.set(r.fieldId, v);
    }
    const perField = [...byField].map(([fieldId, v]) => ({
      fieldId,
      name: names.get(fieldId) ?? `#${fieldId}`,
      ...v,
    }));
    const camp = db
      .prepare(
        `SELECT campaign_id AS campaignId, count(DISTINCT subscriber_id) AS optouts FROM optout_applications
         WHERE campaign_id IS NOT NULL AND at >= ? AND at < ? GROUP BY campaign_id ORDER BY optouts DESC LIMIT 200`,
      )
      .all(from, to) as { campaignId: string; optouts: number }[];
    const described = this.service.campaigns.describe(camp.map((c) => c.campaignId));
    return {
      totals,
      perSource,
      perMonth,
      perField,
      perCampaign: {
        available: this.service.campaigns.available(),
        items: camp.map((c) => ({
          ...c,
          name: described.get(c.campaignId)?.name ?? c.campaignId,
          recipients: described.get(c.campaignId)?.recipients ?? null,
        })),
      },
    };
  }

  notices(f: { kind?: string; status?: string; dueBefore?: string }) {
    const parts: string[] = [];
    const params: unknown[] = [];
    if (f.kind) {
      parts.push('n.kind = ?');
      params.push(f.kind);
    }
    if (f.status) {
      parts.push('n.status = ?');
      params.push(f.status);
    }
    if (f.dueBefore) {
      parts.push('n.due_at < ?');
      params.push(instant(f.dueBefore, false));
    }
    const rows = this.core.sqlite
      .prepare(
        `SELECT n.id, n.message_id AS messageId, n.kind, n.channel, n.address, n.body, n.subscriber_id AS subscriberId,
           s.name, n.campaign_id AS campaignId, n.due_at AS dueAt, n.status, n.error
         FROM optout_notices n LEFT JOIN subscribers s ON s.id = n.subscriber_id
         ${parts.length > 0 ? `WHERE ${parts.join(' AND ')}` : ''} ORDER BY n.due_at, n.id LIMIT 5000`,
      )
      .all(...params) as NoticeRow[];
    const now = this.core.clock.now().toISOString();
    const camps = this.service.campaigns.describe([
      ...new Set(rows.map((r) => r.campaignId).filter((c): c is string => !!c)),
    ]);
    const items = rows.map((r) => ({
      ...r,
      campaignName: r.campaignId ? (camps.get(r.campaignId)?.name ?? null) : null,
      overdue:
        r.kind === 'result-notice' && !['sent', 'done', 'cancelled'].includes(r.status) && r.dueAt < now,
    }));
    return { items, overdue: items.filter((i) => i.overdue).length };
  }

  markNotices(ids: number[], status: 'done' | 'cancelled', reason: string): number {
    const now = this.core.clock.now().toISOString();
    const st = this.core.sqlite.prepare(
      `UPDATE optout_notices SET status = ?, error = ?, done_at = ?, updated_at = ?
       WHERE id = ? AND status NOT IN ('sent', 'done')`,
    );
    let n = 0;
    this.core.sqlite.transaction(() => {
      for (const id of ids) n += st.run(status, reason, now, now, id).changes;
    })();
    return n;
  }

  /** Every matching message as an xlsx (streamed: no 1.5 GB in-memory workbook for a big export). */
  async exportXlsx(f: ListFilter): Promise<{ buffer: Buffer; rows: number; people: number }> {
    const w = where(f);
    const rows = this.core.sqlite
      .prepare(`SELECT ${MESSAGE_COLS} FROM optout_messages ${w.sql} ORDER BY received_at DESC LIMIT 200000`)
      .all(...w.params) as Parameters<typeof toMessage>[0][];
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    const done = new Promise<void>((resolve, reject) => {
      out.on('end', resolve);
      out.on('error', reject);
    });
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
    const ws = wb.addWorksheet('수신거부');
    ws.columns = [
      { header: '받은 일시', key: 'at', width: 18 },
      { header: '경로', key: 'source', width: 24 },
      { header: '보낸 번호·주소', key: 'sender', width: 18 },
      { header: '내용', key: 'text', width: 50 },
      { header: '상태', key: 'status', width: 14 },
      { header: '판단', key: 'reason', width: 36 },
      { header: '범위', key: 'scope', width: 24 },
      { header: '수신 방법', key: 'channel', width: 10 },
      { header: '해당 구독자', key: 'people', width: 24 },
      { header: '처리자', key: 'by', width: 12 },
      { header: '처리 일시', key: 'resolvedAt', width: 18 },
      { header: '메모', key: 'note', width: 30 },
    ];
    ws.getRow(1).font = { bold: true };
    ws.getRow(1).commit();
    const names = this.fieldNameMap();
    const people = new Set<string>();
    for (const raw of rows) {
      const r = this.toRow(toMessage(raw), names);
      for (const p of r.matched) people.add(p.id);
      ws.addRow({
        at: `${formatDateTime(r.receivedAt)}${r.timeKnown ? '' : ' (시각 모름)'}`,
        source: OPTOUT_SOURCE_LABELS[r.source] + (r.sourceDetail ? ` · ${r.sourceDetail}` : ''),
        sender: r.mobile ? formatPhone(r.mobile) : (r.email ?? r.sender ?? ''),
        text: r.text,
        status: OPTOUT_STATUS_LABELS[r.status],
        reason: r.reason ?? '',
        scope: r.scope === 'fields' ? r.fieldNames.join(', ') : '모든 분야',
        channel: { sms: '문자', email: '이메일', both: '문자·이메일' }[r.channel],
        people: r.matched.map((p) => p.name).join(', '),
        by: r.resolvedBy ?? '',
        resolvedAt: r.resolvedAt ? formatDateTime(r.resolvedAt) : '',
        note: r.note ?? '',
      }).commit();
    }
    ws.commit();
    await wb.commit();
    await done;
    return { buffer: Buffer.concat(chunks), rows: rows.length, people: people.size };
  }
}
