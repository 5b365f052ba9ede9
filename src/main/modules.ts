import type { Core } from './core/core';

/**
 * Each capability hooks itself into a fresh core here (job handlers, dashboard tiles, timers).
 * Keep one line per domain module.
 */
export function installModules(core: Core): void {
  void core;
}
