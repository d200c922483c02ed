/** Examples for the OpenAPI document (checked against the schemas by the lint). */
export const sendMessageTestExamples = {
  request: {
    app: 'WECHAT_ENTERPRISE',
    receiver: 'zhangsan,lisi',
    sendAll: false,
    content: '今晚 20:00 系统维护，请提前保存工作。',
  },
  result: {
    messageId: 1024,
    msgid: 'X3mZ8fGq1kLr0aBc',
    msgIds: ['X3mZ8fGq1kLr0aBc'],
    status: 'sent',
    toAll: false,
    errcode: 0,
    errmsg: 'ok',
    sent: ['zhangsan', 'lisi'],
    invalid: [],
    unbound: [],
    throttled: [],
  },
};
