import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ReportModel, ReportRequest } from '../../shared/contract/reports';
import { AppError } from '../../shared/errors';
import type { Core } from '../core/core';
import type { HandlerContext, HandlerMap } from '../core/context';
import { seoulStamp } from '../subscribers/time';
import { reportPdf } from './pdf';
import { reportHtml } from './print/html';
import { listReports, runReport } from './registry';
import { writeReportXlsx } from './xlsx';

function run(ctx: HandlerContext, req: ReportRequest): ReportModel {
  const user = ctx.requireUser();
  const m = runReport(ctx.core, req, {
    role: user.role,
    dongScope: ctx.dongScope,
    department: user.department ?? null,
  });
  if (m.personal)
    ctx.audit({
      action: 'view',
      targetType: 'report',
      targetId: m.name,
      detail: { from: req.from, to: req.to },
    });
  return m;
}

/**
 * Where a file goes: the path the desktop/CLI caller chose, or — in web mode, where a browser must
 * not name files on this machine — the data folder's `exports` directory.
 */
function outFile(
  core: Core,
  ctx: HandlerContext,
  requested: string | undefined,
  base: string,
  ext: 'xlsx' | 'pdf',
): string {
  const web = ctx.call.origin === 'web' || core.mode === 'web';
  let file: string;
  if (requested && !web) {
    file = path.resolve(requested);
    if (!file.toLowerCase().endsWith(`.${ext}`)) file += `.${ext}`;
  } else {
    const dir = core.dbPath === ':memory:' ? os.tmpdir() : path.dirname(path.resolve(core.dbPath));
    file = path.join(dir, 'exports', `${base}-${seoulStamp(core.clock.now())}.${ext}`);
  }
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
  } catch {
    throw new AppError('FILE', `저장할 폴더를 만들 수 없습니다: ${path.dirname(file)}`);
  }
  return file;
}

/** Statistics handed on are logged (who printed or exported which report for which period). */
function auditOut(ctx: HandlerContext, action: 'export' | 'print', m: ReportModel, file: string): void {
  ctx.audit({
    action,
    targetType: 'report',
    targetId: m.name,
    detail: {
      title: m.title,
      period: m.period,
      filters: m.filterLabels,
      file: path.basename(file),
      personal: m.personal,
    },
  });
}

export const reportsHandlers: HandlerMap<
  'reports.list' | 'reports.run' | 'reports.exportXlsx' | 'reports.pdf' | 'reports.printHtml'
> = {
  'reports.list': (_i, ctx) => listReports(ctx.core, ctx.requireUser().role),
  'reports.run': (i, ctx) => run(ctx, i),
  'reports.exportXlsx': async (i, ctx) => {
    const m = run(ctx, i);
    const file = outFile(ctx.core, ctx, i.path, `보고서-${m.name}`, 'xlsx');
    try {
      await writeReportXlsx(m, file);
    } catch (e) {
      throw new AppError('FILE', `엑셀 파일을 쓰지 못했습니다: ${(e as Error).message}`);
    }
    auditOut(ctx, 'export', m, file);
    return { file };
  },
  'reports.pdf': async (i, ctx) => {
    const m = run(ctx, i);
    const file = outFile(ctx.core, ctx, i.path, `보고서-${m.name}`, 'pdf');
    const { buffer, pages } = await reportPdf(m);
    try {
      fs.writeFileSync(file, buffer);
    } catch (e) {
      throw new AppError('FILE', `PDF 파일을 쓰지 못했습니다: ${(e as Error).message}`);
    }
    auditOut(ctx, 'print', m, file);
    return { file, pages };
  },
  'reports.printHtml': (i, ctx) => {
    const m = run(ctx, i);
    auditOut(ctx, 'print', m, `${m.name}.html`);
    return { html: reportHtml(m, { embedFont: true, pageBoxes: true }) };
  },
};
