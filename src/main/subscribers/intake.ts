import type { ParsedInput } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { normalizePhone } from '../../shared/text/phone';
import type { Core } from '../core/core';
import type { HandlerContext } from '../core/context';
import { maskEmail, maskMobile, maskName, normalizePerson } from './person';
import type { Channel, ConsentEventInput, SubscriberRecord } from './repository';
import { seoulDateToIso, seoulDayStart, seoulYear } from './time';

type SaveInput = ParsedInput<'intake.save'>;
const CHANNELS: Channel[] = ['sms', 'email'];

/** This installation's station (settings.thisStationId); before first-run setup, HQ. */
export function thisStation(core: Core): { id: string; code: string; name: string } {
  const ref = core.reference.list();
  const id = core.settings.get().thisStationId;
  const st = ref.stations.find((s) => s.id === id) ?? ref.stations.find((s) => s.kind === 'hq');
  if (!st)
    throw new AppError('VALIDATION', '이 컴퓨터의 접수처가 정해지지 않았습니다. 설정에서 접수처를 고르세요.');
  return st;
}

export function nextRef(core: Core) {
  const st = thisStation(core);
  const formRef = core.subscriberRepo.nextFormRef(st.id, st.code, seoulYear(core.clock.now()), true);
  return { stationId: st.id, stationName: st.name, formRef };
}

export function todayCount(core: Core) {
  const st = thisStation(core);
  const count = core.sqlite
    .prepare('SELECT count(*) FROM intake_forms WHERE station_id = ? AND created_at >= ?')
    .pluck()
    .get(st.id, seoulDayStart(core.clock.now())) as number;
  return { stationId: st.id, stationName: st.name, count };
}

/** People already registered with this phone or e-mail, shown masked when the user may not open them. */
export function matchContact(
  core: Core,
  ctx: Pick<HandlerContext, 'dongScope'>,
  q: { mobile?: string | null; email?: string | null },
) {
  const repo = core.subscriberRepo;
  const found = new Map<string, { s: SubscriberRecord; on: Set<'mobile' | 'email'> }>();
  const add = (list: SubscriberRecord[], on: 'mobile' | 'email') => {
    for (const s of list) {
      const m = found.get(s.id) ?? { s, on: new Set() };
      m.on.add(on);
      found.set(s.id, m);
    }
  };
  if (q.mobile) {
    const n = normalizePhone(q.mobile);
    if (n.digits.length >= 8) add(repo.byMobile(n.digits), 'mobile');
  }
  if (q.email?.includes('@')) add(repo.byEmail(q.email.trim()), 'email');
  const dongs = new Map(core.reference.list().dongs.map((d) => [d.id, d.name]));
  return [...found.values()].map(({ s, on }) => {
    const editable = ctx.dongScope === null || ctx.dongScope === s.dongId;
    return {
      id: s.id,
      kind: s.kind,
      name: editable ? s.name : maskName(s.name),
      dongName: s.dongId ? (dongs.get(s.dongId) ?? null) : null,
      mobile: maskMobile(s.mobile),
      email: maskEmail(s.email),
      matchedOn: [...on],
      editable,
    };
  });
}

/** When the consent was given: the form's day, but never later than now (a form typed the same day). */
function eventTime(signedAt: string, now: Date): { at: string; signedIso: string } {
  const signedIso = seoulDateToIso(signedAt);
  const start = new Date(signedIso).getTime();
  if (Number.isNaN(start))
    throw new AppError('VALIDATION', '신청일이 올바르지 않습니다.', {
      signedAt: '신청일이 올바르지 않습니다.',
    });
  if (start > now.getTime())
    throw new AppError('VALIDATION', '신청일이 오늘보다 뒤일 수 없습니다.', {
      signedAt: '신청일이 오늘보다 뒤일 수 없습니다.',
    });
  if (signedAt < '2000-01-01')
    throw new AppError('VALIDATION', '신청일이 올바르지 않습니다.', {
      signedAt: '신청일이 올바르지 않습니다.',
    });
  const endOfDay = start + 86_400_000 - 1;
  return { at: new Date(Math.min(endOfDay, now.getTime())).toISOString(), signedIso };
}

/**
 * Saves one typed paper form: creates the person or updates the one staff chose, writes the ledger
 * (source 'paper', the form reference, this station, the user), records the form and — only because a
 * new signed form says so — lifts a suppression for the fields it ticks. All or nothing.
 */
export function saveIntake(core: Core, ctx: HandlerContext, input: SaveInput) {
  const repo = core.subscriberRepo;
  const now = core.clock.now();
  const station = thisStation(core);
  const userId = ctx.actor.userId;
  const dongId = input.dongId ?? ctx.dongScope;
  ctx.assertDong(dongId);
  const { values, warnings } = normalizePerson(core, input.kind, { ...input, dongId });
  const { at, signedIso } = eventTime(input.signedAt, now);

  // The ticked fields must exist, be in use and be meant for this kind of subscriber.
  const fields = core.reference.list().fields.filter((f) => f.active && f.audience === input.kind);
  const fieldIds = new Set(fields.map((f) => f.id));
  const ticked = { sms: [...new Set(input.consents.sms)], email: [...new Set(input.consents.email)] };
  for (const ch of CHANNELS)
    if (ticked[ch].some((id) => !fieldIds.has(id)))
      throw new AppError('VALIDATION', '고른 분야 중 이 구독자에게 맞지 않거나 쓰지 않는 분야가 있습니다.', {
        [`consents.${ch}`]: '분야를 다시 골라 주세요.',
      });
  if (ticked.sms.length + ticked.email.length === 0)
    throw new AppError('VALIDATION', '받을 분야를 하나 이상 고르세요.', {
      consents: '받을 분야를 하나 이상 고르세요.',
    });
  if (ticked.sms.length > 0 && values.phoneKind !== 'mobile')
    throw new AppError(
      'VALIDATION',
      '문자는 010 휴대전화로만 받을 수 있습니다. 휴대전화 번호를 적거나 문자 분야를 비워 주세요.',
      {
        'consents.sms': '010 휴대전화가 있어야 문자를 받을 수 있습니다.',
      },
    );
  if (ticked.email.length > 0 && !values.email)
    throw new AppError('VALIDATION', '이메일 분야를 고르려면 이메일 주소를 적어 주세요.', {
      'consents.email': '이메일 주소가 있어야 합니다.',
    });

  const explicitRef = input.formRef !== undefined;
  const formRef = input.formRef ?? nextRef(core).formRef;
  if (repo.formByRef(formRef))
    throw new AppError(
      'CONFLICT',
      `접수번호 ${formRef}은(는) 이미 접수된 신청서입니다. 다른 번호를 적어 주세요.`,
      {
        formRef: '이미 쓰인 접수번호입니다.',
      },
    );

  let target: SubscriberRecord | undefined;
  if (input.updateSubscriberId) {
    target = repo.byId(input.updateSubscriberId);
    if (!target) throw new AppError('NOT_FOUND', '갱신할 구독자를 찾을 수 없습니다.');
    ctx.assertDong(target.dongId);
  } else {
    const same = matchContact(core, { dongScope: null }, { mobile: values.mobile, email: values.email });
    if (same.length > 0)
      throw new AppError(
        'CONFLICT',
        '같은 휴대전화나 이메일로 등록된 분이 있습니다. 그분의 정보를 갱신할지 확인해 주세요.',
        Object.fromEntries(same[0].matchedOn.map((k) => [k, '이미 등록된 연락처입니다.'])),
      );
  }

  // Suppressed contacts: only a form whose reference staff entered may lift them.
  const contact = { sms: values.mobile, email: values.email };
  const toLift: { channel: Channel; fieldIds: number[]; all: boolean }[] = [];
  for (const ch of CHANNELS) {
    if (ticked[ch].length === 0) continue;
    const hit = repo.suppression(ch, contact[ch]);
    const hitIds = ticked[ch].filter((f) => hit.all || hit.fieldIds.includes(f));
    if (hitIds.length > 0) toLift.push({ channel: ch, fieldIds: hitIds, all: hit.all });
  }
  if (toLift.length > 0 && !explicitRef)
    throw new AppError(
      'VALIDATION',
      '수신거부한 연락처입니다. 서명한 신청서의 접수번호를 적어야 다시 등록할 수 있습니다.',
      {
        formRef: '수신거부를 풀려면 신청서 접수번호가 필요합니다.',
      },
    );

  const result = repo.transaction(() => {
    const sub = target
      ? repo.update(target.id, { ...values, status: 'active' })
      : repo.insert({ ...values, stationId: station.id, createdBy: userId, createdAt: now.toISOString() });
    for (const l of toLift) {
      for (const f of l.fieldIds) repo.liftSuppression(l.channel, contact[l.channel]!, f, formRef, userId);
      // Lifting a whole-channel suppression for some fields keeps the others suppressed.
      if (l.all)
        for (const f of fields)
          if (!l.fieldIds.includes(f.id))
            repo.addSuppression(l.channel, contact[l.channel]!, f.id, 'paper-partial-lift');
    }
    const current = new Map(repo.consentOf(sub.id).map((c) => [`${c.channel}:${c.fieldId}`, c]));
    const base = {
      subscriberId: sub.id,
      at,
      source: 'paper' as const,
      formRef,
      stationId: station.id,
      userId,
    };
    const events: ConsentEventInput[] = [];
    for (const ch of CHANNELS) {
      for (const fieldId of ticked[ch]) {
        const granted = current.get(`${ch}:${fieldId}`)?.granted;
        events.push({ ...base, fieldId, channel: ch, action: granted ? 'reconfirmed' : 'granted' });
      }
      if (target && input.withdrawUnchecked)
        for (const c of current.values())
          if (c.channel === ch && c.granted && !ticked[ch].includes(c.fieldId))
            events.push({
              ...base,
              fieldId: c.fieldId,
              channel: ch,
              action: 'withdrawn',
              reason: '새 신청서에서 고르지 않음',
            });
    }
    repo.appendConsent(events);
    const formId = repo.recordForm({
      formRef,
      subscriberId: sub.id,
      stationId: station.id,
      kind: target ? 'update' : 'new',
      signedAt: signedIso,
      userId,
    });
    const m = new RegExp(`^${station.code.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-(\\d{4})-(\\d+)$`).exec(
      formRef,
    );
    if (m) repo.advanceFormSequence(station.id, Number(m[1]), Number(m[2]));
    return {
      subscriberId: sub.id,
      formId,
      granted: events.filter((e) => e.action !== 'withdrawn').length,
      withdrawn: events.filter((e) => e.action === 'withdrawn').length,
    };
  });

  ctx.audit({
    action: target ? 'edit' : 'create',
    targetType: 'subscriber',
    targetId: result.subscriberId,
    detail: { formRef, granted: result.granted, withdrawn: result.withdrawn },
  });
  for (const l of toLift)
    ctx.audit({
      action: 'edit',
      targetType: 'subscriber',
      targetId: result.subscriberId,
      reason: '서명한 신청서로 수신거부 해제',
      detail: { suppressionLifted: l.channel, fieldIds: l.fieldIds, formRef },
    });
  return {
    ...result,
    formRef,
    created: !target,
    lifted: toLift.map((l) => ({ channel: l.channel, fieldIds: l.fieldIds })),
    warnings,
  };
}
