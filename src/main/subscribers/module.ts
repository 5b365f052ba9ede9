import { matchesKoreanQuery } from '../../shared/text/hangulSearch';
import type { Core } from '../core/core';
import { KOREAN_MATCH_FN } from './filters';
import { todayCount } from './intake';
import { RegistryQueries } from './search';

const queries = new WeakMap<Core, RegistryQueries>();

/** One query service per core (its prepared statements live as long as the connection). */
export function registryQueries(core: Core): RegistryQueries {
  let q = queries.get(core);
  if (!q) {
    q = new RegistryQueries(core);
    queries.set(core, q);
  }
  return q;
}

/** Hooks the registry into a core: the SQL function mixed 초성 queries use, and the dashboard tiles. */
export function installSubscribers(core: Core): void {
  core.sqlite.function(KOREAN_MATCH_FN, { deterministic: true }, (name, q) =>
    typeof name === 'string' && typeof q === 'string' && matchesKoreanQuery(name, q) ? 1 : 0,
  );
  core.addDashboardTiles((ctx) => {
    if (!ctx.user || !['admin', 'pr', 'dong'].includes(ctx.user.role)) return [];
    const total = registryQueries(core).count({ status: 'active' }, ctx.dongScope).total;
    return [
      { key: 'subscribers.active', label: '구독자', value: total, unit: '명', link: '/subscribers' },
      { key: 'intake.today', label: '오늘 접수', value: todayCount(core).count, unit: '건', link: '/intake' },
    ];
  });
}
