import { auditHandlers } from '../audit/handlers';
import { authHandlers } from '../auth/handlers';
import { campaignsHandlers } from '../campaigns/handlers';
import type { Handlers } from '../core/context';
import { gatewaysHandlers } from '../gateways/handlers';
import { jobsHandlers } from '../jobs/handlers';
import { optoutHandlers } from '../optout/handlers';
import { importsHandlers } from '../subscribers/import/handlers';
import { subscribersHandlers } from '../subscribers/handlers';
import { surveysHandlers } from '../surveys/handlers';
import { publicHandlers } from '../public/handlers';
import { bounceBlocksHandlers } from '../bounces/blockHandlers';
import { reportsHandlers } from '../reports/handlers';
import { snsHandlers } from '../sns/handlers';
import { settingsHandlers } from '../settings/handlers';
import { stationsHandlers } from '../stations/handlers';
import { downloadsHandlers } from '../system/downloads';
import { systemHandlers } from '../system/handlers';
import { usersHandlers } from '../users/handlers';

/** Every contract channel must have exactly one handler: the type makes a missing one a compile error. */
export const handlers: Handlers = {
  ...authHandlers,
  ...usersHandlers,
  ...auditHandlers,
  ...settingsHandlers,
  ...systemHandlers,
  ...jobsHandlers,
  ...optoutHandlers,
  ...campaignsHandlers,
  ...importsHandlers,
  ...stationsHandlers,
  ...subscribersHandlers,
  ...surveysHandlers,
  ...publicHandlers,
  ...bounceBlocksHandlers,
  ...reportsHandlers,
  ...snsHandlers,
  ...gatewaysHandlers,
  ...downloadsHandlers,
};
