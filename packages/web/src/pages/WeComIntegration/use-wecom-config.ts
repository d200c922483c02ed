import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import {
  thirdAppApi,
  type NewThirdAppConfig,
  type ThirdAppConfig,
  type ThirdAppConfigChanges,
} from '../../api/third-app';
import { queryKeys } from '../../api/query-keys';
import { useInvalidate, useQueryScope } from '../../api/use-query-scope';
import { useReportQueryError } from '../../components/use-paged-list';

/**
 * The tenant's WeCom configuration, read through the query cache; a save, switch or removal
 * puts the server's answer in the cache and marks what depends on the config (bindings) stale.
 */
export function useWeComConfig() {
  const { userId, tenantId } = useQueryScope();
  const client = useQueryClient();
  const invalidate = useInvalidate();
  const query = useQuery({
    queryKey: queryKeys.thirdAppConfig({ userId, tenantId }),
    queryFn: () => thirdAppApi.get(),
  });
  useReportQueryError(query.error);
  const config: ThirdAppConfig | null = query.data ?? null;

  const settle = useCallback(
    async (next: ThirdAppConfig | null) => {
      client.setQueryData(queryKeys.thirdAppConfig({ userId, tenantId }), next);
      await invalidate('thirdAppChanged');
    },
    [client, invalidate, userId, tenantId],
  );

  return {
    config,
    loading: query.isPending,
    reload: () => client.invalidateQueries({ queryKey: queryKeys.all('thirdApp') }),
    /** Throws so the form can show the failure next to its field. */
    async save(values: NewThirdAppConfig | ThirdAppConfigChanges) {
      const saved = config
        ? await thirdAppApi.update(values)
        : await thirdAppApi.create(values as NewThirdAppConfig);
      await settle(saved);
      return saved;
    },
    async setEnabled(enabled: boolean) {
      await settle(await thirdAppApi.update({ enabled }));
    },
    async remove() {
      await thirdAppApi.remove();
      await settle(null);
    },
  };
}
export type WeComConfigState = ReturnType<typeof useWeComConfig>;
