import { useMemo } from 'react';
import { useInvoke } from './useInvoke';

/** 행정동·분야·업종·접수처 lists, with a dong-name lookup for tables. */
export function useReference() {
  const q = useInvoke('reference.list', {}, { staleTime: 5 * 60_000 });
  const dongName = useMemo(() => {
    const m = new Map<number, string>();
    for (const d of q.data?.dongs ?? []) m.set(d.id, d.name);
    return (id: number | null | undefined) => (id == null ? '' : (m.get(id) ?? `#${id}`));
  }, [q.data]);
  return { ...q, dongName };
}
