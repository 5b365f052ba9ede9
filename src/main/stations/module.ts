import type { Core, DashboardTile } from '../core/core';
import { overview } from './inbound';
import { pendingChanges } from './outbound';

const SILENT_DAYS = 7;

/** Dashboard: at a station what is waiting for HQ; at HQ conflicts to review and silent stations. */
export function installStations(core: Core): void {
  core.addDashboardTiles((ctx) => {
    const role = ctx.user?.role;
    if (role !== 'admin' && role !== 'pr' && role !== 'dong') return [];
    const id = core.settings.get().thisStationId;
    const me = core.reference.station(id);
    if (!me) return [];
    if (me.kind === 'dong') {
      const p = pendingChanges(core);
      return [
        {
          key: 'stations.pending',
          label: '본청에 보낼 변경',
          value: p.total,
          unit: '건',
          link: '/stations',
        },
      ] satisfies DashboardTile[];
    }
    if (role === 'dong') return [];
    const open = (
      core.sqlite.prepare('SELECT count(*) AS n FROM station_conflicts WHERE resolved = 0').get() as {
        n: number;
      }
    ).n;
    const silent = overview(core).filter(
      (r) => r.paired && (r.daysSilent === null || r.daysSilent >= SILENT_DAYS),
    ).length;
    return [
      {
        key: 'stations.conflicts',
        label: '검토할 병합 충돌',
        value: open,
        unit: '건',
        link: '/stations/conflicts',
      },
      {
        key: 'stations.silent',
        label: `${SILENT_DAYS}일 넘게 소식 없는 접수처`,
        value: silent,
        unit: '곳',
        link: '/stations',
      },
    ] satisfies DashboardTile[];
  });
}
