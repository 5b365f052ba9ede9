import type { ReportColumn, ReportFilterDef, ReportRow } from '../../shared/contract/reports';
import { AppError } from '../../shared/errors';
import type { Core } from '../core/core';

export const col = (
  key: string,
  label: string,
  format: ReportColumn['format'],
  width?: number,
): ReportColumn => ({
  key,
  label,
  format,
  ...(width ? { width } : {}),
});

export function fieldFilter(core: Core): ReportFilterDef {
  return {
    key: 'fieldId',
    label: '분야',
    kind: 'field',
    options: core.reference.list().fields.map((f) => ({ value: String(f.id), label: f.name })),
  };
}

export function dongFilter(core: Core): ReportFilterDef {
  return {
    key: 'dongId',
    label: '행정동',
    kind: 'dong',
    options: core.reference.list().dongs.map((d) => ({ value: String(d.id), label: d.name })),
  };
}

/** A positive integer filter value, or undefined when not given. */
export function intFilter(filters: Record<string, string>, key: string, label: string): number | undefined {
  const v = filters[key];
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0)
    throw new AppError('VALIDATION', `${label} 값이 올바르지 않습니다: ${v}`);
  return n;
}

/** Field id → name, read once per report (reference.list() reads four tables). */
export function fieldNames(core: Core): (id: number) => string {
  const names = new Map(core.reference.list().fields.map((f) => [f.id, f.name]));
  return (id) => names.get(id) ?? `#${id}`;
}

export function fieldName(core: Core, id: number): string {
  return fieldNames(core)(id);
}

/** Sums the numeric columns of rows (rates are recomputed by the caller). */
export function sumRows(rows: ReportRow[], keys: string[], label: Record<string, string>): ReportRow {
  const out: ReportRow = { ...label };
  for (const k of keys)
    out[k] = rows.reduce((a, r) => a + (typeof r[k] === 'number' ? (r[k] as number) : 0), 0);
  return out;
}
