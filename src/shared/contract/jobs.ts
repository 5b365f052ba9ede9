import { z } from 'zod';
import { channel, empty } from './define';

export const jobRow = z.object({
  id: z.string(),
  kind: z.string(),
  status: z.enum(['queued', 'running', 'paused', 'done', 'failed', 'cancelled']),
  total: z.number().int(),
  done: z.number().int(),
  message: z.string().nullable(),
  result: z.unknown().nullable(),
  error: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type JobRow = z.infer<typeof jobRow>;

const byId = z.object({ id: z.string().min(1) });

export const jobsChannels = {
  'jobs.get': channel({ summary: '작업 진행 상황', access: 'authenticated', input: byId, output: jobRow }),
  'jobs.list': channel({
    summary: '최근 작업 목록',
    access: 'authenticated',
    input: empty,
    output: z.object({ items: z.array(jobRow) }),
  }),
  'jobs.cancel': channel({
    summary: '작업 취소',
    access: ['admin', 'pr', 'dong'],
    input: byId,
    output: jobRow,
  }),
  'jobs.pause': channel({
    summary: '작업 일시정지',
    access: ['admin', 'pr', 'dong'],
    input: byId,
    output: jobRow,
  }),
  'jobs.resume': channel({
    summary: '작업 다시 시작',
    access: ['admin', 'pr', 'dong'],
    input: byId,
    output: jobRow,
  }),
};
