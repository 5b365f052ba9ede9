// At HQ: change packages in (verify → decrypt → validate → apply in one transaction), receipts out,
// and what the screens show: packages per station, silent stations.
import type { StationImportResult } from '../../shared/contract/stations';
import { AppError } from '../../shared/errors';
import type { Core } from '../core/core';
import { seoulStamp } from '../subscribers/time';
import { applyChanges } from './apply';
import { changesBody, type ReceiptBody } from './body';
import { MSG, readBody, seal } from './envelope';
import { deliver, readSource, type WrittenFile } from './files';
import type { PeerRecord, StationKeys } from './keys';
import { requireKind, thisStation } from './refs';
import { verifiedEnvelope } from './verify';

export async function importChanges(
  core: Core,
  keys: StationKeys,
  src: { path?: string; base64?: string },
  passphrase: string,
  importedBy: string | null,
): Promise<StationImportResult & { subjects: number }> {
  const me = thisStation(core);
  requireKind(me, 'hq', '접수처 변경 꾸러미 가져오기');
  const { env, peer } = verifiedEnvelope(readSource(src), keys, me, 'changes');
  const parsed = changesBody.safeParse(await readBody(env, passphrase));
  if (!parsed.success) throw new AppError('FILE', MSG.badBody);
  const body = parsed.data;
  if (body.station.id !== env.header.from.stationId || body.seq !== env.header.seq)
    throw new AppError('FILE', MSG.badBody);
  const nowIso = core.clock.now().toISOString();
  const run = core.sqlite.transaction(() => {
    const counts = applyChanges(
      {
        sqlite: core.sqlite,
        repo: core.subscriberRepo,
        remoteStationId: peer.remoteId,
        localStationId: peer.localStationId,
        hqStationId: me.id,
        nowIso,
      },
      body,
    );
    const ins = core.sqlite
      .prepare(
        `INSERT INTO station_imports (kind, remote_id, local_station_id, seq, file_hash, package_created_at, imported_at,
          imported_by, counts, mark) VALUES ('changes', ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
      )
      .run(
        peer.remoteId,
        peer.localStationId,
        body.seq,
        env.sha256,
        body.createdAt,
        nowIso,
        importedBy,
        JSON.stringify(counts),
        JSON.stringify(body.mark),
      );
    return { counts, alreadyImported: ins.changes === 0 };
  });
  const r = run.immediate();
  return {
    kind: 'changes',
    station: { id: peer.localStationId, code: peer.code, name: peer.name },
    seq: body.seq,
    alreadyImported: r.alreadyImported,
    ...r.counts,
    subjects: body.subscribers.length,
  };
}

/** A paired dong station by our station id, its code, or its own id. */
export function resolvePeer(keys: StationKeys, ref: string): PeerRecord {
  const p = keys.peers().find((x) => x.localStationId === ref || x.code === ref || x.remoteId === ref);
  if (p?.role !== 'station')
    throw new AppError(
      'NOT_FOUND',
      `짝을 맺은 접수처가 아닙니다: ${ref}. 먼저 그 접수처의 짝 맺기 파일을 가져오세요.`,
    );
  return p;
}

/** The receipt for a station: every package of it applied here, signed by HQ (no personal data, not encrypted). */
export function exportReceipt(
  core: Core,
  keys: StationKeys,
  stationRef: string,
  target: string | undefined,
): WrittenFile & { packages: number } {
  const me = thisStation(core);
  requireKind(me, 'hq', '수령증 만들기');
  const peer = resolvePeer(keys, stationRef);
  const packages = core.sqlite
    .prepare(
      `SELECT seq, file_hash AS fileHash, imported_at AS importedAt FROM station_imports
      WHERE remote_id = ? AND kind = 'changes' ORDER BY id DESC LIMIT 1000`,
    )
    .all(peer.remoteId) as ReceiptBody['packages'];
  if (packages.length === 0)
    throw new AppError(
      'VALIDATION',
      `${peer.name}에서 가져온 꾸러미가 아직 없습니다. 수령증을 만들 것이 없습니다.`,
    );
  const openConflicts = (
    core.sqlite
      .prepare('SELECT count(*) AS n FROM station_conflicts WHERE local_station_id = ? AND resolved = 0')
      .get(peer.localStationId) as { n: number }
  ).n;
  const now = core.clock.now();
  const body: ReceiptBody = {
    format: 1,
    kind: 'receipt',
    createdAt: now.toISOString(),
    to: peer.remoteId,
    packages,
    openConflicts,
  };
  const key = keys.own();
  const bytes = seal(
    {
      kind: 'receipt',
      from: { stationId: me.id, code: me.code, name: me.name },
      to: { stationId: peer.remoteId },
      seq: Math.max(...packages.map((p) => p.seq)),
      createdAt: body.createdAt,
      counts: { packages: packages.length },
      keyFingerprint: key.fingerprint,
    },
    body,
    key.privateKey,
    null,
  );
  const file = deliver(bytes, target, `sotong-receipt-${peer.code}-${seoulStamp(now)}.sotong`);
  return { ...file, packages: packages.length };
}

export function receivedPackages(core: Core, stationRef: string | undefined, page: number, pageSize: number) {
  const local = stationRef
    ? (core.reference.list().stations.find((s) => s.id === stationRef || s.code === stationRef)?.id ?? '-')
    : null;
  const where = local ? 'WHERE i.local_station_id = @local' : '';
  const total = (
    core.sqlite.prepare(`SELECT count(*) AS n FROM station_imports i ${where}`).get({ local }) as {
      n: number;
    }
  ).n;
  const rows = core.sqlite
    .prepare(
      `SELECT i.id, i.kind, i.seq, i.package_created_at AS packageCreatedAt, i.imported_at AS importedAt,
        i.imported_by AS importedBy, i.counts, s.id AS sid, s.code, s.name
      FROM station_imports i LEFT JOIN stations s ON s.id = i.local_station_id ${where}
      ORDER BY i.id DESC LIMIT @limit OFFSET @offset`,
    )
    .all({ local, limit: pageSize, offset: (page - 1) * pageSize }) as {
    id: number;
    kind: 'changes' | 'reference';
    seq: number;
    packageCreatedAt: string;
    importedAt: string;
    importedBy: string | null;
    counts: string;
    sid: string | null;
    code: string | null;
    name: string | null;
  }[];
  return {
    items: rows.map(({ sid, code, name, counts, ...r }) => ({
      ...r,
      counts: JSON.parse(counts) as Record<string, number>,
      station: sid ? { id: sid, code: code!, name: name! } : null,
    })),
    total,
    page,
    pageSize,
  };
}

const DAY = 86_400_000;

/** Every active dong station with what HQ has received from it. */
export function overview(core: Core) {
  const now = core.clock.now().getTime();
  const rows = core.sqlite
    .prepare(
      `SELECT s.id AS stationId, s.code, s.name, (p.remote_id IS NOT NULL) AS paired,
        (SELECT count(*) FROM station_imports i WHERE i.local_station_id = s.id AND i.kind = 'changes') AS packages,
        (SELECT max(seq) FROM station_imports i WHERE i.local_station_id = s.id AND i.kind = 'changes') AS lastSeq,
        (SELECT max(package_created_at) FROM station_imports i WHERE i.local_station_id = s.id AND i.kind = 'changes')
          AS lastPackageAt,
        (SELECT max(imported_at) FROM station_imports i WHERE i.local_station_id = s.id AND i.kind = 'changes')
          AS lastImportedAt,
        (SELECT coalesce(sum(json_extract(i.counts, '$.people')), 0) FROM station_imports i
          WHERE i.local_station_id = s.id AND i.kind = 'changes') AS people,
        (SELECT coalesce(sum(json_extract(i.counts, '$.events')), 0) FROM station_imports i
          WHERE i.local_station_id = s.id AND i.kind = 'changes') AS events,
        (SELECT coalesce(sum(json_extract(i.counts, '$.forms')), 0) FROM station_imports i
          WHERE i.local_station_id = s.id AND i.kind = 'changes') AS forms,
        (SELECT count(*) FROM station_conflicts c WHERE c.local_station_id = s.id AND c.resolved = 0) AS openConflicts
      FROM stations s LEFT JOIN station_peers p ON p.local_station_id = s.id
      WHERE s.kind = 'dong' AND (s.active = 1 OR p.remote_id IS NOT NULL)
      ORDER BY s.code`,
    )
    .all() as {
    stationId: string;
    code: string;
    name: string;
    paired: number;
    packages: number;
    lastSeq: number | null;
    lastPackageAt: string | null;
    lastImportedAt: string | null;
    people: number;
    events: number;
    forms: number;
    openConflicts: number;
  }[];
  return rows.map((r) => ({
    ...r,
    paired: !!r.paired,
    daysSilent: r.lastPackageAt
      ? Math.max(0, Math.floor((now - new Date(r.lastPackageAt).getTime()) / DAY))
      : null,
  }));
}

export function silentStations(core: Core, days: number, includeUnpaired: boolean) {
  return overview(core).filter(
    (r) => (includeUnpaired || r.paired) && (r.daysSilent === null || r.daysSilent >= days),
  );
}
