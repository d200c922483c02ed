/** Examples for the OpenAPI document (checked against the schemas by the lint). */
export const loginExamples = {
  request: { username: 'zhangsan', password: 'correct-horse-battery' },
  result: {
    token: 'q9V3m0Wb6k8xZr2TqL1sYc4nHf7jPa5dUe0oGi3wRtM',
    userInfo: {
      id: 42,
      username: 'zhangsan',
      realname: '张三',
      mustChangePassword: false,
      isPlatformAdmin: false,
      scopeTenantId: null,
      hasPassword: true,
    },
    tenantList: [
      { id: 7, name: '示例科技', houseNumber: '1234567', role: 'admin', status: 1, frozen: false },
    ],
    loginTenantId: 7,
  },
};
