import { randomBytes } from 'node:crypto';
import { campaignsOf } from '../campaigns/module';
import type { CampaignsModule } from '../campaigns/module';
import type { Core } from '../core/core';
import { SCHEDULER_ACTOR } from '../dispatch/scheduler';
import { publicServerOf } from '../public';
import { Invitations } from './invite';
import { registerSurveyRoutes } from './publicRoutes';
import { Responses } from './respond';
import { SurveyResultsService } from './results';
import { SurveyService } from './service';
import { SurveyStore, seededRandom, shuffle } from './store';

/** Everything the surveys capability keeps per core. */
export class SurveysModule {
  readonly store: SurveyStore;
  readonly service: SurveyService;
  readonly responses: Responses;
  readonly invitations: Invitations;
  readonly results: SurveyResultsService;
  private timer: NodeJS.Timeout | null = null;

  constructor(readonly core: Core) {
    this.store = new SurveyStore(core.sqlite);
    this.service = new SurveyService(this);
    this.responses = new Responses(this);
    this.invitations = new Invitations(this);
    this.results = new SurveyResultsService(this);
  }

  get campaigns(): CampaignsModule {
    return campaignsOf(this.core);
  }

  /** Reminders that are due go out from here (the app and web mode; not one-off CLI commands). */
  startReminders(intervalMs = 10 * 60_000): void {
    if (this.timer) return;
    const actor = {
      userId: null,
      audit: (e: Parameters<Core['audit']['append']>[1]) => this.core.audit.append(SCHEDULER_ACTOR, e),
    };
    this.timer = setInterval(() => {
      if (!this.core.sqlite.open) return this.stopReminders();
      this.invitations.tickReminders(actor);
    }, intervalMs);
    this.timer.unref();
  }

  /**
   * 문화상품권: everyone who completed becomes eligible; when the survey sets a number of winners,
   * that many are drawn once (seeded: the draw can be repeated and checked) and kept.
   */
  incentives(id: string, seed?: string) {
    const rec = this.service.record(id);
    const sqlite = this.core.sqlite;
    return sqlite.transaction(() => {
      sqlite
        .prepare(
          'UPDATE survey_participants SET incentive_eligible = 1 WHERE survey_id = ? AND completed_at IS NOT NULL AND subscriber_id IS NOT NULL',
        )
        .run(id);
      const eligible = sqlite
        .prepare(
          'SELECT id, subscriber_id AS sid, incentive_winner AS won FROM survey_participants WHERE survey_id = ? AND incentive_eligible = 1 ORDER BY subscriber_id',
        )
        .all(id) as { id: number; sid: string; won: number }[];
      let winners = eligible.filter((e) => e.won);
      if (rec.incentiveWinners > 0 && winners.length === 0) {
        winners = shuffle(eligible, seededRandom(seed ?? randomBytes(8).toString('hex'))).slice(
          0,
          rec.incentiveWinners,
        );
        const mark = sqlite.prepare('UPDATE survey_participants SET incentive_winner = 1 WHERE id = ?');
        for (const w of winners) mark.run(w.id);
      } else if (rec.incentiveWinners === 0) winners = eligible;
      const who = sqlite.prepare('SELECT name, mobile, email FROM subscribers WHERE id = ?');
      return {
        eligible: eligible.length,
        winners: winners.map((w) => {
          const s = who.get(w.sid) as
            | { name: string; mobile: string | null; email: string | null }
            | undefined;
          return {
            subscriberId: w.sid,
            name: s?.name ?? '',
            mobile: s?.mobile ?? null,
            email: s?.email ?? null,
          };
        }),
      };
    })();
  }

  stopReminders(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}

const modules = new WeakMap<Core, SurveysModule>();

export function surveysOf(core: Core): SurveysModule {
  let m = modules.get(core);
  if (!m) {
    m = new SurveysModule(core);
    modules.set(core, m);
  }
  return m;
}

/** modules.ts hook: the /s/:token pages on the public listener and the reminders timer (opens: dispatch/feedback.ts). */
export function installSurveys(core: Core): void {
  const m = surveysOf(core);
  registerSurveyRoutes(publicServerOf(core), m);
  if (core.mode !== 'cli') m.startReminders();
}
