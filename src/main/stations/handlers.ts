import { AppError } from '../../shared/errors';
import type { HandlerContext, HandlerMap } from '../core/context';
import { listConflicts, resolveConflict } from './conflicts';
import { exportReceipt, importChanges, overview, receivedPackages, silentStations } from './inbound';
import { exportChanges, importReceipt, outboundPackages, pendingChanges } from './outbound';
import { exportPairing, importPairing } from './pairing';
import { exportReference, importReference } from './reference';
import { thisStation } from './refs';
import { stationKeys, stationStatus } from './service';

/** A refused file is audited too (who tried to bring what in), then the Korean error goes back. */
async function auditedImport<T>(ctx: HandlerContext, targetType: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    ctx.audit({
      action: 'import',
      targetType,
      subjectCount: 0,
      reason: e instanceof AppError ? `거부: ${e.message}` : '거부: 처리 중 오류',
    });
    throw e;
  }
}

/** A dong user exports only at the station of their own dong. */
function assertOwnStation(ctx: HandlerContext): void {
  if (ctx.dongScope === null) return;
  ctx.assertDong(thisStation(ctx.core).dongId);
}

const userId = (ctx: HandlerContext) => ctx.actor.userId ?? ctx.actor.username;

export const stationsHandlers: HandlerMap<
  | 'stations.status'
  | 'stations.pairingExport'
  | 'stations.pairingImport'
  | 'stations.pendingChanges'
  | 'stations.export'
  | 'stations.packages'
  | 'stations.import'
  | 'stations.received'
  | 'stations.overview'
  | 'stations.silent'
  | 'stations.conflicts'
  | 'stations.resolveConflict'
  | 'stations.receiptExport'
  | 'stations.receiptImport'
  | 'stations.referenceExport'
  | 'stations.referenceImport'
> = {
  'stations.status': (_i, ctx) => stationStatus(ctx.core),

  'stations.pairingExport': (input, ctx) => {
    const r = exportPairing(ctx.core, stationKeys(ctx.core), input.path);
    ctx.audit({
      action: 'settings',
      targetType: 'station_pairing',
      detail: { exported: r.fileName, fingerprint: r.fingerprint },
    });
    return r;
  },

  'stations.pairingImport': (input, ctx) => {
    const r = importPairing(ctx.core, stationKeys(ctx.core), input, userId(ctx));
    ctx.audit({
      action: 'settings',
      targetType: 'station_pairing',
      targetId: r.peer.localStationId,
      detail: { paired: r.peer.code, fingerprint: r.peer.fingerprint, replaced: r.replaced },
    });
    const { publicKey: _pk, pairedBy: _by, ...peer } = r.peer;
    return { peer, replaced: r.replaced };
  },

  'stations.pendingChanges': (_i, ctx) => pendingChanges(ctx.core),

  'stations.export': async (input, ctx) => {
    assertOwnStation(ctx);
    const r = await exportChanges(ctx.core, stationKeys(ctx.core), input.passphrase, input.path, userId(ctx));
    ctx.audit({
      action: 'export',
      targetType: 'station_package',
      targetId: String(r.seq),
      subjectCount: r.subjects,
      detail: { file: r.fileName, counts: r.counts, sha256: r.sha256 },
    });
    return r;
  },

  'stations.packages': (input, ctx) =>
    outboundPackages(ctx.core, stationKeys(ctx.core), input.page, input.pageSize),

  'stations.import': (input, ctx) =>
    auditedImport(ctx, 'station_package', async () => {
      const r = await importChanges(
        ctx.core,
        stationKeys(ctx.core),
        { path: input.path, base64: input.base64 },
        input.passphrase,
        userId(ctx),
      );
      ctx.audit({
        action: 'import',
        targetType: 'station_package',
        targetId: `${r.station.code}#${r.seq}`,
        subjectCount: r.subjects,
        detail: r,
      });
      return r;
    }),

  'stations.received': (input, ctx) =>
    receivedPackages(ctx.core, input.stationId, input.page, input.pageSize),

  'stations.overview': (_i, ctx) => ({ items: overview(ctx.core) }),

  'stations.silent': (input, ctx) => ({
    days: input.days,
    items: silentStations(ctx.core, input.days, input.includeUnpaired),
  }),

  'stations.conflicts': (input, ctx) => {
    const r = listConflicts(ctx.core, input);
    ctx.audit({
      action: 'view',
      targetType: 'station_conflict',
      subjectCount: new Set(r.items.map((i) => i.entityId)).size,
    });
    return r;
  },

  'stations.resolveConflict': (input, ctx) => {
    const r = resolveConflict(ctx.core, input.id, input.choose, userId(ctx));
    ctx.audit({
      action: 'edit',
      targetType: 'subscriber',
      targetId: r.subscriberId,
      subjectCount: 1,
      detail: { conflict: input.id, choose: input.choose, applied: r.applied },
    });
    return { id: r.id, applied: r.applied, resolved: r.resolved };
  },

  'stations.receiptExport': (input, ctx) => {
    const r = exportReceipt(ctx.core, stationKeys(ctx.core), input.stationId, input.path);
    ctx.audit({
      action: 'export',
      targetType: 'station_receipt',
      targetId: input.stationId,
      detail: { file: r.fileName, packages: r.packages },
    });
    return r;
  },

  'stations.receiptImport': (input, ctx) =>
    auditedImport(ctx, 'station_receipt', async () => {
      const r = await importReceipt(ctx.core, stationKeys(ctx.core), input);
      ctx.audit({ action: 'import', targetType: 'station_receipt', detail: r });
      return r;
    }),

  'stations.referenceExport': async (input, ctx) => {
    const r = await exportReference(
      ctx.core,
      stationKeys(ctx.core),
      input.stationId,
      input.passphrase,
      input.path,
      userId(ctx),
    );
    ctx.audit({
      action: 'export',
      targetType: 'station_reference',
      targetId: input.stationId,
      detail: { file: r.fileName, suppressions: r.suppressions, fields: r.fields, dongs: r.dongs },
    });
    return r;
  },

  'stations.referenceImport': (input, ctx) =>
    auditedImport(ctx, 'station_reference', async () => {
      assertOwnStation(ctx);
      const r = await importReference(
        ctx.core,
        stationKeys(ctx.core),
        { path: input.path, base64: input.base64 },
        input.passphrase,
        userId(ctx),
      );
      ctx.audit({ action: 'import', targetType: 'station_reference', detail: r });
      return r;
    }),
};
