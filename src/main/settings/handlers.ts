import type { HandlerMap } from '../core/context';

export const settingsHandlers: HandlerMap<
  | 'settings.get'
  | 'settings.update'
  | 'reference.list'
  | 'reference.saveDong'
  | 'reference.saveField'
  | 'reference.saveBusinessType'
  | 'reference.saveStation'
> = {
  'settings.get': (_i, ctx) => ctx.core.settings.get(),
  'settings.update': (patch, ctx) => {
    const next = ctx.core.settings.update(patch);
    ctx.audit({ action: 'settings', detail: { keys: Object.keys(patch) } });
    return next;
  },
  'reference.list': (_i, ctx) => ctx.core.reference.list(),
  'reference.saveDong': (input, ctx) => {
    const row = ctx.core.reference.saveDong(input);
    ctx.audit({ action: 'settings', targetType: 'dong', targetId: String(row.id) });
    return row;
  },
  'reference.saveField': (input, ctx) => {
    const row = ctx.core.reference.saveField(input);
    ctx.audit({ action: 'settings', targetType: 'field', targetId: String(row.id) });
    return row;
  },
  'reference.saveBusinessType': (input, ctx) => {
    const row = ctx.core.reference.saveBusinessType(input);
    ctx.audit({ action: 'settings', targetType: 'business_type', targetId: String(row.id) });
    return row;
  },
  'reference.saveStation': (input, ctx) => {
    const row = ctx.core.reference.saveStation(input);
    ctx.audit({ action: 'settings', targetType: 'station', targetId: row.id });
    return row;
  },
};
