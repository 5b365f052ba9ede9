import { QueryClient } from '@tanstack/react-query';

/** The core runs on this computer: no retries that would hide an error, no refetch on focus. */
export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: false, refetchOnWindowFocus: false, staleTime: 30_000 },
      mutations: { retry: false },
    },
  });
}
