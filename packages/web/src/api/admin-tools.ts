import { typedApi, type ApiQuery, type ApiResult } from './typed';

/** A batch answer (the same for every batch route): how many applied, how many were refused. */
export type BatchResult = ApiResult<'/sys/user/batchFreeze', 'post'>;
/** One item of a batch answer: applied, or refused with the single action's error code. */
export type BatchItem = BatchResult['items'][number];

/** The server takes at most this many ids per batch (`maxItems` of every batch body). */
export const BATCH_MAX = 200;

type ExportQuery<P extends Parameters<typeof typedApi.download>[0]> = ApiQuery<P, 'get'>;

/** Batch actions and CSV exports of the everyday admin lists (issue 18). */
export const adminToolsApi = {
  reviewMembers: (action: 'approve' | 'refuse', userIds: number[]) =>
    typedApi.post('/sys/tenant/members/batch', { action, userIds }),
  freezeUsers: (userIds: number[], frozen: boolean) =>
    typedApi.post('/sys/user/batchFreeze', { userIds, frozen }),
  removeBindings: (userIds: number[]) =>
    typedApi.post('/sys/thirdApp/bindings/batchRemove', { userIds }),

  /** Each export sends the list's current filters; the file comes with the session's headers. */
  exportUsers: (f: ExportQuery<'/sys/user/export'>) =>
    typedApi.download('/sys/user/export', { query: f }),
  exportBindings: (f: ExportQuery<'/sys/thirdApp/bindings/export'>) =>
    typedApi.download('/sys/thirdApp/bindings/export', { query: f }),
  exportRunItems: (runId: number, f: ExportQuery<'/sys/thirdApp/sync/runs/{id}/items/export'>) =>
    typedApi.download('/sys/thirdApp/sync/runs/{id}/items/export', {
      path: { id: runId },
      query: f,
    }),
  exportMessages: (f: ExportQuery<'/sys/thirdApp/messages/export'>) =>
    typedApi.download('/sys/thirdApp/messages/export', { query: f }),
};
