import { installBounces } from '../bounces';
import type { Core } from '../core/core';
import { installPublic } from './index';

/** modules.ts hook for issue #5: the public listener and the bounce mailbox. */
export function installPublicWeb(core: Core): void {
  installPublic(core);
  installBounces(core);
}
