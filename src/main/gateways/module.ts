import { campaignsOf } from '../campaigns/module';
import type { Core } from '../core/core';
import { gatewayFactoryOf } from './factory';

/** modules.ts hook: register the configured providers' 080 lists with the opt-out sync. */
export function installGateways(core: Core): void {
  try {
    gatewayFactoryOf(campaignsOf(core)).syncSources();
  } catch (e) {
    // a broken key file must not stop the app from starting; the settings screen shows it
    console.error('[sotong] gateway 080 lists not registered', e);
  }
}
