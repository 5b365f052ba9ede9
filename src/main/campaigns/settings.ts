import type Database from 'better-sqlite3';
import { type CampaignSettings, campaignSettingsSchema } from '../../shared/contract/campaigns';

const KEY = 'campaigns';

/**
 * Sending settings, stored as one JSON value under the key 'campaigns' of the settings table
 * (the general settings service reads only its own keys). Secrets never live here.
 */
export class CampaignSettingsService {
  private cache: CampaignSettings | null = null;
  constructor(
    private sqlite: Database.Database,
    private now: () => Date,
  ) {}

  get(): CampaignSettings {
    if (this.cache) return this.cache;
    const row = this.sqlite.prepare('SELECT value FROM settings WHERE key = ?').get(KEY) as
      | { value: string }
      | undefined;
    let raw: unknown = {};
    try {
      raw = row ? JSON.parse(row.value) : {};
    } catch {}
    const parsed = campaignSettingsSchema.safeParse(raw);
    this.cache = parsed.success ? parsed.data : campaignSettingsSchema.parse({});
    return this.cache;
  }

  update(patch: Partial<CampaignSettings>): CampaignSettings {
    const next = campaignSettingsSchema.parse({ ...this.get(), ...patch });
    this.sqlite
      .prepare(
        `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
      )
      .run(KEY, JSON.stringify(next), this.now().toISOString());
    this.cache = next;
    return next;
  }

  /** Another process (the CLI) may have changed them. */
  invalidate(): void {
    this.cache = null;
  }
}
