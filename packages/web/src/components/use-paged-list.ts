import { useCallback, useEffect, useRef, useState } from 'react';
import type { Paged } from '../api/client';
import { useApiError } from './use-api-error';

export const DEFAULT_PAGE_SIZE = 10;

/**
 * Loads one page of a list endpoint whenever the filters or the page change; `reload` keeps
 * the current page (after an edit). Answers of superseded requests are dropped.
 */
export function usePagedList<T, F extends object>(
  fetchPage: (query: F & { page: number; pageSize: number }) => Promise<Paged<T>>,
  initialFilters: F,
) {
  const { report } = useApiError();
  const [filters, setFiltersState] = useState<F>(initialFilters);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(DEFAULT_PAGE_SIZE);
  const [data, setData] = useState<Paged<T>>({ records: [], total: 0 });
  const [loading, setLoading] = useState(true);
  const latest = useRef(0);
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;

  const load = useCallback(async () => {
    const ticket = ++latest.current;
    setLoading(true);
    try {
      const result = await fetchRef.current({ ...filters, page, pageSize });
      if (ticket === latest.current) setData(result);
    } catch (error) {
      if (ticket === latest.current) report(error);
    } finally {
      if (ticket === latest.current) setLoading(false);
    }
  }, [filters, page, pageSize, report]);

  useEffect(() => {
    void load();
  }, [load]);

  const setFilters = useCallback((next: Partial<F>) => {
    setFiltersState((prev) => ({ ...prev, ...next }));
    setPage(1);
  }, []);

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

  return { data, loading, filters, setFilters, pagination, reload: load };
}
