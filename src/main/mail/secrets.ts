import fs from 'node:fs';
import path from 'node:path';

/** Where secrets (the SMTP password, later gateway keys) live; Electron's safeStorage can implement it. */
export interface SecretStore {
  get(name: string): string | null;
  set(name: string, value: string | null): void;
}

/**
 * A key file beside the database, readable only by its owner (0600), so that the password is
 * never in the database nor in its backups.
 */
export class FileSecretStore implements SecretStore {
  constructor(readonly file: string) {}

  private read(): Record<string, string> {
    try {
      return JSON.parse(fs.readFileSync(this.file, 'utf8'));
    } catch {
      return {};
    }
  }

  get(name: string): string | null {
    return this.read()[name] ?? null;
  }

  set(name: string, value: string | null): void {
    const all = this.read();
    if (value === null || value === '') delete all[name];
    else all[name] = value;
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(all), { mode: 0o600 });
    fs.chmodSync(tmp, 0o600);
    fs.renameSync(tmp, this.file);
  }
}

export class MemorySecretStore implements SecretStore {
  private m = new Map<string, string>();
  get(name: string): string | null {
    return this.m.get(name) ?? null;
  }
  set(name: string, value: string | null): void {
    if (value) this.m.set(name, value);
    else this.m.delete(name);
  }
}

/** sotong.db → sotong.secrets (0600) in the same folder. */
export function secretStoreFor(dbPath: string): SecretStore {
  if (dbPath === ':memory:') return new MemorySecretStore();
  const abs = path.resolve(dbPath);
  return new FileSecretStore(
    path.join(path.dirname(abs), `${path.basename(abs, path.extname(abs))}.secrets`),
  );
}
