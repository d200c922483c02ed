import { api, request } from '../../../api/client';

/** The tenant's own host (PRODUCT.md §8) and the host to give WeCom. */
export interface TenantDomain {
  customDomain: string | null;
  /** What to enter in WeCom as trusted domain (可信域名) and callback host. */
  host: string;
  /** PUBLIC_URL's host, shared by every tenant. */
  sharedHost: string;
}

export interface VerifyFile {
  fileName: string;
  content: string;
  createdAt: string;
  /** Where OrgBridge serves it. */
  urls: string[];
}

export const domainApi = {
  get: () => api.get<TenantDomain>('/sys/tenant/domain'),
  set: (customDomain: string | null) =>
    request<TenantDomain>('PUT', '/sys/tenant/domain', { body: { customDomain } }),
  listFiles: () => api.get<{ records: VerifyFile[] }>('/sys/thirdApp/verifyFiles'),
  uploadFile: (fileName: string, content: string) =>
    api.post<VerifyFile>('/sys/thirdApp/verifyFiles', { fileName, content }),
  deleteFile: (fileName: string) =>
    api.delete<null>(`/sys/thirdApp/verifyFiles/${encodeURIComponent(fileName)}`),
};
