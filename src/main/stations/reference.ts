// HQ → station: the suppression list (hashes only), fields, dongs, business types, stations and the
// settings a station's entry screens use, so that a station warns when a person has opted out.
import { randomUUID } from 'node:crypto';
import type { Settings } from '../../shared/contract/settings';
import { AppError } from '../../shared/errors';
import type { Core } from '../core/core';
import { seoulStamp } from '../subscribers/time';
import { type ReferenceBody, referenceBody, type SuppressionWire } from './body';
import { deriveKey, MSG, readBody, seal } from './envelope';
import { deliver, readSource, type WrittenFile } from './files';
import { resolvePeer } from './inbound';
import type { StationKeys } from './keys';
import { nextSeq } from './outbound';
import { RefMapper, refsOf, requireKind, thisStation } from './refs';
import { verifiedEnvelope } from './verify';

/** The settings HQ decides for the whole ward (never thisStationId or local backups). */
export const SHARED_SETTINGS = [
  'wardName',
  'optOutNumber',
  'optOutLine',
  'adOptOutNumber',
  'senderName',
  'senderNumber',
  'snsLinks',
] as const satisfies readonly (keyof Settings)[];

export async function exportReference(
  core: Core,
  keys: StationKeys,
  stationRef: string,
  passphrase: string,
  target: string | undefined,
  createdBy: string | null,
): Promise<WrittenFile & { suppressions: number; fields: number; dongs: number }> {
  const me = thisStation(core);
  requireKind(me, 'hq', '기준 자료 꾸러미 만들기');
  const peer = resolvePeer(keys, stationRef);
  const key = keys.own();
  const derived = await deriveKey(passphrase);
  const now = core.clock.now();
  const nowIso = now.toISOString();
  const sqlite = core.sqlite;
  return sqlite
    .transaction(() => {
      const ref = core.reference.list();
      const settings = core.settings.get();
      const suppressions = sqlite
        .prepare(
          `SELECT id, channel, contact_hash AS contactHash, field_id AS fieldId, source, created_at AS createdAt,
            lifted_at AS liftedAt, lifted_form_ref AS liftedFormRef, lifted_by AS liftedBy FROM suppressions ORDER BY rowid`,
        )
        .all() as SuppressionWire[];
      const seq = nextSeq(core);
      const body: ReferenceBody = {
        format: 1,
        kind: 'reference',
        seq,
        createdAt: nowIso,
        refs: refsOf(sqlite),
        dongs: ref.dongs.map(({ code, name, sortOrder, active }) => ({ code, name, sortOrder, active })),
        fields: ref.fields.map(({ id: _id, ...f }) => f),
        businessTypes: ref.businessTypes.map(({ code, name, sortOrder, active }) => ({
          code,
          name,
          sortOrder,
          active,
        })),
        settings: Object.fromEntries(SHARED_SETTINGS.map((k) => [k, settings[k]])),
        suppressions,
      };
      const counts = {
        suppressions: suppressions.length,
        fields: body.fields.length,
        dongs: body.dongs.length,
      };
      const bytes = seal(
        {
          kind: 'reference',
          from: { stationId: me.id, code: me.code, name: me.name },
          to: { stationId: peer.remoteId },
          seq,
          createdAt: nowIso,
          counts,
          keyFingerprint: key.fingerprint,
        },
        body,
        key.privateKey,
        derived,
      );
      const file = deliver(bytes, target, `sotong-reference-${peer.code}-${seoulStamp(now)}.sotong`);
      sqlite
        .prepare(
          `INSERT INTO station_exports (seq, kind, to_remote_id, created_at, counts, file_hash, file_name, bytes, status,
            created_by) VALUES (?, 'reference', ?, ?, ?, ?, ?, ?, 'sent', ?)`,
        )
        .run(
          seq,
          peer.remoteId,
          nowIso,
          JSON.stringify(counts),
          file.sha256,
          file.fileName,
          file.bytes,
          createdBy,
        );
      return { ...file, ...counts };
    })
    .immediate();
}

export async function importReference(
  core: Core,
  keys: StationKeys,
  src: { path?: string; base64?: string },
  passphrase: string,
  importedBy: string | null,
) {
  const me = thisStation(core);
  requireKind(me, 'dong', '기준 자료 꾸러미 가져오기');
  const { env, peer } = verifiedEnvelope(readSource(src), keys, me, 'reference');
  const parsed = referenceBody.safeParse(await readBody(env, passphrase));
  if (!parsed.success || parsed.data.seq !== env.header.seq) throw new AppError('FILE', MSG.badBody);
  const body = parsed.data;
  const sqlite = core.sqlite;
  const nowIso = core.clock.now().toISOString();
  const out = {
    seq: body.seq,
    alreadyImported: false,
    suppressionsAdded: 0,
    suppressionsLifted: 0,
    fields: 0,
    dongs: 0,
    businessTypes: 0,
    stations: 0,
    settings: [] as string[],
  };
  const run = sqlite.transaction(() => {
    const newest = (
      sqlite
        .prepare(
          "SELECT coalesce(max(seq), 0) AS n FROM station_imports WHERE remote_id = ? AND kind = 'reference'",
        )
        .get(peer.remoteId) as { n: number }
    ).n;
    // An older package arriving late still adds its suppressions, but does not roll lists back.
    if (body.seq >= newest) applyLists(core, body, me.id, out);
    const refs = new RefMapper(sqlite, body.refs);
    const received = sqlite.prepare('INSERT OR IGNORE INTO station_received (entity, id) VALUES (?, ?)');
    const repo = core.subscriberRepo;
    for (const r of body.suppressions) {
      const fieldId = r.fieldId === null ? null : safeField(refs, r.fieldId);
      if (fieldId === undefined) continue;
      received.run('suppression', r.id);
      if (r.liftedAt) received.run('suppression-lifted', r.id);
      if (repo.insertSuppressionReplica({ ...r, fieldId })) out.suppressionsAdded++;
      else if (
        r.liftedAt &&
        r.liftedFormRef &&
        repo.liftSuppressionById(r.id, r.liftedAt, r.liftedFormRef, r.liftedBy)
      )
        out.suppressionsLifted++;
    }
    const ins = sqlite
      .prepare(
        `INSERT INTO station_imports (kind, remote_id, local_station_id, seq, file_hash, package_created_at, imported_at,
          imported_by, counts) VALUES ('reference', ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
      )
      .run(
        peer.remoteId,
        peer.localStationId,
        body.seq,
        env.sha256,
        body.createdAt,
        nowIso,
        importedBy,
        JSON.stringify({ suppressions: out.suppressionsAdded, lifted: out.suppressionsLifted }),
      );
    out.alreadyImported = ins.changes === 0;
  });
  try {
    run.immediate();
  } finally {
    core.settings.invalidate(); // the cache must not keep values a rolled-back transaction wrote
  }
  return out;
}

function safeField(refs: RefMapper, id: number): number | undefined {
  try {
    return refs.field(id);
  } catch {
    return undefined;
  }
}

/** Upserts by code; a row whose name clashes with a different local row is left as it is. */
function applyLists(core: Core, body: ReferenceBody, myStationId: string, out: { [k: string]: unknown }) {
  const sqlite = core.sqlite;
  const tryRun = (st: ReturnType<typeof sqlite.prepare>, p: Record<string, unknown>) => {
    try {
      return st.run(p).changes;
    } catch {
      return 0;
    }
  };
  const dong =
    sqlite.prepare(`INSERT INTO dongs (code, name, sort_order, active) VALUES (@code, @name, @sortOrder, @active)
    ON CONFLICT(code) DO UPDATE SET name = excluded.name, sort_order = excluded.sort_order, active = excluded.active`);
  let n = 0;
  for (const d of body.dongs) n += tryRun(dong, { ...d, active: d.active ? 1 : 0 });
  out.dongs = n;
  const field =
    sqlite.prepare(`INSERT INTO fields (code, name, kind, audience, is_ad_default, is_survey, sort_order, active)
    VALUES (@code, @name, @kind, @audience, @isAdDefault, @isSurvey, @sortOrder, @active)
    ON CONFLICT(code) DO UPDATE SET name = excluded.name, kind = excluded.kind, audience = excluded.audience,
      is_ad_default = excluded.is_ad_default, is_survey = excluded.is_survey, sort_order = excluded.sort_order,
      active = excluded.active`);
  n = 0;
  for (const f of body.fields)
    n += tryRun(field, {
      ...f,
      isAdDefault: f.isAdDefault ? 1 : 0,
      isSurvey: f.isSurvey ? 1 : 0,
      active: f.active ? 1 : 0,
    });
  out.fields = n;
  const bt = sqlite.prepare(`INSERT INTO business_types (code, name, sort_order, active)
    VALUES (@code, @name, @sortOrder, @active)
    ON CONFLICT(code) DO UPDATE SET name = excluded.name, sort_order = excluded.sort_order, active = excluded.active`);
  n = 0;
  for (const b of body.businessTypes) n += tryRun(bt, { ...b, active: b.active ? 1 : 0 });
  out.businessTypes = n;
  // Stations: names and new ones; this PC's own row is left alone.
  const mine = core.reference.station(myStationId);
  const dongIdOf = (code: string | null) =>
    code
      ? ((sqlite.prepare('SELECT id FROM dongs WHERE code = ?').get(code) as { id: number } | undefined)
          ?.id ?? null)
      : null;
  const station = sqlite.prepare(`INSERT INTO stations (id, code, name, kind, dong_id, active)
    VALUES (@id, @code, @name, @kind, @dongId, @active)
    ON CONFLICT(code) DO UPDATE SET name = excluded.name, active = excluded.active WHERE stations.id <> @mine`);
  n = 0;
  for (const s of body.refs.stations) {
    if (s.code === mine?.code) continue;
    const taken = sqlite.prepare('SELECT 1 FROM stations WHERE id = ? AND code <> ?').get(s.id, s.code);
    n += tryRun(station, {
      id: taken ? randomUUID() : s.id,
      code: s.code,
      name: s.name,
      kind: s.kind,
      dongId: dongIdOf(s.dongCode),
      active: s.active ? 1 : 0,
      mine: myStationId,
    });
  }
  out.stations = n;
  const patch: Record<string, unknown> = {};
  for (const k of SHARED_SETTINGS) if (k in body.settings) patch[k] = body.settings[k];
  try {
    core.settings.update(patch as Partial<Settings>);
    out.settings = Object.keys(patch);
  } catch {
    out.settings = []; // a value this version does not accept: keep ours
  }
}
