import os from 'node:os';
import { EXCLUSION_LABELS, type MessageChannel } from '../../shared/contract/campaigns';
import { AppError } from '../../shared/errors';
import type { CampaignsModule } from '../campaigns/module';
import { isNight } from '../campaigns/compose';
import { renderEmail, renderSms } from '../campaigns/render';
import { type CampaignRecord, fieldIdsOf, type Frozen, frozenOf } from '../campaigns/store';
import { GatewayError, type SendResult, type SmsMessage } from '../gateways/types';
import { type ClaimedRow, OutboxQueries } from './outbox';

export const NIGHT_PAUSE =
  '밤 9시부터 아침 8시까지는 문자를 보낼 수 없어 일시정지했습니다. 8시 이후에 다시 시작하세요.';
const CRASH_REVIEW = '발송 중에 프로그램이 멈춰 이 메시지가 나갔는지 알 수 없습니다. 확인 후 처리하세요.';
const CRASH_REQUEUE = '발송 중에 프로그램이 멈췄고 발송기에 도착하지 않아 다시 보냅니다.';

export interface RunOptions {
  /** keep polling delivery reports this long after the queue is empty (CLI: until all are final) */
  waitForReportsMs?: number;
  onProgress?: (p: ProgressInfo) => void;
}

export interface ProgressInfo {
  campaignId: string;
  status: CampaignRecord['status'];
  total: number;
  done: number;
  counts: { sms: Record<string, number>; email: Record<string, number> };
  message: string | null;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, Math.max(0, ms)));
const yieldNow = () => new Promise<void>((r) => setImmediate(r));
/** Rows per synchronous stretch of database work: small enough to keep IPC answers quick. */
const CHUNK = 100;
/** Email results written per transaction. */
const EMAIL_RESULT_BATCH = 64;
/**
 * Batches in flight per channel: while one waits for the gateway or SMTP, the next is claimed,
 * re-checked and rendered, so the peer never waits for our database work (and no batch's tail
 * leaves SMTP connections idle).
 */
const PIPELINE = 2;
/** campaign.progress at most this often per campaign */
const EMIT_INTERVAL_MS = 200;

async function inChunks<T>(items: T[], fn: (chunk: T[]) => void): Promise<void> {
  for (let i = 0; i < items.length; i += CHUNK) {
    if (i > 0) await yieldNow();
    fn(items.slice(i, i + CHUNK));
  }
}
const wallIso = () => new Date().toISOString();

/**
 * Drains a campaign's outbox per channel at the configured rate and batch size, yielding to the
 * event loop between batches so IPC stays responsive. Control is the campaign's status in the
 * database (pause/cancel work from any process); a lease (pid, host, heartbeat) tells a crashed
 * owner from a live one, and rows a dead owner left in 'sending' are reconciled with the gateway.
 */
export class Dispatcher {
  private runs = new Map<string, Promise<ProgressInfo>>();
  private consecutive = new Map<string, { n: number; reason: string }>();
  private lastEmit = new Map<string, number>();
  /** a throttled event is sent late rather than dropped: the last change must reach the screen */
  private trailingEmit = new Map<string, NodeJS.Timeout>();
  private testsInFlight = 0;
  readonly outbox: OutboxQueries;

  constructor(private m: CampaignsModule) {
    this.outbox = new OutboxQueries(m.core.sqlite);
  }

  private get core() {
    return this.m.core;
  }

  isRunning(id: string): boolean {
    return this.runs.has(id);
  }

  /** Runs the campaign's dispatch in this process; a second call joins the running one. */
  run(id: string, opts: RunOptions = {}): Promise<ProgressInfo> {
    const running = this.runs.get(id);
    if (running) return running;
    const p = this.runInner(id, opts).finally(() => this.runs.delete(id));
    this.runs.set(id, p);
    return p;
  }

  /** Fire and forget (the app): errors are logged, the campaign's status tells the rest. */
  start(id: string): void {
    this.run(id).catch((e) => {
      if (!(e instanceof AppError)) console.error('[sotong] dispatch failed', e);
    });
  }

  /** Waits for every run of this process to stop (tests, shutdown). */
  async idle(): Promise<void> {
    await Promise.allSettled([...this.runs.values()]);
  }

  private async runInner(id: string, opts: RunOptions): Promise<ProgressInfo> {
    this.takeLease(id);
    try {
      await this.reconcile(id);
      const c = this.m.store.get(id)!;
      if (c.status === 'sending') {
        await Promise.all([
          c.smsEnabled ? this.loop(id, 'sms', opts) : null,
          c.emailEnabled ? this.loop(id, 'email', opts) : null,
        ]);
        const after = this.m.store.get(id)!;
        if (after.status === 'sending' && this.outbox.pending(id) === 0)
          this.m.store.set(id, {
            status: 'done',
            finished_at: this.core.clock.now().toISOString(),
            updated_at: this.core.clock.now().toISOString(),
          });
      }
      // One pass over the reports right after the send (staff watch the results fill in); later
      // ones are the scheduler's, unless the caller (CLI --wait-reports) asks to wait here.
      await this.waitReports(id, opts.waitForReportsMs ?? 0);
    } finally {
      this.releaseLease(id);
    }
    this.emit(id, opts, true);
    return this.progress(id);
  }

  // ---- lease --------------------------------------------------------------------------------

  private leaseAlive(c: CampaignRecord): boolean {
    if (!c.runnerPid) return false;
    if (c.runnerHost === os.hostname()) {
      if (c.runnerPid === process.pid) return false; // ours from an earlier run in this process
      try {
        process.kill(c.runnerPid, 0);
        return true;
      } catch (e) {
        return (e as NodeJS.ErrnoException).code === 'EPERM';
      }
    }
    return !!c.runnerBeat && Date.now() - Date.parse(c.runnerBeat) < 60_000;
  }

  private takeLease(id: string): void {
    this.core.sqlite
      .transaction(() => {
        const c = this.m.store.get(id);
        if (!c) throw new AppError('NOT_FOUND', '캠페인을 찾을 수 없습니다.');
        if (this.leaseAlive(c))
          throw new AppError(
            'CONFLICT',
            '다른 프로그램(또는 다른 컴퓨터)에서 이 캠페인을 발송하고 있습니다.',
          );
        this.m.store.set(id, { runner_pid: process.pid, runner_host: os.hostname(), runner_beat: wallIso() });
      })
      .immediate();
  }

  private beat(id: string): void {
    this.m.store.set(id, { runner_beat: wallIso() });
  }

  private releaseLease(id: string): void {
    if (!this.core.sqlite.open) return;
    this.m.store.set(id, { runner_pid: null, runner_host: null, runner_beat: null });
  }

  /** True when a campaign marked 'sending' has no live dispatcher anywhere (crash, restart). */
  orphaned(c: CampaignRecord): boolean {
    return c.status === 'sending' && !this.isRunning(c.id) && !this.leaseAlive(c);
  }

  // ---- crash recovery -------------------------------------------------------------------------

  /**
   * Rows a dead dispatcher left in 'sending': asked of the gateway by idempotency key where it can
   * answer; a key it never saw is sent again (safe: the key makes a repeat harmless), anything
   * else becomes 확인 필요 for a person — never resent blindly. SMTP cannot be asked: 확인 필요.
   */
  async reconcile(id: string): Promise<number> {
    const gw = this.m.gateway();
    const at = this.core.clock.now().toISOString();
    let fixed = 0;
    for (;;) {
      const rows = this.outbox
        .inState(id, 'sending', 500)
        .filter((r) => !(r.isTest && this.testsInFlight > 0));
      if (rows.length === 0) break;
      const sms = rows.filter((r) => r.channel === 'sms');
      const email = rows.filter((r) => r.channel === 'email');
      const statuses = sms.length && gw.canQueryStatus ? await gw.queryStatus(sms.map((r) => r.token)) : [];
      const byKey = new Map(statuses.map((s) => [s.key, s]));
      this.outbox.tx(() => {
        for (const r of email)
          this.outbox.setResult({ id: r.id, status: 'needs_review', reason: CRASH_REVIEW, at });
        for (const r of sms) {
          const s = byKey.get(r.token);
          if (!s) this.outbox.setResult({ id: r.id, status: 'needs_review', reason: CRASH_REVIEW, at });
          else if (s.status === 'unknown') {
            if (r.isTest)
              this.outbox.setResult({
                id: r.id,
                status: 'failed',
                reason: '시험 발송이 중단되었습니다.',
                at,
              });
            else if (gw.honoursIdempotencyKey)
              this.outbox.retryLater({ id: r.id, reason: CRASH_REQUEUE, code: null, next: wallIso(), at });
            else this.outbox.setResult({ id: r.id, status: 'needs_review', reason: CRASH_REVIEW, at });
          } else
            this.outbox.setResult({
              id: r.id,
              status: s.status,
              reason: s.status === 'failed' ? (s.reason ?? '발송 실패') : null,
              code: s.code ?? null,
              providerId: s.providerId ?? null,
              at,
            });
        }
      });
      fixed += rows.length;
    }
    return fixed;
  }

  // ---- the loop -------------------------------------------------------------------------------

  private autoPause(id: string, reason: string): void {
    const c = this.m.store.get(id);
    if (c?.status !== 'sending') return;
    this.m.store.set(id, {
      status: 'paused',
      pause_reason: reason,
      updated_at: this.core.clock.now().toISOString(),
    });
  }

  private async loop(id: string, channel: MessageChannel, opts: RunOptions): Promise<void> {
    const key = `${id}:${channel}`;
    this.consecutive.set(key, { n: 0, reason: '' });
    let lastPoll = Date.now();
    // Delivery reports are polled beside the send, not in its way: a provider's list calls take
    // their own round trips and the next batch need not wait for them.
    let polling: Promise<unknown> | null = null;
    try {
      await this.loopBatches(id, channel, opts, key, () => {
        if (channel !== 'sms' || polling || Date.now() - lastPoll <= 1000) return;
        lastPoll = Date.now();
        polling = this.pollReports(id, 1000)
          .catch((e) => console.error('[sotong] delivery report poll failed', e))
          .finally(() => {
            polling = null;
          });
      });
    } finally {
      await polling;
    }
  }

  private async loopBatches(
    id: string,
    channel: MessageChannel,
    opts: RunOptions,
    key: string,
    poll: () => void,
  ): Promise<void> {
    await Promise.all(Array.from({ length: PIPELINE }, () => this.worker(id, channel, opts, key, poll)));
  }

  private async worker(
    id: string,
    channel: MessageChannel,
    opts: RunOptions,
    key: string,
    poll: () => void,
  ): Promise<void> {
    for (;;) {
      const c = this.m.store.get(id);
      if (c?.status !== 'sending') return;
      const cfg = this.m.settings.get().dispatch;
      this.beat(id);
      if (channel === 'sms' && isNight(this.core.clock.now()) && (c.isAd || !c.confirmNight)) {
        this.autoPause(id, NIGHT_PAUSE);
        return;
      }
      const batch =
        channel === 'sms' ? Math.min(cfg.smsBatchSize, this.m.gateway().maxBatch) : cfg.emailBatchSize;
      const rate = (channel === 'sms' ? cfg.smsRatePerSecond : cfg.emailRatePerSecond) / PIPELINE;
      const t0 = Date.now();
      const rows = this.outbox.claim(id, channel, batch, wallIso());
      await yieldNow();
      if (rows.length === 0) {
        const next = this.outbox.nextDue(id, channel);
        if (!next) return;
        await sleep(Math.min(1000, Math.max(10, Date.parse(next) - Date.now())));
        continue;
      }
      if (channel === 'sms') await this.sendSms(c, rows);
      else await this.sendEmail(c, rows);
      const errs = this.consecutive.get(key)!;
      if (errs.n >= cfg.pauseAfterErrors) {
        this.autoPause(id, `연속 ${errs.n}번 오류가 나서 자동으로 일시정지했습니다: ${errs.reason}`);
        return;
      }
      this.emit(id, opts);
      if (rate > 0) await sleep((rows.length / rate) * 1000 - (Date.now() - t0));
      await yieldNow();
      poll();
    }
  }

  private noteError(id: string, channel: string, systemic: boolean, reason = ''): void {
    const k = `${id}:${channel}`;
    const cur = this.consecutive.get(k) ?? { n: 0, reason: '' };
    this.consecutive.set(k, systemic ? { n: cur.n + 1, reason } : { n: 0, reason: '' });
  }

  private backoff(attempts: number): string {
    const base = this.m.settings.get().dispatch.retryBaseMs;
    return new Date(Date.now() + Math.min(3_600_000, base * 2 ** Math.max(0, attempts - 1))).toISOString();
  }

  /** Consent and suppression again, right before sending. Returns the rows still to send. */
  private async recheck(
    c: CampaignRecord | null,
    rows: ClaimedRow[],
    channel: MessageChannel,
  ): Promise<ClaimedRow[]> {
    const fields = c ? fieldIdsOf(c) : [];
    const at = this.core.clock.now().toISOString();
    const keep: ClaimedRow[] = [];
    await inChunks(rows, (chunk) =>
      this.outbox.tx(() => {
        const whys = this.m.targeting.recheckMany(
          channel,
          chunk.map((r) => ({ subscriberId: r.isTest ? null : r.subscriberId, address: r.address })),
          fields,
        );
        for (const [i, r] of chunk.entries()) {
          const why = whys[i];
          if (why)
            this.outbox.setResult({
              id: r.id,
              status: 'skipped',
              reason: EXCLUSION_LABELS[why],
              code: why,
              at,
            });
          else keep.push(r);
        }
      }),
    );
    return keep;
  }

  /** A transient failure goes back to the queue with backoff until maxAttempts, then fails. */
  private retryOrFail(r: ClaimedRow, reason: string, code: string | null, at: string): void {
    const max = this.m.settings.get().dispatch.maxAttempts;
    if (r.attempts < max)
      this.outbox.retryLater({ id: r.id, reason, code, next: this.backoff(r.attempts), at });
    else
      this.outbox.setResult({
        id: r.id,
        status: 'failed',
        reason: `${reason} (${r.attempts}번 시도 후 중단)`,
        code,
        at,
      });
  }

  async sendSms(c: CampaignRecord, claimed: ClaimedRow[]): Promise<void> {
    const rows = await this.recheck(c, claimed, 'sms');
    if (rows.length === 0) return;
    const gw = this.m.gateway();
    const frozen = frozenOf(c) as Frozen;
    const msgs: SmsMessage[] = rows.map((r) => {
      const { text, subject } = renderSms(frozen, JSON.parse(r.vars ?? '{}'), c.smsClass ?? '');
      return {
        key: r.token,
        to: r.address,
        from: frozen.sender,
        text,
        subject,
        class: c.smsClass === 'LMS' ? 'LMS' : 'SMS',
        isAd: !!c.isAd,
        attempt: r.attempts,
      };
    });
    let results: SendResult[];
    try {
      results = await gw.sendBatch(msgs);
    } catch (e) {
      const ge =
        e instanceof GatewayError
          ? e
          : new GatewayError(String(e), '발송기 호출 중 알 수 없는 오류', {
              transient: true,
              ambiguous: true,
            });
      const at = this.core.clock.now().toISOString();
      this.outbox.tx(() => {
        for (const r of rows) {
          if (ge.opts.ambiguous && !gw.honoursIdempotencyKey)
            this.outbox.setResult({
              id: r.id,
              status: 'needs_review',
              reason: ge.reason,
              code: ge.opts.code,
              at,
            });
          else if (ge.opts.transient) this.retryOrFail(r, ge.reason, ge.opts.code ?? null, at);
          else
            this.outbox.setResult({ id: r.id, status: 'failed', reason: ge.reason, code: ge.opts.code, at });
        }
      });
      this.noteError(c.id, 'sms', true, ge.reason);
      return;
    }
    this.noteError(c.id, 'sms', false);
    const byKey = new Map(results.map((r) => [r.key, r]));
    const at = this.core.clock.now().toISOString();
    await yieldNow();
    await inChunks(rows, (chunk) => this.applySms(chunk, byKey, at));
  }

  private applySms(rows: ClaimedRow[], byKey: Map<string, SendResult>, at: string): void {
    this.outbox.tx(() => {
      for (const r of rows) {
        const res = byKey.get(r.token);
        if (!res)
          this.outbox.setResult({
            id: r.id,
            status: 'needs_review',
            reason: '발송기가 이 메시지의 결과를 주지 않았습니다.',
            at,
          });
        else if (res.status === 'failed' && res.retryable)
          this.retryOrFail(r, res.reason ?? '발송기 일시 오류', res.code ?? null, at);
        else
          this.outbox.setResult({
            id: r.id,
            status: res.status,
            reason: res.status === 'failed' ? (res.reason ?? '발송 실패') : null,
            code: res.code ?? null,
            providerId: res.providerId ?? null,
            at,
          });
      }
    });
  }

  async sendEmail(c: CampaignRecord, claimed: ClaimedRow[]): Promise<void> {
    const mailer = this.m.mailer();
    if (!mailer) {
      const at = this.core.clock.now().toISOString();
      this.outbox.tx(() => {
        for (const r of claimed)
          this.outbox.retryLater({
            id: r.id,
            reason: 'SMTP 설정이 없습니다.',
            code: null,
            next: wallIso(),
            at,
          });
      });
      this.autoPause(c.id, '메일 서버(SMTP) 설정이 없어 일시정지했습니다. 설정 후 다시 시작하세요.');
      return;
    }
    const rows = await this.recheck(c, claimed, 'email');
    const frozen = frozenOf(c) as Frozen;
    // Results are written a few dozen at a time in one transaction (a commit per mail costs more
    // than the mail); a crash in between leaves at most that many rows for 확인 필요.
    let results: (() => void)[] = [];
    const flush = () => {
      const batch = results;
      results = [];
      if (batch.length && this.core.sqlite.open)
        this.outbox.tx(() => {
          for (const write of batch) write();
        });
    };
    await Promise.all(
      rows.map(async (r) => {
        const mail = renderEmail(frozen, JSON.parse(r.vars ?? '{}'), r.token);
        const res = await mailer.send({ token: r.token, to: r.address, ...mail });
        const at = this.core.clock.now().toISOString();
        results.push(() => {
          if (res.status === 'accepted')
            this.outbox.setResult({
              id: r.id,
              status: 'accepted',
              code: res.code,
              providerId: res.messageId,
              at,
            });
          else if (res.status === 'failed') {
            this.outbox.setResult({ id: r.id, status: 'failed', reason: res.reason, code: res.code, at });
            if (res.hard) this.markEmailInvalid(r, at);
          } else if (res.status === 'retry') this.retryOrFail(r, res.reason, res.code, at);
          else
            this.outbox.setResult({
              id: r.id,
              status: 'needs_review',
              reason: res.reason,
              code: res.code,
              at,
            });
        });
        if (res.status === 'retry') this.noteError(c.id, 'email', res.systemic, res.reason);
        else
          this.noteError(c.id, 'email', res.status === 'unknown', res.status === 'unknown' ? res.reason : '');
        if (results.length >= EMAIL_RESULT_BATCH) flush();
      }),
    );
    flush();
  }

  /** Hard bounce: the registry marks the address so staff correct it and no campaign uses it. */
  private markEmailInvalid(r: ClaimedRow, at: string): void {
    if (!r.subscriberId) return;
    const s = this.core.subscriberRepo.byId(r.subscriberId);
    if (s?.email && s.email.toLowerCase() === r.address.toLowerCase() && !s.emailInvalidAt)
      this.core.subscriberRepo.update(r.subscriberId, { emailInvalidAt: at });
  }

  /** Sends the given queued rows now (test sends), outside any campaign loop. */
  async sendNow(c: CampaignRecord, ids: number[]): Promise<void> {
    this.testsInFlight++;
    try {
      const rows = this.outbox.claimIds(ids);
      const sms = rows.filter((r) => r.channel === 'sms');
      const email = rows.filter((r) => r.channel === 'email');
      if (sms.length) await this.sendSms(c, sms);
      if (email.length) await this.sendEmail(c, email);
      if (sms.length) await this.pollKeys(sms.map((r) => ({ id: r.id, token: r.token })));
    } finally {
      this.testsInFlight--;
    }
  }

  // ---- delivery reports -------------------------------------------------------------------------

  private async pollKeys(rows: { id: number; token: string }[]): Promise<number> {
    if (rows.length === 0) return 0;
    const statuses = await this.m.gateway().queryStatus(rows.map((r) => r.token));
    const byKey = new Map(statuses.map((s) => [s.key, s]));
    const at = this.core.clock.now().toISOString();
    let changed = 0;
    this.outbox.tx(() => {
      for (const r of rows) {
        const s = byKey.get(r.token);
        if (!s || (s.status !== 'delivered' && s.status !== 'failed')) continue;
        changed++;
        this.outbox.setResult({
          id: r.id,
          status: s.status,
          reason: s.status === 'failed' ? (s.reason ?? '전달 실패') : null,
          code: s.code ?? null,
          at,
        });
      }
    });
    return changed;
  }

  /** Asks the gateway about accepted SMS rows; returns how many are still waiting for a report. */
  async pollReports(id: string, maxRows = Number.POSITIVE_INFINITY): Promise<number> {
    if (!this.m.gateway().canQueryStatus) return 0;
    let after = 0;
    let seen = 0;
    let waiting = 0;
    while (seen < maxRows) {
      const rows = this.outbox.accepted(id, after, 200);
      if (rows.length === 0) break;
      after = rows[rows.length - 1].id;
      seen += rows.length;
      waiting += rows.length - (await this.pollKeys(rows));
      await yieldNow();
    }
    return waiting;
  }

  async waitReports(id: string, ms: number): Promise<void> {
    const until = Date.now() + ms;
    for (;;) {
      const waiting = await this.pollReports(id);
      if (waiting === 0 || Date.now() >= until) return;
      await sleep(Math.min(500, until - Date.now()));
    }
  }

  // ---- progress -------------------------------------------------------------------------------

  progress(id: string, message: string | null = null): ProgressInfo {
    const c = this.m.store.get(id)!;
    const counts = this.m.store.counts(id);
    let total = 0;
    let open = 0;
    for (const ch of [counts.sms, counts.email])
      for (const [k, n] of Object.entries(ch)) {
        total += n;
        if (k === 'queued' || k === 'sending') open += n;
      }
    return {
      campaignId: id,
      status: c.status,
      total,
      done: total - open,
      counts,
      message: message ?? c.pauseReason,
    };
  }

  /** campaign.progress to every window, a few times a second at most. */
  emit(id: string, opts: RunOptions = {}, force = false): void {
    const now = Date.now();
    const wait = EMIT_INTERVAL_MS - (now - (this.lastEmit.get(id) ?? 0));
    if (!force && wait > 0) {
      if (!this.trailingEmit.has(id)) {
        const t = setTimeout(() => {
          this.trailingEmit.delete(id);
          if (this.core.sqlite.open && this.m.store.get(id)) this.emit(id, opts, true);
        }, wait);
        t.unref();
        this.trailingEmit.set(id, t);
      }
      return;
    }
    clearTimeout(this.trailingEmit.get(id));
    this.trailingEmit.delete(id);
    this.lastEmit.set(id, now);
    const p = this.progress(id);
    this.core.events.emit('campaign.progress', p);
    opts.onProgress?.(p);
  }
}
