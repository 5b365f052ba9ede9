// 발신 차단 의심: bursts of 5.7.x policy bounces (issue #5), listed for review instead of marking
// hundreds of good addresses invalid.
import { z } from 'zod';
import { channel } from './define';

export const suspectedBlock = z.object({
  /** what the burst shares: the campaign, else the recipient domain */
  campaignId: z.string().nullable(),
  campaignName: z.string().nullable(),
  domain: z.string().nullable(),
  count: z.number().int(),
  firstAt: z.string(),
  lastAt: z.string(),
  statuses: z.array(z.string()),
  items: z.array(
    z.object({
      bounceId: z.number().int(),
      email: z.string().nullable(),
      subscriberId: z.string().nullable(),
      status: z.string().nullable(),
      diagnostic: z.string().nullable(),
      at: z.string(),
    }),
  ),
});
export type SuspectedBlockOut = z.infer<typeof suspectedBlock>;

export const bounceBlocksChannels = {
  'bounces.suspectedBlocks': channel({
    summary: '발신 차단 의심 목록 (5.7.x 반송이 한꺼번에 온 캠페인·도메인)',
    access: ['admin', 'pr'],
    input: z.object({}).strict(),
    output: z.object({ groups: z.array(suspectedBlock) }),
  }),
};
