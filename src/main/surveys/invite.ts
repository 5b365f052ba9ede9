// Who is asked: policy customers (consent to the field flagged isSurvey in the reference data, on
// a channel the invitation uses), narrowed by dong / age band / gender, optionally a stratified
// random sample; then invitations, SMS nudges, reminders and address corrections.
import { AppError } from '../../shared/errors';
import { ageBand } from '../../shared/text/dates';
import { isNight } from '../campaigns/compose';
import type { Actor } from '../campaigns/service';
import type { Recipient, TargetSpec } from '../campaigns/targeting';
import { defaultTexts, type InviteRow, launchSurveyCampaign, PIXEL_PLACEHOLDER } from './launch';
import type { SurveysModule } from './module';
import { newSurveyToken, seoulYear } from './respond';
import { type Parsed, seededRandom, shuffle } from './store';
import { publicUrls } from '../public/urls';

interface Reach {
  email?: Recipient;
  sms?: Recipient;
}

interface Person {
  id: string;
  dongId: number | null;
  birthYear: number | null;
  gender: string | null;
}

const DAY = 86_400_000;

/**
 * Proportional allocation of n over strata (largest remainder, ties by key), then a seeded shuffle
 * inside each stratum. Each stratum has its own generator, so one stratum's draw does not depend on
 * the others. Deterministic for the same candidates, n and seed.
 */
export function stratifiedSample<T extends { id: string }>(
  items: T[],
  keyOf: (t: T) => string,
  n: number,
  seed: string,
): T[] {
  if (n >= items.length) return [...items];
  const strata = new Map<string, T[]>();
  for (const it of items) {
    const k = keyOf(it);
    const s = strata.get(k);
    if (s) s.push(it);
    else strata.set(k, [it]);
  }
  const keys = [...strata.keys()].sort();
  const total = items.length;
  const alloc = keys.map((k) => {
    const exact = (strata.get(k)!.length * n) / total;
    return { k, take: Math.floor(exact), rem: exact - Math.floor(exact) };
  });
  let left = n - alloc.reduce((a, x) => a + x.take, 0);
  for (const a of [...alloc].sort((x, y) => y.rem - x.rem || (x.k < y.k ? -1 : 1))) {
    if (left <= 0) break;
    a.take++;
    left--;
  }
  const out: T[] = [];
  for (const a of alloc) {
    const members = strata.get(a.k)!.sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
    out.push(...shuffle(members, seededRandom(`${seed}:${a.k}`)).slice(0, a.take));
  }
  return out;
}

export class Invitations {
  constructor(private m: SurveysModule) {}

  private get sqlite() {
    return this.m.core.sqlite;
  }

  /** The policy-customer field(s): flagged isSurvey in the ward's reference data, never by name. */
  surveyFieldIds(): number[] {
    const ids = this.m.core.reference
      .list()
      .fields.filter((f) => f.isSurvey && f.active !== false)
      .map((f) => f.id);
    if (!ids.length)
      throw new AppError(
        'VALIDATION',
        '여론조사(정책고객) 분야가 기준 자료에 없습니다. 분야 설정에서 여론조사 분야를 지정하세요.',
      );
    return ids;
  }

  private parsed(id: string): Parsed {
    const p = this.m.store.parsed(id);
    if (!p) throw new AppError('NOT_FOUND', '설문을 찾을 수 없습니다.');
    return p;
  }

  spec(p: Parsed, channels = p.invitation.channels): TargetSpec {
    return {
      fieldIds: this.surveyFieldIds(),
      channels: { sms: channels.sms, email: channels.email },
      filters: { ...p.filters, businessTypeIds: [], kinds: [] },
    };
  }

  /** Everyone reachable now, with the address per channel. */
  reachable(p: Parsed, channels = p.invitation.channels): Map<string, Reach> {
    const spec = this.spec(p, channels);
    const t = this.m.campaigns.targeting;
    return t.pin(() => {
      const out = new Map<string, Reach>();
      for (const ch of ['email', 'sms'] as const) {
        if (!spec.channels[ch]) continue;
        for (const r of t.recipients(spec, ch)) {
          const e = out.get(r.subscriberId) ?? {};
          e[ch] = r;
          out.set(r.subscriberId, e);
        }
      }
      return out;
    });
  }

  audience(id: string) {
    const p = this.parsed(id);
    const reach = this.reachable(p);
    let email = 0;
    let sms = 0;
    for (const r of reach.values()) {
      if (r.email) email++;
      if (r.sms) sms++;
    }
    const invited = this.sqlite
      .prepare('SELECT count(*) FROM survey_participants WHERE survey_id = ?')
      .pluck()
      .get(id) as number;
    return { people: reach.size, email, sms, invited };
  }

  private people(ids: string[]): Map<string, Person> {
    const out = new Map<string, Person>();
    const st = this.sqlite.prepare(
      `SELECT id, dong_id AS dongId, birth_year AS birthYear, gender FROM subscribers
       WHERE id IN (SELECT value FROM json_each(?))`,
    );
    for (let i = 0; i < ids.length; i += 5000)
      for (const r of st.all(JSON.stringify(ids.slice(i, i + 5000))) as Person[]) out.set(r.id, r);
    return out;
  }

  private assertOpen(p: Parsed): void {
    if (p.rec.status !== 'published')
      throw new AppError('VALIDATION', '게시한 설문만 초대할 수 있습니다. 먼저 게시하세요.');
    if (Date.parse(p.rec.closesAt) <= this.m.core.clock.now().getTime())
      throw new AppError('VALIDATION', '마감된 설문입니다.');
  }

  private texts(p: Parsed, kind: 'invite' | 'nudge' | 'reminder') {
    return defaultTexts(this.m.core.settings.get().wardName, p.rec.title, kind, p.invitation);
  }

  /** Invites the policy customers not invited yet (or a stratified sample of n of them). */
  invite(id: string, o: { sample?: number; seed?: string; confirmNight: boolean }, actor: Actor) {
    const p = this.parsed(id);
    this.assertOpen(p);
    const reach = this.reachable(p);
    const already = new Set(
      this.sqlite
        .prepare('SELECT subscriber_id FROM survey_participants WHERE survey_id = ?')
        .pluck()
        .all(id) as string[],
    );
    const ids = [...reach.keys()].filter((sid) => !already.has(sid));
    const attrs = this.people(ids);
    const year = seoulYear(this.m.core.clock.now());
    const band = (sid: string) => {
      const b = attrs.get(sid)?.birthYear;
      return b ? ageBand(b, year) : null;
    };
    let chosen = ids.map((sid) => ({ id: sid }));
    if (o.sample !== undefined && o.sample < chosen.length)
      chosen = stratifiedSample(
        chosen,
        (x) => `${attrs.get(x.id)?.dongId ?? 0}|${band(x.id) ?? '?'}`,
        o.sample,
        o.seed ?? id,
      );
    const spec = this.spec(p);
    const audience = this.m.campaigns.targeting.audience(spec);
    const result = {
      surveyId: id,
      campaignId: null as string | null,
      participants: already.size + chosen.length,
      newParticipants: chosen.length,
      email: 0,
      sms: 0,
      unreachable: Math.max(0, audience.candidates - audience.people),
    };
    if (!chosen.length) return result;
    const at = this.m.core.clock.now().toISOString();
    const rows: InviteRow[] = [];
    const ins = this.sqlite.prepare(
      `INSERT INTO survey_participants (survey_id, subscriber_id, token, dong_id, age_band, gender, invited_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    this.sqlite.transaction(() => {
      for (const c of chosen) {
        const a = attrs.get(c.id);
        const token = newSurveyToken();
        ins.run(id, c.id, token, a?.dongId ?? null, band(c.id), a?.gender ?? null, at);
        const r = reach.get(c.id)!;
        for (const ch of ['email', 'sms'] as const) {
          const rc = r[ch];
          if (rc)
            rows.push({
              channel: ch,
              subscriberId: c.id,
              address: rc.address,
              name: rc.name,
              dong: rc.dong,
              token,
            });
        }
      }
      result.campaignId = launchSurveyCampaign(this.m, {
        surveyId: id,
        kind: 'invite',
        round: 0,
        fieldIds: spec.fieldIds,
        texts: this.texts(p, 'invite'),
        rows,
        actor,
        confirmNight: o.confirmNight,
        dispatch: false,
      });
    })();
    this.m.campaigns.dispatcher.start(result.campaignId!);
    result.email = rows.filter((r) => r.channel === 'email').length;
    result.sms = rows.filter((r) => r.channel === 'sms').length;
    return result;
  }

  /** Participants still to answer, with their link token, for nudges and reminders. */
  private pending(id: string) {
    return this.sqlite
      .prepare(
        `SELECT p.id, p.subscriber_id AS subscriberId, p.token, p.visited_at AS visitedAt, p.invited_at AS invitedAt,
           p.reminders_sent AS remindersSent, p.last_reminded_at AS lastRemindedAt,
           EXISTS (SELECT 1 FROM outbox o JOIN survey_campaigns sc ON sc.campaign_id = o.campaign_id
             WHERE sc.survey_id = p.survey_id AND o.subscriber_id = p.subscriber_id AND o.is_test = 0) AS invited,
           EXISTS (SELECT 1 FROM outbox o JOIN survey_campaigns sc ON sc.campaign_id = o.campaign_id
             WHERE sc.survey_id = p.survey_id AND o.subscriber_id = p.subscriber_id AND o.opened_at IS NOT NULL) AS opened,
           EXISTS (SELECT 1 FROM outbox o JOIN survey_campaigns sc ON sc.campaign_id = o.campaign_id
             WHERE sc.survey_id = p.survey_id AND o.subscriber_id = p.subscriber_id AND o.channel = 'sms') AS texted
         FROM survey_participants p WHERE p.survey_id = ? AND p.completed_at IS NULL AND p.subscriber_id IS NOT NULL`,
      )
      .all(id) as {
      id: number;
      subscriberId: string;
      token: string;
      visitedAt: string | null;
      invitedAt: string;
      remindersSent: number;
      lastRemindedAt: string | null;
      invited: number;
      opened: number;
      texted: number;
    }[];
  }

  /** SMS to those invited who have neither opened the mail nor visited the page (and got no SMS yet). */
  nudge(id: string, confirmNight: boolean, actor: Actor) {
    const p = this.parsed(id);
    this.assertOpen(p);
    const reach = this.reachable(p, { sms: true, email: false });
    const rows: InviteRow[] = [];
    for (const x of this.pending(id)) {
      if (!x.invited || x.opened || x.visitedAt || x.texted) continue;
      const r = reach.get(x.subscriberId)?.sms;
      if (r)
        rows.push({
          channel: 'sms',
          subscriberId: x.subscriberId,
          address: r.address,
          name: r.name,
          dong: r.dong,
          token: x.token,
        });
    }
    if (!rows.length) return { campaignId: null, sms: 0 };
    const campaignId = launchSurveyCampaign(this.m, {
      surveyId: id,
      kind: 'nudge',
      round: 0,
      fieldIds: this.surveyFieldIds(),
      texts: this.texts(p, 'nudge'),
      rows,
      actor,
      confirmNight,
    });
    return { campaignId, sms: rows.length };
  }

  /**
   * Reminders to invited people who have not completed, afterDays after the invitation (or the
   * last reminder), at most `max` times each. `force` skips the waiting, never the maximum.
   */
  remind(id: string, actor: Actor, o: { force?: boolean; confirmNight?: boolean } = {}) {
    const p = this.parsed(id);
    this.assertOpen(p);
    const max = p.rec.reminderMax;
    const wait = p.rec.reminderAfterDays * DAY;
    const now = this.m.core.clock.now().getTime();
    const due = this.pending(id).filter(
      (x) =>
        x.invited &&
        x.remindersSent < max &&
        (o.force || now - Date.parse(x.lastRemindedAt ?? x.invitedAt) >= wait),
    );
    if (!due.length) return { campaignId: null, people: 0 };
    const reach = this.reachable(p);
    const rows: InviteRow[] = [];
    const people = new Set<number>();
    for (const x of due) {
      const r = reach.get(x.subscriberId);
      if (!r) continue;
      for (const ch of ['email', 'sms'] as const) {
        const rc = r[ch];
        if (!rc) continue;
        rows.push({
          channel: ch,
          subscriberId: x.subscriberId,
          address: rc.address,
          name: rc.name,
          dong: rc.dong,
          token: x.token,
        });
        people.add(x.id);
      }
    }
    if (!rows.length) return { campaignId: null, people: 0 };
    const round = Math.max(...due.map((x) => x.remindersSent)) + 1;
    const iso = new Date(now).toISOString();
    let campaignId: string | null = null;
    const mark = this.sqlite.prepare(
      'UPDATE survey_participants SET reminders_sent = reminders_sent + 1, last_reminded_at = ? WHERE id = ?',
    );
    this.sqlite.transaction(() => {
      for (const pid of people) mark.run(iso, pid);
      campaignId = launchSurveyCampaign(this.m, {
        surveyId: id,
        kind: 'reminder',
        round,
        fieldIds: this.surveyFieldIds(),
        texts: this.texts(p, 'reminder'),
        rows,
        actor,
        confirmNight: !!o.confirmNight,
        dispatch: false,
      });
    })();
    this.m.campaigns.dispatcher.start(campaignId!);
    return { campaignId, people: people.size };
  }

  /** The scheduler's pass: reminders that are due, for every running survey (daytime only). */
  tickReminders(actor: Actor): string[] {
    const now = this.m.core.clock.now();
    if (isNight(now)) return [];
    const ids = this.sqlite
      .prepare(
        `SELECT id FROM surveys WHERE status = 'published' AND reminder_max > 0 AND closes_at > ? AND opens_at <= ?`,
      )
      .pluck()
      .all(now.toISOString(), now.toISOString()) as string[];
    const out: string[] = [];
    for (const id of ids) {
      try {
        const r = this.remind(id, actor);
        if (r.campaignId) out.push(r.campaignId);
      } catch (e) {
        if (!(e instanceof AppError)) console.error('[sotong] survey reminders', e);
      }
    }
    return out;
  }

  // ---- failed invitations -------------------------------------------------------------------------

  bounces(id: string) {
    this.parsed(id);
    const rows = this.sqlite
      .prepare(
        `SELECT o.id AS outboxId, o.campaign_id AS campaignId, o.channel, o.subscriber_id AS subscriberId, o.name,
           o.address, o.status, o.reason, EXISTS (SELECT 1 FROM outbox x WHERE x.resend_of = o.id) AS resent
         FROM outbox o JOIN survey_campaigns sc ON sc.campaign_id = o.campaign_id
         WHERE sc.survey_id = ? AND o.is_test = 0 AND o.status IN ('failed', 'bounced')
         ORDER BY o.id`,
      )
      .all(id) as {
      outboxId: number;
      campaignId: string;
      channel: 'sms' | 'email';
      subscriberId: string | null;
      name: string;
      address: string;
      status: string;
      reason: string | null;
      resent: number;
    }[];
    return rows.map((r) => ({ ...r, resent: !!r.resent }));
  }

  /** Correct the address (the registry gets it) and resend the same personal link to that person. */
  resend(outboxId: number, address: string | undefined) {
    const link = this.sqlite
      .prepare(
        `SELECT sc.survey_id FROM outbox o JOIN survey_campaigns sc ON sc.campaign_id = o.campaign_id WHERE o.id = ?`,
      )
      .pluck()
      .get(outboxId) as string | undefined;
    if (!link) throw new AppError('NOT_FOUND', '설문 초대 발송 내역을 찾을 수 없습니다.');
    const { row, corrected } = this.m.campaigns.results.resendOne(outboxId, address);
    // the new row has its own token: its mail's open pixel must carry that one
    const cur = this.sqlite.prepare('SELECT vars, token FROM outbox WHERE id = ?').get(row.id) as {
      vars: string | null;
      token: string;
    };
    const vars = JSON.parse(cur.vars ?? '{}') as Record<string, string>;
    if (vars[PIXEL_PLACEHOLDER]) {
      const base = this.m.campaigns.settings.get().publicBaseUrl;
      vars[PIXEL_PLACEHOLDER] = publicUrls({ publicBaseUrl: base }).openPixel(cur.token);
      this.sqlite.prepare('UPDATE outbox SET vars = ? WHERE id = ?').run(JSON.stringify(vars), row.id);
    }
    return {
      surveyId: link,
      corrected,
      row: {
        outboxId: row.id,
        campaignId: this.sqlite
          .prepare('SELECT campaign_id FROM outbox WHERE id = ?')
          .pluck()
          .get(row.id) as string,
        channel: row.channel,
        subscriberId: row.subscriberId,
        name: row.name,
        address: row.address,
        status: row.status,
        reason: row.reason,
        resent: false,
      },
    };
  }
}
