// Offline stations (issue #9): keys, pairings, the packages that went out and came in, the id
// aliases of merged people, and the field conflicts HQ must review. Nothing here is registry data.
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { stations } from './reference';

/** This installation's own Ed25519 key pair (one row, id 'self'). */
export const stationKeys = sqliteTable('station_keys', {
  id: text('id').primaryKey(),
  /** base64 DER (SPKI) */
  publicKey: text('public_key').notNull(),
  /** base64 DER (PKCS#8); the database already holds the personal data it protects */
  privateKey: text('private_key').notNull(),
  fingerprint: text('fingerprint').notNull(),
  createdAt: text('created_at').notNull(),
});

/** The other end of a pairing: at HQ one row per dong station, at a station the HQ. */
export const stationPeers = sqliteTable(
  'station_peers',
  {
    /** the id the peer uses for itself (its thisStationId) */
    remoteId: text('remote_id').primaryKey(),
    /** the same station in this installation's stations table (matched by code) */
    localStationId: text('local_station_id')
      .notNull()
      .references(() => stations.id),
    role: text('role', { enum: ['hq', 'station'] }).notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    publicKey: text('public_key').notNull(),
    fingerprint: text('fingerprint').notNull(),
    pairedAt: text('paired_at').notNull(),
    pairedBy: text('paired_by'),
  },
  (t) => [uniqueIndex('station_peers_local_uq').on(t.localStationId)],
);

/**
 * Packages this installation wrote: change packages at a station (with the high-water marks they
 * cover; the confirmed mark moves only when HQ's receipt arrives) and reference packages at HQ.
 */
export const stationExports = sqliteTable(
  'station_exports',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    kind: text('kind', { enum: ['changes', 'reference'] }).notNull(),
    /** reference packages: the peer they were written for */
    toRemoteId: text('to_remote_id'),
    createdAt: text('created_at').notNull(),
    fromMark: text('from_mark', { mode: 'json' }),
    mark: text('mark', { mode: 'json' }),
    counts: text('counts', { mode: 'json' }).notNull(),
    fileHash: text('file_hash').notNull(),
    fileName: text('file_name').notNull(),
    bytes: integer('bytes').notNull(),
    status: text('status', { enum: ['sent', 'confirmed'] }).notNull(),
    confirmedAt: text('confirmed_at'),
    createdBy: text('created_by'),
  },
  (t) => [index('station_exports_kind_idx').on(t.kind, t.status, t.seq)],
);

/** Packages this installation applied (at HQ: change packages per station; at a station: reference packages). */
export const stationImports = sqliteTable(
  'station_imports',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind', { enum: ['changes', 'reference'] }).notNull(),
    remoteId: text('remote_id').notNull(),
    localStationId: text('local_station_id').references(() => stations.id),
    seq: integer('seq').notNull(),
    fileHash: text('file_hash').notNull(),
    packageCreatedAt: text('package_created_at').notNull(),
    importedAt: text('imported_at').notNull(),
    importedBy: text('imported_by'),
    counts: text('counts', { mode: 'json' }).notNull(),
    mark: text('mark', { mode: 'json' }),
  },
  (t) => [
    uniqueIndex('station_imports_pkg_uq').on(t.remoteId, t.kind, t.seq, t.fileHash),
    index('station_imports_station_idx').on(t.localStationId, t.importedAt),
  ],
);

/**
 * HQ: a station's subscriber id → the person it landed on here (itself, or the person it was merged
 * into by mobile), plus what that station last told us, the base of the next three-way merge.
 */
export const stationAliases = sqliteTable(
  'station_aliases',
  {
    remoteStationId: text('remote_station_id').notNull(),
    remoteId: text('remote_id').notNull(),
    localId: text('local_id').notNull(),
    merged: integer('merged', { mode: 'boolean' }).notNull().default(false),
    remoteVersion: integer('remote_version').notNull(),
    remoteUpdatedAt: text('remote_updated_at').notNull(),
    base: text('base', { mode: 'json' }).notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.remoteStationId, t.remoteId] }),
    index('station_aliases_remote_idx').on(t.remoteId),
    index('station_aliases_local_idx').on(t.localId),
  ],
);

/** Rows this installation received from its peer, so they are not sent back as its own changes. */
export const stationReceived = sqliteTable(
  'station_received',
  {
    entity: text('entity').notNull(),
    id: text('id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.entity, t.id] })],
);

/** Field-level conflicts of a merge: both values kept, the rule's choice applied, staff review it. */
export const stationConflicts = sqliteTable(
  'station_conflicts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    localStationId: text('local_station_id').references(() => stations.id),
    packageSeq: integer('package_seq').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    field: text('field').notNull(),
    /** JSON values */
    localValue: text('local_value'),
    incomingValue: text('incoming_value'),
    chosen: text('chosen', { enum: ['local', 'incoming'] }).notNull(),
    reason: text('reason').notNull(),
    resolved: integer('resolved', { mode: 'boolean' }).notNull().default(false),
    resolvedAt: text('resolved_at'),
    resolvedBy: text('resolved_by'),
    createdAt: text('created_at').notNull(),
    /** the same conflict from a re-sent package is recorded once */
    dedupeKey: text('dedupe_key').notNull(),
  },
  (t) => [
    uniqueIndex('station_conflicts_dedupe_uq').on(t.dedupeKey),
    index('station_conflicts_open_idx').on(t.resolved, t.id),
  ],
);
