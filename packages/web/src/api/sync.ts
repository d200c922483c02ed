import { api, type Paged } from './client';
import { getTenantId, getToken } from './storage';

export type MatchKind = 'bound' | 'requested' | 'username' | 'mobile' | 'email' | 'name' | 'none';

export interface PlanPair {
  wechatUserId: string;
  wechatName: string;
  wechatDepartmentIds: string[];
  wechatStatus: 'active' | 'disabled' | 'inactive' | 'left';
  /** 职务 in WeCom, to tell namesakes apart. */
  wechatPosition: string | null;
  /** Masked by the server (138****5678); null when WeCom hides it. */
  wechatMobile: string | null;
  userId: number | null;
  username: string | null;
  realname: string | null;
  match: MatchKind;
  ambiguous: boolean;
  candidates?: number[];
  /**
   * An account outside this tenant matches: the plan hides who it is (`userId`, `username`,
   * `realname` are null) and only its owner can accept the binding.
   */
  outsider?: boolean;
  /** The binding waits for the account owner's consent (a link request is or will be sent). */
  awaitingOwner?: boolean;
  /** The owner refused an earlier request; no run asks again unless an admin pairs it by hand. */
  ownerRefused?: boolean;
  /** Unbound by an admin (移出): no sync binds it or creates an account until paired by hand. */
  unpaired?: boolean;
  /** Left out by an earlier run (排除): nothing created, paired or bound until restored. */
  excluded?: boolean;
}

export interface LocalMember {
  userId: number;
  username: string;
  realname: string;
  ambiguous: boolean;
}

export interface SyncPlan {
  planId: string;
  partial: boolean;
  problems: {
    providerCode: number;
    api: string;
    explanation: Record<string, { title: string; cause: string; fix: string }>;
  }[];
  departments: {
    create: { extId: string; name: string; parentExtId: string | null }[];
    rename: { id: number; extId: string; from: string; to: string }[];
    move: { id: number; extId: string }[];
    reorder: { id: number; extId: string }[];
    remove: { id: number; extId: string; name: string }[];
  };
  members: {
    pairs: PlanPair[];
    unmatchedLocal: LocalMember[];
    toCreate: string[];
    toPending: string[];
    toUpdate: { wechatUserId: string; userId: number; fields: string[] }[];
    leavers: { wechatUserId: string; userId: number; reason: string }[];
    /** Every member left out (排除) for this corp, also those no longer in WeCom. */
    exclusions: { wechatUserId: string; wechatName: string }[];
    /** WeCom department id → path from the root ("总部 / 研发部"). */
    departmentPaths: Record<string, string>;
  };
  counts: Record<string, number>;
}

export type RunStatus =
  'planned' | 'running' | 'succeeded' | 'failed' | 'needs_confirmation' | 'cancelled';

export interface SyncRun {
  id: number;
  planId: string | null;
  trigger: string;
  actorUserId: number | null;
  status: RunStatus;
  progress: { phase: string; done: number; total: number };
  counts: Record<string, number>;
  error:
    ({ code?: string; message?: string; providerCode?: number } & Record<string, unknown>) | null;
  hasPasswords: boolean;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface RunItem {
  id: number;
  kind: 'department' | 'member';
  action: string;
  extId: string;
  label: string;
  userId: number | null;
  outcome: 'ok' | 'failed' | 'skipped';
  reason: string;
  providerCode: number | null;
  message: string | null;
}

export const RUN_ENDED: ReadonlySet<RunStatus> = new Set([
  'succeeded',
  'failed',
  'cancelled',
  'needs_confirmation',
]);

const THIRD_TYPE = 'wechat_enterprise';

export const syncApi = {
  preview: () => api.post<SyncPlan>('/sys/thirdApp/sync/preview', { thirdType: THIRD_TYPE }),
  apply: (body: {
    planId: string;
    pairs: { wechatUserId: string; userId: number | null }[];
    exclude: string[];
    /** Members left out by an earlier run that this run restores. */
    include: string[];
  }) => api.post<{ runId: number; status?: RunStatus }>('/sys/thirdApp/sync/apply', body),
  confirm: (runId: number) =>
    api.post<{ runId: number }>(`/sys/thirdApp/sync/runs/${runId}/confirm`),
  /** Drops a run waiting for a confirmation: nothing of it is applied. */
  cancel: (runId: number) => api.post<SyncRun>(`/sys/thirdApp/sync/runs/${runId}/cancel`),
  run: (runId: number) => api.get<SyncRun>(`/sys/thirdApp/sync/runs/${runId}`),
  runs: (query: { page: number; pageSize: number }) =>
    api.get<Paged<SyncRun>>('/sys/thirdApp/sync/runs', query),
  items: (runId: number, query: { outcome?: string | undefined; page: number; pageSize: number }) =>
    api.get<Paged<RunItem>>(`/sys/thirdApp/sync/runs/${runId}/items`, query),
  /** Generated initial passwords: the server hands them out once. */
  passwords: (runId: number) =>
    api.post<{ records: { username: string; password: string }[] }>(
      `/sys/thirdApp/sync/runs/${runId}/passwords`,
    ),
};

/**
 * Follows a run over Server-Sent Events. EventSource cannot send the X-Access-Token header, so
 * the stream is read with fetch. Falls back to polling when streaming is not possible.
 */
export async function followRun(
  runId: number,
  onRun: (run: SyncRun) => void,
  signal: AbortSignal,
): Promise<void> {
  const headers: Record<string, string> = { Accept: 'text/event-stream' };
  const token = getToken();
  if (token) headers['X-Access-Token'] = token;
  const tenantId = getTenantId();
  if (tenantId !== null) headers['X-Tenant-Id'] = String(tenantId);
  try {
    const res = await fetch(`/sys/thirdApp/sync/runs/${runId}/events`, { headers, signal });
    if (!res.ok || !res.body) throw new Error(`events ${res.status}`);
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value;
      let cut: number;
      while ((cut = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        const data = block.split('\n').find((l) => l.startsWith('data: '));
        if (block.startsWith('event: progress') && data)
          onRun(JSON.parse(data.slice(6)) as SyncRun);
      }
    }
  } catch (err) {
    if (signal.aborted) return;
    for (;;) {
      const run = await syncApi.run(runId);
      onRun(run);
      if (RUN_ENDED.has(run.status) || signal.aborted) return;
      await new Promise((r) => setTimeout(r, 1000));
    }
    throw err;
  }
}
