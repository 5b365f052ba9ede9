import { type Checkpointer, startCheckpointer } from '../db/checkpointer';
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { AuditService } from '../audit/service';
import { SessionStore } from '../auth/sessions';
import { type Db, openDatabase } from '../db/open';
import { handlers } from '../ipc/handlers';
import { JobRunner } from '../jobs/runner';
import { Router } from '../ipc/router';
import { defaultSeedFile, loadSeed, seedReferenceData } from '../reference/seed';
import { ReferenceService } from '../reference/service';
import { installModules } from '../modules';
import { SettingsService } from '../settings/service';
import { OptOutService } from '../optout/service';
import { SubscriberRepository } from '../subscribers/repository';
import { BackupService } from '../system/backup';
import { UsersService } from '../users/service';
import type { HandlerContext } from './context';
import { CoreEvents } from './events';

export interface CoreOptions {
  dbPath: string;
  mode?: 'electron' | 'web' | 'cli';
  migrationsDir?: string;
  seedFile?: string;
  backupDir?: string;
  /** injectable clock for tests (lockout, session timeout, reports) */
  now?: () => Date;
  /** take the daily backup in the background after start (off in tests) */
  dailyBackup?: boolean;
}

export interface DashboardTile {
  key: string;
  label: string;
  value: number;
  unit: string;
  link: string | null;
}

function readVersion(): string {
  for (const p of [
    path.resolve(__dirname, '../../../package.json'),
    path.resolve(__dirname, '../../package.json'),
  ]) {
    try {
      const v = JSON.parse(fs.readFileSync(p, 'utf8'));
      if (v.name === 'sotong') return v.version;
    } catch {}
  }
  return '0.0.0';
}

/** The whole application without any window: database, services and the router. */
export class Core {
  readonly events = new CoreEvents();
  readonly clock: { now: () => Date };
  readonly settings: SettingsService;
  readonly reference: ReferenceService;
  readonly users: UsersService;
  readonly audit: AuditService;
  readonly sessions: SessionStore;
  readonly backups: BackupService;
  readonly router: Router;
  readonly jobs: JobRunner;
  readonly subscriberRepo: SubscriberRepository;
  readonly version = readVersion();
  /** opt-out (issue #6): ingestMessages, unsubscribeEmail, onApplied, sync — see src/main/optout */
  readonly optout: OptOutService = new OptOutService(this);
  private tileProviders: ((ctx: HandlerContext) => DashboardTile[])[] = [];
  private checkpointer: Checkpointer | null;

  constructor(
    readonly sqlite: Database.Database,
    readonly db: Db,
    readonly dbPath: string,
    readonly mode: 'electron' | 'web' | 'cli',
    opts: CoreOptions,
  ) {
    const now = opts.now ?? (() => new Date());
    this.clock = { now };
    this.settings = new SettingsService(sqlite, now);
    this.reference = new ReferenceService(db);
    this.users = new UsersService(db, now);
    this.audit = new AuditService(sqlite, now);
    this.sessions = new SessionStore(
      () => this.settings.get().sessionIdleMinutes,
      () => now().getTime(),
    );
    this.backups = new BackupService(
      sqlite,
      opts.backupDir ?? path.join(path.dirname(path.resolve(dbPath)), 'backups'),
      now,
    );
    this.jobs = new JobRunner(db, sqlite, this.events, now);
    this.subscriberRepo = new SubscriberRepository(sqlite, now);
    this.router = new Router(this, handlers);
    this.checkpointer = startCheckpointer(sqlite, dbPath);
  }

  addDashboardTiles(provider: (ctx: HandlerContext) => DashboardTile[]): void {
    this.tileProviders.push(provider);
  }

  dashboardTiles(ctx: HandlerContext): DashboardTile[] {
    return this.tileProviders.flatMap((p) => p(ctx));
  }

  /** See Checkpointer.catchUp; without the worker SQLite checkpoints on commit (nothing to wait for). */
  walCatchUp(): Promise<boolean> {
    return this.checkpointer?.catchUp() ?? Promise.resolve(true);
  }

  close(): void {
    if (this.sqlite.open) this.sqlite.close();
    this.checkpointer?.stop();
    this.checkpointer = null;
  }
}

/** Opens the database (migrating, with a backup first), seeds reference data, builds services. */
export async function createCore(opts: CoreOptions): Promise<Core> {
  const opened = await openDatabase(opts.dbPath, {
    migrationsDir: opts.migrationsDir,
    backupDir: opts.backupDir,
  });
  const core = new Core(opened.sqlite, opened.db, opts.dbPath, opts.mode ?? 'cli', opts);
  try {
    seedReferenceData(opened.db, core.settings, loadSeed(opts.seedFile ?? defaultSeedFile()));
    installModules(core);
  } catch (e) {
    core.close();
    throw e;
  }
  if (opts.dailyBackup && opts.dbPath !== ':memory:' && core.settings.get().dailyBackup) {
    setTimeout(() => {
      core.backups
        .daily(core.settings.get().backupKeep)
        .catch((e) => console.error('[sotong] daily backup failed', e));
    }, 2000).unref();
  }
  return core;
}
