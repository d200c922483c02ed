import type { ErrcodeTexts } from './errcodes';

/** English explanations; titles translate the official names (README sources), the rest is ours. */
export const EN_TEXTS: ErrcodeTexts = {
  [-1]: [
    'System busy',
    'DingTalk is temporarily unavailable.',
    'Try again later; the client already retried with backoff.',
  ],
  22: [
    'Unknown API name',
    'DingTalk does not know this interface: it was retired, or the API base is not oapi.dingtalk.com.',
    'Check DINGTALK_OAPI_BASE; if it is right, report this to the developers.',
  ],
  88: [
    'Authentication error',
    'DingTalk refused the call; the reason is in sub_code / sub_msg.',
    'Check the sub_code: usually an invalid access_token or a missing interface permission.',
  ],
  40001: [
    'Wrong AppSecret or invalid access_token',
    'The AppSecret was wrong when the token was requested, or the token is no longer valid.',
    'Copy the AppKey (Client ID) and AppSecret (Client Secret) again from Credentials & Basic Info in the DingTalk developer console.',
  ],
  40014: [
    'Invalid access_token',
    'The access_token is invalid or was replaced.',
    'The client refreshes the token and retries once; if it keeps happening, check that credentials of different apps are not mixed up.',
  ],
  40035: [
    'Invalid parameter',
    'A parameter is missing or malformed.',
    'Check the request, e.g. page size must not exceed 100.',
  ],
  40078: [
    'Unknown temporary auth code',
    'The in-app sign-in code is invalid, already used or expired (5 minutes, single use).',
    'Open the app inside DingTalk again to get a new code.',
  ],
  40089: [
    'Invalid AppKey or AppSecret',
    'The AppKey or AppSecret is wrong, or the app is disabled.',
    'Check the AppKey and AppSecret in the DingTalk developer console and make sure the app is published.',
  ],
  41001: [
    'access_token missing',
    'The request carried no access_token.',
    'This is a client bug; report it to the developers.',
  ],
  42001: [
    'access_token expired',
    'The token passed its 7200 s lifetime.',
    'The client refreshes the token and retries once; nothing to do.',
  ],
  50002: [
    "Member outside the app's contact scope",
    "The app's contact scope (通讯录权限范围) does not include this member.",
    "In the DingTalk developer console, Permissions → contact scope: choose all employees, or add the member's department.",
  ],
  50004: [
    "Department outside the app's contact scope",
    "The app's contact scope does not include this department (e.g. the root when only some departments are granted).",
    'In the DingTalk developer console, Permissions → contact scope: choose all employees; the sync starts from the granted departments.',
  ],
  60003: [
    'Department not found',
    'The department id does not exist or was deleted.',
    'Sync the directory again and retry.',
  ],
  60011: [
    'No permission for this interface',
    'The app has not been granted this interface, or the member/department is outside its contact scope.',
    'In the DingTalk developer console, Permissions: request contact read, member mobile and work-notice permissions, and set the contact scope to all employees.',
  ],
  60020: [
    'Caller IP not in the allow-list',
    "This server's egress IP is not in the app's server egress IP allow-list.",
    "Add this server's egress IP under Development Configuration → Security Settings in the DingTalk developer console.",
  ],
  60121: [
    'Member not found',
    "The member does not exist, has left, or is outside the app's scope.",
    'Sync the directory again; members who left are marked by the sync.',
  ],
  90002: [
    'Interface temporarily blocked',
    'Too many calls to this interface in a short time; DingTalk refuses every call for a moment.',
    'Retry later; the client already backed off. If it recurs, lower sync concurrency or spread scheduled jobs.',
  ],
  90005: [
    'Corp over the per-minute limit for this interface',
    "All of the corp's apps together called this interface too often this minute.",
    'Retry later; check whether another app also calls this interface heavily.',
  ],
  90006: [
    'App over the per-minute limit for this interface',
    'This app called this interface too often this minute.',
    'Retry later; the client already backed off.',
  ],
  90018: [
    'App over the QPS limit for this interface',
    'This app called one interface more often per second than its edition allows (standard 20, professional 40, dedicated 60).',
    "The client paces calls and retries; if the configured QPS is above your edition's limit, lower it.",
  ],
  400002: [
    'Invalid parameter',
    'A parameter is missing or out of range.',
    'Check the request, e.g. page size must be 1–100.',
  ],
  [-1001]: [
    'Network error',
    'DingTalk could not be reached (refused, reset or DNS failure).',
    "Check this server's network, DNS and proxy settings.",
  ],
  [-1002]: [
    'Timeout',
    'DingTalk did not answer in time.',
    'Retry later; check the network and proxy.',
  ],
  [-1003]: [
    'Unreadable answer',
    'The answer is not DingTalk JSON (perhaps from a proxy or gateway).',
    'Check the API base URLs and the proxy.',
  ],
  [-1004]: [
    'The DingTalk v1.0 API refused the request',
    'api.dingtalk.com answered with an error (see code and message).',
    'Check the code: credentials, permission or parameters.',
  ],
};
