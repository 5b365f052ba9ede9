import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '../../shared/errors';

export interface BackupFile {
  file: string;
  bytes: number;
  at: string;
}

function stamp(d: Date): string {
  return d.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}

/** Online backups with better-sqlite3's backup API: safe while the app keeps writing. */
export class BackupService {
  constructor(
    private sqlite: Database.Database,
    readonly dir: string,
    private now: () => Date = () => new Date(),
  ) {}

  async backup(label = 'manual'): Promise<BackupFile> {
    fs.mkdirSync(this.dir, { recursive: true });
    const at = this.now();
    const file = path.join(this.dir, `sotong-${stamp(at)}-${label}.db`);
    try {
      await this.sqlite.backup(file);
    } catch (e) {
      fs.rmSync(file, { force: true });
      if ((e as { code?: string }).code === 'SQLITE_FULL' || (e as { code?: string }).code === 'ENOSPC')
        throw new AppError('DISK_FULL');
      throw e;
    }
    return { file, bytes: fs.statSync(file).size, at: at.toISOString() };
  }

  list(): BackupFile[] {
    if (!fs.existsSync(this.dir)) return [];
    return fs
      .readdirSync(this.dir)
      .filter((f) => /^sotong-.*\.db$/.test(f))
      .map((f) => {
        const st = fs.statSync(path.join(this.dir, f));
        return { file: path.join(this.dir, f), bytes: st.size, at: st.mtime.toISOString() };
      })
      .sort((a, b) => b.at.localeCompare(a.at));
  }

  /** Takes the daily backup when the newest daily one is older than a day; keeps the newest `keep`. */
  async daily(keep: number): Promise<BackupFile | null> {
    const dailies = this.list().filter((b) => b.file.endsWith('-daily.db'));
    const newest = dailies[0];
    if (newest && this.now().getTime() - new Date(newest.at).getTime() < 23 * 3600_000) return null;
    const made = await this.backup('daily');
    for (const old of [made, ...dailies].slice(keep)) fs.rmSync(old.file, { force: true });
    return made;
  }
}

/** Checks that a file is a readable Sotong database before it replaces the live one. */
export function checkRestorable(file: string): void {
  if (!fs.existsSync(file)) throw new AppError('FILE', `파일이 없습니다: ${file}`);
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const ok = db.pragma('integrity_check', { simple: true });
    if (ok !== 'ok') throw new AppError('DB_CORRUPT', '백업 파일이 손상되었습니다.');
    const t = db
      .prepare("SELECT name FROM sqlite_master WHERE type='table' AND name='__drizzle_migrations'")
      .get();
    if (!t) throw new AppError('DB_FOREIGN', '소통창구 백업 파일이 아닙니다.');
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('DB_CORRUPT', '백업 파일을 읽을 수 없습니다. 소통창구 백업 파일인지 확인하세요.');
  } finally {
    db?.close();
  }
}

/**
 * Replaces the database file with a backup. The caller must have closed the live database.
 * The current file is itself kept as a backup first, so a restore can be undone.
 */
export async function restoreDatabase(
  dbPath: string,
  from: string,
  backupDir: string,
): Promise<{ previous: string | null }> {
  checkRestorable(from);
  let previous: string | null = null;
  if (fs.existsSync(dbPath)) {
    const live = new Database(dbPath);
    try {
      fs.mkdirSync(backupDir, { recursive: true });
      previous = path.join(backupDir, `sotong-${stamp(new Date())}-before-restore.db`);
      await live.backup(previous);
    } finally {
      live.close();
    }
  }
  const src = new Database(from, { readonly: true });
  try {
    const tmp = `${dbPath}.restoring`;
    await src.backup(tmp);
    for (const ext of ['-wal', '-shm']) fs.rmSync(dbPath + ext, { force: true });
    fs.renameSync(tmp, dbPath);
  } finally {
    src.close();
  }
  return { previous };
}
