// Every report, by name. A report is a pure query (types.ts); this file adds the frame (ward, title,
// period, date printed) and the role check, so the screen, xlsx, print and CLI all go through here.
import type { Role } from '../../shared/contract/define';
import type { ReportInfo, ReportModel, ReportRequest } from '../../shared/contract/reports';
import { AppError } from '../../shared/errors';
import type { Core } from '../core/core';
import { campaignReport } from './campaign';
import { intakeReport } from './intake';
import { optoutsReport } from './optouts';
import { sendsReport } from './sends';
import { snsReport } from './sns';
import { subscribersReport } from './subscribers';
import { surveysAvailable, surveysReport } from './surveys';
import type { ReportDef } from './types';

const ALL: ReportDef[] = [
  sendsReport,
  campaignReport,
  subscribersReport,
  intakeReport,
  optoutsReport,
  surveysReport,
  snsReport,
];

/** The reports this installation can run (the surveys report needs the surveys tables). */
export function reportDefs(core: Core): ReportDef[] {
  return ALL.filter((r) => r !== surveysReport || surveysAvailable(core));
}

export function reportDef(core: Core, name: string): ReportDef {
  const def = reportDefs(core).find((r) => r.name === name);
  if (!def)
    throw new AppError(
      'NOT_FOUND',
      `없는 보고서입니다: ${name} (있는 보고서: ${reportDefs(core)
        .map((r) => r.name)
        .join(', ')})`,
    );
  return def;
}

export function listReports(core: Core, role: Role): ReportInfo[] {
  return reportDefs(core)
    .filter((r) => r.roles.includes(role))
    .map((r) => ({
      name: r.name,
      title: r.title,
      description: r.description,
      filters: r.filters(core),
      roles: [...r.roles],
    }));
}

export interface RunOptions {
  role: Role;
  dongScope: number | null;
  department?: string | null;
}

export function runReport(core: Core, req: ReportRequest, o: RunOptions): ReportModel {
  const def = reportDef(core, req.name);
  if (!def.roles.includes(o.role))
    throw new AppError('FORBIDDEN', `이 보고서를 볼 권한이 없습니다: ${def.title}`);
  const filters = { ...req.filters };
  // Department staff read the surveys of their own department only.
  if (def.name === 'surveys' && o.role === 'dept') filters.department = o.department ?? '';
  const body = def.run(core, { from: req.from, to: req.to, filters, dongScope: o.dongScope });
  return {
    name: def.name,
    title: def.title,
    wardName: core.settings.get().wardName,
    period: { from: req.from, to: req.to },
    filterLabels: body.filterLabels ?? [],
    generatedAt: core.clock.now().toISOString(),
    sections: body.sections,
    charts: body.charts,
    personal: body.personal ?? false,
  };
}
