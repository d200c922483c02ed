/** Examples for the OpenAPI document (checked against the schemas by the lint). */
export const previewExamples = {
  request: { thirdType: 'wechat_enterprise' },
  result: {
    planId: '5f0c2a9e-8d1b-4c3a-9e7f-2b6d4a1c8e03',
    partial: false,
    problems: [],
    departments: {
      create: [{ extId: '2', name: '研发部', parentExtId: '1' }],
      rename: [],
      move: [],
      reorder: [],
      remove: [],
    },
    members: {
      pairs: [
        {
          wechatUserId: 'ZhangSan',
          wechatName: '张三',
          wechatDepartmentIds: ['2'],
          wechatStatus: 'active',
          wechatPosition: '工程师',
          wechatMobile: '138****5678',
          userId: 42,
          username: 'zhangsan',
          realname: '张三',
          match: 'username',
          ambiguous: false,
        },
        {
          wechatUserId: 'LiSi',
          wechatName: '李四',
          wechatDepartmentIds: ['2'],
          wechatStatus: 'active',
          wechatPosition: null,
          wechatMobile: null,
          userId: null,
          username: null,
          realname: null,
          match: 'none',
          ambiguous: false,
        },
      ],
      unmatchedLocal: [],
      toCreate: ['LiSi'],
      toPending: [],
      toLinkRequest: [],
      toUpdate: [],
      leavers: [],
      exclusions: [],
      departmentPaths: { '2': '总部 / 研发部' },
    },
    counts: { create: 1, bind: 1, update: 0, leave: 0, linkRequests: 0 },
  },
};

export const applyExamples = {
  request: {
    planId: '5f0c2a9e-8d1b-4c3a-9e7f-2b6d4a1c8e03',
    pairs: [
      { wechatUserId: 'ZhangSan', userId: 42 },
      { wechatUserId: 'LiSi', userId: null },
    ],
    exclude: [],
  },
  result: { runId: 12, status: 'running' },
};
