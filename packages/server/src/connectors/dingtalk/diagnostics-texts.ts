import type { Explanation, Locale } from '../kit';

type Texts = Record<Locale, Explanation>;

/**
 * Explanations for findings that are not DingTalk errors (contact scope, empty organisation,
 * what the message probe proves, skipped checks). DingTalk errcodes are explained by the
 * client's tables (@orgbridge/dingtalk errcodes.*.ts).
 */
export const DIAGNOSTIC_TEXTS = {
  partialScope: {
    'zh-CN': {
      title: '通讯录权限范围不是全部员工',
      cause:
        '应用的通讯录权限范围只包含部分部门或成员：同步只会读取这些部门（及其子部门）和成员，范围外的人员不会被同步，也收不到消息。',
      fix: '在钉钉开发者后台 → 本应用 → 权限管理 → 通讯录权限范围，选择「全部员工」，或确认当前范围符合预期后忽略此提示。',
    },
    en: {
      title: 'The contact scope is not the whole organisation',
      cause:
        'The app’s contact scope (通讯录权限范围) holds only some departments or members: a sync reads only those (with their sub-departments), and people outside it are neither synced nor reachable.',
      fix: 'In the DingTalk developer console → this app → Permissions → Contact scope, choose "All employees", or ignore this if the current scope is intended.',
    },
  },
  emptyScope: {
    'zh-CN': {
      title: '通讯录权限范围为空',
      cause: '应用没有任何部门或成员的通讯录读取权限，同步读不到任何人。',
      fix: '在钉钉开发者后台 → 本应用 → 权限管理 → 通讯录权限范围中添加部门（通常为全部员工），然后重新测试。',
    },
    en: {
      title: 'The contact scope is empty',
      cause: 'The app may read no department or member, so a sync finds nobody.',
      fix: 'In the DingTalk developer console → this app → Permissions → Contact scope, add departments (usually all employees), then test again.',
    },
  },
  noMembers: {
    'zh-CN': {
      title: '没有读到成员',
      cause: '根部门及其前几个子部门中都没有成员：同步不会创建或绑定任何账号。',
      fix: '确认通讯录权限范围包含有成员的部门，并已开通「成员信息读权限」，然后重新测试。',
    },
    en: {
      title: 'No members found',
      cause:
        'Neither the root nor its first sub-departments have members: a sync would create or bind nobody.',
      fix: 'Make sure the contact scope holds departments with members and the app has the member read permission, then test again.',
    },
  },
  messageProbe: {
    'zh-CN': {
      title: '可以发送工作通知（未实际发送）',
      cause:
        '用一个不存在的任务 ID 查询发送进度：钉钉接受了本应用与 AgentId 的组合，只因任务不存在而拒绝，因此没有发出任何消息。每位成员每天仍受钉钉的限制（同一内容一次、最多 500 条）。',
      fix: '无需处理。',
    },
    en: {
      title: 'Work notices can be sent (nothing was sent)',
      cause:
        'Probed by asking for the progress of a task that does not exist: DingTalk accepted this app and AgentId and refused only the unknown task, so nothing was sent. DingTalk’s per-member limits still apply (same content once a day, at most 500 a day).',
      fix: 'Nothing to do.',
    },
  },
  skippedAfterToken: {
    'zh-CN': {
      title: '未检查',
      cause: '获取 access_token 失败，其余检查无法进行。',
      fix: '先修正 Client ID / Client Secret，再重新测试。',
    },
    en: {
      title: 'Not checked',
      cause: 'No access_token could be obtained, so the other checks cannot run.',
      fix: 'Fix the Client ID / Client Secret first, then test again.',
    },
  },
} satisfies Record<string, Texts>;
