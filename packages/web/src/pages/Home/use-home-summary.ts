import { useEffect, useState } from 'react';
import { api } from '../../api/client';

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

/** `GET /sys/home/summary` of the current tenant (the page remounts on a tenant switch). */
export function useHomeSummary(): { data: HomeSummary | null; error: unknown } {
  const [data, setData] = useState<HomeSummary | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let cancelled = false;
    api.get<HomeSummary>('/sys/home/summary').then(
      (summary) => !cancelled && setData(summary),
      (caught: unknown) => !cancelled && setError(caught),
    );
    return () => {
      cancelled = true;
    };
  }, []);
  return { data, error };
}
