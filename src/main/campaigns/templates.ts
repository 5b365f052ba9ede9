import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { AppError } from '../../shared/errors';

const COLS = `id, name, sms_text AS smsText, sms_subject AS smsSubject, email_subject AS emailSubject,
  email_html AS emailHtml, created_at AS createdAt, updated_at AS updatedAt`;

export interface TemplateInput {
  id?: string;
  name: string;
  smsText: string;
  smsSubject: string;
  emailSubject: string;
  emailHtml: string;
}

/** Saved texts staff reuse across campaigns. */
export class TemplateStore {
  constructor(
    private sqlite: Database.Database,
    private now: () => Date,
  ) {}

  list() {
    return this.sqlite
      .prepare(`SELECT ${COLS} FROM campaign_templates ORDER BY name`)
      .all() as (TemplateInput & {
      id: string;
      createdAt: string;
      updatedAt: string;
    })[];
  }

  get(id: string) {
    const t = this.sqlite.prepare(`SELECT ${COLS} FROM campaign_templates WHERE id = ?`).get(id);
    if (!t) throw new AppError('NOT_FOUND', '서식을 찾을 수 없습니다.');
    return t as TemplateInput & { id: string; createdAt: string; updatedAt: string };
  }

  save(t: TemplateInput, userId: string | null) {
    const at = this.now().toISOString();
    if (t.id) {
      this.get(t.id);
      this.sqlite
        .prepare(
          `UPDATE campaign_templates SET name = @name, sms_text = @smsText, sms_subject = @smsSubject,
           email_subject = @emailSubject, email_html = @emailHtml, updated_at = @at WHERE id = @id`,
        )
        .run({ ...t, at });
      return this.get(t.id);
    }
    const id = randomUUID();
    this.sqlite
      .prepare(
        `INSERT INTO campaign_templates (id, name, sms_text, sms_subject, email_subject, email_html, created_by, created_at, updated_at)
         VALUES (@id, @name, @smsText, @smsSubject, @emailSubject, @emailHtml, @userId, @at, @at)`,
      )
      .run({ ...t, id, userId, at });
    return this.get(id);
  }

  delete(id: string): void {
    this.get(id);
    this.sqlite.prepare('DELETE FROM campaign_templates WHERE id = ?').run(id);
  }
}
