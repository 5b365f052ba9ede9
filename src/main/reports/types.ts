import type { Role } from '../../shared/contract/define';
import type { ReportChart, ReportFilterDef, ReportSection } from '../../shared/contract/reports';
import type { Core } from '../core/core';
import type { Period } from './period';

export interface ReportQuery extends Period {
  filters: Record<string, string>;
  /** a dong user's dong; null = every dong */
  dongScope: number | null;
}

/** What a report's query returns; the registry adds the frame (ward, title, period, date). */
export interface ReportBody {
  sections: ReportSection[];
  charts: ReportChart[];
  filterLabels?: string[];
  personal?: boolean;
}

export interface ReportDef {
  name: string;
  title: string;
  description: string;
  roles: readonly Role[];
  filters(core: Core): ReportFilterDef[];
  /** a pure query over the database */
  run(core: Core, q: ReportQuery): ReportBody;
}
