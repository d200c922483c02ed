import type { Explanation, Locale } from '../kit';

type Texts = Record<Locale, Explanation>;

/**
 * Explanations for findings that are not WeCom errors (empty visible range, skipped checks, what
 * the message check can and cannot prove). WeCom errcodes are explained by the client's table.
 */
export const DIAGNOSTIC_TEXTS = {
  noDepartments: {
    'zh-CN': {
      title: '应用可见范围内没有部门',
      cause: '应用 Secret 只能读取应用「可见范围」内的部门和成员；当前可见范围为空或只含个别成员。',
      fix: '在企业微信管理后台 → 应用管理 → 本应用 → 可见范围，添加需要同步的部门（通常选根部门），保存后重新测试。',
    },
    en: {
      title: 'No departments in the app’s visible range',
      cause:
        'The app Secret can only read departments and members inside the app’s visible range (可见范围), which is empty or holds individual members only.',
      fix: 'In the WeCom admin console → App Management → this app → Visible range, add the departments to sync (usually the root), save, then test again.',
    },
  },
  noMembers: {
    'zh-CN': {
      title: '可见范围内没有成员',
      cause: '可见部门中没有读到任何成员，同步不会创建或绑定任何账号，消息也无人可收。',
      fix: '在应用的「可见范围」中加入有成员的部门或成员，然后重新测试。',
    },
    en: {
      title: 'No members in the visible range',
      cause:
        'No member was found in the visible departments: a sync would create or bind nobody and messages would reach nobody.',
      fix: 'Add departments with members (or members) to the app’s visible range, then test again.',
    },
  },
  messageProbe: {
    'zh-CN': {
      title: '可以发送应用消息（未实际发送）',
      cause:
        '用一次不含接收人的发送请求探测：企业微信接受了 Secret 与 AgentId 的组合，只因接收人为空（82001）而拒绝，因此没有任何消息发出。能否送达某个成员仍取决于可见范围。',
      fix: '无需处理。如需端到端确认，可在「消息推送」中给自己发一条测试消息。',
    },
    en: {
      title: 'App messages can be sent (nothing was sent)',
      cause:
        'Probed with a send request that names no recipient: WeCom accepted the Secret and AgentId pair and refused only because recipients were empty (82001), so no message went out. Whether a given member can be reached still depends on the visible range.',
      fix: 'Nothing to do. To confirm end to end, send yourself a test message from the messages page.',
    },
  },
  messageUnclear: {
    'zh-CN': {
      title: '无法确认发消息权限',
      cause: '探测请求得到了预期之外的应答，无法判断应用能否发送消息。',
      fix: '检查 AgentId 是否为本应用的 AgentId，并给自己发送一条测试消息确认。',
    },
    en: {
      title: 'Message permission could not be confirmed',
      cause:
        'The probe got an unexpected answer, so whether this app can send messages is unknown.',
      fix: 'Check that the AgentId is this app’s AgentId and send yourself a test message to confirm.',
    },
  },
  contactSecretMissing: {
    'zh-CN': {
      title: '未配置通讯录同步 Secret（可选）',
      cause: '没有通讯录同步 Secret 时，同步只读取应用可见范围内的部门和成员。',
      fix: '如需同步全公司通讯录，在管理后台 → 管理工具 → 通讯录同步 中查看 Secret 并填入配置。',
    },
    en: {
      title: 'No contacts-sync Secret (optional)',
      cause:
        'Without the contacts-sync (通讯录同步) Secret, sync reads only the departments and members in the app’s visible range.',
      fix: 'To sync the whole corp, copy the Secret from Admin console → Management Tools → Contacts Sync into the configuration.',
    },
  },
  skippedAfterToken: {
    'zh-CN': {
      title: '已跳过',
      cause: '没有可用的 access_token，无法检查这一项。',
      fix: '先按「获取 access_token」一项的提示修正 CorpID / Secret，再重新测试。',
    },
    en: {
      title: 'Skipped',
      cause: 'Without a working access_token this capability cannot be checked.',
      fix: 'Fix the CorpID / Secret as the access_token check explains, then test again.',
    },
  },
  skippedAfterDepartments: {
    'zh-CN': {
      title: '已跳过',
      cause: '读取部门失败，无法统计成员。',
      fix: '先按「可见部门」一项的提示处理，再重新测试。',
    },
    en: {
      title: 'Skipped',
      cause: 'Departments could not be read, so members cannot be counted.',
      fix: 'Fix what the departments check explains, then test again.',
    },
  },
  skippedAfterIp: {
    'zh-CN': {
      title: '已跳过',
      cause: '企业微信拒绝了本服务器的 IP（60020），这一项无法检查。',
      fix: '先按「企业可信IP」一项的提示添加 IP，约 1 分钟生效后重新测试。',
    },
    en: {
      title: 'Skipped',
      cause: 'WeCom refused this server’s IP (60020), so this capability cannot be checked.',
      fix: 'Add the IP as the trusted-IP check explains, wait about a minute, then test again.',
    },
  },
} satisfies Record<string, Texts>;
