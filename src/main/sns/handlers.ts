import type { HandlerMap } from '../core/context';
import { rowsOf } from './files';
import { comparePeers, importPeers } from './peers';
import { snsOf } from './service';

export const snsHandlers: HandlerMap<
  | 'sns.channels.list'
  | 'sns.channels.save'
  | 'sns.figures.list'
  | 'sns.figures.save'
  | 'sns.figures.import'
  | 'sns.peers.import'
  | 'sns.peers.compare'
> = {
  'sns.channels.list': (i, ctx) => snsOf(ctx.core).list(i.includeInactive),
  'sns.channels.save': (i, ctx) => {
    const row = snsOf(ctx.core).save(i);
    ctx.audit({ action: i.id ? 'edit' : 'create', targetType: 'sns_channel', targetId: String(row.id) });
    return row;
  },
  'sns.figures.list': (i, ctx) => snsOf(ctx.core).figures(i),
  'sns.figures.save': (i, ctx) => snsOf(ctx.core).saveFigure(i, ctx.user?.id ?? null),
  'sns.figures.import': async (i, ctx) => {
    const r = snsOf(ctx.core).importFigures(await rowsOf(ctx, i), ctx.user?.id ?? null);
    ctx.audit({
      action: 'import',
      targetType: 'sns_figures',
      detail: { rows: r.rows, imported: r.imported },
    });
    return r;
  },
  'sns.peers.import': async (i, ctx) => {
    const r = importPeers(ctx.core, await rowsOf(ctx, i), i.asOf);
    ctx.audit({
      action: 'import',
      targetType: 'sns_peer_figures',
      detail: { rows: r.rows, asOf: r.asOf, sample: !!i.sample },
    });
    return r;
  },
  'sns.peers.compare': (i, ctx) => comparePeers(ctx.core, i.asOf),
};
