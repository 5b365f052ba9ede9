// PCRM surveys (issue #7): department requests, the surveys PR builds from them, the people
// invited (one unguessable link each), their answers, and the campaigns that carried the invitations.
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

export const SURVEY_REQUEST_STATUSES = ['submitted', 'accepted', 'returned', 'withdrawn'] as const;

/** A department asks PR for a survey; PR accepts (and builds it) or returns it with a comment. */
export const surveyRequests = sqliteTable(
  'survey_requests',
  {
    id: text('id').primaryKey(), // UUID
    department: text('department').notNull().default(''),
    requestedBy: text('requested_by').notNull(),
    project: text('project').notNull(),
    purpose: text('purpose').notNull(),
    /** when the department wants it run, free text ("4월 축제 직후") */
    timing: text('timing').notNull().default(''),
    /** who should be asked, free text ("정책고객 전체", "마장동 30–40대") */
    target: text('target').notNull().default(''),
    draftQuestions: text('draft_questions').notNull().default(''),
    status: text('status', { enum: SURVEY_REQUEST_STATUSES }).notNull().default('submitted'),
    comment: text('comment'),
    decidedBy: text('decided_by'),
    decidedAt: text('decided_at'),
    surveyId: text('survey_id'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('survey_requests_status_idx').on(t.status, t.createdAt)],
);

export const SURVEY_STATUSES = ['draft', 'published', 'closed'] as const;

export const surveys = sqliteTable('surveys', {
  id: text('id').primaryKey(), // UUID
  requestId: text('request_id'),
  title: text('title').notNull(),
  /** the requesting department: its users see the results */
  department: text('department').notNull().default(''),
  status: text('status', { enum: SURVEY_STATUSES }).notNull().default('draft'),
  /** intro, closing and pages of questions (SurveyDefinition, validated in src/shared/contract/surveys.ts) */
  definition: text('definition').notNull(),
  anonymous: integer('anonymous', { mode: 'boolean' }).notNull().default(false),
  opensAt: text('opens_at').notNull(),
  closesAt: text('closes_at').notNull(),
  /** dongIds, ageBands, genders (JSON), narrowing the policy customers */
  filters: text('filters').notNull(),
  /** invitation texts and channels (JSON) */
  invitation: text('invitation').notNull(),
  reminderAfterDays: integer('reminder_after_days').notNull().default(3),
  reminderMax: integer('reminder_max').notNull().default(0),
  /** gift vouchers (문화상품권) drawn among completed respondents; 0 = none */
  incentiveWinners: integer('incentive_winners').notNull().default(0),
  createdBy: text('created_by'),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
  closedAt: text('closed_at'),
});

/**
 * One row per person invited. `token` is the personal link (128 random bits, base64url); dong, age
 * band and gender are copied at invitation time so results by group do not drift with the registry.
 * `progress` holds answers of a respondent who has not finished yet (removed at completion).
 */
export const surveyParticipants = sqliteTable(
  'survey_participants',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    surveyId: text('survey_id')
      .notNull()
      .references(() => surveys.id),
    subscriberId: text('subscriber_id'),
    token: text('token').notNull(),
    dongId: integer('dong_id'),
    ageBand: text('age_band'),
    gender: text('gender'),
    invitedAt: text('invited_at').notNull(),
    /** first visit of the personal page */
    visitedAt: text('visited_at'),
    /** first page of answers saved */
    startedAt: text('started_at'),
    completedAt: text('completed_at'),
    /** web | paper | phone */
    completedVia: text('completed_via'),
    progress: text('progress'),
    remindersSent: integer('reminders_sent').notNull().default(0),
    lastRemindedAt: text('last_reminded_at'),
    incentiveEligible: integer('incentive_eligible', { mode: 'boolean' }).notNull().default(false),
    /** drawn for a gift voucher (문화상품권) */
    incentiveWinner: integer('incentive_winner', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [
    uniqueIndex('survey_participants_token_uq').on(t.token),
    uniqueIndex('survey_participants_person_uq').on(t.surveyId, t.subscriberId),
  ],
);

/**
 * Submitted answers (JSON keyed by question id). In an anonymous survey participant and subscriber
 * are null, only the date is kept and the row id is random, so neither order nor time links a
 * response to the person who gave it.
 */
export const surveyResponses = sqliteTable(
  'survey_responses',
  {
    id: integer('id').primaryKey(),
    surveyId: text('survey_id')
      .notNull()
      .references(() => surveys.id),
    participantId: integer('participant_id'),
    subscriberId: text('subscriber_id'),
    /** web | paper | phone */
    via: text('via').notNull(),
    dongId: integer('dong_id'),
    ageBand: text('age_band'),
    gender: text('gender'),
    answers: text('answers').notNull(),
    submittedOn: text('submitted_on').notNull(),
    submittedAt: text('submitted_at'),
    enteredBy: text('entered_by'),
  },
  (t) => [
    index('survey_responses_survey_idx').on(t.surveyId),
    uniqueIndex('survey_responses_participant_uq').on(t.participantId),
  ],
);

/** The campaigns that carried a survey's invitations, SMS nudges and reminders. */
export const surveyCampaigns = sqliteTable(
  'survey_campaigns',
  {
    campaignId: text('campaign_id').primaryKey(),
    surveyId: text('survey_id')
      .notNull()
      .references(() => surveys.id),
    /** invite | nudge | reminder */
    kind: text('kind').notNull(),
    round: integer('round').notNull().default(0),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('survey_campaigns_survey_idx').on(t.surveyId)],
);
