// HQ's review list: both values of every conflicting field are kept; staff confirm or reverse the rule's choice.
import { normalizePhone } from '../../shared/text/phone';
import { AppError } from '../../shared/errors';
import type { Core } from '../core/core';
import { FIELD_LABELS, type MergeField } from './merge';

interface Row {
  id: number;
  localStationId: string | null;
  code: string | null;
  stationName: string | null;
  packageSeq: number;
  entity: string;
  entityId: string;
  subjectName: string | null;
  field: string;
  localValue: string | null;
  incomingValue: string | null;
  chosen: 'local' | 'incoming';
  reason: string;
  resolved: number;
  resolvedAt: string | null;
  createdAt: string;
}

function display(core: Core, field: string, json: string | null): string | null {
  const v = json === null ? null : (JSON.parse(json) as string | number | null);
  if (v === null || v === '') return null;
  if (field === 'dongId') return core.reference.dong(Number(v))?.name ?? String(v);
  if (field === 'businessTypeId')
    return core.reference.list().businessTypes.find((b) => b.id === v)?.name ?? String(v);
  if (field === 'gender') return v === 'M' ? '남' : v === 'F' ? '여' : String(v);
  if (field === 'status') return v === 'active' ? '구독 중' : v === 'withdrawn' ? '해지' : String(v);
  return String(v);
}

export function listConflicts(
  core: Core,
  input: { resolved: boolean; stationId?: string; page: number; pageSize: number },
) {
  const station = input.stationId
    ? (core.reference.list().stations.find((s) => s.id === input.stationId || s.code === input.stationId)
        ?.id ?? '-')
    : null;
  const where = `WHERE c.resolved = @resolved${station ? ' AND c.local_station_id = @station' : ''}`;
  const p = { resolved: input.resolved ? 1 : 0, station };
  const total = (
    core.sqlite.prepare(`SELECT count(*) AS n FROM station_conflicts c ${where}`).get(p) as { n: number }
  ).n;
  const rows = core.sqlite
    .prepare(
      `SELECT c.id, c.local_station_id AS localStationId, s.code, s.name AS stationName, c.package_seq AS packageSeq,
        c.entity, c.entity_id AS entityId, sub.name AS subjectName, c.field, c.local_value AS localValue,
        c.incoming_value AS incomingValue, c.chosen, c.reason, c.resolved, c.resolved_at AS resolvedAt,
        c.created_at AS createdAt
      FROM station_conflicts c LEFT JOIN stations s ON s.id = c.local_station_id
        LEFT JOIN subscribers sub ON sub.id = c.entity_id
      ${where} ORDER BY c.id DESC LIMIT @limit OFFSET @offset`,
    )
    .all({ ...p, limit: input.pageSize, offset: (input.page - 1) * input.pageSize }) as Row[];
  return {
    items: rows.map((r) => ({
      id: r.id,
      station: r.localStationId
        ? { id: r.localStationId, code: r.code ?? '', name: r.stationName ?? '' }
        : null,
      packageSeq: r.packageSeq,
      entity: r.entity,
      entityId: r.entityId,
      subjectName: r.subjectName,
      field: r.field,
      fieldLabel: FIELD_LABELS[r.field as MergeField] ?? r.field,
      localValue: display(core, r.field, r.localValue),
      incomingValue: display(core, r.field, r.incomingValue),
      chosen: r.chosen,
      reason: r.reason,
      resolved: !!r.resolved,
      resolvedAt: r.resolvedAt,
      createdAt: r.createdAt,
    })),
    total,
    page: input.page,
    pageSize: input.pageSize,
  };
}

/** Marks a conflict reviewed; choosing the other value writes it to the person (a new version). */
export function resolveConflict(
  core: Core,
  id: number,
  choose: 'local' | 'incoming',
  by: string | null,
): { id: number; applied: boolean; resolved: true; subscriberId: string } {
  const row = core.sqlite
    .prepare(
      `SELECT entity_id AS entityId, field, local_value AS localValue, incoming_value AS incomingValue, chosen, resolved
      FROM station_conflicts WHERE id = ?`,
    )
    .get(id) as
    | Pick<Row, 'entityId' | 'field' | 'localValue' | 'incomingValue' | 'chosen' | 'resolved'>
    | undefined;
  if (!row) throw new AppError('NOT_FOUND', '충돌 기록을 찾을 수 없습니다.');
  if (row.resolved) return { id, applied: false, resolved: true, subscriberId: row.entityId };
  const repo = core.subscriberRepo;
  let applied = false;
  core.sqlite.transaction(() => {
    if (choose !== row.chosen) {
      if (!repo.byId(row.entityId)) throw new AppError('NOT_FOUND', '충돌한 사람의 기록을 찾을 수 없습니다.');
      const value = JSON.parse((choose === 'local' ? row.localValue : row.incomingValue) ?? 'null');
      const patch: Record<string, unknown> = { [row.field]: value };
      if (row.field === 'mobile') patch.phoneKind = value ? normalizePhone(String(value)).kind : null;
      repo.update(row.entityId, patch);
      applied = true;
    }
    core.sqlite
      .prepare(
        'UPDATE station_conflicts SET resolved = 1, resolved_at = ?, resolved_by = ?, chosen = ? WHERE id = ?',
      )
      .run(core.clock.now().toISOString(), by, choose, id);
  })();
  return { id, applied, resolved: true, subscriberId: row.entityId };
}
