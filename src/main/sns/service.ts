// SNS channels and their monthly figures. The active channels marked "in messages" are the SNS
// links campaigns append (settings.snsLinks is rewritten from them on every change).
import {
  SNS_KIND_LABELS,
  SNS_KIND_VALUES,
  type SnsChannelInput,
  type SnsChannelRow,
  type SnsFigureRow,
  type SnsImportResult,
  type SnsKind,
  snsChannelInput,
} from '../../shared/contract/sns';
import { AppError } from '../../shared/errors';
import type { Core } from '../core/core';
import type { CellValue } from '../subscribers/import/values';
import type { SnsRow } from './files';

interface ChannelDb {
  id: number;
  kind: SnsKind;
  name: string;
  url: string;
  inMessages: number;
  openedIn: string | null;
  sortOrder: number;
  active: number;
}

const CHANNEL_COLS = `id, kind, name, url, in_messages AS inMessages, opened_in AS openedIn,
  sort_order AS sortOrder, active`;
const FIGURE_COLS = 'channel_id AS channelId, month, followers, posts, visitors, note';

/** What kind of channel a name or address is (트위터, facebook.com, blog.naver.com …). */
export function guessKind(text: string): SnsKind {
  const t = text.toLowerCase();
  if (/twitter|트위터|x\.com|^x$|\(x\)/.test(t)) return 'twitter';
  if (/facebook|페이스북|fb\.com/.test(t)) return 'facebook';
  if (/instagram|인스타/.test(t)) return 'instagram';
  if (/youtube|youtu\.be|유튜브/.test(t)) return 'youtube';
  if (/kakao|카카오|pf\.kakao/.test(t)) return 'kakao';
  if (/blog|블로그/.test(t)) return 'blog';
  return 'other';
}

/** 'YYYY-MM' from what people type: 2015-03, 2015.3, 2015년 3월, an Excel date. */
export function parseMonth(v: CellValue): string | null {
  if (v instanceof Date) return v.toISOString().slice(0, 7);
  if (v === null) return null;
  // an Excel date cell the streaming reader hands over as its serial day number (1954–2119)
  if (typeof v === 'number' && v > 20_000 && v < 80_000)
    return new Date(Date.UTC(1899, 11, 30) + Math.floor(v) * 86_400_000).toISOString().slice(0, 7);
  const m = /^\s*(\d{4})\s*[-./년]\s*(\d{1,2})\s*월?/.exec(String(v));
  if (!m || +m[2] < 1 || +m[2] > 12) return null;
  return `${m[1]}-${m[2].padStart(2, '0')}`;
}

/** A count as offices write it: 3,536 / 3536명; '-' (the channel is not run) and blanks are empty. */
export function parseCount(v: CellValue): number | null | 'bad' {
  if (v === null) return null;
  if (typeof v === 'string' && /^\s*[-–—－]?\s*$/.test(v)) return null;
  const n = typeof v === 'number' ? v : Number(String(v).replace(/[,\s명건회]/g, ''));
  return Number.isInteger(n) && n >= 0 ? n : 'bad';
}

export const norm = (v: CellValue) =>
  String(v ?? '')
    .replace(/\s+/g, '')
    .toLowerCase();

export class SnsService {
  constructor(private core: Core) {}

  private get db() {
    return this.core.sqlite;
  }

  private now(): string {
    return this.core.clock.now().toISOString();
  }

  /** First start: the channels the seed's SNS links name (once; later the table is the truth). */
  seedFromSettings(): void {
    const n = this.db.prepare('SELECT count(*) FROM sns_channels').pluck().get() as number;
    if (n > 0) return;
    const links = this.core.settings.get().snsLinks;
    const now = this.now();
    const st = this.db.prepare(
      `INSERT INTO sns_channels (kind, name, url, in_messages, sort_order, active, created_at, updated_at)
       VALUES (?, ?, ?, 1, ?, 1, ?, ?)`,
    );
    this.db.transaction(() => {
      for (const [i, l] of links.entries())
        st.run(guessKind(`${l.name} ${l.url}`), l.name, l.url, i, now, now);
    })();
  }

  list(includeInactive = false): SnsChannelRow[] {
    const rows = this.db
      .prepare(
        `SELECT ${CHANNEL_COLS} FROM sns_channels ${includeInactive ? '' : 'WHERE active = 1'} ORDER BY sort_order, id`,
      )
      .all() as ChannelDb[];
    const latest = this.db.prepare(
      'SELECT month, followers, posts, visitors FROM sns_figures WHERE channel_id = ? ORDER BY month DESC LIMIT 1',
    );
    return rows.map((r) => ({
      ...r,
      inMessages: !!r.inMessages,
      active: !!r.active,
      latest: (latest.get(r.id) as SnsChannelRow['latest'] | undefined) ?? null,
    }));
  }

  get(id: number): SnsChannelRow {
    const c = this.list(true).find((x) => x.id === id);
    if (!c) throw new AppError('NOT_FOUND', 'SNS 채널을 찾을 수 없습니다.');
    return c;
  }

  save(raw: SnsChannelInput): SnsChannelRow {
    const input = snsChannelInput.parse(raw);
    const now = this.now();
    const dup = this.db
      .prepare('SELECT id FROM sns_channels WHERE name = ? AND active = 1 AND id != ?')
      .pluck()
      .get(input.name, input.id ?? 0);
    if (dup)
      throw new AppError('CONFLICT', `같은 이름의 채널이 이미 있습니다: ${input.name}`, {
        name: '이미 있는 이름입니다.',
      });
    let id = input.id;
    const sortOrder =
      input.sortOrder ??
      (id
        ? this.get(id).sortOrder
        : ((this.db.prepare('SELECT max(sort_order) FROM sns_channels').pluck().get() as number | null) ??
            -1) + 1);
    if (id) {
      this.db
        .prepare(
          `UPDATE sns_channels SET kind = ?, name = ?, url = ?, in_messages = ?, opened_in = ?, sort_order = ?,
           active = ?, updated_at = ? WHERE id = ?`,
        )
        .run(
          input.kind,
          input.name,
          input.url,
          input.inMessages ? 1 : 0,
          input.openedIn,
          sortOrder,
          input.active ? 1 : 0,
          now,
          id,
        );
    } else {
      id = Number(
        this.db
          .prepare(
            `INSERT INTO sns_channels (kind, name, url, in_messages, opened_in, sort_order, active, created_at, updated_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(
            input.kind,
            input.name,
            input.url,
            input.inMessages ? 1 : 0,
            input.openedIn,
            sortOrder,
            input.active ? 1 : 0,
            now,
            now,
          ).lastInsertRowid,
      );
    }
    this.syncLinks();
    return this.get(id);
  }

  /** settings.snsLinks (what campaigns append) = the active channels marked for messages. */
  syncLinks(): void {
    const links = this.list()
      .filter((c) => c.inMessages)
      .slice(0, 20)
      .map((c) => ({ name: c.name, url: c.url }));
    this.core.settings.update({ snsLinks: links });
  }

  figures(f: { channelId?: number; from?: string; to?: string }): SnsFigureRow[] {
    return this.db
      .prepare(
        `SELECT ${FIGURE_COLS} FROM sns_figures WHERE (@c IS NULL OR channel_id = @c)
         AND month >= @from AND month <= @to ORDER BY month, channel_id`,
      )
      .all({ c: f.channelId ?? null, from: f.from ?? '0000-00', to: f.to ?? '9999-99' }) as SnsFigureRow[];
  }

  saveFigure(f: Omit<SnsFigureRow, 'note'> & { note?: string | null }, userId: string | null): SnsFigureRow {
    this.get(f.channelId);
    this.db
      .prepare(
        `INSERT INTO sns_figures (channel_id, month, followers, posts, visitors, note, updated_by, updated_at)
         VALUES (@channelId, @month, @followers, @posts, @visitors, @note, @by, @at)
         ON CONFLICT (channel_id, month) DO UPDATE SET followers = excluded.followers, posts = excluded.posts,
           visitors = excluded.visitors, note = excluded.note, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
      )
      .run({ ...f, note: f.note ?? null, by: userId, at: this.now() });
    return this.figures({ channelId: f.channelId, from: f.month, to: f.month })[0];
  }

  /** Finds a channel by its name, kind label or address as a file writes it. */
  private channelFor(text: string, channels: SnsChannelRow[]): SnsChannelRow | null {
    const t = norm(text);
    if (!t) return null;
    return (
      channels.find((c) => norm(c.name) === t) ??
      channels.find((c) => norm(c.url) === t || norm(c.url).replace(/^https?:\/\//, '') === t) ??
      channels.find((c) => norm(SNS_KIND_LABELS[c.kind]) === t || c.kind === t) ??
      (guessKind(text) !== 'other' ? (channels.find((c) => c.kind === guessKind(text)) ?? null) : null)
    );
  }

  /** A sheet with a header row: 채널, 월, 팔로워(친구), 게시물, 방문자 (any order). */
  importFigures(rows: SnsRow[], userId: string | null): SnsImportResult {
    const headerIdx = rows.findIndex((r) => r.cells.some((c) => /채널|channel/i.test(String(c ?? ''))));
    if (headerIdx < 0)
      throw new AppError('VALIDATION', '첫 줄에 머리글(채널, 월, 팔로워, 게시물, 방문자)이 있어야 합니다.');
    const head = rows[headerIdx].cells.map((c) => norm(c));
    const at = (re: RegExp) => head.findIndex((h) => re.test(h));
    const cols = {
      channel: at(/채널|channel|sns/),
      month: at(/월|기준|month|date/),
      followers: at(/팔로워|친구|구독|좋아요|follower|friend/),
      posts: at(/게시|글|post/),
      visitors: at(/방문|visitor|조회/),
    };
    if (cols.month < 0) throw new AppError('VALIDATION', '“월” 열을 찾을 수 없습니다.');
    if (cols.channel < 0) throw new AppError('VALIDATION', '“채널” 열을 찾을 수 없습니다.');
    const channels = this.list(true);
    const problems: SnsImportResult['problems'] = [];
    const good: Omit<SnsFigureRow, 'note'>[] = [];
    for (const r of rows.slice(headerIdx + 1)) {
      if (r.cells.every((c) => c === null || c === '')) continue;
      const ch = this.channelFor(String(r.cells[cols.channel] ?? ''), channels);
      if (!ch) {
        problems.push({ row: r.n, message: `채널을 찾을 수 없습니다: ${r.cells[cols.channel] ?? '(빈칸)'}` });
        continue;
      }
      const month = parseMonth(r.cells[cols.month] ?? null);
      if (!month) {
        problems.push({ row: r.n, message: `월을 읽을 수 없습니다: ${r.cells[cols.month] ?? '(빈칸)'}` });
        continue;
      }
      const nums = (['followers', 'posts', 'visitors'] as const).map((k) =>
        cols[k] < 0 ? null : parseCount(r.cells[cols[k]] ?? null),
      );
      const bad = (['followers', 'posts', 'visitors'] as const).filter((_, i) => nums[i] === 'bad');
      if (bad.length) {
        const what = bad.map(
          (k) => `${String(rows[headerIdx].cells[cols[k]] ?? '').trim()} ${r.cells[cols[k]]}`,
        );
        problems.push({ row: r.n, message: `수치는 0 이상의 정수여야 합니다: ${what.join(', ')}` });
        continue;
      }
      const [followers, posts, visitors] = nums as (number | null)[];
      good.push({ channelId: ch.id, month, followers, posts, visitors });
    }
    this.db.transaction(() => {
      for (const g of good) this.saveFigure(g, userId);
    })();
    return { rows: good.length + problems.length, imported: good.length, problems };
  }
}

export const KIND_ORDER: readonly SnsKind[] = SNS_KIND_VALUES;

const services = new WeakMap<Core, SnsService>();
export function snsOf(core: Core): SnsService {
  let s = services.get(core);
  if (!s) {
    s = new SnsService(core);
    services.set(core, s);
  }
  return s;
}

/** modules.ts: seed the channel list from the seed's SNS links on first start. */
export function installSns(core: Core): void {
  snsOf(core).seedFromSettings();
}
