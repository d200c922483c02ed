import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { ApiError } from './client';

/**
 * Reads are cached per query key (query-keys.ts), refetched when a page using them mounts and
 * when a mutation invalidates them.
 * A refusal (4xx) is an answer, not a glitch: it is not retried; a network failure or a 5xx is
 * retried once. Windows regaining focus do not refetch (the console's tables would jump).
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // A page opened again shows what it had at once and refetches behind it.
        staleTime: 0,
        refetchOnWindowFocus: false,
        retry: (failures, error) =>
          failures < 1 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
      },
      mutations: { retry: false },
    },
  });
}

/** The console's one query cache, made once per app. */
export function ApiQueryProvider({ children }: { children: ReactNode }) {
  const [client] = useState(createQueryClient);
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
