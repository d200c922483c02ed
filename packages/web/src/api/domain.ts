import { typedApi, type ApiRecord, type ApiResult } from './typed';

/**
 * The tenant's own host (PRODUCT.md §8) and the host to give WeCom: `host` is what to enter in
 * WeCom as trusted domain (可信域名) and callback host; `sharedHost` is PUBLIC_URL's host, shared by
 * every tenant.
 */
export type TenantDomain = ApiResult<'/sys/tenant/domain', 'get'>;

/** A WeCom domain verification file; `urls` are where OrgBridge serves it. */
export type VerifyFile = ApiRecord<'/sys/thirdApp/verifyFiles'>;

export const domainApi = {
  get: () => typedApi.get('/sys/tenant/domain'),
  set: (customDomain: string | null) => typedApi.put('/sys/tenant/domain', { customDomain }),
  listFiles: () => typedApi.get('/sys/thirdApp/verifyFiles'),
  uploadFile: (fileName: string, content: string) =>
    typedApi.post('/sys/thirdApp/verifyFiles', { fileName, content }),
  deleteFile: (fileName: string) =>
    typedApi.delete('/sys/thirdApp/verifyFiles/{fileName}', { path: { fileName } }),
};
