// Every installation seeds its own reference rows (random station UUIDs, autoincrement field and
// dong ids), so packages name them by code and each side maps codes onto its own rows.
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { AppError } from '../../shared/errors';
import type { Core } from '../core/core';
import type { Refs } from './body';

export interface ThisStation {
  id: string;
  code: string;
  name: string;
  kind: 'hq' | 'dong';
  dongId: number | null;
}

export function thisStation(core: Core): ThisStation {
  const id = core.settings.get().thisStationId;
  const st = core.reference.station(id);
  if (!st)
    throw new AppError(
      'SETUP_REQUIRED',
      '이 설치가 본청인지 어느 주민센터인지 정해지지 않았습니다. 설정에서 이 PC의 접수처를 먼저 고르세요.',
    );
  return { id: st.id, code: st.code, name: st.name, kind: st.kind, dongId: st.dongId };
}

export function requireKind(st: ThisStation, kind: 'hq' | 'dong', what: string): void {
  if (st.kind === kind) return;
  throw new AppError(
    'VALIDATION',
    kind === 'hq'
      ? `${what}은(는) 본청에서만 할 수 있습니다. 이 PC는 ${st.name}입니다.`
      : `${what}은(는) 주민센터(접수처)에서만 할 수 있습니다. 이 PC는 본청입니다.`,
  );
}

export function refsOf(sqlite: Database.Database): Refs {
  return {
    stations: (
      sqlite
        .prepare(
          `SELECT s.id, s.code, s.name, s.kind, d.code AS dongCode, s.active FROM stations s
          LEFT JOIN dongs d ON d.id = s.dong_id ORDER BY s.code`,
        )
        .all() as (Omit<Refs['stations'][number], 'active'> & { active: number })[]
    ).map((s) => ({ ...s, active: !!s.active })),
    fields: sqlite.prepare('SELECT id, code FROM fields ORDER BY id').all() as Refs['fields'],
    dongs: sqlite.prepare('SELECT id, code FROM dongs ORDER BY id').all() as Refs['dongs'],
    businessTypes: sqlite
      .prepare('SELECT id, code FROM business_types ORDER BY id')
      .all() as Refs['businessTypes'],
  };
}

/** Maps the sender's ids onto ours, by code. Unknown stations are added; unknown fields refuse the package. */
export class RefMapper {
  unknown = 0;
  private fieldIds = new Map<number, number>();
  private dongIds = new Map<number, number | null>();
  private btIds = new Map<number, number | null>();
  private stationIds = new Map<string, string | null>();
  private local: Refs;

  constructor(
    private sqlite: Database.Database,
    private remote: Refs,
  ) {
    this.local = refsOf(sqlite);
  }

  field(remoteId: number): number {
    const hit = this.fieldIds.get(remoteId);
    if (hit !== undefined) return hit;
    const code = this.remote.fields.find((f) => f.id === remoteId)?.code;
    const local = code ? this.local.fields.find((f) => f.code === code) : undefined;
    if (!local)
      throw new AppError(
        'VALIDATION',
        `이 PC에 없는 분야(코드 ${code ?? remoteId})가 꾸러미에 있습니다. 본청과 분야 목록을 맞춘 뒤 다시 가져오세요. 아무것도 가져오지 않았습니다.`,
      );
    this.fieldIds.set(remoteId, local.id);
    return local.id;
  }

  fieldOrNull(remoteId: number | null): number | null {
    return remoteId === null ? null : this.field(remoteId);
  }

  dong(remoteId: number | null): number | null {
    return this.byCode(remoteId, this.dongIds, this.remote.dongs, this.local.dongs);
  }

  businessType(remoteId: number | null): number | null {
    return this.byCode(remoteId, this.btIds, this.remote.businessTypes, this.local.businessTypes);
  }

  private byCode(
    remoteId: number | null,
    cache: Map<number, number | null>,
    remote: { id: number; code: string }[],
    local: { id: number; code: string }[],
  ): number | null {
    if (remoteId === null) return null;
    if (cache.has(remoteId)) return cache.get(remoteId)!;
    const code = remote.find((r) => r.id === remoteId)?.code;
    const id = (code && local.find((l) => l.code === code)?.id) || null;
    if (id === null) this.unknown++;
    cache.set(remoteId, id);
    return id;
  }

  /** Our id of the sender's station; a station we have never heard of is added to our list. */
  station(remoteId: string | null): string | null {
    if (remoteId === null) return null;
    if (this.stationIds.has(remoteId)) return this.stationIds.get(remoteId)!;
    const r = this.remote.stations.find((s) => s.id === remoteId);
    let id: string | null = null;
    if (r) {
      id = this.local.stations.find((s) => s.code === r.code)?.id ?? null;
      if (!id) {
        const taken = this.local.stations.some((s) => s.id === r.id);
        id = taken ? randomUUID() : r.id;
        const dongId = r.dongCode ? (this.local.dongs.find((d) => d.code === r.dongCode)?.id ?? null) : null;
        this.sqlite
          .prepare('INSERT INTO stations (id, code, name, kind, dong_id, active) VALUES (?, ?, ?, ?, ?, ?)')
          .run(id, r.code, r.name, r.kind, r.kind === 'dong' ? dongId : null, r.active ? 1 : 0);
        this.local.stations.push({ ...r, id });
      }
    } else if (this.local.stations.some((s) => s.id === remoteId)) id = remoteId;
    this.stationIds.set(remoteId, id);
    return id;
  }
}
