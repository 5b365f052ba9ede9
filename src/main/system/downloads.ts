// One-time download ids for files the main process wrote. Only files under the app's own output
// folders (exports, import reports) can be registered, each id is bound to the user who asked for
// it, lives a few minutes and is used once — the bridge never serves an arbitrary path.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import type { Core } from '../core/core';
import type { HandlerMap } from '../core/context';

export interface DownloadEntry {
  id: string;
  file: string;
  fileName: string;
  bytes: number;
  userId: string;
  expiresAt: number;
}

const TTL_MS = 5 * 60_000;

/** The data folder the app writes into (next to the database). */
export function dataDirOf(core: Core): string {
  return core.dbPath === ':memory:' ? os.tmpdir() : path.dirname(path.resolve(core.dbPath));
}

export class DownloadRegistry {
  private entries = new Map<string, DownloadEntry>();
  private roots: string[];

  constructor(
    private core: Core,
    roots?: string[],
  ) {
    const dir = dataDirOf(core);
    // exports: subscribers/stats/campaign xlsx (subscribers/xlsx.ts exportPath); imports/reports: import results
    this.roots = (roots ?? [path.join(dir, 'exports'), path.join(dir, 'imports', 'reports')]).map((r) =>
      path.resolve(r),
    );
  }

  /** Lets another domain whose files live elsewhere under the data folder offer them too. */
  addRoot(dir: string): void {
    const r = path.resolve(dir);
    if (!r.startsWith(dataDirOf(this.core) + path.sep))
      throw new AppError('INTERNAL', '내려받기 폴더는 데이터 폴더 안에 있어야 합니다.');
    if (!this.roots.includes(r)) this.roots.push(r);
  }

  /** The real path, if it is a regular file under one of the roots (symlinks resolved). */
  allowed(file: string): string | null {
    let real: string;
    try {
      real = fs.realpathSync(path.resolve(file));
      if (!fs.statSync(real).isFile()) return null;
    } catch {
      return null;
    }
    for (const root of this.roots) {
      let r: string;
      try {
        r = fs.realpathSync(root);
      } catch {
        continue;
      }
      if (real.startsWith(r + path.sep)) return real;
    }
    return null;
  }

  register(file: string, userId: string, fileName?: string): DownloadEntry {
    this.sweep();
    const real = this.allowed(file);
    if (!real) throw new AppError('NOT_FOUND', '내려받을 파일을 찾을 수 없습니다. 다시 만들어 주세요.');
    const entry: DownloadEntry = {
      id: randomBytes(18).toString('base64url'),
      file: real,
      fileName: safeName(fileName ?? path.basename(real)),
      bytes: fs.statSync(real).size,
      userId,
      expiresAt: this.core.clock.now().getTime() + TTL_MS,
    };
    this.entries.set(entry.id, entry);
    return entry;
  }

  /** Uses the id up: the entry if it is live and belongs to this user, else null. */
  take(id: string, userId: string): DownloadEntry | null {
    this.sweep();
    const e = this.entries.get(id);
    if (!e || e.userId !== userId) return null;
    this.entries.delete(id);
    return this.allowed(e.file) === e.file ? e : null;
  }

  private sweep(): void {
    const now = this.core.clock.now().getTime();
    for (const [k, e] of this.entries) if (e.expiresAt <= now) this.entries.delete(k);
  }
}

/** A file name safe for a header and a save dialog: no folders, no control characters. */
export function safeName(name: string): string {
  // control characters (code < 32, DEL) and quotes would break the header or the dialog
  const base = [...name.replace(/[\\/]/g, '_')]
    .filter((ch) => ch.charCodeAt(0) >= 32 && ch.charCodeAt(0) !== 127 && ch !== '"')
    .join('')
    .trim();
  return base || 'download';
}

/** Content-Disposition with an ASCII fallback and the real (Korean) name per RFC 5987/6266. */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

const registries = new WeakMap<Core, DownloadRegistry>();
export function downloadsOf(core: Core): DownloadRegistry {
  let r = registries.get(core);
  if (!r) {
    r = new DownloadRegistry(core);
    registries.set(core, r);
  }
  return r;
}

/** Did this user's audited export write this file? (admins may fetch any of the app's files) */
function wroteIt(core: Core, userId: string, file: string): boolean {
  const needle = JSON.stringify(file).slice(1, -1);
  const real = JSON.stringify(fs.realpathSync(file)).slice(1, -1);
  const row = core.sqlite
    .prepare(
      `SELECT 1 FROM audit_log WHERE user_id = ? AND action = 'export'
         AND (instr(detail, ?) > 0 OR instr(detail, ?) > 0) LIMIT 1`,
    )
    .get(userId, needle, real);
  return !!row;
}

export const downloadsHandlers: HandlerMap<'downloads.prepare'> = {
  'downloads.prepare': ({ file, fileName }, ctx) => {
    const user = ctx.requireUser();
    const reg = downloadsOf(ctx.core);
    const real = reg.allowed(file);
    if (!real) throw new AppError('NOT_FOUND', '내려받을 파일을 찾을 수 없습니다. 다시 만들어 주세요.');
    // Someone else's export (another dong's list) stays theirs: only its author or an admin.
    if (user.role !== 'admin' && !wroteIt(ctx.core, user.id, file))
      throw new AppError('FORBIDDEN', '직접 만든 파일만 내려받을 수 있습니다.');
    const e = reg.register(real, user.id, fileName);
    // 내려받기 is a copy of personal data leaving the app: audited like the export itself.
    ctx.audit({ action: 'export', targetType: 'download', targetId: e.fileName, detail: { file: real } });
    return {
      id: e.id,
      fileName: e.fileName,
      bytes: e.bytes,
      expiresAt: new Date(e.expiresAt).toISOString(),
    };
  },
};
