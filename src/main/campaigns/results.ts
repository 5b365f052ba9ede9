import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import {
  type MessageChannel,
  OUTBOX_STATUS_LABELS,
  type OutboxStatus,
} from '../../shared/contract/campaigns';
import { AppError } from '../../shared/errors';
import { formatDateTime } from '../../shared/text/dates';
import { normalizeEmail } from '../../shared/text/email';
import { normalizePhone } from '../../shared/text/phone';
import type { CampaignsModule } from './module';
import { tokens } from './service';
import { OUTBOX_COLS, type OutboxDbRow, toOutboxOut } from './store';

const newToken = () => tokens(1)(0);

const CHANNEL_LABEL = { sms: '문자', email: '이메일' } as const;

/** Writes rows into an xlsx in memory with exceljs's streaming writer (styles off: fast, small). */
export async function xlsxBuffer(
  sheet: string,
  header: string[],
  rows: Iterable<unknown[]>,
): Promise<Buffer> {
  const pass = new PassThrough();
  const chunks: Buffer[] = [];
  pass.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    pass.on('end', resolve);
    pass.on('error', reject);
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: pass,
    useStyles: false,
    useSharedStrings: false,
  });
  const ws = wb.addWorksheet(sheet);
  ws.addRow(header).commit();
  for (const r of rows) ws.addRow(r).commit();
  ws.commit();
  await wb.commit();
  await done;
  return Buffer.concat(chunks);
}

/** Results, the per-recipient list, exports, resends and a person's messages. */
export class CampaignResults {
  constructor(private m: CampaignsModule) {}

  private get sqlite() {
    return this.m.core.sqlite;
  }

  results(id: string) {
    const c = this.m.service.record(id);
    const counts = this.m.store.counts(id);
    const reasons = this.sqlite
      .prepare(
        `SELECT channel, status, coalesce(reason, '') AS reason, count(*) AS count FROM outbox
         WHERE campaign_id = ? AND is_test = 0 AND status IN ('failed', 'bounced', 'skipped', 'needs_review', 'cancelled')
         GROUP BY channel, status, reason ORDER BY count DESC`,
      )
      .all(id) as { channel: MessageChannel; status: OutboxStatus; reason: string; count: number }[];
    const opened = this.sqlite
      .prepare(
        'SELECT channel, count(*) AS n FROM outbox WHERE campaign_id = ? AND is_test = 0 AND opened_at IS NOT NULL GROUP BY channel',
      )
      .all(id) as { channel: MessageChannel; n: number }[];
    const channels = (['sms', 'email'] as const)
      .filter((ch) => (ch === 'sms' ? c.smsEnabled : c.emailEnabled) || Object.keys(counts[ch]).length)
      .map((ch) => ({
        channel: ch,
        total: Object.values(counts[ch]).reduce((a, b) => a + b, 0),
        counts: counts[ch],
        reasons: reasons
          .filter((r) => r.channel === ch)
          .map((r) => ({
            status: r.status,
            reason: r.reason || OUTBOX_STATUS_LABELS[r.status],
            count: r.count,
          })),
        opened: opened.find((o) => o.channel === ch)?.n ?? 0,
      }));
    return { campaignId: id, status: c.status, channels };
  }

  private where(f: { id: string; channel?: string; status?: string; q?: string; includeTests?: boolean }) {
    const conds = ['campaign_id = @id'];
    if (!f.includeTests) conds.push('is_test = 0');
    if (f.channel) conds.push('channel = @channel');
    if (f.status) conds.push('status = @status');
    if (f.q) conds.push("(name LIKE @q ESCAPE '\\' OR address LIKE @q ESCAPE '\\')");
    const q = f.q ? `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined;
    const qDigits = f.q?.replace(/\D/g, '');
    // 010-1234-5678 typed with dashes still finds the stored digits.
    if (f.q && qDigits && qDigits.length >= 4 && qDigits !== f.q)
      conds[conds.length - 1] = `(${conds.at(-1)} OR address LIKE @qd)`;
    return {
      sql: conds.join(' AND '),
      params: { id: f.id, channel: f.channel, status: f.status, q, qd: qDigits ? `%${qDigits}%` : undefined },
    };
  }

  recipients(f: {
    id: string;
    page: number;
    pageSize: number;
    channel?: string;
    status?: string;
    q?: string;
    includeTests: boolean;
  }) {
    this.m.service.record(f.id);
    const { sql, params } = this.where(f);
    const clean = Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined));
    const total = this.sqlite
      .prepare(`SELECT count(*) FROM outbox WHERE ${sql}`)
      .pluck()
      .get(clean) as number;
    const items = (
      this.sqlite
        .prepare(`SELECT ${OUTBOX_COLS} FROM outbox WHERE ${sql} ORDER BY id LIMIT @limit OFFSET @offset`)
        .all({ ...clean, limit: f.pageSize, offset: (f.page - 1) * f.pageSize }) as OutboxDbRow[]
    ).map(toOutboxOut);
    return { items, total, page: f.page, pageSize: f.pageSize };
  }

  async exportXlsx(f: { id: string; channel?: string; status?: string }) {
    const c = this.m.service.record(f.id);
    const { sql, params } = this.where(f);
    const clean = Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined));
    const rows = this.sqlite
      .prepare(`SELECT ${OUTBOX_COLS} FROM outbox WHERE ${sql} ORDER BY id`)
      .all(clean) as OutboxDbRow[];
    const buf = await xlsxBuffer(
      '발송 결과',
      [
        '번호',
        '채널',
        '이름',
        '받는 곳',
        '상태',
        '사유',
        '발송기 코드',
        '시도',
        '접수 시각',
        '완료 시각',
        '열람',
      ],
      rows.map((r) => [
        r.id,
        CHANNEL_LABEL[r.channel],
        r.name,
        r.address,
        OUTBOX_STATUS_LABELS[r.status],
        r.reason ?? '',
        r.providerCode ?? '',
        r.attempts,
        r.sentAt ? formatDateTime(r.sentAt) : '',
        r.doneAt ? formatDateTime(r.doneAt) : '',
        r.openedAt ? formatDateTime(r.openedAt) : '',
      ]),
    );
    const safe = c.name.replace(/[\\/:*?"<>|]/g, '_').slice(0, 60);
    return { fileName: `발송결과_${safe}.xlsx`, contentBase64: buf.toString('base64'), rows: rows.length };
  }

  private row(id: number): OutboxDbRow & { campaignId: string; vars: string | null } {
    const r = this.sqlite
      .prepare(`SELECT ${OUTBOX_COLS}, campaign_id AS campaignId, vars FROM outbox WHERE id = ?`)
      .get(id) as (OutboxDbRow & { campaignId: string; vars: string | null }) | undefined;
    if (!r) throw new AppError('NOT_FOUND', '발송 내역을 찾을 수 없습니다.');
    return r;
  }

  private insertResend(r: {
    campaignId: string;
    channel: string;
    subscriberId: string | null;
    address: string;
    name: string;
    vars: string | null;
    id: number;
  }): number {
    const at = this.m.core.clock.now().toISOString();
    return Number(
      this.sqlite
        .prepare(
          `INSERT INTO outbox (campaign_id, channel, subscriber_id, address, name, vars, status, token, resend_of, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, 'queued', ?, ?, ?, ?)`,
        )
        .run(r.campaignId, r.channel, r.subscriberId, r.address, r.name, r.vars, newToken(), r.id, at, at)
        .lastInsertRowid,
    );
  }

  /** A finished campaign with new queued rows goes back to sending. */
  private reopen(campaignId: string): void {
    const c = this.m.service.record(campaignId);
    if (c.status === 'done') {
      this.m.store.set(campaignId, { status: 'sending', finished_at: null });
      this.m.dispatcher.start(campaignId);
    } else if (c.status === 'sending') this.m.dispatcher.start(campaignId);
  }

  /**
   * "Correct this address and resend to this person": the registry gets the corrected address
   * (the caller audits the edit) and a new outbox row goes out; the failed row stays as history.
   */
  resendOne(
    outboxId: number,
    address: string | undefined,
  ): { row: ReturnType<typeof toOutboxOut>; corrected: boolean } {
    const r = this.row(outboxId);
    if (r.isTest) throw new AppError('VALIDATION', '시험 발송은 다시 보낼 수 없습니다.');
    if (['queued', 'sending'].includes(r.status))
      throw new AppError('VALIDATION', '아직 발송 중인 메시지입니다.');
    const c = this.m.service.record(r.campaignId);
    if (c.status === 'cancelled') throw new AppError('VALIDATION', '취소된 캠페인입니다.');
    let addr = r.address;
    let corrected = false;
    if (address) {
      if (r.channel === 'sms') {
        const n = normalizePhone(address);
        if (n.kind !== 'mobile') throw new AppError('VALIDATION', '휴대전화 번호(010…)를 입력하세요.');
        addr = n.digits;
        if (r.subscriberId && addr !== r.address) {
          this.m.core.subscriberRepo.update(r.subscriberId, { mobile: addr, phoneKind: 'mobile' });
          corrected = true;
        }
      } else {
        const n = normalizeEmail(address);
        if (!n.valid) throw new AppError('VALIDATION', '이메일 주소 형식이 올바르지 않습니다.');
        addr = n.value;
        if (r.subscriberId) {
          this.m.core.subscriberRepo.update(r.subscriberId, { email: addr, emailInvalidAt: null });
          corrected = true;
        }
      }
    }
    const id = this.insertResend({ ...r, address: addr });
    this.reopen(r.campaignId);
    return { row: toOutboxOut(this.row(id)), corrected };
  }

  /** "Resend to all failed": one new row per failed/bounced row not resent already. */
  resendFailed(campaignId: string, channel?: MessageChannel): number {
    const c = this.m.service.record(campaignId);
    if (c.status === 'cancelled' || c.status === 'draft')
      throw new AppError('VALIDATION', '발송한 캠페인만 다시 보낼 수 있습니다.');
    const rows = this.sqlite
      .prepare(
        `SELECT id, campaign_id AS campaignId, channel, subscriber_id AS subscriberId, address, name, vars FROM outbox o
         WHERE campaign_id = ? AND is_test = 0 AND status IN ('failed', 'bounced') ${channel ? 'AND channel = ?' : ''}
         AND NOT EXISTS (SELECT 1 FROM outbox x WHERE x.resend_of = o.id)`,
      )
      .all(...(channel ? [campaignId, channel] : [campaignId])) as {
      id: number;
      campaignId: string;
      channel: string;
      subscriberId: string | null;
      address: string;
      name: string;
      vars: string | null;
    }[];
    this.sqlite.transaction(() => {
      for (const r of rows) this.insertResend(r);
    })();
    if (rows.length) this.reopen(campaignId);
    return rows.length;
  }

  /** A person decides about rows left 확인 필요 after a crash. */
  resolveReview(
    campaignId: string,
    ids: number[] | undefined,
    decision: 'sent' | 'resend' | 'failed',
  ): number {
    this.m.service.record(campaignId);
    const at = this.m.core.clock.now().toISOString();
    const filter = ids ? 'AND id IN (SELECT value FROM json_each(@ids))' : '';
    const params = { campaignId, ids: JSON.stringify(ids ?? []), at };
    const set =
      decision === 'sent'
        ? `status = 'accepted', reason = '담당자가 발송된 것으로 처리했습니다.', sent_at = coalesce(sent_at, @at), done_at = @at`
        : decision === 'failed'
          ? `status = 'failed', reason = '담당자가 실패로 처리했습니다.', done_at = @at`
          : `status = 'queued', reason = '담당자가 다시 보내기로 했습니다.', next_attempt_at = NULL`;
    const n = this.sqlite
      .prepare(
        `UPDATE outbox SET ${set}, updated_at = @at WHERE campaign_id = @campaignId AND status = 'needs_review' ${filter}`,
      )
      .run(params).changes;
    if (decision === 'resend' && n) this.reopen(campaignId);
    return n;
  }

  /** The messages a person received, newest first, with the text as it went out. */
  forSubscriber(subscriberId: string) {
    const rows = this.sqlite
      .prepare(
        `SELECT ${OUTBOX_COLS.replace(/(^|,\s*)(\w+)/g, '$1o.$2')}, o.campaign_id AS campaignId, o.vars, o.token, c.name AS campaignName
         FROM outbox o JOIN campaigns c ON c.id = o.campaign_id
         WHERE o.subscriber_id = ? ORDER BY o.created_at DESC, o.id DESC LIMIT 500`,
      )
      .all(subscriberId) as (OutboxDbRow & {
      campaignId: string;
      vars: string | null;
      token: string;
      campaignName: string;
    })[];
    const cache = new Map<string, ReturnType<CampaignsModule['service']['record']>>();
    return rows.map((r) => {
      let c = cache.get(r.campaignId);
      if (!c) {
        c = this.m.service.record(r.campaignId);
        cache.set(r.campaignId, c);
      }
      const rendered = this.m.service.renderedFor(c, r.channel, r.vars, r.token);
      return {
        ...toOutboxOut(r),
        campaignId: r.campaignId,
        campaignName: r.campaignName,
        text: rendered.text,
        subject: rendered.subject ?? null,
      };
    });
  }
}
