import { useQuery } from '@tanstack/react-query';
import { connectorsApi, type ConnectorInfo } from '../../api/connectors';
import { queryKeys } from '../../api/query-keys';
import type { ThirdType } from '../../api/third-app';
import { useQueryScope } from '../../api/use-query-scope';
import { useReportQueryError } from '../../components/use-paged-list';

/**
 * The server's connector for `thirdType` (names, form items, capabilities); null when the server
 * has none registered for it. The list changes only with a server release, so it is read once.
 */
export function useConnector(thirdType: ThirdType): {
  connector: ConnectorInfo | null;
  loading: boolean;
} {
  const query = useQuery({
    queryKey: queryKeys.connectors(useQueryScope()),
    queryFn: () => connectorsApi.list(),
    staleTime: Infinity,
  });
  useReportQueryError(query.error);
  return {
    connector: query.data?.find((c) => c.thirdType === thirdType) ?? null,
    loading: query.isPending,
  };
}
