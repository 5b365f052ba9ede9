import { randomUUID } from 'node:crypto';
import type { SessionUser } from '../../shared/contract/auth';
import type { RequestRow, SurveyDraft, SurveyRow, SurveyStatus } from '../../shared/contract/surveys';
import { surveyDefinition } from '../../shared/contract/surveys';
import { AppError } from '../../shared/errors';
import type { SurveysModule } from './module';
import { SURVEY_COLS, type SurveyRecord } from './store';

interface RequestRecord {
  id: string;
  department: string;
  requestedBy: string;
  requestedByName: string | null;
  project: string;
  purpose: string;
  timing: string;
  target: string;
  draftQuestions: string;
  status: RequestRow['status'];
  comment: string | null;
  decidedAt: string | null;
  surveyId: string | null;
  createdAt: string;
}

const REQUEST_COLS = `r.id, r.department, r.requested_by AS requestedBy, u.display_name AS requestedByName, r.project,
  r.purpose, r.timing, r.target, r.draft_questions AS draftQuestions, r.status, r.comment, r.decided_at AS decidedAt,
  r.survey_id AS surveyId, r.created_at AS createdAt`;

/** Requests, surveys and who may see which: a department user sees its own requests and surveys only. */
export class SurveyService {
  constructor(private m: SurveysModule) {}

  private get sqlite() {
    return this.m.core.sqlite;
  }
  private nowIso() {
    return this.m.core.clock.now().toISOString();
  }

  // ---- requests ------------------------------------------------------------------------------

  private requestRecord(id: string): RequestRecord {
    const r = this.sqlite
      .prepare(
        `SELECT ${REQUEST_COLS} FROM survey_requests r LEFT JOIN users u ON u.id = r.requested_by WHERE r.id = ?`,
      )
      .get(id) as RequestRecord | undefined;
    if (!r) throw new AppError('NOT_FOUND', '설문 요청을 찾을 수 없습니다.');
    return r;
  }

  private toRequestRow(r: RequestRecord): RequestRow {
    return { ...r, requestedByName: r.requestedByName ?? r.requestedBy };
  }

  private ownsRequest(user: SessionUser, r: { requestedBy: string; department: string }): boolean {
    if (user.role !== 'dept') return true;
    return r.requestedBy === user.id || (!!user.department && r.department === user.department);
  }

  requests(user: SessionUser, page: number, pageSize: number, status?: string) {
    const conds: string[] = [];
    const args: Record<string, unknown> = {};
    if (status) {
      conds.push('r.status = @status');
      args.status = status;
    }
    if (user.role === 'dept') {
      conds.push("(r.requested_by = @uid OR (@dept != '' AND r.department = @dept))");
      args.uid = user.id;
      args.dept = user.department ?? '';
    }
    const where = conds.length ? `WHERE ${conds.join(' AND ')}` : '';
    const total = this.sqlite
      .prepare(`SELECT count(*) FROM survey_requests r ${where}`)
      .pluck()
      .get(args) as number;
    const items = this.sqlite
      .prepare(
        `SELECT ${REQUEST_COLS} FROM survey_requests r LEFT JOIN users u ON u.id = r.requested_by ${where}
         ORDER BY r.created_at DESC, r.id LIMIT @limit OFFSET @offset`,
      )
      .all({ ...args, limit: pageSize, offset: (page - 1) * pageSize }) as RequestRecord[];
    return { items: items.map((r) => this.toRequestRow(r)), total, page, pageSize };
  }

  submitRequest(
    user: SessionUser,
    input: {
      id?: string;
      project: string;
      purpose: string;
      timing: string;
      target: string;
      draftQuestions: string;
    },
  ): RequestRow {
    const at = this.nowIso();
    if (input.id) {
      const r = this.requestRecord(input.id);
      if (!this.ownsRequest(user, r) || (user.role === 'dept' && r.requestedBy !== user.id))
        throw new AppError('FORBIDDEN', '자기 부서의 요청만 고칠 수 있습니다.');
      if (r.status !== 'submitted' && r.status !== 'returned')
        throw new AppError('VALIDATION', '이미 수락된 요청은 고칠 수 없습니다.');
      this.sqlite
        .prepare(
          `UPDATE survey_requests SET project = @project, purpose = @purpose, timing = @timing, target = @target,
           draft_questions = @draftQuestions, status = 'submitted', updated_at = @at WHERE id = @id`,
        )
        .run({ ...input, at });
      return this.toRequestRow(this.requestRecord(input.id));
    }
    const id = randomUUID();
    this.sqlite
      .prepare(
        `INSERT INTO survey_requests (id, department, requested_by, project, purpose, timing, target, draft_questions,
         status, created_at, updated_at) VALUES (@id, @department, @uid, @project, @purpose, @timing, @target,
         @draftQuestions, 'submitted', @at, @at)`,
      )
      .run({ ...input, id, department: user.department ?? '', uid: user.id, at });
    return this.toRequestRow(this.requestRecord(id));
  }

  decide(user: SessionUser, id: string, decision: 'accept' | 'return', comment: string): RequestRow {
    const r = this.requestRecord(id);
    if (r.status !== 'submitted')
      throw new AppError('VALIDATION', '접수 대기 중인 요청만 수락하거나 반려할 수 있습니다.');
    this.sqlite
      .prepare(
        `UPDATE survey_requests SET status = @status, comment = @comment, decided_by = @uid, decided_at = @at,
         updated_at = @at WHERE id = @id`,
      )
      .run({
        id,
        status: decision === 'accept' ? 'accepted' : 'returned',
        comment: comment || null,
        uid: user.id,
        at: this.nowIso(),
      });
    return this.toRequestRow(this.requestRecord(id));
  }

  // ---- surveys -------------------------------------------------------------------------------

  record(id: string): SurveyRecord {
    const r = this.m.store.get(id);
    if (!r) throw new AppError('NOT_FOUND', '설문을 찾을 수 없습니다.');
    return r;
  }

  /** Department users reach only their department's surveys (or those from their own request). */
  assertCanSee(user: SessionUser, r: SurveyRecord): void {
    if (user.role !== 'dept') return;
    if (user.department && r.department === user.department) return;
    if (r.requestId) {
      const req = this.sqlite
        .prepare('SELECT requested_by FROM survey_requests WHERE id = ?')
        .pluck()
        .get(r.requestId);
      if (req === user.id) return;
    }
    throw new AppError('FORBIDDEN', '다른 부서의 설문입니다.');
  }

  row(id: string): SurveyRow {
    return this.m.store.toRow(this.record(id));
  }

  list(user: SessionUser, page: number, pageSize: number, status?: SurveyStatus) {
    const conds: string[] = [];
    const args: Record<string, unknown> = {};
    if (status) {
      conds.push('status = @status');
      args.status = status;
    }
    if (user.role === 'dept') {
      conds.push(
        "((@dept != '' AND department = @dept) OR request_id IN (SELECT id FROM survey_requests WHERE requested_by = @uid))",
      );
      args.dept = user.department ?? '';
      args.uid = user.id;
    }
    const where = conds.length ? `WHERE ${conds.join(' AND ')}` : '';
    const total = this.sqlite.prepare(`SELECT count(*) FROM surveys ${where}`).pluck().get(args) as number;
    const items = this.sqlite
      .prepare(
        `SELECT ${SURVEY_COLS} FROM surveys ${where} ORDER BY created_at DESC, id LIMIT @limit OFFSET @offset`,
      )
      .all({ ...args, limit: pageSize, offset: (page - 1) * pageSize }) as SurveyRecord[];
    return { items: items.map((r) => this.m.store.toRow(r)), total, page, pageSize };
  }

  save(input: SurveyDraft, userId: string | null): SurveyRow {
    const at = this.nowIso();
    let department = input.department;
    if (input.requestId) {
      const req = this.requestRecord(input.requestId);
      if (req.status !== 'accepted')
        throw new AppError('VALIDATION', '수락한 요청으로만 설문을 만들 수 있습니다.');
      if (req.surveyId && req.surveyId !== input.id)
        throw new AppError('VALIDATION', '이 요청으로 만든 설문이 이미 있습니다.');
      department ||= req.department;
    }
    const cols = {
      request_id: input.requestId,
      title: input.title,
      department,
      definition: JSON.stringify(input.definition),
      anonymous: input.anonymous ? 1 : 0,
      opens_at: new Date(input.opensAt).toISOString(),
      closes_at: new Date(input.closesAt).toISOString(),
      filters: JSON.stringify(input.filters),
      invitation: JSON.stringify(input.invitation),
      reminder_after_days: input.reminders.afterDays,
      reminder_max: input.reminders.max,
      incentive_winners: input.incentiveWinners,
      updated_at: at,
    };
    let id = input.id;
    this.sqlite.transaction(() => {
      if (id) {
        const r = this.record(id);
        if (r.status !== 'draft') {
          // Once people answer, only the dates and reminders may change: answers must keep meaning the same.
          const same =
            r.definition === cols.definition &&
            !!r.anonymous === input.anonymous &&
            r.filters === cols.filters;
          if (!same)
            throw new AppError('VALIDATION', '게시한 설문은 문항·익명 여부·대상을 고칠 수 없습니다.');
        }
        this.m.store.set(id, cols);
      } else {
        id = randomUUID();
        this.sqlite
          .prepare(
            `INSERT INTO surveys (id, request_id, title, department, status, definition, anonymous, opens_at, closes_at,
             filters, invitation, reminder_after_days, reminder_max, incentive_winners, created_by, created_at, updated_at)
             VALUES (@id, @request_id, @title, @department, 'draft', @definition, @anonymous, @opens_at, @closes_at,
             @filters, @invitation, @reminder_after_days, @reminder_max, @incentive_winners, @created_by, @updated_at, @updated_at)`,
          )
          .run({ ...cols, id, created_by: userId });
      }
      if (input.requestId)
        this.sqlite
          .prepare('UPDATE survey_requests SET survey_id = ?, updated_at = ? WHERE id = ?')
          .run(id, at, input.requestId);
    })();
    return this.row(id!);
  }

  publish(id: string): SurveyRow {
    const r = this.record(id);
    if (r.status !== 'draft') throw new AppError('VALIDATION', '작성 중인 설문만 게시할 수 있습니다.');
    // stored definitions were validated on save; checked again in case the rules grew stricter
    const parsed = surveyDefinition.safeParse(JSON.parse(r.definition));
    if (!parsed.success) throw new AppError('VALIDATION', parsed.error.issues[0].message);
    if (Date.parse(r.closesAt) <= this.m.core.clock.now().getTime())
      throw new AppError('VALIDATION', '마감 일시가 이미 지났습니다. 마감 일시를 고친 뒤 게시하세요.');
    this.m.store.set(id, { status: 'published', updated_at: this.nowIso() });
    return this.row(id);
  }

  close(id: string): SurveyRow {
    const r = this.record(id);
    if (r.status !== 'published') throw new AppError('VALIDATION', '진행 중인 설문만 마감할 수 있습니다.');
    const at = this.nowIso();
    this.m.store.set(id, { status: 'closed', closed_at: at, updated_at: at });
    return this.row(id);
  }

  delete(id: string): void {
    const r = this.record(id);
    if (r.status !== 'draft') throw new AppError('VALIDATION', '작성 중인 설문만 삭제할 수 있습니다.');
    const n = this.sqlite
      .prepare('SELECT count(*) FROM survey_participants WHERE survey_id = ?')
      .pluck()
      .get(id) as number;
    if (n > 0) throw new AppError('VALIDATION', '초대한 사람이 있는 설문은 삭제할 수 없습니다.');
    this.sqlite.transaction(() => {
      this.sqlite.prepare('DELETE FROM survey_responses WHERE survey_id = ?').run(id);
      this.sqlite.prepare('UPDATE survey_requests SET survey_id = NULL WHERE survey_id = ?').run(id);
      this.sqlite.prepare('DELETE FROM surveys WHERE id = ?').run(id);
    })();
  }

  /** Open for answers now? null when yes, else the Korean reason (the public page shows it). */
  closedReason(r: SurveyRecord, now: Date): { kind: 'closed' | 'notYet' | 'draft'; text: string } | null {
    if (r.status === 'draft') return { kind: 'draft', text: '아직 게시되지 않은 설문입니다.' };
    if (r.status === 'closed' || now.getTime() >= Date.parse(r.closesAt))
      return { kind: 'closed', text: '설문이 마감되었습니다. 참여해 주셔서 감사합니다.' };
    if (now.getTime() < Date.parse(r.opensAt)) return { kind: 'notYet', text: '아직 설문 기간이 아닙니다.' };
    return null;
  }
}
