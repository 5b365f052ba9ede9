/**
 * The opt-out backend (issue #6). Every way an opt-out arrives ends in `ingestMessages`,
 * `unsubscribeEmail` or `manual`; all of them apply through `applyTo`, which withdraws consent in the
 * ledger (source 'optout', the raw message as evidence, the message time), adds a hash-only
 * suppression entry, records what was done, audits it per person and tells the dispatcher.
 */
import { randomUUID } from 'node:crypto';
import { uuidv7 } from '../db/ids';
import type { IngestSummary, OptOutSourceName, OptOutStatus } from '../../shared/contract/optout';
import { AppError } from '../../shared/errors';
import { FieldMatcher, type OptOutIntent, readOptOut } from '../../shared/optout';
import { formatDate } from '../../shared/text/dates';
import { normalizeEmail } from '../../shared/text/email';
import { normalizePhone } from '../../shared/text/phone';
import type { AuditActor } from '../audit/service';
import type { Core } from '../core/core';
import type { SubscriberRecord } from '../subscribers/repository';
import { CampaignLink } from './campaignLink';
import { type ChannelChoice, fixedIntent } from './fixed';
import { OptOutReports } from './reports';
import { OptOutSettingsStore } from './settings';
import { type MessageRecord, OptOutStore, sha256, uuidFrom } from './store';
import { OptOutSync } from './sync';
import type { IncomingOptOut, NoticeSender, OptOutApplied, PendingNotice } from './types';

type Ch = 'sms' | 'email';
export type { ChannelChoice };

export interface IngestOptions {
  actor?: AuditActor;
  /** decided outside the reader (080 lists, e-mail links, staff forms) */
  intent?: (m: IncomingOptOut) => OptOutIntent | null;
}

export interface IngestResult extends Omit<IngestSummary, 'skipped' | 'problems'> {
  ids: string[];
}

interface Target {
  person: SubscriberRecord;
  channel: Ch;
}

// Messages per transaction: few commits for a big batch, yet the write lock is never held for long.
const CHUNK = 2000;
/** Sources whose sender gets the confirmation SMS (not 080: the provider's system confirms itself). */
const CONFIRM_SOURCES: OptOutSourceName[] = ['sms-mo', 'provider-mo', 'work-phone'];

function minuteKey(d: Date): string {
  return d.toISOString().slice(0, 16);
}

export class OptOutService {
  private _store?: OptOutStore;
  private _settings?: OptOutSettingsStore;
  private _campaigns?: CampaignLink;
  private _sync?: OptOutSync;
  private _reports?: OptOutReports;
  private listeners = new Set<(e: OptOutApplied) => void>();
  private noticeSender: NoticeSender | null = null;
  /** field names for the batch being ingested (reference data is read once per batch, not per message) */
  private batchFields: Map<number, string> | null = null;

  // Built lazily: the core creates this service before its database services are all in place.
  constructor(private core: Core) {}

  get store(): OptOutStore {
    this._store ??= new OptOutStore(this.core.sqlite);
    return this._store;
  }
  get settings(): OptOutSettingsStore {
    this._settings ??= new OptOutSettingsStore(this.core.sqlite, this.core.clock.now);
    return this._settings;
  }
  get campaigns(): CampaignLink {
    this._campaigns ??= new CampaignLink(this.core.sqlite);
    return this._campaigns;
  }
  get reports(): OptOutReports {
    this._reports ??= new OptOutReports(this.core, this);
    return this._reports;
  }
  /** 080 lists and provider inboxes: `sync.registerListSource(...)`, `sync.run()`. */
  get sync(): OptOutSync {
    this._sync ??= new OptOutSync(this.core, this);
    return this._sync;
  }

  /**
   * The dispatcher's hook: called after each applied opt-out is committed. The suppression list
   * already stops sends (the dispatcher re-checks repo.suppression at send time); this lets it mark
   * the person's queued outbox rows 'skipped' with a reason right away. Returns an unsubscribe.
   */
  onApplied(cb: (e: OptOutApplied) => void): () => void {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  }

  /** The dispatcher registers how confirmation SMS / result notices are sent. */
  setNoticeSender(sender: NoticeSender | null): void {
    this.noticeSender = sender;
  }

  fieldMatcher(fields = this.core.reference.list().fields): FieldMatcher {
    const aliases = this.settings.get().aliases.map((a) => ({ alias: a.alias, field: a.fieldId }));
    return new FieldMatcher(fields, aliases);
  }

  systemActor(origin: 'system' | 'public', username: string): AuditActor {
    return {
      userId: null,
      username,
      role: null,
      origin,
      stationId: this.core.settings.get().thisStationId,
      address: null,
    };
  }

  // ---------------------------------------------------------------- ingest

  /**
   * Every received message: SMS MO from the public listener (`source: 'sms-mo'`), provider inboxes,
   * 080 lists, pasted or imported work-phone messages. Idempotent: a message seen before (same
   * provider id, or same sender + text + minute) is counted as a duplicate and changes nothing.
   */
  ingestMessages(msgs: IncomingOptOut[], opts: IngestOptions = {}): IngestResult {
    const actor = opts.actor ?? this.systemActor('public', '수신거부 자동 처리');
    const fields = this.core.reference.list().fields;
    const matcher = this.fieldMatcher(fields);
    const settings = this.settings.get();
    const res: IngestResult = {
      messages: msgs.length,
      applied: 0,
      review: 0,
      unmatched: 0,
      duplicates: 0,
      pending: 0,
      ids: [],
    };
    this.batchFields = new Map(fields.map((f) => [f.id, f.name]));
    const cache = new Map<string, OptOutIntent>();
    try {
      for (let i = 0; i < msgs.length; i += CHUNK) {
        const done: OptOutApplied[] = [];
        this.core.sqlite.transaction(() => {
          for (const m of msgs.slice(i, i + CHUNK)) {
            const r = this.ingestOne(m, { actor, matcher, settings, intent: opts.intent, cache });
            if (!r) {
              res.duplicates++;
              continue;
            }
            res.ids.push(r.id);
            if (r.status === 'applied') res.applied++;
            else if (r.status === 'review') res.review++;
            else if (r.status === 'unmatched') res.unmatched++;
            else if (r.status === 'new') res.pending++;
            if (r.applied) done.push(r.applied);
          }
        })();
        this.notify(done);
      }
    } finally {
      this.batchFields = null;
    }
    if (res.ids.length > 0) this.core.events.emit('data.changed', { domain: 'optout' });
    return res;
  }

  private ingestOne(
    m: IncomingOptOut,
    c: {
      actor: AuditActor;
      matcher: FieldMatcher;
      settings: ReturnType<OptOutSettingsStore['get']>;
      intent?: IngestOptions['intent'];
      cache?: Map<string, OptOutIntent>;
    },
  ): { id: string; status: OptOutStatus; applied: OptOutApplied | null } | null {
    const now = this.core.clock.now();
    const sender = parseSender(m.from);
    const at = toDate(m.receivedAt);
    const text = (m.text ?? '').slice(0, 4000);
    const key = m.providerId
      ? sha256(`p|${m.source}|${m.sourceDetail ?? ''}|${m.providerId}`)
      : sha256(
          `m|${sender.mobile ?? sender.email ?? m.from}|${text.normalize('NFC').replace(/\s+/g, '')}|${
            at ? minuteKey(at) : 'notime'
          }`,
        );
    if (this.store.findKey(key)) return null;

    const intent = c.intent?.(m) ?? this.read(text, sender.mobile, c);
    const people = sender.mobile
      ? this.core.subscriberRepo.byMobile(sender.mobile)
      : sender.email
        ? this.core.subscriberRepo.byEmail(sender.email)
        : [];
    const channel: ChannelChoice = intent.channel ?? (sender.mobile ? 'sms' : 'email');

    let status: OptOutStatus;
    let reason = intent.reason;
    if (!sender.mobile && !sender.email) {
      status = 'review';
      reason = `보낸 번호를 읽을 수 없습니다 (${m.from}). ${intent.reason}`;
    } else if (intent.decision === 'review') status = 'review';
    else if (people.length === 0) status = 'unmatched';
    else status = c.settings.autoApply ? 'applied' : 'new';

    // A clear opt-out from a number nobody has: keep the number off every future import all the same.
    const suppressed = status === 'unmatched' && c.settings.autoApply;
    const msg: MessageRecord = {
      id: uuidv7(),
      dedupeKey: key,
      source: m.source,
      sourceDetail: m.sourceDetail ?? null,
      providerId: m.providerId ?? null,
      sender: m.from,
      mobile: sender.mobile,
      email: sender.email,
      text,
      receivedAt: (at ?? now).toISOString(),
      timeKnown: at !== null,
      status,
      code: intent.code,
      reason,
      scope: intent.scope,
      fieldIds: intent.fieldIds,
      channel,
      matchedIds: people.map((p) => p.id),
      suppressed,
      resolvedBy: null,
      resolvedAt: status === 'applied' ? now.toISOString() : null,
      note: null,
      createdBy: c.actor.userId,
      createdAt: now.toISOString(),
    };
    this.store.insert(msg);
    if (suppressed) this.suppressContact(msg, channel, intent.scope === 'fields' ? intent.fieldIds : null);
    if (status !== 'applied') return { id: msg.id, status, applied: null };
    const applied = this.applyTo(
      msg,
      this.targets(people, channel),
      intent.scope === 'fields' ? intent.fieldIds : null,
      {
        actor: c.actor,
        reason: `수신거부 문자 자동 처리: ${intent.reason}`,
      },
    );
    return { id: msg.id, status, applied };
  }

  /**
   * After a big send most replies are the same few words ('수신거부', '그만'): read each distinct text
   * once per batch. Texts holding a phone number depend on the sender and are read every time.
   */
  private read(
    text: string,
    from: string | null,
    c: {
      matcher: FieldMatcher;
      settings: ReturnType<OptOutSettingsStore['get']>;
      cache?: Map<string, OptOutIntent>;
    },
  ): OptOutIntent {
    const hit = c.cache?.get(text);
    if (hit) return hit;
    const r = readOptOut(text, { fields: c.matcher, from, maxLength: c.settings.maxAutoLength });
    if (c.cache && r.numbers.length === 0 && c.cache.size < 10_000) c.cache.set(text, r);
    return r;
  }

  // ---------------------------------------------------------------- apply

  /** People × channels an opt-out reaches: on SMS everyone sharing the number, on e-mail the address. */
  targets(people: SubscriberRecord[], channel: ChannelChoice): Target[] {
    const out: Target[] = [];
    for (const ch of channel === 'both' ? (['sms', 'email'] as const) : [channel])
      for (const person of people) if (contactOf(person, ch)) out.push({ person, channel: ch });
    return out;
  }

  /**
   * Withdraws consent, suppresses the contacts, records the application, queues the notices and
   * audits once per person. Re-applying the same message writes nothing new (stable event ids,
   * suppression and application rows de-duplicated).
   */
  applyTo(
    msg: MessageRecord,
    targets: Target[],
    fieldIds: number[] | null,
    o: { actor: AuditActor; reason: string },
  ): OptOutApplied {
    const repo = this.core.subscriberRepo;
    const now = this.core.clock.now().toISOString();
    const settings = this.settings.get();
    const fieldNames = this.fieldNames(fieldIds);
    const entries: OptOutApplied['entries'] = [];
    const perPerson = new Map<string, { channels: Ch[]; withdrawn: number }>();
    const evidence = evidenceOf(msg);
    const reason = o.reason.slice(0, 300);
    for (const { person, channel } of targets) {
      const address = contactOf(person, channel)!;
      const granted = repo
        .consentOf(person.id)
        .filter((s) => s.channel === channel && s.granted)
        .map((s) => s.fieldId);
      const withdraw = fieldIds ? fieldIds.filter((f) => granted.includes(f)) : granted;
      const written = repo.appendConsent(
        withdraw.map((fieldId) => ({
          id: uuidFrom(`optout|${msg.id}|${person.id}|${fieldId}|${channel}`),
          subscriberId: person.id,
          fieldId,
          channel,
          action: 'withdrawn' as const,
          at: msg.receivedAt,
          source: 'optout' as const,
          userId: o.actor.userId,
          stationId: o.actor.stationId,
          reason,
          evidence,
        })),
      );
      for (const f of fieldIds ?? [null]) repo.addSuppression(channel, address, f, 'optout');
      const last = this.campaigns.lastReceived(person.id, channel, msg.receivedAt);
      this.store.addApplication({
        messageId: msg.id,
        subscriberId: person.id,
        channel,
        fieldIds,
        withdrawn: written.length,
        campaignId: last?.campaignId ?? null,
        at: msg.receivedAt,
        userId: o.actor.userId,
        createdAt: now,
      });
      if (last?.isAd) {
        const due = new Date(new Date(msg.receivedAt).getTime() + settings.resultNoticeDays * 86_400_000);
        this.store.addNotice({
          messageId: msg.id,
          subscriberId: person.id,
          kind: 'result-notice',
          channel,
          address,
          body: this.fill(settings.resultNoticeText, msg.receivedAt, fieldNames),
          campaignId: last.campaignId,
          dueAt: due.toISOString(),
          at: now,
        });
      }
      entries.push({ subscriberId: person.id, channel, fieldIds, address });
      const p = perPerson.get(person.id) ?? { channels: [], withdrawn: 0 };
      p.channels.push(channel);
      p.withdrawn += written.length;
      perPerson.set(person.id, p);
    }
    if (settings.confirmationSms && msg.mobile && CONFIRM_SOURCES.includes(msg.source) && entries.length > 0)
      this.store.addNotice({
        messageId: msg.id,
        subscriberId: null,
        kind: 'confirmation',
        channel: 'sms',
        address: msg.mobile,
        body: this.fill(settings.confirmationText, msg.receivedAt, fieldNames),
        campaignId: null,
        dueAt: now,
        at: now,
      });
    for (const [id, p] of perPerson)
      this.core.audit.append(o.actor, {
        action: 'edit',
        targetType: 'subscriber',
        targetId: id,
        subjectCount: 1,
        reason: o.reason.slice(0, 300),
        detail: {
          optout: msg.id,
          source: msg.source,
          channels: p.channels,
          fields: fieldIds ?? 'all',
          withdrawn: p.withdrawn,
        },
      });
    return { messageId: msg.id, source: msg.source, at: msg.receivedAt, entries };
  }

  /** Suppresses the message's own sender (an unknown number or address). */
  private suppressContact(msg: MessageRecord, channel: ChannelChoice, fieldIds: number[] | null): void {
    const repo = this.core.subscriberRepo;
    const pairs: [Ch, string | null][] = [
      ['sms', channel !== 'email' ? msg.mobile : null],
      ['email', channel !== 'sms' ? msg.email : null],
    ];
    for (const [ch, addr] of pairs)
      if (addr) for (const f of fieldIds ?? [null]) repo.addSuppression(ch, addr, f, 'optout');
  }

  private notify(done: OptOutApplied[]): void {
    for (const e of done)
      for (const cb of this.listeners)
        try {
          cb(e);
        } catch (err) {
          console.error('[sotong] optout listener failed', err);
        }
  }

  fieldNames(fieldIds: number[] | null): string[] {
    if (!fieldIds || fieldIds.length === 0) return [];
    const byId = this.batchFields ?? new Map(this.core.reference.list().fields.map((f) => [f.id, f.name]));
    return fieldIds.map((id) => byId.get(id) ?? `#${id}`);
  }

  private fill(template: string, at: string, fieldNames: string[]): string {
    return template
      .replaceAll('{구이름}', this.core.settings.get().wardName)
      .replaceAll('{날짜}', formatDate(at))
      .replaceAll('{범위}', fieldNames.length > 0 ? fieldNames.join('·') : '모든 분야의');
  }

  // ---------------------------------------------------------------- staff actions

  /** Bulk confirm from the inbox: apply (with the scope staff chose) or dismiss. */
  resolve(
    input: {
      ids: string[];
      action: 'apply' | 'dismiss';
      scope?: 'all' | 'fields';
      fieldIds?: number[];
      channel?: ChannelChoice;
      subscriberIds?: string[];
      reason: string;
    },
    actor: AuditActor,
  ): { applied: number; dismissed: number; skipped: { id: string; reason: string }[] } {
    const repo = this.core.subscriberRepo;
    const out = { applied: 0, dismissed: 0, skipped: [] as { id: string; reason: string }[] };
    const done: OptOutApplied[] = [];
    const now = this.core.clock.now().toISOString();
    this.core.sqlite.transaction(() => {
      for (const id of input.ids) {
        const msg = this.store.get(id);
        if (!msg) {
          out.skipped.push({ id, reason: '메시지를 찾을 수 없습니다.' });
          continue;
        }
        if (msg.status === 'applied') {
          out.skipped.push({ id, reason: '이미 처리된 메시지입니다.' });
          continue;
        }
        if (input.action === 'dismiss') {
          this.store.resolve(id, {
            ...msg,
            status: 'dismissed',
            resolvedBy: actor.username,
            resolvedAt: now,
            note: input.reason,
          });
          out.dismissed++;
          continue;
        }
        const chosen = input.subscriberIds
          ?.map((s) => repo.byId(s))
          .filter((p): p is SubscriberRecord => !!p);
        if (input.subscriberIds && chosen?.length !== input.subscriberIds.length) {
          out.skipped.push({ id, reason: '고른 구독자를 찾을 수 없습니다.' });
          continue;
        }
        const people =
          chosen ?? (msg.mobile ? repo.byMobile(msg.mobile) : msg.email ? repo.byEmail(msg.email) : []);
        const scope = input.scope ?? msg.scope;
        const fieldIds = scope === 'fields' ? (input.fieldIds ?? msg.fieldIds) : [];
        if (scope === 'fields' && fieldIds.length === 0) {
          out.skipped.push({ id, reason: '분야를 고르세요.' });
          continue;
        }
        const channel = input.channel ?? msg.channel;
        const targets = this.targets(people, channel);
        if (targets.length === 0 && !msg.mobile && !msg.email) {
          out.skipped.push({ id, reason: '대상자를 찾지 못했습니다. 구독자를 골라 주세요.' });
          continue;
        }
        const scoped = scope === 'fields' ? fieldIds : null;
        // The sender's own number or address is suppressed too, even when the people chosen have another.
        this.suppressContact(msg, channel, scoped);
        const applied = this.applyTo(msg, targets, scoped, {
          actor,
          reason: `수신거부 확인 처리: ${input.reason}`,
        });
        done.push(applied);
        this.store.resolve(id, {
          status: people.length > 0 ? 'applied' : 'unmatched',
          scope,
          fieldIds,
          channel,
          matchedIds: people.map((p) => p.id),
          suppressed: true,
          resolvedBy: actor.username,
          resolvedAt: now,
          note: input.reason,
        });
        if (people.length > 0) out.applied++;
        else out.skipped.push({ id, reason: '대상자가 없어 번호만 수신거부 목록에 올렸습니다.' });
      }
      if (out.dismissed > 0)
        this.core.audit.append(actor, {
          action: 'edit',
          targetType: 'optout_message',
          subjectCount: out.dismissed,
          reason: input.reason,
          detail: { dismissed: input.ids.length },
        });
    })();
    this.notify(done);
    this.core.events.emit('data.changed', { domain: 'optout' });
    return out;
  }

  /**
   * A request by phone or at the counter. SMS reaches everyone on the number and e-mail everyone on
   * the address (the suppression list is keyed by the contact, so it stops them all anyway).
   * A dong user may only do this when every person reached belongs to their dong.
   */
  manual(
    input: {
      subscriberId?: string;
      mobile?: string;
      email?: string;
      scope: 'all' | 'fields';
      fieldIds: number[];
      channel: ChannelChoice;
      via: 'phone-call' | 'visit';
      note: string;
      at?: string;
    },
    actor: AuditActor,
    assertDong: (dongId: number | null) => void,
  ): { messageId: string; status: OptOutStatus; people: SubscriberRecord[]; withdrawn: number } {
    const repo = this.core.subscriberRepo;
    let mobile: string | null = null;
    let email: string | null = null;
    if (input.subscriberId) {
      const s = repo.byId(input.subscriberId);
      if (!s) throw new AppError('NOT_FOUND', '구독자를 찾을 수 없습니다.');
      mobile = s.mobile;
      email = s.email ? normalizeEmail(s.email).value : null;
    }
    if (input.mobile) {
      const p = normalizePhone(input.mobile);
      if (p.kind === 'invalid') throw new AppError('VALIDATION', '휴대전화 번호를 읽을 수 없습니다.');
      mobile = p.digits;
    }
    if (input.email) {
      const e = normalizeEmail(input.email);
      if (!e.valid) throw new AppError('VALIDATION', '이메일 주소 형식이 올바르지 않습니다.');
      email = e.value;
    }
    const wantSms = input.channel !== 'email';
    const wantEmail = input.channel !== 'sms';
    if ((wantSms && !mobile && !wantEmail) || (wantEmail && !email && !wantSms))
      throw new AppError('VALIDATION', '고른 수신 방법의 연락처가 없습니다.');
    const bySms = wantSms && mobile ? repo.byMobile(mobile) : [];
    const byMail = wantEmail && email ? repo.byEmail(email) : [];
    const primary = input.subscriberId ? repo.byId(input.subscriberId) : undefined;
    const people = uniq([...(primary ? [primary] : []), ...bySms, ...byMail]);
    for (const p of people) assertDong(p.dongId);

    const at = input.at ? toDate(input.at) : null;
    if (input.at && !at) throw new AppError('VALIDATION', '요청 일시를 읽을 수 없습니다.');
    const fieldIds = input.scope === 'fields' ? input.fieldIds : [];
    const known = new Set(this.core.reference.list().fields.map((f) => f.id));
    if (fieldIds.some((f) => !known.has(f))) throw new AppError('VALIDATION', '없는 분야가 있습니다.');
    const now = this.core.clock.now();
    const viaLabel = input.via === 'phone-call' ? '전화 요청' : '방문 요청';
    const msg: MessageRecord = {
      id: randomUUID(),
      dedupeKey: sha256(`manual|${randomUUID()}`),
      source: input.via,
      sourceDetail: null,
      providerId: null,
      sender: mobile ?? email,
      mobile: wantSms ? mobile : null,
      email: wantEmail ? email : null,
      text: input.note || `(${viaLabel})`,
      receivedAt: (at ?? now).toISOString(),
      timeKnown: true,
      status: people.length > 0 ? 'applied' : 'unmatched',
      code: 'optout',
      reason: `${viaLabel}: 담당자 입력`,
      scope: input.scope,
      fieldIds,
      channel: input.channel,
      matchedIds: people.map((p) => p.id),
      suppressed: true,
      resolvedBy: actor.username,
      resolvedAt: now.toISOString(),
      note: input.note || null,
      createdBy: actor.userId,
      createdAt: now.toISOString(),
    };
    let applied: OptOutApplied | null = null;
    this.core.sqlite.transaction(() => {
      this.store.insert(msg);
      this.suppressContact(msg, input.channel, fieldIds.length > 0 ? fieldIds : null);
      const targets = [
        ...bySms.map((person) => ({ person, channel: 'sms' as const })),
        ...byMail.map((person) => ({ person, channel: 'email' as const })),
      ];
      applied = this.applyTo(msg, targets, fieldIds.length > 0 ? fieldIds : null, {
        actor,
        reason: `${viaLabel}로 받은 수신거부${input.note ? `: ${input.note}` : ''}`,
      });
    })();
    if (applied) this.notify([applied]);
    this.core.events.emit('data.changed', { domain: 'optout' });
    const withdrawn = (
      this.core.sqlite
        .prepare('SELECT coalesce(sum(withdrawn), 0) AS n FROM optout_applications WHERE message_id = ?')
        .get(msg.id) as { n: number }
    ).n;
    return { messageId: msg.id, status: msg.status, people, withdrawn };
  }

  /**
   * The public listener's one-click unsubscribe and unsubscribe page: this field, or every field
   * (fieldId null), on e-mail. Give the link's token when there is one: clicking twice is then one
   * opt-out; without it, the same address and field within the same minute is.
   */
  unsubscribeEmail(input: {
    subscriberId?: string | null;
    email?: string | null;
    fieldId: number | null;
    source?: 'email-link';
    token?: string | null;
    at?: string | Date | null;
  }): { messageId: string | null; status: OptOutStatus | 'duplicate'; people: number } {
    const repo = this.core.subscriberRepo;
    const person = input.subscriberId ? repo.byId(input.subscriberId) : undefined;
    const raw = input.email ?? person?.email ?? null;
    if (!raw) throw new AppError('NOT_FOUND', '수신거부할 이메일 주소를 찾을 수 없습니다.');
    const email = normalizeEmail(raw).value;
    if (input.fieldId !== null && !this.core.reference.list().fields.some((f) => f.id === input.fieldId))
      throw new AppError('VALIDATION', '없는 분야입니다.');
    const fieldName = input.fieldId !== null ? this.fieldNames([input.fieldId])[0] : null;
    const r = this.ingestMessages(
      [
        {
          from: email,
          text: fieldName ? `이메일 수신거부 (${fieldName})` : '이메일 수신거부 (모든 분야)',
          receivedAt: input.at ?? this.core.clock.now(),
          source: 'email-link',
          providerId: input.token ? `${input.token}|${input.fieldId ?? 'all'}` : null,
        },
      ],
      {
        actor: this.systemActor('public', '이메일 수신거부 링크'),
        intent: () =>
          fixedIntent(
            input.fieldId !== null ? [input.fieldId] : [],
            'email',
            '이메일 수신거부 링크를 눌렀습니다',
          ),
      },
    );
    if (r.duplicates > 0) return { messageId: null, status: 'duplicate', people: 0 };
    const msg = this.store.get(r.ids[0])!;
    return { messageId: msg.id, status: msg.status, people: msg.matchedIds.length };
  }

  // ---------------------------------------------------------------- notices

  /** Confirmations and result notices waiting to be sent (what the dispatcher takes). */
  pendingNotices(limit = 500): PendingNotice[] {
    return this.core.sqlite
      .prepare(
        `SELECT id, kind, channel, address, body, due_at AS dueAt FROM optout_notices
         WHERE status = 'pending' ORDER BY due_at, id LIMIT ?`,
      )
      .all(limit) as PendingNotice[];
  }

  /** The dispatcher reports a notice's fate. A sent confirmation also settles that message's result notices. */
  markNotice(id: number, status: 'handed' | 'sent' | 'failed', error: string | null = null): void {
    const now = this.core.clock.now().toISOString();
    this.core.sqlite.transaction(() => {
      this.core.sqlite
        .prepare(
          `UPDATE optout_notices SET status = ?, error = ?, updated_at = ?,
            handed_at = CASE WHEN ? = 'handed' THEN ? ELSE handed_at END,
            done_at = CASE WHEN ? = 'sent' THEN ? ELSE done_at END WHERE id = ?`,
        )
        .run(status, error, now, status, now, status, now, id);
      if (status === 'sent')
        this.core.sqlite
          .prepare(
            `UPDATE optout_notices SET status = 'done', done_at = ?, updated_at = ?
             WHERE kind = 'result-notice' AND status IN ('pending', 'handed', 'failed')
               AND (message_id, address) IN (SELECT message_id, address FROM optout_notices WHERE id = ? AND kind = 'confirmation')`,
          )
          .run(now, now, id);
    })();
  }

  /** Hands pending notices to the registered sender, if the dispatcher has registered one. */
  async flushNotices(): Promise<{ handed: number; sent: number; failed: number }> {
    const out = { handed: 0, sent: 0, failed: 0 };
    if (!this.noticeSender) return out;
    const rows = this.pendingNotices();
    if (rows.length === 0) return out;
    for (const r of rows) this.markNotice(r.id, 'handed');
    out.handed = rows.length;
    const results = await this.noticeSender.send(rows);
    for (const r of results) {
      this.markNotice(r.id, r.ok ? 'sent' : 'failed', r.ok ? null : (r.error ?? '발송 실패'));
      if (r.ok) out.sent++;
      else out.failed++;
    }
    return out;
  }
}

function uniq(people: SubscriberRecord[]): SubscriberRecord[] {
  const seen = new Set<string>();
  return people.filter((p) => !seen.has(p.id) && seen.add(p.id));
}

function contactOf(p: SubscriberRecord, ch: Ch): string | null {
  if (ch === 'sms') return p.mobile || null;
  return p.email ? normalizeEmail(p.email).value : null;
}

/** The ledger's evidence: the raw message with its sender and time, as received. */
function evidenceOf(m: MessageRecord): string {
  return JSON.stringify({ source: m.source, from: m.sender, at: m.receivedAt, text: m.text }).slice(0, 4000);
}

export function parseSender(from: string): { mobile: string | null; email: string | null } {
  const s = (from ?? '').trim();
  if (s.includes('@')) {
    const e = normalizeEmail(s);
    return { mobile: null, email: e.valid ? e.value : null };
  }
  const p = normalizePhone(s);
  return { mobile: p.kind === 'invalid' ? null : p.digits, email: null };
}

function toDate(v: string | Date | null | undefined): Date | null {
  if (v === null || v === undefined || v === '') return null;
  const d = v instanceof Date ? v : new Date(v);
  return Number.isNaN(d.getTime()) ? null : d;
}
