import { api, download } from './client';

/** One item of a batch answer: applied, or refused with the single action's error code. */
export interface BatchItem {
  id: number;
  ok: boolean;
  errorCode: string | null;
  message: string | null;
}
export interface BatchResult {
  done: number;
  failed: number;
  items: BatchItem[];
}

/** The server takes at most this many ids per batch. */
export const BATCH_MAX = 200;

type Filters = Record<string, string | number | undefined>;

/** Batch actions and CSV exports of the everyday admin lists (issue 18). */
export const adminToolsApi = {
  reviewMembers: (action: 'approve' | 'refuse', userIds: number[]) =>
    api.post<BatchResult>('/sys/tenant/members/batch', { action, userIds }),
  freezeUsers: (userIds: number[], frozen: boolean) =>
    api.post<BatchResult>('/sys/user/batchFreeze', { userIds, frozen }),
  removeBindings: (userIds: number[]) =>
    api.post<BatchResult>('/sys/thirdApp/bindings/batchRemove', { userIds }),

  /** Each export sends the list's current filters; the file comes with the session's headers. */
  exportUsers: (f: { keyword?: string | undefined; departmentId?: number | undefined }) =>
    download('/sys/user/export', { ...f } as Filters),
  exportBindings: (f: { keyword?: string | undefined }) =>
    download('/sys/thirdApp/bindings/export', { ...f } as Filters),
  exportRunItems: (runId: number, f: { outcome?: string | undefined }) =>
    download(`/sys/thirdApp/sync/runs/${runId}/items/export`, { ...f } as Filters),
  exportMessages: (f: { status?: string | undefined; source?: string | undefined }) =>
    download('/sys/thirdApp/messages/export', { ...f } as Filters),
};
