import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { queryKeys } from '../../api/query-keys';
import { useQueryScope } from '../../api/use-query-scope';

export interface HomeSummary {
  members: { active: number; pending: number; bound: number };
  departments: number;
  connection: {
    configured: boolean;
    enabled: boolean;
    lastTest: { ok: boolean; at: string } | null;
  };
  lastSync: {
    id: number;
    status: 'planned' | 'running' | 'succeeded' | 'failed' | 'needs_confirmation' | 'cancelled';
    trigger: string;
    createdAt: string;
    finishedAt: string | null;
  } | null;
}

/**
 * `GET /sys/home/summary` of the current tenant, in the query cache under `home`: approving a
 * member, a sync or a binding change elsewhere in the console makes it ask again.
 */
export function useHomeSummary(): { data: HomeSummary | null; error: unknown } {
  const query = useQuery({
    queryKey: queryKeys.homeSummary(useQueryScope()),
    queryFn: () => api.get<HomeSummary>('/sys/home/summary'),
  });
  return { data: query.data ?? null, error: query.error };
}
