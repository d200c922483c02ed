/** Paths of the console's pages, so links and menus cannot drift from the routes. */
export const paths = {
  /** The home page: an admin's overview, or a member's own home. */
  home: '/',
  login: '/login',
  /** Where the WeCom sign-in callback lands (ticket or explanation in the URL fragment). */
  oauthLanding: '/oauth2-app/login',
  changePassword: '/change-password',
  users: '/system/users',
  departments: '/system/departments',
  members: '/system/members',
  tenants: '/system/tenants',
  myTenants: '/system/my-tenants',
  wecom: '/third-app/wecom',
  dingtalk: '/third-app/dingtalk',
  messages: '/system/messages',
  audit: '/system/audit',
  /** Keys other systems call the API with (PRODUCT.md §11). */
  apiKeys: '/system/api-keys',
  /** The signed-in owner's link requests (tenants asking to bind one of their WeCom members). */
  linkRequests: '/account/link-requests',
} as const;

/** 成员管理 filtered on 审核中 (membership status 3): where a waiting approval is decided. */
export const pendingMembersPath = `${paths.members}?status=3`;
