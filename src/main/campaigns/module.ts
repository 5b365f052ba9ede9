import type { Core } from '../core/core';
import { Dispatcher } from '../dispatch/dispatcher';
import { Scheduler } from '../dispatch/scheduler';
import { gatewayFactoryOf } from '../gateways/factory';
import { TestSmsGateway } from '../gateways/testGateway';
import type { SmsGateway } from '../gateways/types';
import { SmtpMailer } from '../mail/mailer';
import { type SecretStore, secretStoreFor } from '../mail/secrets';
import { NoticeService } from './notice';
import { CampaignResults } from './results';
import { CampaignService } from './service';
import { CampaignSettingsService } from './settings';
import { CampaignStore } from './store';
import { Targeting } from './targeting';
import { TemplateStore } from './templates';

export const SMTP_PASSWORD = 'smtpPassword';

/** Everything the campaigns capability keeps per core: settings, targeting, gateways, dispatcher, scheduler. */
export class CampaignsModule {
  readonly settings: CampaignSettingsService;
  readonly secrets: SecretStore;
  readonly store: CampaignStore;
  readonly targeting: Targeting;
  readonly service: CampaignService;
  readonly results: CampaignResults;
  readonly notice: NoticeService;
  readonly templates: TemplateStore;
  readonly dispatcher: Dispatcher;
  readonly scheduler: Scheduler;
  private gatewayOverride: SmsGateway | null = null;
  private testGateway: TestSmsGateway | null = null;
  private mailerCache: { key: string; mailer: SmtpMailer } | null = null;

  constructor(readonly core: Core) {
    this.settings = new CampaignSettingsService(core.sqlite, core.clock.now);
    this.secrets = secretStoreFor(core.dbPath);
    this.store = new CampaignStore(core.sqlite);
    this.targeting = new Targeting(core.sqlite, core.subscriberRepo, core.clock.now);
    this.service = new CampaignService(this);
    this.results = new CampaignResults(this);
    this.notice = new NoticeService(this);
    this.templates = new TemplateStore(core.sqlite, core.clock.now);
    this.dispatcher = new Dispatcher(this);
    this.scheduler = new Scheduler(this);
  }

  /** The SMS gateway in use: the one chosen in settings (gateways/factory.ts), else the test gateway. */
  gateway(): SmsGateway {
    if (this.gatewayOverride) return this.gatewayOverride;
    const real = gatewayFactoryOf(this).current();
    if (real) return real;
    this.testGateway ??= new TestSmsGateway(
      this.core.sqlite,
      () => this.settings.get().testGateway,
      this.core.clock.now,
    );
    return this.testGateway;
  }

  /** Tests and future adapters swap the gateway here. */
  useGateway(g: SmsGateway | null): void {
    this.gatewayOverride = g;
  }

  smtpConfigured(): boolean {
    const s = this.settings.get().smtp;
    return !!(s.host && s.fromAddress);
  }

  /** One pooled transport per SMTP configuration. */
  mailer(): SmtpMailer | null {
    if (!this.smtpConfigured()) return null;
    const s = this.settings.get().smtp;
    const password = this.secrets.get(SMTP_PASSWORD);
    const key = JSON.stringify([s, password]);
    if (this.mailerCache?.key !== key) {
      this.mailerCache?.mailer.close();
      this.mailerCache = { key, mailer: new SmtpMailer({ ...s, password }) };
    }
    return this.mailerCache.mailer;
  }

  close(): void {
    this.scheduler.stop();
    this.mailerCache?.mailer.close();
    this.mailerCache = null;
  }
}

const modules = new WeakMap<Core, CampaignsModule>();

/** The campaigns module of a core (created on first use). */
export function campaignsOf(core: Core): CampaignsModule {
  let m = modules.get(core);
  if (!m) {
    m = new CampaignsModule(core);
    modules.set(core, m);
  }
  return m;
}

/** modules.ts hook: the scheduler runs in the desktop app and web mode, not in one-off CLI commands. */
export function installCampaigns(core: Core): void {
  const m = campaignsOf(core);
  if (core.mode !== 'cli') m.scheduler.start();
}
