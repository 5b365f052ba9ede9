import type { Core } from '../core/core';

/**
 * Hooks opt-out into a running core: the dashboard tile for the review queue, and — in the app
 * (Electron or web mode), not in one-shot CLI runs — the timer that polls registered 080 lists and
 * provider inboxes and hands pending confirmation SMS to the dispatcher's sender.
 */
export function installOptOut(core: Core): void {
  core.addDashboardTiles((ctx) => {
    if (!ctx.user || !['admin', 'pr'].includes(ctx.user.role)) return [];
    const n = (
      core.sqlite
        .prepare(`SELECT count(*) AS n FROM optout_messages WHERE status IN ('new', 'review', 'unmatched')`)
        .get() as { n: number }
    ).n;
    return [{ key: 'optout.inbox', label: '확인할 수신거부', value: n, unit: '건', link: '/optout' }];
  });
  if (core.mode === 'cli') return;
  let last = 0;
  const timer = setInterval(() => {
    if (!core.sqlite.open) return clearInterval(timer);
    const every = core.optout.settings.get().syncIntervalMinutes;
    const now = core.clock.now().getTime();
    if (every === 0 || now - last < every * 60_000) return;
    last = now;
    if (core.optout.sync.registered().length > 0)
      core.optout.sync.run().catch((e) => console.error('[sotong] optout sync failed', e));
    core.optout.flushNotices().catch((e) => console.error('[sotong] optout notices failed', e));
  }, 60_000);
  timer.unref();
}
