import type Database from 'better-sqlite3';
import { type Settings, settingsSchema, SETTING_KEYS } from '../../shared/contract/settings';

/** Typed settings over the key/value table; every read is validated against the schema's defaults. */
export class SettingsService {
  private cache: Settings | null = null;
  constructor(
    private sqlite: Database.Database,
    private now: () => Date = () => new Date(),
  ) {}

  get(): Settings {
    if (this.cache) return this.cache;
    const rows = this.sqlite.prepare('SELECT key, value FROM settings').all() as {
      key: string;
      value: string;
    }[];
    const raw: Record<string, unknown> = {};
    for (const r of rows) if ((SETTING_KEYS as string[]).includes(r.key)) raw[r.key] = JSON.parse(r.value);
    const parsed = settingsSchema.safeParse(raw);
    // A value that no longer validates (edited by hand, older format) falls back to its default.
    this.cache = parsed.success ? parsed.data : settingsSchema.parse(this.dropInvalid(raw));
    return this.cache;
  }

  update(patch: Partial<Settings>): Settings {
    const next = settingsSchema.parse({ ...this.get(), ...patch });
    const up = this.sqlite.prepare(
      'INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
    );
    const at = this.now().toISOString();
    this.sqlite.transaction(() => {
      for (const k of Object.keys(patch) as (keyof Settings)[]) up.run(k, JSON.stringify(next[k]), at);
    })();
    this.cache = next;
    return next;
  }

  invalidate(): void {
    this.cache = null;
  }

  private dropInvalid(raw: Record<string, unknown>): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(raw)) {
      const one = settingsSchema.shape[k as keyof Settings].safeParse(v);
      if (one.success) out[k] = v;
    }
    return out;
  }
}
