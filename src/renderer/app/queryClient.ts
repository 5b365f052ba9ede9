import { QueryClient } from '@tanstack/react-query';

/**
 * The core runs on this computer: no retries that would hide an error, no refetch on focus, and
 * networkMode 'always' — by default React Query pauses every call while the browser says it is
 * offline (navigator.onLine), which a dong center's PC without internet (or Chromium's own view
 * of the network) is; calls to our own core must never wait for the internet.
 */
export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: false, refetchOnWindowFocus: false, staleTime: 30_000, networkMode: 'always' },
      mutations: { retry: false, networkMode: 'always' },
    },
  });
}
