import { typedApi, type ApiBody, type ApiQuery, type ApiRecord, type ApiResult } from './typed';
import { getTenantId, getToken } from './storage';
import { schemaThirdType, type ThirdType } from './third-app';

/** The plan a preview answers: what a sync would create, pair, update and leave out. */
export type SyncPlan = ApiResult<'/sys/thirdApp/sync/preview', 'post'>;

/**
 * A WeCom member and the account it would be paired with. An `outsider` match is an account
 * outside this tenant: the plan hides who it is and only its owner can accept the binding
 * (`awaitingOwner`); `ownerRefused`: an earlier request was refused; `unpaired`: 移出 by an admin;
 * `excluded`: left out (排除) by an earlier run.
 */
export type PlanPair = SyncPlan['members']['pairs'][number];
export type MatchKind = PlanPair['match'];
export type LocalMember = SyncPlan['members']['unmatchedLocal'][number];

export type SyncRun = ApiResult<'/sys/thirdApp/sync/runs/{id}', 'get'>;
export type RunStatus = SyncRun['status'];
export type RunItem = ApiRecord<'/sys/thirdApp/sync/runs/{id}/items'>;

export const RUN_ENDED: ReadonlySet<RunStatus> = new Set([
  'succeeded',
  'failed',
  'cancelled',
  'needs_confirmation',
]);

export const syncApi = {
  preview: (thirdType: ThirdType) =>
    typedApi.post('/sys/thirdApp/sync/preview', { thirdType: schemaThirdType(thirdType) }),
  /** `include`: members left out by an earlier run that this run restores. */
  apply: (body: ApiBody<'/sys/thirdApp/sync/apply', 'post'>) =>
    typedApi.post('/sys/thirdApp/sync/apply', body),
  confirm: (id: number) =>
    typedApi.post('/sys/thirdApp/sync/runs/{id}/confirm', {}, { path: { id } }),
  /** Drops a run waiting for a confirmation: nothing of it is applied. */
  cancel: (id: number) =>
    typedApi.post('/sys/thirdApp/sync/runs/{id}/cancel', {}, { path: { id } }),
  run: (id: number) => typedApi.get('/sys/thirdApp/sync/runs/{id}', { path: { id } }),
  runs: (query: { page: number; pageSize: number }) =>
    typedApi.get('/sys/thirdApp/sync/runs', { query }),
  items: (id: number, query: ApiQuery<'/sys/thirdApp/sync/runs/{id}/items', 'get'>) =>
    typedApi.get('/sys/thirdApp/sync/runs/{id}/items', { path: { id }, query }),
  /** Generated initial passwords: the server hands them out once. */
  passwords: (id: number) =>
    typedApi.post('/sys/thirdApp/sync/runs/{id}/passwords', {}, { path: { id } }),
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
