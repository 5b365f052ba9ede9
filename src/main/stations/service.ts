// One StationService per core (kept beside it, so the core needs no field for it).
import type { Core } from '../core/core';
import { StationKeys } from './keys';
import { thisStation } from './refs';

const services = new WeakMap<Core, StationKeys>();

export function stationKeys(core: Core): StationKeys {
  let k = services.get(core);
  if (!k) {
    k = new StationKeys(core.sqlite, core.clock.now);
    services.set(core, k);
  }
  return k;
}

export function stationStatus(core: Core) {
  const keys = stationKeys(core);
  const id = core.settings.get().thisStationId;
  const me = id && core.reference.station(id) ? thisStation(core) : null;
  return {
    thisStation: me ? { id: me.id, code: me.code, name: me.name, kind: me.kind } : null,
    role: me ? (me.kind === 'hq' ? ('hq' as const) : ('station' as const)) : null,
    keyFingerprint: keys.fingerprint(),
    peers: keys.peers().map(({ publicKey: _pk, pairedBy: _by, ...p }) => p),
  };
}
