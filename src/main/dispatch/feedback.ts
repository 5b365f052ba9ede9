// The feedback loop: what comes back after a send reaches the outbox. Delivery reports (Kannel's
// dlr-url) and open pixels arrive as HTTP requests at the public listener, possibly thousands a
// second after a big send: they are queued and applied together, one transaction per few
// milliseconds, instead of one transaction per request.
// Bounces come from the bounce mailbox, inbound texts (MO) go to the opt-out ledger, and an
// applied opt-out skips the person's rows still queued in running campaigns.
import type Database from 'better-sqlite3';
import { EXCLUSION_LABELS } from '../../shared/contract/campaigns';
import { type BounceEvent, bouncesOf } from '../bounces';
import { campaignsOf } from '../campaigns/module';
import { fieldIdsOf } from '../campaigns/store';
import type { Core } from '../core/core';
import { KANNEL_DLR } from '../gateways/kannel';
import type { OptOutApplied } from '../optout/types';
import { type DeliveryReport, publicServerOf } from '../public';

interface QueuedReport {
  report: DeliveryReport;
  at: string;
  firstSeen: number;
  done: () => void;
}

interface Changed {
  campaign_id: string;
}

interface QueuedOpen {
  outboxId: number;
  at: string;
  done: () => void;
}

/** A report for a row the dispatcher is still sending waits for its result at most this long. */
const PARK_MS = 10 * 60_000;
const PARK_RETRY_MS = 250;
const BATCH_WINDOW_MS = 3;

export interface FeedbackCounters {
  /** transactions the queue committed (many reports each under load) */
  batches: number;
  reports: number;
  /** reports that changed a row to delivered/failed */
  finals: number;
  /** reports for tokens no row has */
  unmatched: number;
  opens: number;
  firstOpens: number;
  bounces: number;
  inbound: number;
  skippedAfterOptOut: number;
}

export class Feedback {
  private reports: QueuedReport[] = [];
  private parked: QueuedReport[] = [];
  private opens: QueuedOpen[] = [];
  private scheduled = false;
  private parkTimer: NodeJS.Timeout | null = null;
  private idleWaiters: (() => void)[] = [];
  /** campaigns whose rows the current batch changed */
  private touched = new Set<string>();
  private st: Record<string, Database.Statement>;
  readonly counters: FeedbackCounters = {
    batches: 0,
    reports: 0,
    finals: 0,
    unmatched: 0,
    opens: 0,
    firstOpens: 0,
    bounces: 0,
    inbound: 0,
    skippedAfterOptOut: 0,
  };

  constructor(private core: Core) {
    const p = (s: string) => core.sqlite.prepare(s);
    this.st = {
      byToken: p('SELECT id, status FROM outbox WHERE token = ?'),
      finalByToken:
        p(`UPDATE outbox SET status = @status, reason = @reason, provider_code = @code, updated_at = @at,
        sent_at = coalesce(sent_at, @at), done_at = @at WHERE token = @token AND status IN ('accepted', 'needs_review') RETURNING campaign_id`),
      finalById:
        p(`UPDATE outbox SET status = @status, reason = @reason, provider_code = @code, updated_at = @at,
        sent_at = coalesce(sent_at, @at), done_at = @at
        WHERE id = @id AND status IN ('sending', 'accepted', 'needs_review') RETURNING campaign_id`),
      pending:
        p(`UPDATE outbox SET status = 'accepted', reason = NULL, provider_code = @code, updated_at = @at,
        sent_at = coalesce(sent_at, @at), done_at = NULL WHERE token = @token AND status IN ('accepted', 'needs_review') RETURNING campaign_id`),
      open: p('UPDATE outbox SET opened_at = @at WHERE id = @id AND opened_at IS NULL'),
      bounced:
        p(`UPDATE outbox SET status = 'bounced', reason = @reason, provider_code = @code, updated_at = @at,
        done_at = @at WHERE id = @id AND channel = 'email'
        AND status IN ('sending', 'accepted', 'delivered', 'needs_review', 'bounced') RETURNING campaign_id`),
      softCount: p(`SELECT count(*) FROM bounces WHERE outbox_id = ? AND kind = 'soft'`),
      soft: p(`UPDATE outbox SET reason = @reason, provider_code = @code, updated_at = @at
        WHERE id = @id AND channel = 'email' AND status IN ('accepted', 'delivered')`),
      queuedOf: p(`SELECT id, campaign_id AS campaignId, address, subscriber_id AS subscriberId FROM outbox
        WHERE subscriber_id = ? AND channel = ? AND status = 'queued' AND is_test = 0`),
      skip: p(`UPDATE outbox SET status = 'skipped', reason = @reason, provider_code = @code, updated_at = @at,
        done_at = @at WHERE id = @id AND status = 'queued'`),
    };
  }

  /** Hooks the listener, the bounce mailbox and the opt-out ledger to the outbox. */
  install(): void {
    const pub = publicServerOf(this.core);
    // answered at once, applied within milliseconds: Kannel does not call a dlr-url twice
    // either way, and waiting for the commit would cap throughput at one batch per connection
    pub.hooks.onDeliveryReport((r) => {
      void this.queueReport(r);
    });
    pub.hooks.onOpen((id, at) => {
      void this.queueOpen(id, at);
    });
    // Kannel's sms-service forwards every inbound text here: 수신거부 replies become opt-outs
    pub.hooks.onInboundSms((m) => {
      this.counters.inbound++;
      this.core.optout.ingestMessages([
        {
          from: m.from,
          text: m.text,
          receivedAt: m.receivedAt,
          source: 'sms-mo',
          sourceDetail: m.smsc ? `Kannel ${m.smsc}` : 'Kannel',
        },
      ]);
    });
    bouncesOf(this.core).service.onBounce((e) => this.applyBounce(e));
    this.core.optout.onApplied((e) => this.skipQueued(e));
  }

  // ---------------------------------------------------------------- queue

  /** Resolves when the report's batch is committed (or parked for a row still being sent). */
  queueReport(report: DeliveryReport, at: Date = this.core.clock.now()): Promise<void> {
    return new Promise((done) => {
      this.counters.reports++;
      this.reports.push({ report, at: at.toISOString(), firstSeen: Date.now(), done });
      this.schedule();
    });
  }

  queueOpen(outboxId: number, at: Date): Promise<void> {
    return new Promise((done) => {
      this.opens.push({ outboxId, at: at.toISOString(), done });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    // a short window gathers a burst of callbacks into one transaction
    setTimeout(() => {
      this.scheduled = false;
      this.flush();
    }, BATCH_WINDOW_MS).unref();
  }

  /** Applies everything queued in one transaction. Returns how many items were taken. */
  flush(): number {
    const reports = this.reports;
    const opens = this.opens;
    this.reports = [];
    this.opens = [];
    if (reports.length + opens.length === 0) return 0;
    if (!this.core.sqlite.open) {
      for (const x of [...reports, ...opens]) x.done();
      return 0;
    }
    const park: QueuedReport[] = [];
    try {
      this.touched.clear();
      this.core.sqlite.transaction(() => {
        for (const q of reports) if (!this.applyReport(q)) park.push(q);
        for (const o of opens) {
          this.counters.opens++;
          this.counters.firstOpens += this.st.open.run({ id: o.outboxId, at: o.at }).changes;
        }
      })();
      this.counters.batches++;
    } finally {
      for (const x of [...reports, ...opens]) x.done();
    }
    if (park.length) {
      this.parked.push(...park);
      this.parkTimer ??= setTimeout(() => {
        this.parkTimer = null;
        this.reports.push(...this.parked);
        this.parked = [];
        this.schedule();
      }, PARK_RETRY_MS);
      this.parkTimer.unref();
    }
    this.tellScreens(this.touched);
    this.touched.clear();
    if (this.idle()) for (const w of this.idleWaiters.splice(0)) w();
    return reports.length + opens.length;
  }

  /**
   * Results keep changing after a send ends (reports, bounces): the campaign's screens hear of
   * it through the same throttled campaign.progress event as during the send.
   */
  private tellScreens(campaignIds: Iterable<string>): void {
    const { dispatcher, store } = campaignsOf(this.core);
    for (const id of campaignIds) if (id && store.get(id)) dispatcher.emit(id);
  }

  private idle(): boolean {
    return this.reports.length + this.opens.length + this.parked.length === 0;
  }

  /** Resolves when nothing is queued or parked (tests, benchmarks, shutdown). */
  settled(): Promise<void> {
    if (this.idle()) return Promise.resolve();
    return new Promise((r) => this.idleWaiters.push(r));
  }

  /** false = the row is still 'sending' (its send result not recorded yet): try again shortly. */
  private applyReport(q: QueuedReport): boolean {
    const { report } = q;
    const meaning = KANNEL_DLR[report.status];
    const code = `DLR_${report.status}`;
    const final = meaning && meaning.final !== 'pending' ? meaning.final : null;
    const answer = (report.raw.answer ?? '').trim().slice(0, 100);
    const reason =
      final === 'failed' ? (answer ? `${meaning.reason} (통신사 응답: ${answer})` : meaning.reason) : null;
    const args = { token: report.id, status: final, reason, code, at: q.at };
    // the usual case in one statement: the row is waiting for its report
    const changed = (final ? this.st.finalByToken : this.st.pending).get(args) as Changed | undefined;
    if (changed) {
      if (final) this.counters.finals++;
      this.touched.add(changed.campaign_id);
      return true;
    }
    const row = this.st.byToken.get(report.id) as { id: number; status: string } | undefined;
    if (!row) {
      this.counters.unmatched++;
      return true;
    }
    if (row.status !== 'sending' || !final) return true; // already final, or nothing to say yet
    // a report can overtake the dispatcher's own record of the send: wait for it (a crash leaves
    // the row 'sending' for good; after a while the report is the best evidence there is)
    if (Date.now() - q.firstSeen < PARK_MS) return false;
    const late = this.st.finalById.get({ ...args, id: row.id }) as Changed | undefined;
    if (late) {
      this.counters.finals++;
      this.touched.add(late.campaign_id);
    }
    return true;
  }

  // ---------------------------------------------------------------- bounces

  /** The bounce mailbox tied a DSN to an e-mail row (VERP token first): hard → bounced, soft → counted. */
  applyBounce(e: BounceEvent): void {
    if (!e.outboxId || !this.core.sqlite.open) return;
    this.counters.bounces++;
    const at = e.at.toISOString();
    const code = e.status ?? null;
    if (e.kind === 'hard') {
      const blocked = e.suspectedBlock;
      const reason = blocked
        ? `발신 차단 의심: 받는 메일 서버가 정책상 거부했습니다 (${e.status ?? '5.7.x'}). 주소 문제가 아닐 수 있어 확인이 필요합니다.`
        : `메일이 반송되었습니다 (영구 실패${e.status ? `, ${e.status}` : ''})`;
      const hit = this.st.bounced.get({ id: e.outboxId, reason, code, at }) as Changed | undefined;
      if (hit) this.tellScreens([hit.campaign_id]);
      return;
    }
    const n = this.st.softCount.pluck().get(e.outboxId) as number;
    this.st.soft.run({
      id: e.outboxId,
      reason: `일시적으로 반송됨 ${n}회${e.status ? ` (${e.status})` : ''}: 받는 서버가 나중에 다시 시도합니다`,
      code,
      at,
    });
  }

  // ---------------------------------------------------------------- opt-outs mid-send

  /** A person who just opted out: their queued rows in running campaigns are skipped at once. */
  skipQueued(e: OptOutApplied): void {
    if (!this.core.sqlite.open) return;
    const m = campaignsOf(this.core);
    const at = this.core.clock.now().toISOString();
    const fields = new Map<string, number[]>();
    this.core.sqlite.transaction(() => {
      for (const entry of e.entries) {
        const rows = this.st.queuedOf.all(entry.subscriberId, entry.channel) as {
          id: number;
          campaignId: string;
          address: string;
          subscriberId: string;
        }[];
        for (const r of rows) {
          if (!fields.has(r.campaignId)) {
            const c = m.store.get(r.campaignId);
            fields.set(r.campaignId, c ? fieldIdsOf(c) : []);
          }
          // the same test the dispatcher makes before sending (scope: this field or all)
          const why = m.targeting.recheck(
            entry.channel,
            r.subscriberId,
            r.address,
            fields.get(r.campaignId)!,
          );
          if (!why) continue;
          this.counters.skippedAfterOptOut += this.st.skip.run({
            id: r.id,
            reason: EXCLUSION_LABELS[why],
            code: why,
            at,
          }).changes;
        }
      }
    })();
  }
}

const instances = new WeakMap<Core, Feedback>();

export function feedbackOf(core: Core): Feedback {
  let f = instances.get(core);
  if (!f) {
    f = new Feedback(core);
    instances.set(core, f);
  }
  return f;
}

/** modules.ts: wire delivery reports, opens, bounces and inbound texts to the outbox (every mode). */
export function installFeedback(core: Core): void {
  feedbackOf(core).install();
}
