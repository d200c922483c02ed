import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import type { Paged } from '../api/client';
import { queryKeys, sameScope, type Resource } from '../api/query-keys';
import { useQueryScope } from '../api/use-query-scope';
import { useApiError } from './use-api-error';

export const DEFAULT_PAGE_SIZE = 10;

const EMPTY = { records: [], total: 0 };

/** Shows a query's failure as a toast once per failure (not on every render). */
export function useReportQueryError(error: unknown): void {
  const { report } = useApiError();
  useEffect(() => {
    if (error) report(error);
  }, [error, report]);
}

/**
 * One page of a list endpoint of `resource`, read through the query cache: it is refetched
 * whenever the filters or the page change and whenever a mutation invalidates the resource
 * (use-query-scope.ts `useInvalidate`). The previous page stays shown while the next loads.
 * `reload` refetches this resource now (a 刷新 button); after a change, invalidate instead.
 */
export function usePagedList<T, F extends object>(
  resource: Resource,
  fetchPage: (query: F & { page: number; pageSize: number }) => Promise<Paged<T>>,
  initialFilters: F,
) {
  const scope = useQueryScope();
  const client = useQueryClient();
  const [filters, setFiltersState] = useState<F>(initialFilters);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(DEFAULT_PAGE_SIZE);
  const params = { ...filters, page, pageSize };
  const queryKey = queryKeys.list(resource, scope, params);
  const query = useQuery({
    queryKey,
    queryFn: () => fetchPage(params),
    // The previous page stays while the next loads, but never another tenant's or user's rows.
    placeholderData: (previous, previousQuery) =>
      previousQuery && sameScope(previousQuery.queryKey, queryKey) ? previous : undefined,
  });
  useReportQueryError(query.error);
  const data: Paged<T> = query.data ?? EMPTY;

  const setFilters = useCallback((next: Partial<F>) => {
    setFiltersState((prev) => ({ ...prev, ...next }));
    setPage(1);
  }, []);

  const reload = useCallback(
    () => client.invalidateQueries({ queryKey: queryKeys.all(resource) }),
    [client, resource],
  );

  const pagination = {
    current: page,
    pageSize,
    total: data.total,
    showSizeChanger: true,
    onChange: (nextPage: number, nextSize: number) => {
      setPage(nextSize === pageSize ? nextPage : 1);
      setPageSize(nextSize);
    },
  };

  return { data, loading: query.isFetching, filters, setFilters, pagination, reload };
}
