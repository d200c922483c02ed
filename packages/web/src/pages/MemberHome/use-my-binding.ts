import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../api/query-keys';
import { thirdLoginApi, type MyWecomBinding } from '../../api/third-login';
import { useQueryScope } from '../../api/use-query-scope';

/** The caller's WeCom binding in the current tenant: undefined while asked, null when none. */
export function useMyBinding(enabled: boolean): MyWecomBinding | null | undefined {
  const query = useQuery({
    queryKey: queryKeys.myWecomBinding(useQueryScope()),
    queryFn: () => thirdLoginApi.myBinding(),
    enabled,
    retry: false,
  });
  if (!enabled) return null;
  // Not knowing is said as not knowing (the card shows no verdict), never as "unbound".
  return query.isError ? undefined : query.data;
}
