import { randomBytes, randomUUID } from 'node:crypto';
import type {
  AudienceOutput,
  CampaignDraft,
  CampaignRow,
  CampaignStatus,
  PreviewOutput,
} from '../../shared/contract/campaigns';
import { AppError } from '../../shared/errors';
import { normalizeEmail } from '../../shared/text/email';
import { normalizePhone } from '../../shared/text/phone';
import { countSmsBytes, countSubjectBytes, fillTemplate } from '../../shared/text/smsBytes';
import type { AuditEntry } from '../audit/service';
import { SCHEDULER_ACTOR } from '../dispatch/scheduler';
import { BASE_PLACEHOLDERS, type ComposeInput, isNight, unknownPlaceholders } from './compose';
import type { CampaignsModule } from './module';
import { buildTemplates, composeInputOf, renderEmail, renderSms, worstCase } from './render';
import {
  CAMPAIGN_COLS,
  type CampaignRecord,
  fieldIdsOf,
  filtersOf,
  type Frozen,
  noticeMetaOf,
  OUTBOX_COLS,
  type OutboxDbRow,
  toOutboxOut,
} from './store';
import type { TargetSpec } from './targeting';

export const NIGHT_AD_REFUSED =
  '광고 문자는 밤 9시부터 아침 8시까지 보낼 수 없습니다 (정보통신망법 제50조). 8시 이후로 예약하세요.';
/** Shown in the preview, but no reason to refuse a send. */
const LMS_NO_SUBJECT = '장문(LMS) 제목이 비어 있습니다. 받는 사람 휴대전화에는 제목 없이 보입니다.';

export const NIGHT_CONFIRM =
  '밤 9시부터 아침 8시 사이의 문자 발송입니다. 정말 보내려면 야간 발송을 확인해 주세요 (confirmNight).';

export interface Actor {
  userId: string | null;
  audit: (e: AuditEntry) => void;
}

/**
 * Outbox tokens: an ordered prefix (time, then a counter) so that 60,000 inserts append to the
 * unique index instead of scattering over it, then 128 random bits so that a token (the
 * unsubscribe link, the VERP address) cannot be guessed from its neighbours.
 */
export function tokens(n: number): (k: number) => string {
  const prefix = Date.now().toString(16).padStart(12, '0');
  const rnd = randomBytes(16 * n).toString('hex');
  return (k) => `${prefix}${k.toString(16).padStart(6, '0')}${rnd.slice(k * 32, k * 32 + 32)}`;
}

function token(): string {
  return tokens(1)(0);
}

/** Composing, approval, scheduling and launching; the dispatcher does the sending. */
export class CampaignService {
  constructor(private m: CampaignsModule) {}

  private get core() {
    return this.m.core;
  }
  private nowIso(): string {
    return this.core.clock.now().toISOString();
  }

  approvalRequired(): boolean {
    return this.m.settings.get().campaignApproval;
  }

  record(id: string): CampaignRecord {
    const c = this.m.store.get(id);
    if (!c) throw new AppError('NOT_FOUND', '캠페인을 찾을 수 없습니다.');
    return c;
  }

  row(id: string): CampaignRow {
    return this.m.store.toRow(this.record(id), this.approvalRequired());
  }

  list(page: number, pageSize: number, status?: CampaignStatus) {
    const where = status ? 'WHERE status = ?' : '';
    const args = status ? [status] : [];
    const total = this.core.sqlite
      .prepare(`SELECT count(*) FROM campaigns ${where}`)
      .pluck()
      .get(...args) as number;
    const items = this.core.sqlite
      .prepare(
        `SELECT ${CAMPAIGN_COLS} FROM campaigns ${where} ORDER BY created_at DESC, id LIMIT ? OFFSET ?`,
      )
      .all(...args, pageSize, (page - 1) * pageSize) as CampaignRecord[];
    const approval = this.approvalRequired();
    return { items: items.map((c) => this.m.store.toRow(c, approval)), total, page, pageSize };
  }

  private fieldsOf(ids: number[]) {
    const all = this.core.reference.list().fields;
    const out = ids.map((id) => all.find((f) => f.id === id));
    const missing = ids.filter((_id, i) => !out[i]);
    if (missing.length) throw new AppError('VALIDATION', `없는 분야입니다: ${missing.join(', ')}`);
    return out.map((f) => f!);
  }

  save(input: CampaignDraft, userId: string | null): CampaignRow {
    const fields = this.fieldsOf(input.fieldIds);
    if (input.kind === 'notice' && fields.some((f) => f.kind !== 'notice'))
      throw new AppError('VALIDATION', '고지 캠페인은 고지(통지서) 분야만 고를 수 있습니다.');
    const isAd = input.isAd ?? fields.some((f) => f.isAdDefault);
    const at = this.nowIso();
    const cols = {
      name: input.name,
      kind: input.kind,
      sms_enabled: input.channels.sms ? 1 : 0,
      email_enabled: input.channels.email ? 1 : 0,
      field_ids: JSON.stringify(input.fieldIds),
      filters: JSON.stringify(input.filters),
      is_ad: isAd ? 1 : 0,
      sms_text: input.sms.text,
      sms_subject: input.sms.subject,
      append_sns: input.sms.appendSns ? 1 : 0,
      email_subject: input.email.subject,
      email_html: input.email.html,
      template_id: input.templateId,
      updated_at: at,
    };
    if (input.id) {
      const c = this.record(input.id);
      if (c.status !== 'draft') throw new AppError('VALIDATION', '작성 중인 캠페인만 고칠 수 있습니다.');
      // Any change needs a fresh approval.
      this.m.store.set(c.id, { ...cols, approved_by: null, approved_at: null });
      return this.row(c.id);
    }
    const id = randomUUID();
    this.core.sqlite
      .prepare(
        `INSERT INTO campaigns (id, name, kind, status, sms_enabled, email_enabled, field_ids, filters, is_ad, sms_text,
          sms_subject, append_sns, email_subject, email_html, template_id, created_by, created_at, updated_at)
         VALUES (@id, @name, @kind, 'draft', @sms_enabled, @email_enabled, @field_ids, @filters, @is_ad, @sms_text,
          @sms_subject, @append_sns, @email_subject, @email_html, @template_id, @created_by, @at, @updated_at)`,
      )
      .run({ ...cols, id, created_by: userId, at });
    return this.row(id);
  }

  delete(id: string): void {
    const c = this.record(id);
    if (c.status !== 'draft') throw new AppError('VALIDATION', '작성 중인 캠페인만 삭제할 수 있습니다.');
    this.core.sqlite.transaction(() => {
      this.core.sqlite.prepare('DELETE FROM outbox WHERE campaign_id = ?').run(id);
      this.core.sqlite.prepare('DELETE FROM campaign_notice_rows WHERE campaign_id = ?').run(id);
      this.core.sqlite.prepare('DELETE FROM campaigns WHERE id = ?').run(id);
    })();
  }

  specOf(c: CampaignRecord): TargetSpec {
    return {
      fieldIds: fieldIdsOf(c),
      channels: { sms: !!c.smsEnabled, email: !!c.emailEnabled },
      filters: filtersOf(c),
    };
  }

  /** Live count; a notice campaign counts its matched file rows. */
  audience(spec: TargetSpec, notice?: CampaignRecord): AudienceOutput {
    if (!notice) return this.m.targeting.audience(spec);
    const t0 = performance.now();
    const rows = this.core.sqlite
      .prepare(
        `SELECT match, channels, count(*) AS n FROM campaign_notice_rows WHERE campaign_id = ? GROUP BY match, channels`,
      )
      .all(notice.id) as { match: string; channels: string; n: number }[];
    const count = (ch: string) =>
      rows
        .filter((r) => r.match === 'matched' && r.channels.split(',').includes(ch))
        .reduce((a, r) => a + r.n, 0);
    const total = rows.reduce((a, r) => a + r.n, 0);
    const people = rows.filter((r) => r.match === 'matched').reduce((a, r) => a + r.n, 0);
    const ex = (ch: string) => ({
      recipients: count(ch),
      excluded: [{ reason: 'notice_unmatched', label: '대조되지 않은 행', count: total - count(ch) }].filter(
        (e) => e.count > 0,
      ),
    });
    return {
      candidates: total,
      sms: spec.channels.sms ? ex('sms') : null,
      email: spec.channels.email ? ex('email') : null,
      people,
      tookMs: Math.round(performance.now() - t0),
    };
  }

  /** Values each placeholder takes among the recipients (worst case), and a sample recipient. */
  private placeholderValues(c: { kind: string; id?: string }, spec: TargetSpec): Record<string, string[]> {
    if (c.kind === 'notice' && c.id) {
      const values: Record<string, string[]> = {};
      const rows = this.core.sqlite
        .prepare(`SELECT vars FROM campaign_notice_rows WHERE campaign_id = ? AND match = 'matched'`)
        .pluck()
        .all(c.id) as string[];
      for (const r of rows)
        for (const [k, v] of Object.entries(JSON.parse(r) as Record<string, string>)) {
          values[k] ??= [];
          values[k].push(v);
        }
      return values;
    }
    return this.m.targeting.longestValues(spec);
  }

  private knownPlaceholders(c: CampaignRecord | null): string[] {
    const meta = c ? noticeMetaOf(c) : null;
    return [...BASE_PLACEHOLDERS, ...(meta?.columns ?? [])];
  }

  private sample(c: CampaignRecord | null, spec: TargetSpec, subscriberId?: string) {
    if (c?.kind === 'notice') {
      const r = this.core.sqlite
        .prepare(
          `SELECT vars FROM campaign_notice_rows WHERE campaign_id = ? AND match = 'matched' ORDER BY row_no LIMIT 1`,
        )
        .pluck()
        .get(c.id) as string | undefined;
      if (!r) return null;
      const vars = JSON.parse(r) as Record<string, string>;
      return { name: vars.이름 ?? '', dong: vars.동 ?? '', vars };
    }
    const s = subscriberId ? this.core.subscriberRepo.byId(subscriberId) : undefined;
    if (subscriberId && !s) throw new AppError('NOT_FOUND', '구독자를 찾을 수 없습니다.');
    const one = s
      ? { name: s.name, dong: s.dongId ? (this.core.reference.dong(s.dongId)?.name ?? '') : '' }
      : this.m.targeting.sample(spec);
    if (!one) return null;
    return { ...one, vars: { 이름: one.name, 동: one.dong } };
  }

  /** Final text for a sample recipient, bytes, class, unsupported characters, cost, warnings. */
  preview(input: { id?: string; draft?: CampaignDraft; subscriberId?: string }): PreviewOutput {
    return this.m.targeting.pin(() => this.previewPinned(input));
  }

  private previewPinned(input: { id?: string; draft?: CampaignDraft; subscriberId?: string }): PreviewOutput {
    let rec: CampaignRecord | null = null;
    let compose: ComposeInput;
    let spec: TargetSpec;
    if (input.draft) {
      const d = input.draft;
      const fields = this.fieldsOf(d.fieldIds);
      compose = {
        isAd: d.isAd ?? fields.some((f) => f.isAdDefault),
        smsText: d.sms.text,
        smsSubject: d.sms.subject,
        appendSns: d.sms.appendSns,
        emailSubject: d.email.subject,
        emailHtml: d.email.html,
      };
      spec = { fieldIds: d.fieldIds, channels: d.channels, filters: d.filters };
      if (d.id) rec = this.record(d.id);
      if (rec && rec.kind !== d.kind) rec = null;
    } else if (input.id) {
      rec = this.record(input.id);
      compose = composeInputOf(rec);
      spec = this.specOf(rec);
    } else throw new AppError('VALIDATION', '캠페인이나 작성 중인 내용을 주세요.');

    const s = this.core.settings.get();
    const cs = this.m.settings.get();
    const t = buildTemplates(compose, s, cs);
    const audience = this.audience(spec, rec?.kind === 'notice' ? rec : undefined);
    const sample = this.sample(rec, spec, input.subscriberId);
    const vars = sample?.vars ?? { 이름: '홍길동', 동: '' };
    const known = this.knownPlaceholders(rec);
    const night = isNight(this.core.clock.now());

    let sms: PreviewOutput['sms'] = null;
    if (spec.channels.sms) {
      const warnings: string[] = [];
      const text = fillTemplate(t.sms, vars);
      const count = countSmsBytes(text);
      const worst = worstCase(t.sms, this.placeholderValues(rec ?? { kind: 'info' }, spec));
      const subject = fillTemplate(t.smsSubject, vars);
      const subj = countSubjectBytes(subject);
      const unknown = unknownPlaceholders(compose.smsText, known);
      if (!compose.smsText.trim()) warnings.push('문자 내용을 입력하세요.');
      if (unknown.length)
        warnings.push(`채울 수 없는 자리표시자가 있습니다: ${unknown.map((u) => `{${u}}`).join(', ')}`);
      if (!s.optOutNumber) warnings.push('설정에 수신거부 번호가 없습니다. 관리자에게 설정을 요청하세요.');
      if (compose.isAd && !s.adOptOutNumber)
        warnings.push('광고 문자에 필요한 무료수신거부(080) 번호가 설정에 없습니다.');
      if (worst.class === 'TOO_LONG') warnings.push('문자가 2,000바이트를 넘어 보낼 수 없습니다.');
      if (worst.class === 'LMS' && !subject.trim()) warnings.push(LMS_NO_SUBJECT);
      if (worst.class === 'LMS' && subj.tooLong) warnings.push('장문(LMS) 제목은 40바이트 이하여야 합니다.');
      if (count.unsupported.length)
        warnings.push(`문자로 보낼 수 없는 글자가 있습니다: ${count.unsupported.join(' ')}`);
      if (night) warnings.push(compose.isAd ? NIGHT_AD_REFUSED : NIGHT_CONFIRM);
      const unitPrice = worst.class === 'SMS' ? s.prices.sms : s.prices.lms;
      const recipients = audience.sms?.recipients ?? 0;
      sms = {
        text,
        subject: worst.class === 'SMS' ? null : subject,
        bytes: count.bytes,
        worstCaseBytes: worst.bytes,
        class: worst.class,
        subjectBytes: subj.bytes,
        subjectTooLong: subj.tooLong,
        unsupported: count.unsupported,
        recipients,
        unitPrice,
        cost: recipients * unitPrice,
        night,
        warnings,
      };
    }
    let email: PreviewOutput['email'] = null;
    if (spec.channels.email) {
      const warnings: string[] = [];
      const mail = renderEmail(t, vars, 'preview');
      if (!compose.emailSubject.trim()) warnings.push('이메일 제목을 입력하세요.');
      if (!compose.emailHtml.trim()) warnings.push('이메일 내용을 입력하세요.');
      const unknown = unknownPlaceholders(compose.emailHtml + compose.emailSubject, known);
      if (unknown.length)
        warnings.push(`채울 수 없는 자리표시자가 있습니다: ${unknown.map((u) => `{${u}}`).join(', ')}`);
      if (!this.m.smtpConfigured()) warnings.push('메일 서버(SMTP)가 설정되지 않았습니다.');
      email = {
        subject: mail.subject,
        html: mail.html,
        text: mail.text,
        recipients: audience.email?.recipients ?? 0,
        warnings,
      };
    }
    return { recipient: sample ? { name: sample.name, dong: sample.dong } : null, sms, email };
  }

  // ---- approval ------------------------------------------------------------------------------

  approve(id: string, user: { id: string; role: string }, note?: string): CampaignRow {
    const c = this.record(id);
    if (c.status !== 'draft' && c.status !== 'scheduled')
      throw new AppError('VALIDATION', '작성 중이거나 예약된 캠페인만 승인할 수 있습니다.');
    if (c.createdBy && c.createdBy === user.id)
      throw new AppError(
        'FORBIDDEN',
        '작성자는 자기 캠페인을 승인할 수 없습니다. 다른 홍보 담당자가 승인해야 합니다.',
      );
    if (user.role !== 'pr' && user.role !== 'admin')
      throw new AppError('FORBIDDEN', '홍보 담당자만 승인할 수 있습니다.');
    this.m.store.set(id, {
      approved_by: user.id,
      approved_at: this.nowIso(),
      note: note ?? null,
      updated_at: this.nowIso(),
    });
    return this.row(id);
  }

  reject(id: string, note: string): CampaignRow {
    const c = this.record(id);
    if (c.status !== 'draft' && c.status !== 'scheduled')
      throw new AppError('VALIDATION', '작성 중이거나 예약된 캠페인만 되돌릴 수 있습니다.');
    this.m.store.set(id, {
      approved_by: null,
      approved_at: null,
      status: 'draft',
      scheduled_at: null,
      note,
      updated_at: this.nowIso(),
    });
    return this.row(id);
  }

  private assertApproved(c: CampaignRecord): void {
    if (!this.approvalRequired()) return;
    if (!c.approvedBy || c.approvedBy === c.createdBy)
      throw new AppError(
        'FORBIDDEN',
        '승인이 필요한 캠페인입니다. 작성자가 아닌 홍보 담당자가 먼저 승인해야 합니다.',
      );
  }

  // ---- checks before it can go -------------------------------------------------------------------

  /** Night rule (Asia/Seoul 21–08): ad SMS refused, any other SMS needs confirmNight. */
  assertNightRule(c: CampaignRecord, when: Date, confirmNight: boolean): void {
    if (!c.smsEnabled || !isNight(when)) return;
    if (c.isAd) throw new AppError('VALIDATION', NIGHT_AD_REFUSED);
    if (!confirmNight) throw new AppError('VALIDATION', NIGHT_CONFIRM);
  }

  /** Everything that would make a send go wrong, as one Korean message per problem. */
  problems(c: CampaignRecord): string[] {
    if (c.kind === 'notice' && !noticeMetaOf(c)) return ['고지 자료(엑셀)를 먼저 올리세요.'];
    const p = this.preview({ id: c.id });
    const out: string[] = [];
    const nightWarnings = [NIGHT_AD_REFUSED, NIGHT_CONFIRM, LMS_NO_SUBJECT];
    if (p.sms) {
      out.push(...p.sms.warnings.filter((w) => !nightWarnings.includes(w)));
      if (p.sms.recipients === 0 && !p.email?.recipients) out.push('받는 사람이 없습니다.');
    }
    if (p.email) out.push(...p.email.warnings);
    if (!p.sms && p.email && p.email.recipients === 0) out.push('받는 사람이 없습니다.');
    return [...new Set(out)];
  }

  private assertReady(c: CampaignRecord): void {
    const probs = this.problems(c);
    if (probs.length)
      throw new AppError('VALIDATION', probs[0], Object.fromEntries(probs.map((p, i) => [`problem${i}`, p])));
  }

  // ---- schedule / launch ---------------------------------------------------------------------------

  schedule(id: string, at: string, confirmNight: boolean): CampaignRow {
    const c = this.record(id);
    if (c.status !== 'draft' && c.status !== 'scheduled')
      throw new AppError('VALIDATION', '작성 중인 캠페인만 예약할 수 있습니다.');
    const when = new Date(at);
    if (Number.isNaN(when.getTime())) throw new AppError('VALIDATION', '예약 시각 형식이 올바르지 않습니다.');
    if (when.getTime() <= this.core.clock.now().getTime())
      throw new AppError('VALIDATION', '예약 시각은 지금보다 뒤여야 합니다.');
    this.assertApproved(c);
    this.assertNightRule(c, when, confirmNight);
    this.assertReady(c);
    this.m.store.set(id, {
      status: 'scheduled',
      scheduled_at: when.toISOString(),
      confirm_night: confirmNight ? 1 : 0,
      updated_at: this.nowIso(),
    });
    return this.row(id);
  }

  unschedule(id: string): CampaignRow {
    const c = this.record(id);
    if (c.status !== 'scheduled') throw new AppError('VALIDATION', '예약된 캠페인이 아닙니다.');
    this.m.store.set(id, { status: 'draft', scheduled_at: null, updated_at: this.nowIso() });
    return this.row(id);
  }

  /** The scheduler's launch: the same checks; a refusal keeps it scheduled with a note. */
  launchScheduled(id: string): { ok: boolean; reason?: string } {
    const c = this.record(id);
    const actor: Actor = { userId: null, audit: (e) => this.core.audit.append(SCHEDULER_ACTOR, e) };
    try {
      this.launch(id, !!c.confirmNight, actor, { fromSchedule: true });
      return { ok: true };
    } catch (e) {
      const reason = e instanceof AppError ? e.message : String(e);
      if (!(e instanceof AppError)) console.error('[sotong] scheduled launch failed', e);
      if (c.note !== reason) this.m.store.set(id, { note: `예약 발송 보류: ${reason}` });
      return { ok: false, reason };
    }
  }

  /**
   * Launch: final checks, the recipients written to the outbox in one transaction (prepared
   * statements), templates frozen, then the dispatcher starts (unless the caller runs it).
   */
  launch(
    id: string,
    confirmNight: boolean,
    actor: Actor,
    opts: { fromSchedule?: boolean; dispatch?: boolean } = {},
  ): CampaignRow {
    const row = this.m.targeting.pin(() => this.launchPinned(id, confirmNight, actor, opts));
    if (opts.dispatch !== false) this.m.dispatcher.start(id);
    return row;
  }

  private launchPinned(
    id: string,
    confirmNight: boolean,
    actor: Actor,
    opts: { fromSchedule?: boolean; dispatch?: boolean },
  ): CampaignRow {
    const c = this.record(id);
    const allowed = opts.fromSchedule ? ['scheduled'] : ['draft', 'scheduled'];
    if (!allowed.includes(c.status))
      throw new AppError(
        'VALIDATION',
        `${c.status === 'sending' ? '이미 발송 중인' : '발송할 수 없는 상태의'} 캠페인입니다.`,
      );
    this.assertApproved(c);
    this.assertNightRule(c, this.core.clock.now(), confirmNight);
    this.assertReady(c);

    const s = this.core.settings.get();
    const frozen: Frozen = buildTemplates(composeInputOf(c), s, this.m.settings.get());
    const spec = this.specOf(c);

    type Row = {
      subscriberId: string;
      address: string;
      name: string;
      vars: string;
      values?: Record<string, string>;
    };
    const byChannel: Record<'sms' | 'email', Row[]> = { sms: [], email: [] };
    if (c.kind === 'notice') {
      const rows = this.core.sqlite
        .prepare(
          `SELECT n.subscriber_id AS sid, n.vars, n.channels, s.mobile, s.email, s.name FROM campaign_notice_rows n
           JOIN subscribers s ON s.id = n.subscriber_id WHERE n.campaign_id = ? AND n.match = 'matched' ORDER BY n.row_no`,
        )
        .all(id) as {
        sid: string;
        vars: string;
        channels: string;
        mobile: string;
        email: string;
        name: string;
      }[];
      for (const r of rows) {
        const chs = r.channels.split(',');
        if (c.smsEnabled && chs.includes('sms'))
          byChannel.sms.push({ subscriberId: r.sid, address: r.mobile, name: r.name, vars: r.vars });
        if (c.emailEnabled && chs.includes('email'))
          byChannel.email.push({ subscriberId: r.sid, address: r.email, name: r.name, vars: r.vars });
      }
    } else {
      for (const ch of ['sms', 'email'] as const) {
        if (!spec.channels[ch]) continue;
        byChannel[ch] = this.m.targeting.recipients(spec, ch).map((r) => {
          const values = { 이름: r.name, 동: r.dong };
          return {
            subscriberId: r.subscriberId,
            address: r.address,
            name: r.name,
            vars: JSON.stringify(values),
            values,
          };
        });
      }
    }
    const total = byChannel.sms.length + byChannel.email.length;
    if (total === 0) throw new AppError('VALIDATION', '받는 사람이 없습니다.');

    // The class is frozen at the worst case over exactly these recipients' values.
    let smsClass: string | null = null;
    let smsBytes: number | null = null;
    if (c.smsEnabled) {
      const values: Record<string, string[]> = {};
      for (const r of byChannel.sms)
        for (const [k, v] of Object.entries(r.values ?? (JSON.parse(r.vars) as Record<string, string>))) {
          values[k] ??= [];
          values[k].push(v);
        }
      const w = worstCase(frozen.sms, values);
      smsClass = w.class;
      smsBytes = w.bytes;
      if (w.class === 'TOO_LONG')
        throw new AppError('VALIDATION', '문자가 2,000바이트를 넘어 보낼 수 없습니다.');
    }
    frozen.smsClass = smsClass ?? '';

    const at = this.nowIso();
    const insert = this.core.sqlite.prepare(
      `INSERT INTO outbox (campaign_id, channel, subscriber_id, address, name, vars, status, token, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, 'queued', ?, ?, ?)`,
    );
    const tok = tokens(total);
    let k = 0;
    // In subscriber order, so the subscriber index is appended to as well (dispatch order does not matter).
    const bySubscriber = (a: Row, b: Row) =>
      a.subscriberId < b.subscriberId ? -1 : a.subscriberId > b.subscriberId ? 1 : 0;
    byChannel.sms.sort(bySubscriber);
    byChannel.email.sort(bySubscriber);
    this.core.sqlite
      .transaction(() => {
        const cur = this.record(id);
        if (cur.status !== c.status) throw new AppError('CONFLICT', '다른 곳에서 이미 발송을 시작했습니다.');
        for (const ch of ['sms', 'email'] as const)
          for (const r of byChannel[ch]) {
            insert.run(id, ch, r.subscriberId, r.address, r.name, r.vars, tok(k), at, at);
            k++;
          }
        this.m.store.set(id, {
          status: 'sending',
          frozen: JSON.stringify(frozen),
          sms_class: smsClass,
          sms_bytes: smsBytes,
          confirm_night: confirmNight || c.confirmNight ? 1 : 0,
          launched_by: actor.userId,
          launched_at: at,
          pause_reason: null,
          updated_at: at,
        });
      })
      .immediate();
    actor.audit({
      action: 'send',
      targetType: 'campaign',
      targetId: id,
      subjectCount: total,
      detail: { sms: byChannel.sms.length, email: byChannel.email.length, smsClass },
    });
    return this.row(id);
  }

  // ---- control ---------------------------------------------------------------------------------------

  pause(id: string) {
    const c = this.record(id);
    if (c.status !== 'sending')
      throw new AppError('VALIDATION', '발송 중인 캠페인만 일시정지할 수 있습니다.');
    this.m.store.set(id, {
      status: 'paused',
      pause_reason: '담당자가 일시정지했습니다.',
      updated_at: this.nowIso(),
    });
    return this.progressOut(id);
  }

  resume(id: string, confirmNight: boolean, opts: { dispatch?: boolean } = {}) {
    const c = this.record(id);
    if (c.status !== 'paused')
      throw new AppError('VALIDATION', '일시정지된 캠페인만 다시 시작할 수 있습니다.');
    this.assertNightRule(c, this.core.clock.now(), confirmNight || !!c.confirmNight);
    this.m.store.set(id, {
      status: 'sending',
      pause_reason: null,
      confirm_night: confirmNight || c.confirmNight ? 1 : 0,
      updated_at: this.nowIso(),
    });
    if (opts.dispatch !== false) this.m.dispatcher.start(id);
    return this.progressOut(id);
  }

  cancel(id: string) {
    const c = this.record(id);
    if (!['sending', 'paused', 'scheduled', 'draft'].includes(c.status))
      throw new AppError('VALIDATION', '이미 끝난 캠페인입니다.');
    const at = this.nowIso();
    this.core.sqlite.transaction(() => {
      this.m.dispatcher.outbox.cancelQueued(id, '발송을 취소했습니다.', at);
      this.m.store.set(id, { status: 'cancelled', finished_at: at, updated_at: at, scheduled_at: null });
    })();
    this.m.dispatcher.emit(id, {}, true);
    return this.progressOut(id);
  }

  progressOut(id: string) {
    const p = this.m.dispatcher.progress(id);
    return { id, status: p.status, counts: p.counts };
  }

  // ---- test send ------------------------------------------------------------------------------------

  /** Sends the composed message now to staff numbers/addresses (outbox rows marked is_test). */
  async testSend(id: string, phones: string[], emails: string[], actor: Actor) {
    const c = this.record(id);
    if (phones.length + emails.length === 0)
      throw new AppError('VALIDATION', '받을 번호나 주소를 하나 이상 적으세요.');
    if (phones.length && !c.smsEnabled) throw new AppError('VALIDATION', '문자를 보내지 않는 캠페인입니다.');
    if (emails.length && !c.emailEnabled)
      throw new AppError('VALIDATION', '이메일을 보내지 않는 캠페인입니다.');
    if (emails.length && !this.m.smtpConfigured())
      throw new AppError('VALIDATION', '메일 서버(SMTP)가 설정되지 않았습니다.');
    const s = this.core.settings.get();
    const frozen = c.frozen
      ? (JSON.parse(c.frozen) as Frozen)
      : buildTemplates(composeInputOf(c), s, this.m.settings.get());
    const meta = noticeMetaOf(c);
    const vars: Record<string, string> = {
      이름: '홍길동',
      동: this.core.reference.list().dongs[0]?.name ?? '',
    };
    for (const col of meta?.columns ?? []) vars[col] = `[${col}]`;
    const smsClass =
      c.smsClass ??
      (c.smsEnabled ? worstCase(frozen.sms, this.placeholderValues(c, this.specOf(c))).class : '');
    if (c.smsEnabled && smsClass === 'TOO_LONG')
      throw new AppError('VALIDATION', '문자가 2,000바이트를 넘어 보낼 수 없습니다.');
    frozen.smsClass = smsClass;

    const targets: { channel: 'sms' | 'email'; address: string }[] = [];
    for (const p of phones) {
      const n = normalizePhone(p);
      if (n.kind !== 'mobile') throw new AppError('VALIDATION', `휴대전화 번호가 아닙니다: ${p}`);
      targets.push({ channel: 'sms', address: n.digits });
    }
    for (const e of emails) {
      const n = normalizeEmail(e);
      if (!n.valid) throw new AppError('VALIDATION', `이메일 주소 형식이 올바르지 않습니다: ${e}`);
      targets.push({ channel: 'email', address: n.value });
    }
    const at = this.nowIso();
    const ins = this.core.sqlite.prepare(
      `INSERT INTO outbox (campaign_id, channel, subscriber_id, address, name, vars, status, token, is_test, created_at, updated_at)
       VALUES (?, ?, NULL, ?, '(시험 발송)', ?, 'queued', ?, 1, ?, ?)`,
    );
    const ids = this.core.sqlite.transaction(() =>
      targets.map((t) =>
        Number(ins.run(id, t.channel, t.address, JSON.stringify(vars), token(), at, at).lastInsertRowid),
      ),
    )();
    await this.m.dispatcher.sendNow({ ...c, frozen: JSON.stringify(frozen), smsClass }, ids);
    actor.audit({
      action: 'send',
      targetType: 'campaign_test',
      targetId: id,
      subjectCount: 0,
      detail: { count: ids.length },
    });
    const rows = this.core.sqlite
      .prepare(`SELECT ${OUTBOX_COLS} FROM outbox WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id`)
      .all(JSON.stringify(ids)) as OutboxDbRow[];
    return rows.map(toOutboxOut);
  }

  /** The text a row carries (person page, results). */
  renderedFor(c: CampaignRecord, channel: 'sms' | 'email', vars: string | null, tok: string) {
    const frozen = c.frozen
      ? (JSON.parse(c.frozen) as Frozen)
      : buildTemplates(composeInputOf(c), this.core.settings.get(), this.m.settings.get());
    const v = JSON.parse(vars ?? '{}') as Record<string, string>;
    if (channel === 'sms') return renderSms(frozen, v, c.smsClass ?? '');
    const mail = renderEmail(frozen, v, tok);
    return { text: mail.text, subject: mail.subject };
  }
}
