import type { OptOutIntent } from '../../shared/optout';

export type ChannelChoice = 'sms' | 'email' | 'both';

/** A fixed decision, for opt-outs that need no reading (080 list, e-mail link, a staff form). */
export function fixedIntent(fieldIds: number[], channel: ChannelChoice, reason: string): OptOutIntent {
  return {
    decision: 'optout',
    scope: fieldIds.length > 0 ? 'fields' : 'all',
    fieldIds,
    channel,
    code: 'optout',
    reason,
    matched: [],
    numbers: [],
  };
}
