import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { onEvent } from '../api/client';
import { refreshReads } from '../api/refresh';

/**
 * When the core reports that a domain's data changed (an import finished, another window saved),
 * cached reads of that domain's channels ('<domain>.*') and the dashboard are refreshed.
 */
export function useDataChanged(signedIn: boolean) {
  const qc = useQueryClient();
  useEffect(() => {
    if (!signedIn) return;
    return onEvent('data.changed', ({ domain }) => {
      refreshReads(qc, {
        predicate: (q) => {
          const channel = String(q.queryKey[0]);
          return channel.startsWith(`${domain}.`) || channel === 'dashboard.summary';
        },
      });
    });
  }, [signedIn, qc]);
}
