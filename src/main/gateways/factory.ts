import type { CampaignsModule } from '../campaigns/module';
import type { CampaignSettings } from '../../shared/contract/campaigns';
import type { GatewayKind, GatewaySecretName } from '../../shared/contract/gatewayConfig';
import type { SecretStore } from '../mail/secrets';
import type { OptOutListSource } from '../optout/types';
import { KannelGateway, kannelDlrUrl } from './kannel';
import { outboxKeyLookup } from './keys';
import { NhnGateway } from './nhn';
import { SolapiGateway } from './solapi';
import { GatewayError, type GatewayInfo, type SmsGateway } from './types';

export const SECRET_OF: Record<Exclude<GatewayKind, 'test'>, GatewaySecretName> = {
  solapi: 'solapiApiSecret',
  nhn: 'nhnSecretKey',
  kannel: 'kannelPassword',
};

export const OPTOUT_SOURCE = { solapi: '솔라피 080', nhn: 'NHN 080' } as const;

/** A real gateway chosen in settings but not set up yet: nothing is sent, the campaign pauses. */
export class UnconfiguredGateway implements SmsGateway {
  readonly maxBatch = 1000;
  readonly honoursIdempotencyKey = true;
  readonly canQueryStatus = false;
  constructor(private what: string) {}
  describe(): GatewayInfo {
    return { name: this.what, real: true, notice: `${this.what} 설정이 끝나지 않아 보낼 수 없습니다.` };
  }
  async sendBatch(): Promise<never> {
    throw new GatewayError(
      'gateway not configured',
      `${this.what} 설정(키·비밀 값)이 끝나지 않았습니다. 설정 → 문자 발송에서 입력하세요.`,
      { transient: true, code: 'NOT_CONFIGURED' },
    );
  }
  async queryStatus(keys: string[]) {
    return keys.map((key) => ({ key, status: 'unknown' as const }));
  }
}

export interface GatewayDeps {
  settings: CampaignSettings;
  secrets: SecretStore;
  /** the public listener's base URL (Kannel delivery reports) */
  publicBaseUrl: string;
  lookup: ReturnType<typeof outboxKeyLookup> | null;
}

/** Builds the adapter for one provider from settings + secrets (no caching). */
export function buildGateway(kind: Exclude<GatewayKind, 'test'>, d: GatewayDeps): SmsGateway {
  const secret = d.secrets.get(SECRET_OF[kind]);
  if (kind === 'solapi') {
    const c = d.settings.solapi;
    if (!c.apiKey || !secret) return new UnconfiguredGateway('솔라피');
    return new SolapiGateway({
      baseUrl: c.baseUrl,
      apiKey: c.apiKey,
      apiSecret: secret,
      sender: c.sender,
      timeoutMs: c.timeoutMs,
      lookup: d.lookup,
    });
  }
  if (kind === 'nhn') {
    const c = d.settings.nhn;
    if (!c.appKey || !secret) return new UnconfiguredGateway('NHN Cloud');
    return new NhnGateway({
      baseUrl: c.baseUrl,
      appKey: c.appKey,
      secretKey: secret,
      sender: c.sender,
      unsubscribeNo: c.unsubscribeNo,
      timeoutMs: c.timeoutMs,
      lookup: d.lookup,
    });
  }
  const c = d.settings.kannel;
  if (!c.username || !secret) return new UnconfiguredGateway('Kannel');
  return new KannelGateway({
    sendsmsUrl: c.sendsmsUrl,
    username: c.username,
    password: secret,
    smsc: c.smsc || null,
    dlrUrl: (key) => (d.publicBaseUrl ? kannelDlrUrl(d.publicBaseUrl, key) : null),
    timeoutMs: c.timeoutMs,
  });
}

/**
 * Per campaigns module: the adapter the settings choose (one instance per configuration, so
 * keep-alive connections are reused), and the 080 lists registered with the opt-out sync while
 * Solapi / NHN credentials are present.
 */
export class GatewayFactory {
  private cache: { key: string; gw: SmsGateway } | null = null;
  private sources = new Map<string, { key: string; off: () => void }>();
  private lookup: ReturnType<typeof outboxKeyLookup>;

  constructor(private m: CampaignsModule) {
    this.lookup = outboxKeyLookup(m.core.sqlite);
  }

  deps(): GatewayDeps {
    return {
      settings: this.m.settings.get(),
      secrets: this.m.secrets,
      publicBaseUrl: this.m.core.settings.get().publicBaseUrl,
      lookup: this.lookup,
    };
  }

  /** The configured real gateway, or null for the test gateway. */
  current(): SmsGateway | null {
    const d = this.deps();
    const kind = d.settings.smsGateway;
    this.syncSources(d);
    if (kind === 'test') return null;
    const key = JSON.stringify([kind, d.settings[kind], d.secrets.get(SECRET_OF[kind]), d.publicBaseUrl]);
    if (this.cache?.key !== key) this.cache = { key, gw: buildGateway(kind, d) };
    return this.cache.gw;
  }

  build(kind: Exclude<GatewayKind, 'test'>): SmsGateway {
    return buildGateway(kind, this.deps());
  }

  /** The provider's own adapter (for checks and lists), or a Korean error when it is not set up. */
  adapter<T>(kind: 'solapi' | 'nhn', cls: new (...a: never[]) => T): T {
    const g = this.build(kind);
    if (!(g instanceof cls))
      throw new Error(`${kind === 'solapi' ? '솔라피' : 'NHN Cloud'} 설정이 끝나지 않았습니다.`);
    return g;
  }

  /** Registers (or drops) the Solapi / NHN 080 lists to match the current credentials. */
  syncSources(d: GatewayDeps = this.deps()): string[] {
    const want: Record<string, { key: string; src: OptOutListSource } | null> = {};
    const sol = d.secrets.get(SECRET_OF.solapi);
    want[OPTOUT_SOURCE.solapi] =
      d.settings.solapi.apiKey && sol
        ? {
            key: JSON.stringify([d.settings.solapi, sol]),
            src: {
              name: OPTOUT_SOURCE.solapi,
              fetchNumbers: (since) => this.adapter('solapi', SolapiGateway).fetchDenials(since),
            },
          }
        : null;
    const nhn = d.secrets.get(SECRET_OF.nhn);
    want[OPTOUT_SOURCE.nhn] =
      d.settings.nhn.appKey && nhn
        ? {
            key: JSON.stringify([d.settings.nhn, nhn]),
            src: {
              name: OPTOUT_SOURCE.nhn,
              fetchNumbers: (since) => this.adapter('nhn', NhnGateway).fetchBlocked(since),
            },
          }
        : null;
    for (const [name, w] of Object.entries(want)) {
      const have = this.sources.get(name);
      if (w && have?.key === w.key) continue;
      have?.off();
      this.sources.delete(name);
      if (w) this.sources.set(name, { key: w.key, off: this.m.core.optout.sync.registerListSource(w.src) });
    }
    return [...this.sources.keys()];
  }
}

const factories = new WeakMap<CampaignsModule, GatewayFactory>();

export function gatewayFactoryOf(m: CampaignsModule): GatewayFactory {
  let f = factories.get(m);
  if (!f) {
    f = new GatewayFactory(m);
    factories.set(m, f);
  }
  return f;
}
