import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import { readOptOut } from '../../shared/optout';
import type { HandlerMap } from '../core/context';
import { type ReadResult, readOptOutFile, readText } from './files';

type OptOutChannel =
  | 'optout.ingest'
  | 'optout.list'
  | 'optout.resolve'
  | 'optout.manual'
  | 'optout.forSubscriber'
  | 'optout.stats'
  | 'optout.export'
  | 'optout.sync'
  | 'optout.sources'
  | 'optout.notices'
  | 'optout.notices.mark'
  | 'optout.preview'
  | 'optout.settings.get'
  | 'optout.settings.update';

const SUM_KEYS = ['messages', 'applied', 'review', 'unmatched', 'duplicates'] as const;

export const optoutHandlers: HandlerMap<OptOutChannel> = {
  'optout.ingest': async (i, ctx) => {
    const now = ctx.core.clock.now();
    let read: ReadResult;
    let name = i.fileName ?? null;
    if (i.text !== undefined) {
      read = readText(i.text, now);
      name ??= '붙여넣기';
    } else {
      let buf: Buffer;
      if (i.fileBase64 !== undefined) buf = Buffer.from(i.fileBase64, 'base64');
      else {
        try {
          buf = fs.readFileSync(i.path!);
        } catch {
          throw new AppError('FILE', `파일을 열 수 없습니다: ${i.path}`);
        }
        name ??= path.basename(i.path!);
      }
      read = await readOptOutFile(buf, name ?? '', now);
    }
    const r = ctx.core.optout.ingestMessages(
      read.rows.map((row) => ({
        from: row.from,
        text: row.text,
        receivedAt: row.receivedAt,
        source: 'work-phone' as const,
        sourceDetail: name,
      })),
      { actor: ctx.actor },
    );
    ctx.audit({
      action: 'import',
      targetType: 'optout_message',
      subjectCount: r.messages - r.duplicates,
      detail: { file: name, format: read.format, encoding: read.encoding, ...r, ids: undefined },
    });
    return {
      messages: r.messages,
      applied: r.applied,
      review: r.review,
      unmatched: r.unmatched,
      duplicates: r.duplicates,
      pending: r.pending,
      skipped: read.problems.length,
      problems: read.problems.slice(0, 500),
    };
  },

  'optout.list': (i, ctx) => {
    const r = ctx.core.optout.reports.list(i);
    const people = new Set(r.items.flatMap((m) => m.matched.map((p) => p.id)));
    ctx.audit({
      action: 'view',
      targetType: 'optout_message',
      subjectCount: Math.max(people.size, r.items.length),
      detail: {
        status: i.status ?? null,
        source: i.source ?? null,
        q: i.q ? '(검색어)' : null,
        page: i.page,
      },
    });
    return r;
  },

  'optout.resolve': (i, ctx) => ctx.core.optout.resolve(i, ctx.actor),

  'optout.manual': (i, ctx) => {
    const r = ctx.core.optout.manual(i, ctx.actor, (d) => ctx.assertDong(d));
    return {
      messageId: r.messageId,
      status: r.status,
      withdrawn: r.withdrawn,
      people: r.people.map((p) => ({ id: p.id, name: p.name, kind: p.kind, dongId: p.dongId })),
    };
  },

  'optout.forSubscriber': (i, ctx) => {
    const r = ctx.core.optout.reports.forSubscriber(i.subscriberId);
    ctx.assertDong(r.subscriber.dongId);
    ctx.audit({ action: 'view', targetType: 'subscriber', targetId: i.subscriberId, subjectCount: 1 });
    return r;
  },

  'optout.stats': (i, ctx) => ctx.core.optout.reports.stats(i),

  'optout.export': async (i, ctx) => {
    const r = await ctx.core.optout.reports.exportXlsx(i);
    ctx.audit({
      action: 'export',
      targetType: 'optout_message',
      subjectCount: Math.max(r.people, r.rows),
      reason: i.reason,
      detail: { status: i.status ?? null, from: i.from ?? null, to: i.to ?? null, rows: r.rows },
    });
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Seoul' }).format(ctx.core.clock.now());
    return { fileName: `수신거부_${day}.xlsx`, base64: r.buffer.toString('base64'), rows: r.rows };
  },

  'optout.sync': async (i, ctx) => {
    const sources = await ctx.core.optout.sync.run(i.sources);
    const total = Object.fromEntries(
      SUM_KEYS.map((k) => [k, sources.reduce((a, s) => a + s[k], 0)]),
    ) as Record<(typeof SUM_KEYS)[number], number>;
    if (total.messages > 0)
      ctx.audit({
        action: 'import',
        targetType: 'optout_message',
        subjectCount: total.messages,
        detail: { sync: true },
      });
    return { sources, ...total };
  },

  'optout.sources': (_i, ctx) => {
    const sync = ctx.core.optout.sync;
    const states = sync.states();
    const reg = sync.registered();
    const items = reg.map((r) => {
      const s = states.find((x) => x.name === r.name && x.kind === r.kind);
      return {
        name: r.name,
        kind: r.kind,
        registered: true,
        since: s?.since ?? null,
        lastRunAt: s?.lastRunAt ?? null,
        lastOkAt: s?.lastOkAt ?? null,
        lastError: s?.lastError ?? null,
        lastCount: s?.lastCount ?? 0,
      };
    });
    for (const s of states)
      if (!reg.some((r) => r.name === s.name && r.kind === s.kind)) items.push({ ...s, registered: false });
    return { intervalMinutes: ctx.core.optout.settings.get().syncIntervalMinutes, items };
  },

  'optout.notices': (i, ctx) => {
    const r = ctx.core.optout.reports.notices(i);
    ctx.audit({ action: 'view', targetType: 'optout_notice', subjectCount: r.items.length });
    return r;
  },

  'optout.notices.mark': (i, ctx) => {
    const updated = ctx.core.optout.reports.markNotices(i.ids, i.status, i.reason);
    ctx.audit({
      action: 'edit',
      targetType: 'optout_notice',
      subjectCount: updated,
      reason: i.reason,
      detail: { ids: i.ids, status: i.status },
    });
    return { updated };
  },

  'optout.preview': (i, ctx) => {
    const r = readOptOut(i.text, {
      fields: ctx.core.optout.fieldMatcher(),
      from: i.from ?? null,
      maxLength: ctx.core.optout.settings.get().maxAutoLength,
    });
    return { ...r, fieldNames: ctx.core.optout.fieldNames(r.fieldIds) };
  },

  'optout.settings.get': (_i, ctx) => ctx.core.optout.settings.get(),

  'optout.settings.update': (patch, ctx) => {
    if (patch.aliases) {
      const known = new Set(ctx.core.reference.list().fields.map((f) => f.id));
      const bad = patch.aliases.find((a) => !known.has(a.fieldId));
      if (bad) throw new AppError('VALIDATION', `별칭 '${bad.alias}'의 분야가 없습니다.`);
    }
    const next = ctx.core.optout.settings.update(patch);
    ctx.audit({ action: 'settings', targetType: 'optout', detail: { keys: Object.keys(patch) } });
    return next;
  },
};
