import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { desc, eq, inArray } from 'drizzle-orm';
import { AppError } from '../../shared/errors';
import type { CoreEvents } from '../core/events';
import { unannounced } from '../db/connection';
import type { Db } from '../db/open';
import { jobs } from '../db/schema';

export type JobStatus = 'queued' | 'running' | 'paused' | 'done' | 'failed' | 'cancelled';
export type JobRecord = typeof jobs.$inferSelect;

export class JobCancelled extends Error {
  constructor() {
    super('cancelled');
  }
}

export interface JobHandle<P = unknown> {
  id: string;
  params: P;
  /** what an earlier, interrupted run of this job already finished (handlers resume from it) */
  resumeFrom: number;
  progress(done: number, total?: number, message?: string | null): void;
  /** throws JobCancelled when cancel was asked for; waits while paused */
  checkpoint(): Promise<void>;
}

export type JobHandler<P = unknown, R = unknown> = (job: JobHandle<P>) => Promise<R>;

/**
 * Runs long work in the main process without blocking IPC: handlers do their work in chunks and
 * call `checkpoint()` between them, which yields to the event loop, honours pause/cancel and
 * persists progress, so an interrupted job can resume after a restart.
 */
export class JobRunner {
  private handlers = new Map<string, JobHandler<never, unknown>>();
  private control = new Map<string, 'cancel' | 'pause' | null>();
  private running = new Map<string, Promise<void>>();
  private lastEmit = new Map<string, number>();
  /** progress of running jobs not yet in their row (the database was busy): see noteProgress */
  private live = new Map<string, Pick<JobRecord, 'done' | 'total' | 'message'>>();

  constructor(
    private db: Db,
    private sqlite: Database.Database,
    private events: CoreEvents,
    private now: () => Date = () => new Date(),
  ) {}

  register<P, R>(kind: string, handler: JobHandler<P, R>): void {
    this.handlers.set(kind, handler as JobHandler<never, unknown>);
  }

  start<P>(kind: string, params: P, createdBy: string | null, total = 0): JobRecord {
    if (!this.handlers.has(kind)) throw new Error(`no job handler for ${kind}`);
    const at = this.now().toISOString();
    const row = this.db
      .insert(jobs)
      .values({
        id: randomUUID(),
        kind,
        status: 'queued',
        total,
        params: params as unknown,
        createdBy,
        createdAt: at,
        updatedAt: at,
      })
      .returning()
      .get();
    this.launch(row);
    return row;
  }

  get(id: string): JobRecord {
    const row = this.db.select().from(jobs).where(eq(jobs.id, id)).get();
    if (!row) throw new AppError('NOT_FOUND', '작업을 찾을 수 없습니다.');
    const live = this.live.get(id);
    return live && row.status === 'running' ? { ...row, ...live } : row;
  }

  list(limit = 50): JobRecord[] {
    return this.db.select().from(jobs).orderBy(desc(jobs.createdAt)).limit(limit).all();
  }

  /** Resolves when the job has stopped (done, failed, cancelled or paused). */
  async wait(id: string): Promise<JobRecord> {
    await this.running.get(id);
    return this.get(id);
  }

  cancel(id: string): JobRecord {
    const row = this.get(id);
    if (row.status === 'queued' || row.status === 'running') this.control.set(id, 'cancel');
    else if (row.status === 'paused') this.finish(id, 'cancelled', { message: '취소했습니다.' });
    return this.get(id);
  }

  pause(id: string): JobRecord {
    const row = this.get(id);
    if (row.status === 'running' || row.status === 'queued') this.control.set(id, 'pause');
    return this.get(id);
  }

  resume(id: string): JobRecord {
    const row = this.get(id);
    if (row.status !== 'paused')
      throw new AppError('VALIDATION', '일시정지된 작업만 다시 시작할 수 있습니다.');
    this.launch(row);
    return this.get(id);
  }

  /** After a crash: jobs left 'running' or 'queued' by a dead process are restarted from their progress. */
  resumeInterrupted(): number {
    const stale = this.db
      .select()
      .from(jobs)
      .where(inArray(jobs.status, ['running', 'queued']))
      .all();
    for (const row of stale) if (this.handlers.has(row.kind) && !this.running.has(row.id)) this.launch(row);
    return stale.length;
  }

  private update(id: string, set: Partial<JobRecord>): void {
    this.db
      .update(jobs)
      .set({ ...set, updatedAt: this.now().toISOString() })
      .where(eq(jobs.id, id))
      .run();
  }

  /**
   * Progress goes to the job's row when the database is free at once, else only to memory (get()
   * and the event still show it) until the next update: a job that writes on another connection
   * (the import worker) holds the write lock most of the time, and waiting for it here would stall
   * every call for the length of its transactions. The row is only for resuming after a restart.
   */
  private noteProgress(
    id: string,
    set: Pick<JobRecord, 'done' | 'total'> & { message?: string | null },
  ): void {
    const sqlite = this.sqlite;
    const wait = sqlite.pragma('busy_timeout', { simple: true }) as number;
    sqlite.pragma('busy_timeout = 0');
    try {
      unannounced(() => this.update(id, set));
      this.live.delete(id);
    } catch (e) {
      if ((e as { code?: string }).code?.startsWith('SQLITE_BUSY') !== true) throw e;
      const prev = this.live.get(id);
      this.live.set(id, { done: set.done, total: set.total, message: set.message ?? prev?.message ?? null });
    } finally {
      sqlite.pragma(`busy_timeout = ${wait}`);
    }
  }

  private emit(row: JobRecord): void {
    this.events.emit('job.progress', {
      jobId: row.id,
      kind: row.kind,
      status: row.status,
      done: row.done,
      total: row.total,
      message: row.message,
    });
  }

  private finish(id: string, status: JobStatus, set: Partial<JobRecord> = {}): void {
    this.update(id, { status, ...set });
    this.control.delete(id);
    this.live.delete(id);
    this.emit(this.get(id));
  }

  private launch(row: JobRecord): void {
    const handler = this.handlers.get(row.kind)!;
    this.control.set(row.id, null);
    this.update(row.id, { status: 'running', message: null });
    this.emit(this.get(row.id));
    let done = row.done;
    let total = row.total;
    const handle: JobHandle<never> = {
      id: row.id,
      params: row.params as never,
      resumeFrom: row.done,
      progress: (d, t, message) => {
        done = d;
        if (t !== undefined) total = t;
        const now = Date.now();
        // Throttle: the UI needs a few updates a second, not one per row.
        if (now - (this.lastEmit.get(row.id) ?? 0) > 150 || d === total) {
          this.lastEmit.set(row.id, now);
          this.noteProgress(row.id, { done, total, ...(message !== undefined ? { message } : {}) });
          this.emit(this.get(row.id));
        }
      },
      checkpoint: async () => {
        await new Promise((r) => setImmediate(r));
        const c = this.control.get(row.id);
        if (c === 'cancel') throw new JobCancelled();
        if (c === 'pause') throw new JobPaused();
      },
    };
    const p = (async () => {
      try {
        const result = await handler(handle);
        this.finish(row.id, 'done', { done, total, result: result as unknown, message: null });
      } catch (e) {
        if (e instanceof JobCancelled)
          this.finish(row.id, 'cancelled', { done, total, message: '취소했습니다.' });
        else if (e instanceof JobPaused)
          this.finish(row.id, 'paused', { done, total, message: '일시정지했습니다.' });
        else {
          const msg = e instanceof AppError ? e.message : '작업 중 오류가 발생했습니다.';
          if (!(e instanceof AppError)) console.error(`[sotong] job ${row.kind} failed`, e);
          this.finish(row.id, 'failed', { done, total, error: msg, message: msg });
        }
      } finally {
        this.running.delete(row.id);
      }
    })();
    this.running.set(row.id, p);
  }
}

export class JobPaused extends Error {
  constructor() {
    super('paused');
  }
}
