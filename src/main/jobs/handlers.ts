import { AppError } from '../../shared/errors';
import type { HandlerContext, HandlerMap } from '../core/context';
import type { JobRecord } from './runner';

/** Staff see their own jobs; admins and PR see all. */
function visible(job: JobRecord, ctx: HandlerContext): JobRecord {
  const u = ctx.requireUser();
  if (u.role === 'admin' || u.role === 'pr' || job.createdBy === u.id || u.id === 'cli') return job;
  throw new AppError('NOT_FOUND', '작업을 찾을 수 없습니다.');
}

export const jobsHandlers: HandlerMap<
  'jobs.get' | 'jobs.list' | 'jobs.cancel' | 'jobs.pause' | 'jobs.resume'
> = {
  'jobs.get': ({ id }, ctx) => visible(ctx.core.jobs.get(id), ctx),
  'jobs.list': (_i, ctx) => {
    const u = ctx.requireUser();
    const all = ctx.core.jobs.list();
    return { items: u.role === 'admin' || u.role === 'pr' ? all : all.filter((j) => j.createdBy === u.id) };
  },
  'jobs.cancel': ({ id }, ctx) => {
    visible(ctx.core.jobs.get(id), ctx);
    return ctx.core.jobs.cancel(id);
  },
  'jobs.pause': ({ id }, ctx) => {
    visible(ctx.core.jobs.get(id), ctx);
    return ctx.core.jobs.pause(id);
  },
  'jobs.resume': ({ id }, ctx) => {
    visible(ctx.core.jobs.get(id), ctx);
    return ctx.core.jobs.resume(id);
  },
};
