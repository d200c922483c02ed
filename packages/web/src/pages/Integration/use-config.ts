import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import {
  thirdAppApi,
  type NewThirdAppConfig,
  type ThirdAppConfig,
  type ThirdAppConfigChanges,
  type ThirdType,
} from '../../api/third-app';
import { queryKeys } from '../../api/query-keys';
import { useInvalidate, useQueryScope } from '../../api/use-query-scope';

/**
 * The tenant's configuration of one provider, read through the query cache; a save, switch or
 * removal puts the server's answer in the cache and marks what depends on the config (bindings)
 * stale. A failed read is kept as `error` for the page to show in place (a provider the server
 * does not support yet answers 400 with a message saying so).
 */
export function useThirdAppConfig(thirdType: ThirdType) {
  const { userId, tenantId } = useQueryScope();
  const client = useQueryClient();
  const invalidate = useInvalidate();
  const api = useMemo(() => thirdAppApi(thirdType), [thirdType]);
  const queryKey = queryKeys.thirdAppConfig({ userId, tenantId }, thirdType);
  const query = useQuery({
    queryKey,
    queryFn: async () => (await api.get()) as ThirdAppConfig | null,
  });
  const config: ThirdAppConfig | null = query.data ?? null;

  const settle = useCallback(
    async (next: ThirdAppConfig | null) => {
      client.setQueryData(queryKeys.thirdAppConfig({ userId, tenantId }, thirdType), next);
      await invalidate('thirdAppChanged');
    },
    [client, invalidate, userId, tenantId, thirdType],
  );

  return {
    config,
    loading: query.isPending,
    error: query.error,
    reload: () => client.invalidateQueries({ queryKey: queryKeys.all('thirdApp') }),
    /** Throws so the form can show the failure next to its field. */
    async save(values: NewThirdAppConfig | ThirdAppConfigChanges) {
      const saved = (
        config
          ? await api.update(values as ThirdAppConfigChanges)
          : await api.create(values as NewThirdAppConfig)
      ) as ThirdAppConfig;
      await settle(saved);
      return saved;
    },
    async setEnabled(enabled: boolean) {
      await settle((await api.update({ enabled })) as ThirdAppConfig);
    },
    async remove() {
      await api.remove();
      await settle(null);
    },
  };
}
export type ThirdAppConfigState = ReturnType<typeof useThirdAppConfig>;
