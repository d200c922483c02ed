import type { RunRow } from './sync-runs.repo';

export interface RunView {
  id: number;
  planId: string | null;
  thirdType: string;
  trigger: string;
  actorUserId: number | null;
  status: string;
  progress: { phase: string; done: number; total: number };
  counts: Record<string, number>;
  error: Record<string, unknown> | null;
  /** Generated initial passwords are waiting to be shown once. */
  hasPasswords: boolean;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export const TERMINAL = new Set(['succeeded', 'failed', 'cancelled', 'needs_confirmation']);

export function runView(r: RunRow): RunView {
  return {
    id: r.id,
    planId: r.planId,
    thirdType: r.thirdType,
    trigger: r.trigger,
    actorUserId: r.actorUserId,
    status: r.status,
    progress: { phase: r.phase, done: r.done, total: r.total },
    counts: r.counts,
    error: r.error ?? null,
    hasPasswords: r.secretsEnc !== null,
    createdAt: r.createdAt.toISOString(),
    startedAt: r.startedAt?.toISOString() ?? null,
    finishedAt: r.finishedAt?.toISOString() ?? null,
  };
}
