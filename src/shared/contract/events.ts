import { z } from 'zod';
import { campaignProgressEvent } from './campaigns';

/** Events the main side pushes to the UI (Electron webContents.send, SSE in web mode). */
export const eventSchemas = {
  'job.progress': z.object({
    jobId: z.string(),
    kind: z.string(),
    status: z.enum(['queued', 'running', 'paused', 'done', 'failed', 'cancelled']),
    done: z.number(),
    total: z.number(),
    message: z.string().nullable(),
  }),
  'session.expired': z.object({ reason: z.string() }),
  'data.changed': z.object({ domain: z.string() }),
  'campaign.progress': campaignProgressEvent,
};
export type EventName = keyof typeof eventSchemas;
export type EventPayload<E extends EventName> = z.infer<(typeof eventSchemas)[E]>;
