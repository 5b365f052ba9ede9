// Sends a survey's invitations, nudges and reminders as real campaigns: a campaign row (so the
// campaign screens, results, bounces and opens work as for any campaign) whose outbox rows are the
// chosen participants, each with a personal {설문링크} and, in mail, the open pixel. The launch
// mirrors CampaignService.launch, for an explicit recipient list instead of a targeting spec.
import type { CampaignDraft } from '../../shared/contract/campaigns';
import { LINK_PLACEHOLDER } from '../../shared/contract/surveys';
import { AppError } from '../../shared/errors';
import { escapeHtml } from '../campaigns/compose';
import { buildTemplates, composeInputOf, worstCase } from '../campaigns/render';
import { type Actor, tokens } from '../campaigns/service';
import type { Frozen } from '../campaigns/store';
import { publicUrls } from '../public/urls';
import type { SurveysModule } from './module';

export const PIXEL_PLACEHOLDER = '열람표시';

export interface InviteRow {
  channel: 'sms' | 'email';
  subscriberId: string;
  address: string;
  name: string;
  dong: string;
  /** the participant's link token */
  token: string;
}

export interface Texts {
  name: string;
  smsText: string;
  smsSubject: string;
  emailSubject: string;
  emailHtml: string;
}

/** Creates the campaign and launches it to exactly these rows. Returns the campaign id. */
export function launchSurveyCampaign(
  m: SurveysModule,
  o: {
    surveyId: string;
    kind: 'invite' | 'nudge' | 'reminder';
    round: number;
    fieldIds: number[];
    texts: Texts;
    rows: InviteRow[];
    actor: Actor;
    confirmNight: boolean;
    dispatch?: boolean;
  },
): string {
  const cm = m.campaigns;
  const core = m.core;
  const sms = o.rows.filter((r) => r.channel === 'sms');
  const email = o.rows.filter((r) => r.channel === 'email');
  if (email.length && !cm.smtpConfigured())
    throw new AppError('VALIDATION', '메일 서버(SMTP)가 설정되지 않아 초대 메일을 보낼 수 없습니다.');
  const draft: CampaignDraft = {
    name: o.texts.name.slice(0, 80),
    kind: 'info',
    fieldIds: o.fieldIds,
    channels: { sms: sms.length > 0, email: email.length > 0 },
    filters: { dongIds: [], ageBands: [], genders: [], businessTypeIds: [], kinds: [] },
    isAd: false,
    sms: { text: o.texts.smsText, subject: o.texts.smsSubject, appendSns: false },
    email: {
      subject: o.texts.emailSubject,
      // the open pixel: its address carries the outbox row's own token (filled per row below)
      html: `${o.texts.emailHtml}\n<img src="{${PIXEL_PLACEHOLDER}}" width="1" height="1" alt="">`,
    },
    templateId: null,
  };
  const at = core.clock.now();
  const c0 = cm.service.save(draft, o.actor.userId);
  const c = cm.service.record(c0.id);
  try {
    cm.service.assertNightRule(c, at, o.confirmNight);
  } catch (e) {
    cm.service.delete(c.id);
    throw e;
  }
  const frozen: Frozen = buildTemplates(composeInputOf(c), core.settings.get(), cm.settings.get());
  const urls = publicUrls({ publicBaseUrl: frozen.publicBaseUrl });
  const tok = tokens(o.rows.length);
  const prepared = [...sms, ...email]
    .sort((a, b) => (a.subscriberId < b.subscriberId ? -1 : a.subscriberId > b.subscriberId ? 1 : 0))
    .map((r, k) => {
      const outboxToken = tok(k);
      const values: Record<string, string> = {
        이름: r.name,
        동: r.dong,
        [LINK_PLACEHOLDER]: urls.survey(r.token),
      };
      if (r.channel === 'email') values[PIXEL_PLACEHOLDER] = urls.openPixel(outboxToken);
      return { ...r, outboxToken, values };
    });
  let smsClass: string | null = null;
  let smsBytes: number | null = null;
  if (sms.length) {
    const values: Record<string, string[]> = {};
    for (const r of prepared)
      if (r.channel === 'sms')
        for (const [k, v] of Object.entries(r.values)) {
          values[k] ??= [];
          values[k].push(v);
        }
    const w = worstCase(frozen.sms, values);
    if (w.class === 'TOO_LONG') {
      cm.service.delete(c.id);
      throw new AppError('VALIDATION', '문자가 2,000바이트를 넘어 보낼 수 없습니다.');
    }
    smsClass = w.class;
    smsBytes = w.bytes;
  }
  frozen.smsClass = smsClass ?? '';
  const iso = at.toISOString();
  const insert = core.sqlite.prepare(
    `INSERT INTO outbox (campaign_id, channel, subscriber_id, address, name, vars, status, token, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, 'queued', ?, ?, ?)`,
  );
  core.sqlite
    .transaction(() => {
      for (const r of prepared)
        insert.run(
          c.id,
          r.channel,
          r.subscriberId,
          r.address,
          r.name,
          JSON.stringify(r.values),
          r.outboxToken,
          iso,
          iso,
        );
      cm.store.set(c.id, {
        status: 'sending',
        frozen: JSON.stringify(frozen),
        sms_class: smsClass,
        sms_bytes: smsBytes,
        confirm_night: o.confirmNight ? 1 : 0,
        launched_by: o.actor.userId,
        launched_at: iso,
        note: '설문 초대',
        updated_at: iso,
      });
      core.sqlite
        .prepare(
          'INSERT INTO survey_campaigns (campaign_id, survey_id, kind, round, created_at) VALUES (?, ?, ?, ?, ?)',
        )
        .run(c.id, o.surveyId, o.kind, o.round, iso);
    })
    .immediate();
  o.actor.audit({
    action: 'send',
    targetType: 'campaign',
    targetId: c.id,
    subjectCount: o.rows.length,
    detail: {
      survey: o.surveyId,
      kind: o.kind,
      round: o.round,
      sms: sms.length,
      email: email.length,
      smsClass,
    },
  });
  if (o.dispatch !== false) cm.dispatcher.start(c.id);
  return c.id;
}

/** Default texts (the survey's own invitation texts win when set). */
export function defaultTexts(
  ward: string,
  title: string,
  kind: 'invite' | 'nudge' | 'reminder',
  inv: { emailSubject: string; emailHtml: string; smsText: string; reminderSmsText: string },
): Texts {
  const link = `{${LINK_PLACEHOLDER}}`;
  const label = { invite: '초대', nudge: '참여 요청', reminder: '다시 알림' }[kind];
  const remind = kind === 'reminder' ? '아직 응답하지 않으셨다면 ' : '';
  const smsDefault =
    kind === 'invite'
      ? `[${ward}] {이름}님, "${title}" 설문에 참여해 주세요. ${link}`
      : `[${ward}] {이름}님, ${remind}"${title}" 설문에 참여해 주세요(1~3분). ${link}`;
  return {
    name: `[설문 ${label}] ${title}`,
    smsText: (kind === 'invite' ? inv.smsText : inv.reminderSmsText || inv.smsText) || smsDefault,
    smsSubject: `${ward} 설문 안내`.slice(0, 20),
    emailSubject:
      (kind === 'reminder' ? `[다시 알림] ${inv.emailSubject}` : inv.emailSubject).trim() ||
      `[${ward}] ${kind === 'reminder' ? '[다시 알림] ' : ''}${title} 설문에 참여해 주세요`,
    emailHtml:
      inv.emailHtml ||
      `<p>{이름}님, 안녕하세요. ${escapeHtml(ward)}입니다.</p>
<p>${remind}<b>${escapeHtml(title)}</b> 설문에 참여해 주세요. 구정에 귀한 의견으로 쓰겠습니다.</p>
<p><a href="${link}">설문 참여하기</a></p>
<p style="font-size:12px;color:#666">버튼이 열리지 않으면 이 주소를 복사해 주세요: ${link}</p>`,
  };
}
