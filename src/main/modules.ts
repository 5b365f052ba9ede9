import { installCampaigns } from './campaigns/module';
import { installGateways } from './gateways/module';
import type { Core } from './core/core';
import { installFeedback } from './dispatch/feedback';
import { installOptOut } from './optout/module';
import { installPublicWeb } from './public/module';
import { installReports } from './reports/module';
import { installSns } from './sns/service';
import { installStations } from './stations/module';
import { registerImportJob } from './subscribers/import/job';
import { installSubscribers } from './subscribers/module';
import { installSurveys } from './surveys/module';

/**
 * Each capability hooks itself into a fresh core here (job handlers, dashboard tiles, timers).
 * Keep one line per domain module.
 */
export function installModules(core: Core): void {
  void core;
  installCampaigns(core);
  registerImportJob(core);
  installOptOut(core);
  installStations(core);
  installSubscribers(core);
  installPublicWeb(core);
  installSurveys(core);
  installSns(core);
  installReports(core);
  installFeedback(core);
  installGateways(core);
}
