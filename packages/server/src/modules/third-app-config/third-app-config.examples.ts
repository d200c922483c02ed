/** Examples for the OpenAPI document (checked against the schemas by the lint). */
const view = {
  id: 3,
  thirdType: 'wechat_enterprise',
  agentId: 1000002,
  clientId: 'ww1234567890abcdef',
  clientSecret: '******x9Qe',
  contactSecret: null,
  callbackUrl: 'https://orgbridge.example.org/sys/thirdApp/callback/wechat_enterprise/7',
  callbackToken: 'Q8bT2mV7xK1pR4sW',
  encodingAesKey: 'aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5bC7dE9f',
  homeUrl: 'https://orgbridge.example.org/tenantId/7',
  enabled: true,
  syncPolicy: {
    initialPassword: 'wecom-only',
    massChangeThreshold: 0.2,
    schedule: '0 2 * * *',
    unboundLogin: 'refuse',
    approvalCards: true,
    signInScope: 'base',
  },
  egressProxy: null,
  egressIp: null,
  egressIpSeenAt: null,
  trustedIpAlert: null,
  createdAt: '2026-01-01T08:00:00.000Z',
  updatedAt: '2026-01-01T08:00:00.000Z',
};

export const createConfigExamples = {
  request: {
    thirdType: 'wechat_enterprise',
    agentId: 1000002,
    clientId: 'ww1234567890abcdef',
    clientSecret: 'kT9xQe2m-Rz7W_pL4sVb8nHc1yJd6fAu3gEo5iK0',
    enabled: true,
    syncPolicy: { initialPassword: 'wecom-only', schedule: '0 2 * * *' },
  },
  result: view,
};

export const updateConfigExamples = {
  request: { thirdType: 'wechat_enterprise', agentId: 1000003, enabled: true },
  result: { ...view, agentId: 1000003, updatedAt: '2026-01-02T08:00:00.000Z' },
};
