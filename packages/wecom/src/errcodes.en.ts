import type { ErrcodeTexts } from './errcodes';

/** English explanations; titles translate the official names of /90313, the rest is ours. */
export const EN_TEXTS: ErrcodeTexts = {
  [-1]: [
    'System busy',
    'WeCom is temporarily overloaded.',
    'Try again later; the client already retried with backoff.',
  ],
  6000: [
    'Data version conflict',
    'The same object was modified concurrently.',
    'Retry the operation.',
  ],
  40001: [
    'Invalid Secret',
    'The Secret is wrong, was reset, or the app is disabled.',
    'Copy the Secret again from App Management → app details in the WeCom admin console, and make sure the app is enabled.',
  ],
  40003: [
    'Invalid UserID',
    'The member UserID is malformed or not in the directory.',
    'Check the UserID (case-insensitive, 1–64 characters) and re-sync the directory.',
  ],
  40008: [
    'Invalid message type',
    'msgtype is not a type WeCom supports.',
    'Use text, markdown, textcard, news, template_card…; agentid must be a number.',
  ],
  40013: [
    'Invalid CorpID',
    'The CorpID is wrong.',
    'Copy the CorpID from My Company → Company Information (it usually starts with "ww").',
  ],
  40014: [
    'Invalid access_token',
    'The access_token is invalid or expired (WeCom may revoke tokens early).',
    'The client refreshes the token and retries once; if it keeps happening, check that secrets of different apps are not mixed up.',
  ],
  40029: [
    'Invalid OAuth code',
    'The code was already used, is older than 5 minutes, or was issued for another app.',
    'Sign in again; a code works once and only with the same app’s credentials.',
  ],
  40031: [
    'Invalid UserID list',
    'The recipient list contains an invalid UserID.',
    'Check the recipients; separate UserIDs with "|".',
  ],
  40032: [
    'Invalid UserID list length',
    'More than 1000 members in one message.',
    'Split recipients into batches of at most 1000.',
  ],
  40035: [
    'Invalid parameter',
    'A parameter has an invalid value.',
    'Check the request against the API documentation.',
  ],
  40056: [
    'Invalid AgentId',
    'The AgentId is wrong or the app does not exist.',
    'Check the numeric AgentId on the app details page.',
  ],
  40058: [
    'Invalid parameter',
    'Malformed or over-long parameter, or recalling a message sent by another app.',
    'Check the request; recall with the same app that sent the message.',
  ],
  40063: ['Empty parameter', 'A required parameter is missing.', 'Provide the required parameter.'],
  40066: [
    'Invalid department list',
    'The department id list is invalid.',
    'Check the department ids and re-sync departments.',
  ],
  41001: [
    'access_token missing',
    'The request carried no access_token.',
    'The client fetches a token and retries once.',
  ],
  41002: [
    'CorpID missing',
    'No CorpID was given when fetching the token.',
    'Fill in the CorpID in the configuration.',
  ],
  41004: [
    'Secret missing',
    'No Secret was given when fetching the token.',
    'Fill in the app Secret in the configuration.',
  ],
  41008: [
    'OAuth code missing',
    'The sign-in callback carried no code.',
    'Check that the callback URL is not rewritten and sign in again.',
  ],
  41009: ['UserID missing', 'No member UserID was given.', 'Provide the UserID.'],
  41011: [
    'AgentId missing',
    'No AgentId was given when sending a message.',
    'Fill in the AgentId in the configuration.',
  ],
  42001: [
    'access_token expired',
    'The token passed its 7200 s lifetime or was revoked early.',
    'The client refreshes the token and retries once.',
  ],
  42003: ['OAuth code expired', 'The sign-in code expired.', 'Sign in again.'],
  42052: [
    'msgid expired',
    'The message is older than 24 hours and can no longer be recalled.',
    'Only messages sent within 24 hours can be recalled.',
  ],
  44004: ['Empty text content', 'The message content is empty.', 'Provide message content.'],
  45002: [
    'Message too large',
    'The content exceeds the size limit (2048 bytes for text).',
    'Shorten the message.',
  ],
  45009: [
    'API frequency limit exceeded',
    'Too many calls (e.g. 10,000 per minute per API per corp), or the IP was blocked for an hour after repeated wrong secrets.',
    'Slow down and retry later; if a wrong Secret caused the block, fix it and wait an hour.',
  ],
  45033: [
    'API concurrency limit exceeded',
    'Too many simultaneous requests to the same API for this corp.',
    'OrgBridge keeps WECOM_MAX_IN_FLIGHT calls (default 5) per corp and API in flight across all its processes and retries 45033 with backoff. If it persists, another system is calling this corp’s API at the same time, or WeCom allows this API fewer calls: lower WECOM_MAX_IN_FLIGHT (e.g. to 3) on every process and restart them.',
  ],
  46004: [
    'No such member',
    'No member has this mobile or e-mail, or the member is outside the app’s visible range.',
    'Check that the mobile or e-mail is the one in the WeCom directory; too many failed lookups (over 20 % of the corp’s seat limit) block the API for the rest of the day.',
  ],
  48001: [
    'API not authorised',
    'The app has no access to this API.',
    'Grant the permission to the app in the admin console.',
  ],
  48002: [
    'API forbidden',
    'Wrong secret kind (e.g. an app Secret calling user/list_id, or the contacts-sync Secret sending messages), or the API is outside the app’s rights.',
    'Configure the contacts-sync Secret to list member ids; send messages with the self-built app Secret.',
  ],
  48009: [
    'API forbidden for the contacts-sync assistant',
    'Since 2022-08-15 the contacts-sync assistant cannot read directory details from new IPs.',
    'Use user/list_id and department/simplelist, or read details with the app Secret.',
  ],
  50001: [
    'redirect_uri not a trusted domain',
    'The sign-in callback domain differs from the app’s trusted domain (可信域名).',
    'Set this system’s host (including port) as the trusted domain under app details → Web authorisation and JS-SDK.',
  ],
  50002: [
    'Member outside the allowed range',
    'The member is not in the app’s visible range (可见范围).',
    'Add the member or their department to the app’s visible range.',
  ],
  50003: [
    'App disabled',
    'The self-built app is disabled.',
    'Enable the app again in the admin console.',
  ],
  50100: [
    'Invalid paging cursor',
    'The user/list_id cursor is invalid or expired.',
    'Restart paging without a cursor.',
  ],
  60003: [
    'Department not found',
    'The department was deleted or the id is wrong.',
    'Re-sync the department tree.',
  ],
  60011: [
    'No privilege for the member/department/tag',
    'The target is outside the app’s visible range (可见范围), or the Secret is read-only.',
    'Add the departments/members to the app’s visible range; directory writes need a contacts-sync Secret with edit rights.',
  ],
  60020: [
    'Access from an untrusted IP',
    'The calling IP {ip} is not in the app’s trusted IPs (企业可信IP); self-built apps created after 2022-06-20 must list them.',
    'Add {ip} under App Management → app details → 企业可信IP (Trusted IP); it takes effect after about a minute.',
  ],
  60021: [
    'UserID outside the visible range',
    'The member is not in the app’s visible range (可见范围).',
    'Add the member or their department to the app’s visible range.',
  ],
  60111: [
    'UserID not found',
    'The member does not exist or is outside the app’s visible range (可见范围).',
    'Check the member still belongs to the corp and add them (or their department) to the app’s visible range.',
  ],
  60123: ['Invalid department id', 'The department id is invalid.', 'Re-sync the department tree.'],
  81013: [
    'All recipients invalid',
    'Every user, department and tag is invalid or outside the app’s visible range (可见范围).',
    'Check the recipients still belong to the corp and add them to the app’s visible range.',
  ],
  82001: [
    'No recipients',
    'touser, toparty and totag are all empty.',
    'Give at least one member, department or tag.',
  ],
  82002: [
    'Too many departments',
    'More than 100 departments in one message.',
    'Split departments into batches of at most 100.',
  ],
  82003: [
    'Too many tags',
    'More than 100 tags in one message.',
    'Split tags into batches of at most 100.',
  ],
  82004: [
    'Invalid message content',
    'The content does not match the message type’s format.',
    'Check the content against the message type’s format.',
  ],
  301002: [
    'Token not allowed for this app',
    'The access_token belongs to a different app than the AgentId.',
    'Make sure the Secret and the AgentId belong to the same self-built app.',
  ],
  [-1001]: [
    'Cannot reach WeCom',
    'The connection failed or was reset.',
    'Check network and proxy settings towards qyapi.weixin.qq.com.',
  ],
  [-1002]: [
    'WeCom request timed out',
    'WeCom did not answer within the timeout.',
    'Retry later; if it persists, check the network.',
  ],
  [-1003]: [
    'Unreadable response from WeCom',
    'The response was not valid JSON (perhaps a proxy or gateway error page).',
    'Retry later; if it persists, check the proxy and the API base URL.',
  ],
};
