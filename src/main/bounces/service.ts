// What a bounce does to the registry: tie it to the outbox row (VERP token, else Message-ID or
// the latest row to that address, else the one person with that address), record it once, mark
// the person's address invalid on a hard bounce, and tell whoever listens (campaigns' funnel).
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { BounceRow, PollResult } from '../../shared/contract/public';
import { AppError } from '../../shared/errors';
import { normalizeEmail } from '../../shared/text/email';
import { formatPhone } from '../../shared/text/phone';
import type { AuditActor } from '../audit/service';
import type { Core } from '../core/core';
import type { TokenResolver } from '../public/tokens';
import { type BounceReport, classifyMessage } from './classify';
import { PolicyBlockGuard } from './policyBlock';

export interface BounceEvent {
  kind: 'hard' | 'soft' | 'complaint';
  email: string | null;
  status: string | null;
  diagnostic: string | null;
  outboxId: number | null;
  campaignId: string | null;
  subscriberId: string | null;
  at: Date;
  /** the person's address was marked invalid by this bounce */
  markedInvalid: boolean;
  /** one of many 5.7.x policy rejections at once: the sender looks blocked, the address is not judged */
  suspectedBlock?: boolean;
}

interface Match {
  /** the address the matched outbox row was sent to */
  address?: string;
  outboxId: number | null;
  campaignId: string | null;
  subscriberId: string | null;
  matchedBy: string;
}

export interface IngestOutcome {
  report: BounceReport;
  result: PollResult;
  /** the mail was a bounce or complaint (the poller marks it \Seen); false = left alone */
  handled: boolean;
  markedSubscriberIds: string[];
}

type Listener = (e: BounceEvent) => void | Promise<void>;

const empty = (): PollResult => ({ fetched: 0, hard: 0, soft: 0, complaints: 0, ignored: 0, unmatched: 0 });

export function addResults(a: PollResult, b: PollResult): PollResult {
  return {
    fetched: a.fetched + b.fetched,
    hard: a.hard + b.hard,
    soft: a.soft + b.soft,
    complaints: a.complaints + b.complaints,
    ignored: a.ignored + b.ignored,
    unmatched: a.unmatched + b.unmatched,
  };
}

const sameAddress = (a: string | null | undefined, b: string | null | undefined) =>
  !!a && !!b && normalizeEmail(a).value.toLowerCase() === normalizeEmail(b).value.toLowerCase();

export class BounceService {
  private bounceListeners = new Set<Listener>();
  private complaintListeners = new Set<Listener>();
  private insert: Database.Statement;
  private markRow: Database.Statement;
  /** 5.7.x bursts: 발신 차단 의심 instead of invalid addresses */
  readonly policy: PolicyBlockGuard;

  constructor(
    private core: Core,
    private resolver: () => TokenResolver | null,
  ) {
    this.insert = core.sqlite.prepare(
      `INSERT INTO bounces (at, kind, email, status, diagnostic, outbox_id, campaign_id, subscriber_id, matched_by,
        marked_invalid, report_key, created_at)
       VALUES (@at, @kind, @email, @status, @diagnostic, @outboxId, @campaignId, @subscriberId, @matchedBy,
        @markedInvalid, @reportKey, @createdAt)
       ON CONFLICT(report_key) DO NOTHING`,
    );
    this.markRow = core.sqlite.prepare('UPDATE bounces SET marked_invalid = 1 WHERE id = ?');
    this.policy = new PolicyBlockGuard(core.sqlite);
  }

  /** Campaigns: a bounce (hard or soft) came back for a row, e.g. to set the outbox status 'bounced'. */
  onBounce(fn: Listener): () => void {
    this.bounceListeners.add(fn);
    return () => this.bounceListeners.delete(fn);
  }

  /** Opt-out / campaigns: someone reported a mail as spam or asked to stop. */
  onComplaint(fn: Listener): () => void {
    this.complaintListeners.add(fn);
    return () => this.complaintListeners.delete(fn);
  }

  systemActor(): AuditActor {
    return {
      userId: null,
      username: '반송 메일함',
      role: null,
      origin: 'system',
      stationId: this.core.settings.get().thisStationId,
      address: null,
    };
  }

  private match(report: BounceReport, email: string | null): Match | null {
    const r = this.resolver();
    if (r) {
      const hits = report.verpTokens.map((t) => r.resolve(t)).filter((h) => h && h.channel === 'email');
      const hit = hits.length === 1 ? hits[0] : hits.find((h) => sameAddress(h?.address, email));
      if (hit)
        return {
          address: hit.address,
          outboxId: hit.outboxId,
          campaignId: hit.campaignId,
          subscriberId: hit.subscriberId,
          matchedBy: 'verp',
        };
      const byRcpt = email ? r.byRecipient?.(email, report.originalMessageId) : null;
      if (byRcpt)
        return {
          address: byRcpt.address,
          outboxId: byRcpt.outboxId,
          campaignId: byRcpt.campaignId,
          subscriberId: byRcpt.subscriberId,
          matchedBy: byRcpt.matchedBy,
        };
    }
    if (!email) return null;
    const people = this.core.subscriberRepo.byEmail(email);
    if (people.length === 1)
      return { outboxId: null, campaignId: null, subscriberId: people[0].id, matchedBy: 'address' };
    return null;
  }

  /** Reads one mail. Recording is idempotent: the same report read twice is counted once. */
  async ingest(raw: Buffer, receivedAt: Date = this.core.clock.now()): Promise<IngestOutcome> {
    const report = await classifyMessage(raw);
    const result = empty();
    result.fetched = 1;
    const marked: string[] = [];
    if (report.classification === 'not-a-bounce') {
      result.ignored = 1;
      return { report, result, handled: false, markedSubscriberIds: marked };
    }
    const key = createHash('sha256')
      .update(report.messageId ?? raw)
      .digest('hex');
    const at = report.date ?? receivedAt;
    const createdAt = this.core.clock.now().toISOString();
    const items: {
      kind: 'hard' | 'soft' | 'complaint';
      email: string | null;
      status: string | null;
      diagnostic: string | null;
    }[] =
      report.classification === 'complaint'
        ? [
            {
              kind: 'complaint',
              email: report.complaint?.email ?? null,
              status: null,
              diagnostic: report.complaint?.feedbackType ?? null,
            },
          ]
        : report.recipients.map((r) => ({
            kind: r.kind,
            email: r.email,
            status: r.status,
            diagnostic: r.diagnostic,
          }));
    const events: BounceEvent[] = [];
    const repo = this.core.subscriberRepo;
    const restored: string[] = [];

    repo.transaction(() => {
      for (const it of items) {
        const m = this.match(report, it.email);
        const info = this.insert.run({
          at: at.toISOString(),
          kind: it.kind,
          email: it.email,
          status: it.status,
          diagnostic: it.diagnostic,
          outboxId: m?.outboxId ?? null,
          campaignId: m?.campaignId ?? null,
          subscriberId: m?.subscriberId ?? null,
          matchedBy: m?.matchedBy ?? null,
          markedInvalid: 0,
          reportKey: `${key}:${it.email ?? ''}`,
          createdAt,
        });
        if (info.changes === 0) continue; // read before
        let markedInvalid = false;
        const block =
          it.kind === 'hard'
            ? this.policy.check({ status: it.status, email: it.email, campaignId: m?.campaignId ?? null, at })
            : null;
        // the burst reached the threshold: lift the marks its earlier bounces made
        for (const u of block?.undo ?? []) {
          const person = repo.byId(u.subscriberId);
          if (person?.emailInvalidAt === u.at) {
            repo.update(person.id, { emailInvalidAt: null });
            restored.push(person.id);
          }
          const i = marked.indexOf(u.subscriberId);
          if (i >= 0) marked.splice(i, 1);
          events.push({
            kind: 'hard',
            email: u.email,
            status: u.status,
            diagnostic: u.diagnostic,
            outboxId: u.outboxId,
            campaignId: u.campaignId,
            subscriberId: u.subscriberId,
            at: new Date(u.at),
            markedInvalid: false,
            suspectedBlock: true,
          });
        }
        if (it.kind === 'hard' && m?.subscriberId && !block?.suspected) {
          const person = repo.byId(m.subscriberId);
          // only the address that bounced (as reported, or as sent when forwarded), and only once:
          // an address staff corrected since stays valid
          const bounced = sameAddress(person?.email, it.email) || sameAddress(person?.email, m.address);
          if (person && !person.emailInvalidAt && bounced) {
            repo.update(person.id, { emailInvalidAt: at.toISOString() });
            this.markRow.run(info.lastInsertRowid);
            markedInvalid = true;
            marked.push(person.id);
          }
        }
        if (it.kind === 'complaint') result.complaints++;
        else result[it.kind]++;
        if (!m) result.unmatched++;
        events.push({
          kind: it.kind,
          email: it.email,
          status: it.status,
          diagnostic: it.diagnostic,
          outboxId: m?.outboxId ?? null,
          campaignId: m?.campaignId ?? null,
          subscriberId: m?.subscriberId ?? null,
          at,
          markedInvalid,
          suspectedBlock: !!block?.suspected,
        });
      }
    });
    if (restored.length > 0)
      this.core.audit.append(this.systemActor(), {
        action: 'edit',
        targetType: 'subscriber',
        targetId: restored.length === 1 ? restored[0] : null,
        subjectCount: restored.length,
        reason: '발신 차단 의심(5.7.x 반송이 한꺼번에 옴): 수신 불가 표시를 되돌림',
        detail: { subscriberIds: restored },
      });
    for (const e of events) {
      const listeners = e.kind === 'complaint' ? this.complaintListeners : this.bounceListeners;
      for (const fn of listeners) {
        try {
          await fn(e);
        } catch (err) {
          console.error('[sotong] 반송 처리 알림 실패:', (err as Error).message);
        }
      }
    }
    return { report, result, handled: true, markedSubscriberIds: marked };
  }

  /** One access-log row for the addresses a poll marked invalid. */
  auditMarked(ids: string[]): void {
    if (ids.length === 0) return;
    this.core.audit.append(this.systemActor(), {
      action: 'edit',
      targetType: 'subscriber',
      targetId: ids.length === 1 ? ids[0] : null,
      subjectCount: ids.length,
      reason: '반송 메일(영구 실패): 이메일 주소를 수신 불가로 표시',
      detail: { subscriberIds: ids },
    });
  }

  // ------------------------------------------------------------- list for correction

  list(opts: {
    kind?: 'hard' | 'soft' | 'complaint';
    state: 'open' | 'resolved' | 'all';
    matchedOnly: boolean;
    dongId?: number | null;
    page: number;
    pageSize: number;
  }): { items: BounceRow[]; total: number } {
    const where: string[] = [];
    const params: unknown[] = [];
    if (opts.kind) {
      where.push('b.kind = ?');
      params.push(opts.kind);
    }
    if (opts.state === 'open') where.push('b.resolved_at IS NULL');
    if (opts.state === 'resolved') where.push('b.resolved_at IS NOT NULL');
    if (opts.matchedOnly) where.push('b.subscriber_id IS NOT NULL');
    if (opts.dongId !== undefined && opts.dongId !== null) {
      where.push('s.dong_id = ?');
      params.push(opts.dongId);
    }
    const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const from = `FROM bounces b LEFT JOIN subscribers s ON s.id = b.subscriber_id
      LEFT JOIN dongs d ON d.id = s.dong_id LEFT JOIN campaigns c ON c.id = b.campaign_id`;
    const sql = this.core.sqlite;
    const total = (sql.prepare(`SELECT count(*) AS n ${from} ${w}`).get(...params) as { n: number }).n;
    const rows = sql
      .prepare(
        `SELECT b.id, b.at, b.kind, b.email, b.status, b.diagnostic, b.outbox_id AS outboxId, b.campaign_id AS campaignId,
          c.name AS campaignName, b.subscriber_id AS subscriberId, s.name AS subscriberName, s.mobile, d.name AS dongName,
          s.email AS currentEmail, b.matched_by AS matchedBy, b.marked_invalid AS markedInvalid,
          b.resolved_at AS resolvedAt, b.resolved_note AS resolvedNote
         ${from} ${w} ORDER BY b.at DESC, b.id DESC LIMIT ? OFFSET ?`,
      )
      .all(...params, opts.pageSize, (opts.page - 1) * opts.pageSize) as (Omit<
      BounceRow,
      'forms' | 'markedInvalid'
    > & {
      markedInvalid: number;
    })[];
    return { items: this.withForms(rows), total };
  }

  private withForms(
    rows: (Omit<BounceRow, 'forms' | 'markedInvalid'> & { markedInvalid: number })[],
  ): BounceRow[] {
    const ids = [...new Set(rows.map((r) => r.subscriberId).filter((x): x is string => !!x))];
    const forms = new Map<string, BounceRow['forms']>();
    if (ids.length > 0) {
      const list = this.core.sqlite
        .prepare(
          `SELECT f.subscriber_id AS subscriberId, f.form_ref AS formRef, st.name AS stationName, f.signed_at AS signedAt
           FROM intake_forms f LEFT JOIN stations st ON st.id = f.station_id
           WHERE f.subscriber_id IN (${ids.map(() => '?').join(',')}) ORDER BY f.signed_at DESC`,
        )
        .all(...ids) as {
        subscriberId: string;
        formRef: string;
        stationName: string | null;
        signedAt: string;
      }[];
      for (const f of list) {
        const l = forms.get(f.subscriberId) ?? [];
        l.push({ formRef: f.formRef, stationName: f.stationName, signedAt: f.signedAt });
        forms.set(f.subscriberId, l);
      }
    }
    return rows.map((r) => ({
      ...r,
      mobile: r.mobile ? formatPhone(r.mobile) : null,
      markedInvalid: !!r.markedInvalid,
      forms: r.subscriberId ? (forms.get(r.subscriberId) ?? []) : [],
    }));
  }

  byId(id: number): BounceRow | null {
    const row = this.core.sqlite
      .prepare(
        `SELECT b.id, b.at, b.kind, b.email, b.status, b.diagnostic, b.outbox_id AS outboxId, b.campaign_id AS campaignId,
          c.name AS campaignName, b.subscriber_id AS subscriberId, s.name AS subscriberName, s.mobile, d.name AS dongName,
          s.email AS currentEmail, b.matched_by AS matchedBy, b.marked_invalid AS markedInvalid,
          b.resolved_at AS resolvedAt, b.resolved_note AS resolvedNote, s.dong_id AS dongId
         FROM bounces b LEFT JOIN subscribers s ON s.id = b.subscriber_id
         LEFT JOIN dongs d ON d.id = s.dong_id LEFT JOIN campaigns c ON c.id = b.campaign_id WHERE b.id = ?`,
      )
      .get(id) as
      | (Omit<BounceRow, 'forms' | 'markedInvalid'> & { markedInvalid: number; dongId: number | null })
      | undefined;
    return row ? this.withForms([row])[0] : null;
  }

  dongOf(id: number): number | null | undefined {
    const r = this.core.sqlite
      .prepare(
        'SELECT s.dong_id AS dongId FROM bounces b LEFT JOIN subscribers s ON s.id = b.subscriber_id WHERE b.id = ?',
      )
      .get(id) as { dongId: number | null } | undefined;
    return r ? r.dongId : undefined;
  }

  resolve(id: number, userId: string | null, note: string | null): BounceRow {
    const info = this.core.sqlite
      .prepare(
        'UPDATE bounces SET resolved_at = ?, resolved_by = ?, resolved_note = ? WHERE id = ? AND resolved_at IS NULL',
      )
      .run(this.core.clock.now().toISOString(), userId, note, id);
    const row = this.byId(id);
    if (!row) throw new AppError('NOT_FOUND', '반송 기록을 찾을 수 없습니다.');
    if (info.changes === 0 && !row.resolvedAt)
      throw new AppError('NOT_FOUND', '반송 기록을 찾을 수 없습니다.');
    return row;
  }

  openHard(): number {
    return (
      this.core.sqlite
        .prepare("SELECT count(*) AS n FROM bounces WHERE kind = 'hard' AND resolved_at IS NULL")
        .get() as { n: number }
    ).n;
  }
}
