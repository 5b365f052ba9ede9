// The renderer's refresh of cached reads, on a real QueryClient (no DOM needed).
import { QueryClient, QueryObserver } from '@tanstack/react-query';
import { afterEach, describe, expect, it } from 'vitest';
import { refreshChannels } from '../../../src/renderer/api/refresh';

/** A fake server: each fetch answers with the current value once released. */
function server(initial: string) {
  let value = initial;
  const pending: (() => void)[] = [];
  return {
    set: (v: string) => {
      value = v;
    },
    fetches: 0,
    fetch(this: { fetches: number }) {
      this.fetches++;
      const answer = value;
      return new Promise<string>((r) => pending.push(() => r(answer)));
    },
    releaseAll: () => {
      for (const p of pending.splice(0)) p();
    },
  };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('refreshChannels', () => {
  let qc: QueryClient;
  afterEach(() => qc.clear());

  it('a first load still in flight from before the change is started again (plain invalidate would keep it)', async () => {
    qc = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const s = server('접수됨');
    const observer = new QueryObserver(qc, {
      queryKey: ['campaigns.recipients', { id: 'c1' }],
      queryFn: () => s.fetch(),
    });
    const seen: (string | undefined)[] = [];
    const off = observer.subscribe((r) => seen.push(r.data));
    await tick();
    expect(s.fetches).toBe(1);
    // the results change while the first load is on its way
    s.set('전달됨');
    refreshChannels(qc, ['campaigns.recipients']);
    await tick();
    expect(s.fetches).toBe(2);
    s.releaseAll();
    await tick();
    await tick();
    expect(observer.getCurrentResult().data).toBe('전달됨');
    off();
  });

  it('plain invalidateQueries keeps the older first load (why refreshChannels exists)', async () => {
    qc = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const s = server('접수됨');
    const observer = new QueryObserver(qc, {
      queryKey: ['campaigns.recipients', { id: 'c1' }],
      queryFn: () => s.fetch(),
    });
    const off = observer.subscribe(() => undefined);
    await tick();
    s.set('전달됨');
    void qc.invalidateQueries({ queryKey: ['campaigns.recipients'] });
    await tick();
    s.releaseAll();
    await tick();
    expect(s.fetches).toBe(1);
    expect(observer.getCurrentResult().data).toBe('접수됨');
    off();
  });

  it('only the named channels reload; a loaded read reloads once', async () => {
    qc = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const a = server('a1');
    const b = server('b1');
    const oa = new QueryObserver(qc, { queryKey: ['campaigns.get', { id: 'c1' }], queryFn: () => a.fetch() });
    const ob = new QueryObserver(qc, { queryKey: ['subscribers.list', {}], queryFn: () => b.fetch() });
    const offs = [oa.subscribe(() => undefined), ob.subscribe(() => undefined)];
    await tick();
    a.releaseAll();
    b.releaseAll();
    await tick();
    a.set('a2');
    refreshChannels(qc, ['campaigns.get']);
    await tick();
    a.releaseAll();
    await tick();
    expect(oa.getCurrentResult().data).toBe('a2');
    expect(a.fetches).toBe(2);
    expect(b.fetches).toBe(1);
    for (const off of offs) off();
  });
});
