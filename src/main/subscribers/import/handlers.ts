import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type {
  ImportMapping,
  ImportPreview,
  ImportResult,
  PreviewRow,
} from '../../../shared/contract/imports';
import { AppError } from '../../../shared/errors';
import { formatPhone } from '../../../shared/text/phone';
import type { HandlerContext, HandlerMap } from '../../core/context';
import type { Core } from '../../core/core';
import type { JobRecord } from '../../jobs/runner';
import { IMPORT_JOB, type ImportParams, importDir, referenceOf } from './job';
import { RowNormaliser } from './normalize';
import { type ImportOutcome, resolveMapping, sniffOrFail } from './pipeline';
import { ReadFailure, readRows } from './read';
import type { CellValue } from './values';

const DAY = 86_400_000;

/** Drops uploads nobody started an import from (a preview that was closed). */
function sweepUploads(dir: string): void {
  try {
    for (const f of fs.readdirSync(dir)) {
      const p = path.join(dir, f);
      if (Date.now() - fs.statSync(p).mtimeMs > DAY) fs.rmSync(p, { force: true });
    }
  } catch {}
}

interface SourceInput {
  fileBase64?: string;
  path?: string;
  uploadId?: string;
  fileName: string;
}

/** The file on disk: our copy of uploaded bytes, an earlier upload, or (desktop/CLI only) a path. */
function resolveFile(ctx: HandlerContext, i: SourceInput): { file: string; uploadId: string | null } {
  const dir = importDir(ctx.core, 'uploads');
  if (i.fileBase64 !== undefined) {
    fs.mkdirSync(dir, { recursive: true });
    sweepUploads(dir);
    const uploadId = randomUUID();
    const file = path.join(dir, `${uploadId}.upload`);
    fs.writeFileSync(file, Buffer.from(i.fileBase64, 'base64'), { mode: 0o600 });
    return { file, uploadId };
  }
  if (i.uploadId !== undefined) {
    const file = path.join(dir, `${i.uploadId}.upload`);
    if (!fs.existsSync(file))
      throw new AppError('NOT_FOUND', '올린 파일이 없습니다. 파일을 다시 골라 주세요.');
    return { file, uploadId: i.uploadId };
  }
  // A browser must send the bytes: a path would let it read any file on the machine running the core.
  if (ctx.call.origin === 'web') throw new AppError('VALIDATION', '웹 화면에서는 파일 내용을 보내 주세요.');
  const file = path.resolve(i.path!);
  if (!fs.existsSync(file)) throw new AppError('NOT_FOUND', `파일을 찾을 수 없습니다: ${i.path}`);
  return { file, uploadId: null };
}

const PREVIEW_ROWS = 20;

async function preview(
  ctx: HandlerContext,
  i: SourceInput & { kind: 'individual' | 'business'; sheet?: string; mappingId?: number },
): Promise<ImportPreview> {
  const core = ctx.core;
  const { file, uploadId } = resolveFile(ctx, i);
  const format = sniffOrFail(file, i.fileName);
  const ref = referenceOf(core);
  const raw: { n: number; cells: CellValue[] }[] = [];
  let meta = { sheets: [] as string[], sheet: null as string | null, encoding: null as string | null };
  try {
    // Enough rows for the header search and 20 data rows; the rest of the file is never read.
    for await (const ev of readRows({ file, format, sheet: i.sheet ?? null, batch: 50 })) {
      if (ev.type === 'meta') meta = ev;
      else raw.push(...ev.rows);
      if (raw.length >= 30 + PREVIEW_ROWS * 3) break;
    }
  } catch (e) {
    if (e instanceof ReadFailure) throw new AppError('FILE', e.message);
    throw e;
  }
  const head: CellValue[][] = [];
  for (const r of raw) if (r.n <= 30) head[r.n - 1] = r.cells;
  for (let k = 0; k < head.length; k++) head[k] ??= [];
  if (head.length === 0) throw new AppError('FILE', '시트가 비어 있습니다.');
  const m = resolveMapping(
    core.sqlite,
    head,
    { kind: i.kind, mapping: null, mappingId: i.mappingId ?? null },
    ref,
  );
  const rows = previewRows(core, ctx, raw, m.mapping, i.kind);
  return {
    uploadId,
    fileName: i.fileName,
    format,
    encoding: meta.encoding,
    sheets: meta.sheets,
    sheet: meta.sheet,
    headers: m.headers,
    mapping: m.mapping,
    unrecognised: m.unrecognised,
    rows,
  };
}

function previewRows(
  core: Core,
  ctx: HandlerContext,
  raw: { n: number; cells: CellValue[] }[],
  mapping: ImportMapping,
  kind: 'individual' | 'business',
): PreviewRow[] {
  const ref = referenceOf(core);
  const norm = new RowNormaliser({ kind, mapping, ref, dongScope: ctx.dongScope, now: core.clock.now() });
  const dongName = new Map(ref.dongs.map((d) => [d.id, d.name]));
  const typeName = new Map(ref.businessTypes.map((b) => [b.id, b.name]));
  const repo = core.subscriberRepo;
  const out: PreviewRow[] = [];
  for (const r of raw) {
    if (r.n <= mapping.headerRow) continue;
    const x = norm.normalise(r);
    if (!x) continue;
    const rejected = x.problems.some((p) => p.level === 'error');
    const known =
      (x.rec.mobile && repo.byMobile(x.rec.mobile).some((s) => s.kind === kind)) ||
      (!x.rec.mobile && x.rec.email && repo.byEmail(x.rec.email).some((s) => s.kind === kind));
    out.push({
      rowNumber: x.n,
      outcome: rejected ? 'rejected' : known ? 'merge' : 'new',
      name: x.rec.name,
      mobile: x.rec.mobile ? formatPhone(x.rec.mobile) : null,
      email: x.rec.email,
      birthYear: x.rec.birthYear,
      gender: x.rec.gender,
      dong: x.rec.dongId !== null ? (dongName.get(x.rec.dongId) ?? null) : null,
      address: x.rec.address,
      representative: x.rec.representative,
      businessType: x.rec.businessTypeId !== null ? (typeName.get(x.rec.businessTypeId) ?? null) : null,
      appliedAt: x.rec.at,
      consents: x.consents.map((c) => norm.fieldLabel(c.fieldId, c.channel)),
      problems: x.problems,
    });
    if (out.length >= PREVIEW_ROWS) break;
  }
  return out;
}

/** Staff see their own imports; admins and PR see all. */
function importJob(ctx: HandlerContext, jobId: string): JobRecord {
  const u = ctx.requireUser();
  const job = ctx.core.jobs.get(jobId);
  const mine = job.createdBy === u.id || u.id === 'cli' || u.role === 'admin' || u.role === 'pr';
  if (job.kind !== IMPORT_JOB || !mine) throw new AppError('NOT_FOUND', '가져오기 작업을 찾을 수 없습니다.');
  return job;
}

function resultOf(job: JobRecord): ImportResult {
  const r = (job.status === 'done' ? job.result : null) as ImportOutcome | null;
  const p = job.params as ImportParams;
  return {
    jobId: job.id,
    status: job.status,
    fileName: r?.fileName ?? p?.fileName ?? null,
    rows: r?.rows ?? 0,
    imported: r?.imported ?? 0,
    merged: r?.merged ?? 0,
    rejected: r?.rejected ?? 0,
    warnings: r?.warnings ?? 0,
    review: r?.review ?? 0,
    reportFile: r?.reportFile ?? null,
    error: job.status === 'failed' ? (job.error ?? '가져오기에 실패했습니다.') : null,
  };
}

interface MappingRow {
  id: number;
  name: string;
  kind: 'individual' | 'business';
  mapping: string;
  createdAt: string;
}

const mappingOut = (r: MappingRow) => ({ ...r, mapping: JSON.parse(r.mapping) as ImportMapping });

export const importsHandlers: HandlerMap<
  | 'imports.preview'
  | 'imports.start'
  | 'imports.result'
  | 'imports.report'
  | 'imports.mappings.list'
  | 'imports.mappings.save'
> = {
  'imports.preview': (i, ctx) => preview(ctx, i),

  'imports.start': (i, ctx) => {
    const user = ctx.requireUser();
    const { file, uploadId } = resolveFile(ctx, i);
    try {
      sniffOrFail(file, i.fileName); // a file that is no spreadsheet fails here, before any job
    } catch (e) {
      if (uploadId) fs.rmSync(file, { force: true });
      throw e;
    }
    const params: ImportParams = {
      filePath: file,
      fileName: path.basename(i.fileName),
      uploaded: uploadId !== null,
      kind: i.kind,
      sheet: i.sheet ?? null,
      mapping: i.mapping ?? null,
      mappingId: i.mapping ? null : (i.mappingId ?? null),
      actor: ctx.actor,
      userId: user.id === 'cli' ? null : user.id,
      dongScope: ctx.dongScope,
    };
    const job = ctx.core.jobs.start(IMPORT_JOB, params, user.id === 'cli' ? null : user.id);
    return { jobId: job.id };
  },

  'imports.result': ({ jobId }, ctx) => resultOf(importJob(ctx, jobId)),

  'imports.report': ({ jobId }, ctx) => {
    const r = resultOf(importJob(ctx, jobId));
    if (!r.reportFile || !fs.existsSync(r.reportFile))
      throw new AppError(
        'NOT_FOUND',
        '이 가져오기에는 결과 보고서가 없습니다(제외·경고·검토할 행이 없었습니다).',
      );
    ctx.audit({
      action: 'export',
      targetType: 'import-report',
      targetId: jobId,
      subjectCount: r.rejected + r.warnings + r.review,
      detail: { fileName: r.fileName },
    });
    return {
      fileName: path.basename(r.reportFile),
      base64: fs.readFileSync(r.reportFile).toString('base64'),
    };
  },

  'imports.mappings.list': ({ kind }, ctx) => {
    const rows = ctx.core.sqlite
      .prepare(
        `SELECT id, name, kind, mapping, created_at AS createdAt FROM import_mappings
         WHERE (? IS NULL OR kind = ?) ORDER BY name`,
      )
      .all(kind ?? null, kind ?? null) as MappingRow[];
    return { items: rows.map(mappingOut) };
  },

  'imports.mappings.save': ({ name, kind, mapping }, ctx) => {
    const db = ctx.core.sqlite;
    db.prepare(
      `INSERT INTO import_mappings (name, kind, mapping, created_at) VALUES (?, ?, ?, ?)
       ON CONFLICT(name) DO UPDATE SET kind = excluded.kind, mapping = excluded.mapping`,
    ).run(name, kind, JSON.stringify(mapping), ctx.core.clock.now().toISOString());
    const row = db
      .prepare('SELECT id, name, kind, mapping, created_at AS createdAt FROM import_mappings WHERE name = ?')
      .get(name) as MappingRow;
    ctx.audit({
      action: 'settings',
      targetType: 'import-mapping',
      targetId: String(row.id),
      detail: { name },
    });
    return mappingOut(row);
  },
};
