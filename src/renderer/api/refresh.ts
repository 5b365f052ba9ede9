import type { QueryClient, QueryFilters } from '@tanstack/react-query';
import type { ChannelName } from '../../shared/contract';

/**
 * Marks cached reads stale and reloads the ones on screen, in the background.
 *
 * Two traps of plain invalidateQueries this avoids:
 * - a read whose first load is still in flight keeps that load (React Query does not restart a
 *   fetch that has no data yet), so an answer from before the change would stay on screen;
 *   such loads are cancelled first and started again;
 * - awaiting the reloads inside a mutation keeps its button spinning until every list on screen
 *   has answered; callers do not wait.
 */
export function refreshReads(qc: QueryClient, filters: QueryFilters): void {
  const firstLoads = qc
    .getQueryCache()
    .findAll(filters)
    .filter((q) => q.state.fetchStatus === 'fetching' && q.state.data === undefined);
  void Promise.all(firstLoads.map((q) => qc.cancelQueries({ queryKey: q.queryKey, exact: true })))
    .then(() => qc.invalidateQueries(filters))
    .catch(() => undefined);
}

/** refreshReads for whole channels ('campaigns.get' for every id). */
export function refreshChannels(qc: QueryClient, channels: readonly ChannelName[]): void {
  if (channels.length === 0) return;
  const set = new Set<string>(channels);
  refreshReads(qc, { predicate: (q) => set.has(String(q.queryKey[0])) });
}
