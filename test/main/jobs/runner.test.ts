import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JobRunner } from '../../../src/main/jobs/runner';
import { makeTestCore, type TestCore } from '../../support/core';

let t: TestCore;
beforeEach(async () => {
  t = await makeTestCore();
});
afterEach(() => t.cleanup());

function counter(runner: JobRunner, seen: number[]) {
  runner.register<{ n: number }, { sum: number }>('count', async (job) => {
    let sum = 0;
    for (let i = job.resumeFrom; i < job.params.n; i++) {
      seen.push(i);
      sum += i;
      job.progress(i + 1, job.params.n);
      await job.checkpoint();
    }
    return { sum };
  });
}

describe('job runner', () => {
  it('runs to completion with progress events and a result', async () => {
    const seen: number[] = [];
    counter(t.core.jobs, seen);
    const events: string[] = [];
    t.core.events.subscribe((name, p) => {
      if (name === 'job.progress') events.push((p as { status: string }).status);
    });
    const job = t.core.jobs.start('count', { n: 100 }, null);
    const done = await t.core.jobs.wait(job.id);
    expect(done).toMatchObject({ status: 'done', done: 100, total: 100, result: { sum: 4950 } });
    expect(events[0]).toBe('running');
    expect(events.at(-1)).toBe('done');
  });

  it('cancels between chunks', async () => {
    const seen: number[] = [];
    counter(t.core.jobs, seen);
    const job = t.core.jobs.start('count', { n: 1_000_000 }, null);
    await new Promise((r) => setTimeout(r, 20));
    t.core.jobs.cancel(job.id);
    const end = await t.core.jobs.wait(job.id);
    expect(end.status).toBe('cancelled');
    expect(seen.length).toBeLessThan(1_000_000);
  });

  it('pauses and resumes from where it stopped', async () => {
    const seen: number[] = [];
    counter(t.core.jobs, seen);
    const job = t.core.jobs.start('count', { n: 5000 }, null);
    await new Promise((r) => setTimeout(r, 10));
    t.core.jobs.pause(job.id);
    const paused = await t.core.jobs.wait(job.id);
    expect(paused.status).toBe('paused');
    t.core.jobs.resume(job.id);
    const done = await t.core.jobs.wait(job.id);
    expect(done.status).toBe('done');
    expect(new Set(seen).size).toBe(5000);
  });

  it('restarts jobs a dead process left running', async () => {
    const runner = new JobRunner(t.core.db, t.core.sqlite, t.core.events, () => new Date());
    const seen: number[] = [];
    counter(runner, seen);
    t.core.sqlite
      .prepare(
        "INSERT INTO jobs (id, kind, status, total, done, params, created_at, updated_at) VALUES ('j1', 'count', 'running', 10, 6, '{\"n\":10}', 'x', 'x')",
      )
      .run();
    expect(runner.resumeInterrupted()).toBe(1);
    const done = await runner.wait('j1');
    expect(done.status).toBe('done');
    expect(seen).toEqual([6, 7, 8, 9]);
  });

  it('does not wait for another connection’s write lock to note progress; the job shows it all the same', async () => {
    const steps: (() => void)[] = [];
    const next = () => new Promise<void>((r) => steps.push(r));
    t.core.jobs.register('stepper', async (job) => {
      await next();
      job.progress(1, 3, '첫째');
      await next();
      job.progress(3, 3, '셋째');
      return null;
    });
    const job = t.core.jobs.start('stepper', {}, null);
    // another connection (an import worker) holds the write lock while the job reports progress
    const other = new Database(t.dbPath);
    other.prepare('BEGIN IMMEDIATE').run();
    const t0 = performance.now();
    steps.shift()!();
    await new Promise((r) => setTimeout(r, 20));
    expect(performance.now() - t0).toBeLessThan(1000); // busy_timeout is 5 s: it did not wait
    expect(t.core.jobs.get(job.id)).toMatchObject({ status: 'running', done: 1, total: 3, message: '첫째' });
    const row = t.core.sqlite.prepare('SELECT done FROM jobs WHERE id = ?').get(job.id) as { done: number };
    expect(row.done).toBe(0); // not in the row yet: the lock was taken
    other.prepare('COMMIT').run();
    other.close();
    steps.shift()!();
    const done = await t.core.jobs.wait(job.id);
    expect(done).toMatchObject({ status: 'done', done: 3, total: 3 });
  });
});
