import type { ParsedInput } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { ageBand } from '../../shared/text/dates';
import { normalizeEmail } from '../../shared/text/email';
import { formatPhone } from '../../shared/text/phone';
import type { Core } from '../core/core';
import type { HandlerContext } from '../core/context';
import { thisStation } from './intake';
import { matchContact } from './intake';
import { normalizePerson, PHONE_WARNINGS } from './person';
import type { Channel, ConsentEventInput, SubscriberRecord } from './repository';
import { seoulYear } from './time';

const CHANNELS: Channel[] = ['sms', 'email'];

/** Loads a person for a handler: NOT_FOUND, or FORBIDDEN (audited) outside a dong user's dong. */
export function loadPerson(core: Core, ctx: HandlerContext, id: string): SubscriberRecord {
  const s = core.subscriberRepo.byId(id);
  if (!s) throw new AppError('NOT_FOUND', '구독자를 찾을 수 없습니다.');
  ctx.assertDong(s.dongId);
  return s;
}

export function detailOf(core: Core, s: SubscriberRecord) {
  const ref = core.reference.list();
  return {
    id: s.id,
    kind: s.kind,
    name: s.name,
    representative: s.representative,
    mobile: s.mobile ? formatPhone(s.mobile) : null,
    phoneKind: s.phoneKind,
    email: s.email,
    dongId: s.dongId,
    dongName: ref.dongs.find((d) => d.id === s.dongId)?.name ?? null,
    birthYear: s.birthYear,
    ageBand: s.birthYear ? ageBand(s.birthYear, seoulYear(core.clock.now())) : null,
    gender: s.gender,
    businessTypeId: s.businessTypeId,
    businessTypeName: ref.businessTypes.find((b) => b.id === s.businessTypeId)?.name ?? null,
    status: s.status,
    createdAt: s.createdAt,
    version: s.version,
    address: s.address,
    note: s.note,
    emailInvalidAt: s.emailInvalidAt,
    stationId: s.stationId,
    stationName: ref.stations.find((x) => x.id === s.stationId)?.name ?? null,
    updatedAt: s.updatedAt,
  };
}

/** Things staff should see about the contacts, in Korean. */
function contactWarnings(s: Pick<SubscriberRecord, 'phoneKind' | 'email' | 'emailInvalidAt'>): string[] {
  const out: string[] = [];
  if (s.phoneKind && s.phoneKind !== 'mobile' && s.phoneKind !== 'invalid')
    out.push(PHONE_WARNINGS[s.phoneKind]);
  if (s.emailInvalidAt) out.push('이메일이 반송되었습니다. 주소를 확인해 고쳐 주세요.');
  const sug = s.email ? normalizeEmail(s.email).suggestion : undefined;
  if (sug) out.push(`이메일 주소가 ${sug}의 오타일 수 있습니다.`);
  return out;
}

/** The person page: details, consent per field × channel, the ledger with names, the paper forms. */
export function personPage(core: Core, s: SubscriberRecord) {
  const repo = core.subscriberRepo;
  const ref = core.reference.list();
  const fieldName = new Map(ref.fields.map((f) => [f.id, f.name]));
  const stationName = new Map(ref.stations.map((x) => [x.id, x.name]));
  const users = new Map(
    (
      core.sqlite.prepare('SELECT id, display_name AS name FROM users').all() as {
        id: string;
        name: string;
      }[]
    ).map((u) => [u.id, u.name]),
  );
  const forms = core.sqlite
    .prepare(
      `SELECT id, form_ref AS formRef, kind, signed_at AS signedAt, station_id AS stationId, user_id AS userId, created_at AS createdAt
       FROM intake_forms WHERE subscriber_id = ? ORDER BY signed_at DESC, created_at DESC`,
    )
    .all(s.id) as {
    id: string;
    formRef: string;
    kind: 'new' | 'update';
    signedAt: string;
    stationId: string | null;
    userId: string | null;
    createdAt: string;
  }[];
  return {
    subscriber: detailOf(core, s),
    consent: repo.consentOf(s.id).map((c) => ({
      fieldId: c.fieldId,
      fieldName: fieldName.get(c.fieldId) ?? `분야 ${c.fieldId}`,
      channel: c.channel,
      granted: c.granted,
      since: c.since,
    })),
    history: repo.historyOf(s.id).map((e) => ({
      id: e.id,
      at: e.at,
      fieldId: e.fieldId,
      fieldName: fieldName.get(e.fieldId) ?? `분야 ${e.fieldId}`,
      channel: e.channel,
      action: e.action,
      source: e.source,
      formRef: e.formRef,
      stationId: e.stationId,
      stationName: e.stationId ? (stationName.get(e.stationId) ?? null) : null,
      userId: e.userId,
      userName: e.userId ? (users.get(e.userId) ?? null) : null,
      reason: e.reason,
    })),
    forms: forms.map((f) => ({
      id: f.id,
      formRef: f.formRef,
      kind: f.kind,
      signedAt: f.signedAt,
      stationName: f.stationId ? (stationName.get(f.stationId) ?? null) : null,
      userName: f.userId ? (users.get(f.userId) ?? null) : null,
      createdAt: f.createdAt,
    })),
    suppressed: { sms: repo.suppression('sms', s.mobile), email: repo.suppression('email', s.email) },
    warnings: contactWarnings(s),
  };
}

/** Edits the person (not the consent): optimistic on `version`, which the repository bumps. */
export function updatePerson(core: Core, ctx: HandlerContext, input: ParsedInput<'subscribers.update'>) {
  const repo = core.subscriberRepo;
  const cur = loadPerson(core, ctx, input.id);
  const { values, warnings } = normalizePerson(core, cur.kind, input);
  ctx.assertDong(values.dongId);
  const others = matchContact(
    core,
    { dongScope: null },
    { mobile: values.mobile, email: values.email },
  ).filter((m) => m.id !== cur.id);
  const changedContact =
    (values.mobile !== cur.mobile && values.mobile) || (values.email !== cur.email && values.email);
  if (changedContact && others.length > 0)
    throw new AppError(
      'CONFLICT',
      '같은 휴대전화나 이메일로 등록된 다른 분이 있습니다.',
      Object.fromEntries(others[0].matchedOn.map((k) => [k, '이미 등록된 연락처입니다.'])),
    );
  const changed = (Object.keys(values) as (keyof typeof values)[]).filter((k) => values[k] !== cur[k]);
  const after = repo.transaction(() => {
    const now = repo.byId(cur.id)!;
    if (now.version !== input.version)
      throw new AppError(
        'CONFLICT',
        '다른 사용자가 먼저 이 정보를 고쳤습니다. 화면을 새로 고친 뒤 다시 고쳐 주세요.',
      );
    if (changed.length === 0) return now;
    const patch: Partial<SubscriberRecord> = Object.fromEntries(changed.map((k) => [k, values[k]]));
    // A corrected e-mail gets a fresh chance after a bounce.
    if (changed.includes('email')) patch.emailInvalidAt = null;
    return repo.update(cur.id, patch);
  });
  if (changed.length > 0)
    ctx.audit({ action: 'edit', targetType: 'subscriber', targetId: cur.id, detail: { changed } });
  if (values.phoneKind !== 'mobile' && repo.consentOf(cur.id).some((c) => c.channel === 'sms' && c.granted))
    warnings.push('문자 수신 동의가 있지만 010 휴대전화가 아니어서 문자를 보낼 수 없습니다.');
  return { subscriber: detailOf(core, after), warnings };
}

/**
 * Withdraws consent (one field, several, or all) with a reason: ledger events 'withdrawn' from the
 * source staff chose; the contact goes on the suppression list so no later import re-subscribes it;
 * no consent left → status 'withdrawn'.
 */
export function withdraw(core: Core, ctx: HandlerContext, input: ParsedInput<'subscribers.withdraw'>) {
  const repo = core.subscriberRepo;
  const s = loadPerson(core, ctx, input.id);
  const states = repo.consentOf(s.id);
  const targets = states.filter(
    (c) =>
      c.granted &&
      input.channels.includes(c.channel) &&
      (!input.fieldIds || input.fieldIds.includes(c.fieldId)),
  );
  if (targets.length === 0) throw new AppError('VALIDATION', '철회할 수신 동의가 없습니다.');
  const station = thisStation(core);
  const at = core.clock.now().toISOString();
  const status = repo.transaction(() => {
    const events: ConsentEventInput[] = targets.map((c) => ({
      subscriberId: s.id,
      fieldId: c.fieldId,
      channel: c.channel,
      action: 'withdrawn',
      at,
      source: input.source,
      stationId: station.id,
      userId: ctx.actor.userId,
      reason: input.reason,
    }));
    repo.appendConsent(events);
    if (input.suppress) {
      for (const ch of CHANNELS) {
        const contact = ch === 'sms' ? s.mobile : s.email;
        const mine = targets.filter((c) => c.channel === ch);
        if (!contact || mine.length === 0) continue;
        if (!input.fieldIds) repo.addSuppression(ch, contact, null, `withdraw:${input.source}`);
        else for (const c of mine) repo.addSuppression(ch, contact, c.fieldId, `withdraw:${input.source}`);
      }
    }
    const left = repo.consentOf(s.id).some((c) => c.granted);
    if (!left && s.status !== 'withdrawn') repo.update(s.id, { status: 'withdrawn' });
    return left ? s.status : 'withdrawn';
  });
  ctx.audit({
    action: 'edit',
    targetType: 'subscriber',
    targetId: s.id,
    reason: input.reason,
    detail: { withdrawn: targets.map((c) => `${c.channel}:${c.fieldId}`), source: input.source },
  });
  return { withdrawn: targets.length, status };
}
