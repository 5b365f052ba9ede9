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
    const runner = new JobRunner(t.core.db, t.core.events, () => new Date());
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
});
