import type Database from 'better-sqlite3';
import { type OptOutSettings, optoutSettingsSchema } from '../../shared/contract/optout';

/** Opt-out settings in their own key/value table, each value validated with its default as fallback. */
export class OptOutSettingsStore {
  private cache: OptOutSettings | null = null;

  constructor(
    private sqlite: Database.Database,
    private now: () => Date,
  ) {}

  get(): OptOutSettings {
    if (this.cache) return this.cache;
    const raw: Record<string, unknown> = {};
    const rows = this.sqlite.prepare('SELECT key, value FROM optout_settings').all() as {
      key: string;
      value: string;
    }[];
    for (const r of rows) {
      const shape = optoutSettingsSchema.shape[r.key as keyof OptOutSettings];
      if (!shape) continue;
      try {
        const v = JSON.parse(r.value);
        if (shape.safeParse(v).success) raw[r.key] = v;
      } catch {}
    }
    this.cache = optoutSettingsSchema.parse(raw);
    return this.cache;
  }

  update(patch: Partial<OptOutSettings>): OptOutSettings {
    const next = optoutSettingsSchema.parse({ ...this.get(), ...patch });
    const up = this.sqlite.prepare(
      `INSERT INTO optout_settings (key, value, updated_at) VALUES (?, ?, ?)
       ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
    );
    const at = this.now().toISOString();
    this.sqlite.transaction(() => {
      for (const k of Object.keys(patch) as (keyof OptOutSettings)[])
        if (patch[k] !== undefined) up.run(k, JSON.stringify(next[k]), at);
    })();
    this.cache = next;
    return next;
  }

  invalidate(): void {
    this.cache = null;
  }
}
