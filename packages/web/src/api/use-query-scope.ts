import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useSession } from '../app/session';
import { invalidates, queryKeys, type Change, type QueryScope } from './query-keys';

/** The scope every query key of the console carries: who is signed in, which tenant is selected. */
export function useQueryScope(): QueryScope {
  const { me, tenantId } = useSession();
  return { userId: me?.userInfo.id ?? null, tenantId };
}

/** Marks what a change made stale (`invalidates` in query-keys.ts); shown queries refetch. */
export function useInvalidate(): (change: Change) => Promise<void> {
  const client = useQueryClient();
  return useCallback(
    async (change: Change) => {
      await Promise.all(
        invalidates[change].map((resource) =>
          client.invalidateQueries({ queryKey: queryKeys.all(resource) }),
        ),
      );
    },
    [client],
  );
}
