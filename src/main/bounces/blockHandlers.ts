import type { HandlerMap } from '../core/context';
import { bouncesOf } from './index';

/** 발신 차단 의심: the addresses are personal data, so reading the list is audited. */
export const bounceBlocksHandlers: HandlerMap<'bounces.suspectedBlocks'> = {
  'bounces.suspectedBlocks': (_i, ctx) => {
    const groups = bouncesOf(ctx.core).service.policy.list();
    ctx.audit({
      action: 'view',
      targetType: 'bounce',
      subjectCount: groups.reduce((n, g) => n + g.items.filter((i) => i.subscriberId).length, 0),
      reason: '발신 차단 의심 목록',
    });
    return { groups };
  },
};
