import type { HandlerMap } from '../core/context';

export const auditHandlers: HandlerMap<'audit.list' | 'audit.verify'> = {
  'audit.list': (q, ctx) => ctx.core.audit.list(q),
  'audit.verify': (_i, ctx) => ctx.core.audit.verify(),
};
