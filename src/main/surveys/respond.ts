// Answers: progress per page of a respondent, the one submission per token, and staff entry of
// paper or phone answers. In an anonymous survey the stored response carries no link to the person.
import { randomBytes, randomInt } from 'node:crypto';
import { type Answers, checkAnswers } from '../../shared/contract/surveys';
import { AppError } from '../../shared/errors';
import { ageBand } from '../../shared/text/dates';
import type { SurveysModule } from './module';

export interface ParticipantRecord {
  id: number;
  surveyId: string;
  subscriberId: string | null;
  dongId: number | null;
  ageBand: string | null;
  gender: string | null;
  visitedAt: string | null;
  startedAt: string | null;
  completedAt: string | null;
  progress: string | null;
}

export interface Progress {
  page: number;
  answers: Answers;
}

/** 128 random bits, base64url (22 characters): the personal link. */
export function newSurveyToken(): string {
  return randomBytes(16).toString('base64url');
}

const SEOUL_DATE = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Seoul',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
const seoulYear = (d: Date) =>
  Number(new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Seoul', year: 'numeric' }).format(d));

export class Responses {
  private st;

  constructor(private m: SurveysModule) {
    const p = (s: string) => m.core.sqlite.prepare(s);
    this.st = {
      byToken:
        p(`SELECT id, survey_id AS surveyId, subscriber_id AS subscriberId, dong_id AS dongId, age_band AS ageBand,
        gender, visited_at AS visitedAt, started_at AS startedAt, completed_at AS completedAt, progress
        FROM survey_participants WHERE token = ?`),
      visit: p('UPDATE survey_participants SET visited_at = ? WHERE id = ? AND visited_at IS NULL'),
      save: p(
        'UPDATE survey_participants SET progress = ?, started_at = coalesce(started_at, ?) WHERE id = ? AND completed_at IS NULL',
      ),
      complete: p(
        `UPDATE survey_participants SET completed_at = @at, completed_via = @via, progress = NULL,
         started_at = coalesce(started_at, @at), visited_at = coalesce(visited_at, CASE WHEN @via = 'web' THEN @at END)
         WHERE id = @id AND completed_at IS NULL`,
      ),
      insert:
        p(`INSERT INTO survey_responses (id, survey_id, participant_id, subscriber_id, via, dong_id, age_band, gender,
        answers, submitted_on, submitted_at, entered_by) VALUES (@id, @surveyId, @participantId, @subscriberId, @via,
        @dongId, @ageBand, @gender, @answers, @on, @at, @enteredBy)`),
    };
  }

  byToken(token: string): ParticipantRecord | undefined {
    return this.st.byToken.get(token) as ParticipantRecord | undefined;
  }

  progressOf(p: ParticipantRecord): Progress {
    return p.progress ? (JSON.parse(p.progress) as Progress) : { page: -1, answers: {} };
  }

  visit(p: ParticipantRecord, at: Date): void {
    if (!p.visitedAt) this.st.visit.run(at.toISOString(), p.id);
  }

  saveProgress(p: ParticipantRecord, progress: Progress, at: Date): void {
    this.st.save.run(JSON.stringify(progress), at.toISOString(), p.id);
  }

  /**
   * The one submission: the participant row is marked first (only one caller can), then the
   * response is written; both in one transaction. Returns false when it was already submitted.
   */
  submit(
    p: {
      id: number;
      surveyId: string;
      subscriberId: string | null;
      dongId: number | null;
      ageBand: string | null;
      gender: string | null;
    },
    answers: Answers,
    via: 'web' | 'paper' | 'phone',
    at: Date,
    enteredBy: string | null,
  ): number | null {
    const rec = this.m.store.parsed(p.surveyId)?.rec ?? this.m.service.record(p.surveyId);
    const anonymous = !!rec.anonymous;
    const iso = at.toISOString();
    return this.m.core.sqlite.transaction(() => {
      if (this.st.complete.run({ id: p.id, at: iso, via }).changes !== 1) return null;
      for (let tries = 0; ; tries++) {
        // a random row id: in an anonymous survey neither insertion order nor time points back to the person
        const id = randomInt(1, 2 ** 47);
        try {
          this.st.insert.run({
            id,
            surveyId: p.surveyId,
            participantId: anonymous ? null : p.id,
            subscriberId: anonymous ? null : p.subscriberId,
            via,
            dongId: p.dongId,
            ageBand: p.ageBand,
            gender: p.gender,
            answers: JSON.stringify(answers),
            on: SEOUL_DATE.format(at),
            at: anonymous ? null : iso,
            enteredBy: anonymous ? null : enteredBy,
          });
          return id;
        } catch (e) {
          if (tries < 3 && String((e as Error).message).includes('UNIQUE')) continue;
          throw e;
        }
      }
    })();
  }

  /** Staff entry of a paper or phone answer for one person (validated like the web page). */
  enter(
    surveyId: string,
    subscriberId: string,
    via: 'paper' | 'phone',
    given: Answers,
    userId: string | null,
  ): number {
    const parsed = this.m.store.parsed(surveyId);
    if (!parsed) throw new AppError('NOT_FOUND', '설문을 찾을 수 없습니다.');
    if (parsed.rec.status !== 'published')
      throw new AppError('VALIDATION', '진행 중인 설문에만 응답을 입력할 수 있습니다.');
    const { answers, errors } = checkAnswers(parsed.def, given);
    const keys = Object.keys(errors);
    if (keys.length)
      throw new AppError(
        'VALIDATION',
        `${keys[0]}: ${errors[keys[0]]}`,
        Object.fromEntries(keys.map((k) => [`answers.${k}`, errors[k]])),
      );
    const p = this.participantFor(surveyId, subscriberId);
    if (p.completedAt) throw new AppError('CONFLICT', '이미 응답한 사람입니다.');
    const id = this.submit(p, answers, via, this.m.core.clock.now(), userId);
    if (id === null) throw new AppError('CONFLICT', '이미 응답한 사람입니다.');
    return id;
  }

  /** The person's participant row; one is made (not invited, no link sent) for a paper answer. */
  participantFor(surveyId: string, subscriberId: string): ParticipantRecord {
    const sqlite = this.m.core.sqlite;
    const find = () =>
      sqlite
        .prepare(
          `SELECT id, survey_id AS surveyId, subscriber_id AS subscriberId, dong_id AS dongId, age_band AS ageBand, gender,
           visited_at AS visitedAt, started_at AS startedAt, completed_at AS completedAt, progress
           FROM survey_participants WHERE survey_id = ? AND subscriber_id = ?`,
        )
        .get(surveyId, subscriberId) as ParticipantRecord | undefined;
    const hit = find();
    if (hit) return hit;
    const s = this.m.core.subscriberRepo.byId(subscriberId);
    if (!s) throw new AppError('NOT_FOUND', '구독자를 찾을 수 없습니다.');
    const now = this.m.core.clock.now();
    sqlite
      .prepare(
        `INSERT INTO survey_participants (survey_id, subscriber_id, token, dong_id, age_band, gender, invited_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        surveyId,
        subscriberId,
        newSurveyToken(),
        s.dongId,
        s.birthYear ? ageBand(s.birthYear, seoulYear(now)) : null,
        s.gender,
        now.toISOString(),
      );
    return find()!;
  }
}

export { seoulYear };
