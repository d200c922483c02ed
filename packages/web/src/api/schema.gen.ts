/**
 * Generated from the server's /openapi.json by `npm run api:types` (openapi-typescript).
 * Do not edit: change the route schemas in packages/server and regenerate. A server test
 * (test/openapi/web-schema-drift.test.ts) fails when this file differs from what the server produces.
 */

export interface paths {
    "/sys/apiKeys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The current tenant's API keys (live first, then newest), with creator and last use
         * @description Tenant admins. `lastUsedAt` is updated at most once a minute per key.
         *
         *     API keys: not reachable with an API key (403 `auth.api_key_forbidden`).
         */
        get: operations["listApiKeys"];
        put?: never;
        /**
         * Create an API key for another system (the key is in this answer only)
         * @description Tenant admins. The key acts in this tenant only, with the given permissions, and is sent as X-Access-Token. At most 50 live keys per tenant (409). Sessions opened by a WeCom sign-in cannot create keys (403 `api_keys.password_session_required`).
         *
         *     API keys: not reachable with an API key (403 `auth.api_key_forbidden`).
         */
        post: operations["createApiKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sys/apiKeys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke an API key: the next request made with it is refused (401), in every process
         * @description Tenant admins. Revoking a revoked key changes nothing. Another tenant’s key: 404.
         *
         *     API keys: not reachable with an API key (403 `auth.api_key_forbidden`).
         */
        delete: operations["revokeApiKey"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sys/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The audit log, newest first, filtered by action, actor and time range
         * @description Tenant administrators read their current tenant's entries (X-Tenant-Id); platform administrators read every tenant's, or one with tenantId. API keys are refused. An account outside the tenant that acted on it (e.g. refusing a link request) is shown as actor type "outsider", unnamed.
         *
         *     API keys: not reachable with an API key (403 `auth.api_key_forbidden`).
         */
        get: operations["listAuditLog"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sys/audit/actions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Every action the audit log records (the values `action=` accepts)
         * @description API keys: not reachable with an API key (403 `auth.api_key_forbidden`).
         */
        get: operations["listAuditActions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sys/audit/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The audit log as CSV (same filters and access as GET /sys/audit), streamed
         * @description Tenant administrators read their current tenant's entries (X-Tenant-Id); platform administrators read every tenant's, or one with tenantId. API keys are refused. UTF-8 with a byte order mark (Excel), newest first, at most 100000 rows: X-Audit-Export-Total says how many entries matched and X-Audit-Export-Truncated is "true" when the file stops at the limit (narrow the time range). Cells starting with = + - @ are prefixed with an apostrophe so spreadsheets do not run them.
         */
        get: operations["exportAuditLog"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sys/depart/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Delete an empty department (409 departments.not_empty otherwise)
         * @description API keys: not reachable with an API key (403 `auth.api_key_forbidden`).
         */
        delete: operations["deleteDepartment"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sys/depart/add": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create a department in the current tenant
         * @description API keys: not reachable with an API key (403 `auth.api_key_forbidden`).
         */
        post: operations["addDepartment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sys/depart/edit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rename, reorder or move a department (no cycles)
         * @description API keys: not reachable with an API key (403 `auth.api_key_forbidden`).
         */
        post: operations["editDepartment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sys/depart/tree": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The current tenant's department tree
         * @description API keys: reachable with a key holding the `directory:read` permission.
         */
        get: operations["getDepartmentTree"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sys/home/summary": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The admin home page of the current tenant: pending approvals (审核中), member, binding and department counts, the WeCom connection's state and last test, the last sync run
         * @description API keys: not reachable with an API key (403 `auth.api_key_forbidden`).
         */
        get: operations["getHomeSummary"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sys/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign in with username and password
         * @description 401 on wrong credentials; 429 with Retry-After after 5 failures for a username from one address, or 20 from one address, within 15 minutes (another address is not affected).
         */
        post: operations["login"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sys/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Revoke the current session token
         * @description API keys: not reachable with an API key (403 `auth.api_key_forbidden`).
         */
        post: operations["logout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sys/tenant/add": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create a tenant (platform admin); the creator becomes its administrator
         * @description API keys: not reachable with an API key (403 `auth.api_key_forbidden`).
         */
        post: operations["addTenant"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sys/tenant/current": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The request's tenant and the caller's role in it
         * @description API keys: not reachable with an API key (403 `auth.api_key_forbidden`).
         */
        get: operations["getCurrentTenant"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sys/tenant/domain": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The current tenant's own host name, and the host to give WeCom
         * @description API keys: not reachable with an API key (403 `auth.api_key_forbidden`).
         */
        get: operations["getTenantDomain"];
        /**
         * Set (or clear with null) the current tenant's own host name (PRODUCT.md §8)
         * @description A DNS host name pointed at OrgBridge (no scheme, port or path; not an IP address, not PUBLIC_URL’s host). Requests for it belong to this tenant; its OAuth redirect_uri, callback URL, home page and message links use `<PUBLIC_URL scheme>://<customDomain>`. 400 tenant.domain_invalid / tenant.domain_is_public_host; 409 tenant.domain_taken when another tenant has it.
         *
         *     API keys: not reachable with an API key (403 `auth.api_key_forbidden`).
         */
        put: operations["setTenantDomain"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sys/tenant/join": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Ask to join a tenant by house number (门牌号); membership becomes pending (审核中)
         * @description API keys: not reachable with an API key (403 `auth.api_key_forbidden`).
         */
        post: operations["joinTenant"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sys/tenant/list": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * All tenants (platform admin)
         * @description API keys: not reachable with an API key (403 `auth.api_key_forbidden`).
         */
        get: operations["listTenants"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sys/tenant/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The current tenant's memberships, filtered by status and username/realname
         * @description API keys: not reachable with an API key (403 `auth.api_key_forbidden`).
         */
        get: operations["listMembers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sys/tenant/members/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Approve a pending member (3 → 1)
         * @description API keys: not reachable with an API key (403 `auth.api_key_forbidden`).
         */
        post: operations["approveMember"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sys/tenant/members/batch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Approve or refuse several pending members (审核中) at once, with one outcome per member
         * @description Each member is decided as POST /sys/tenant/members/approve (or refuse) would: a member not in the current tenant answers `members.not_found` for that item, one no longer pending `members.not_pending`; the other items still go ahead. The answer is 200 whenever the body is valid.
         *
         *     API keys: not reachable with an API key (403 `auth.api_key_forbidden`).
         */
        post: operations["reviewMembersBatch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sys/tenant/members/refuse": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Refuse a pending member (3 → 4)
         * @description API keys: not reachable with an API key (403 `auth.api_key_forbidden`).
         */
        post: operations["refuseMember"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sys/tenant/members/role": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Change a member's role in the current tenant (the last admin cannot be demoted)
         * @description API keys: not reachable with an API key (403 `auth.api_key_forbidden`).
         */
        post: operations["setMemberRole"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sys/tenant/quit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Leave the current tenant (membership status 2)
         * @description API keys: not reachable with an API key (403 `auth.api_key_forbidden`).
         */
        post: operations["quitTenant"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sys/tenant/switch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Set the session's current tenant (active member or platform admin)
         * @description API keys: not reachable with an API key (403 `auth.api_key_forbidden`).
         */
        post: operations["switchTenant"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sys/thirdApp/bindings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * 查看已绑定: bound WeCom members of the current tenant, then link requests waiting for an account's owner (state awaiting_owner; accounts outside the tenant are not named), searchable and paged
         * @description API keys: reachable with a key holding the `directory:read` permission.
         */
        get: operations["listThirdAppBindings"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sys/thirdApp/bindings/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * 移出: unbind a member (no more WeCom sign-in or app messages); the account and membership stay, and syncs leave the member unbound until an admin pairs it by hand in the sync dialog
         * @description API keys: not reachable with an API key (403 `auth.api_key_forbidden`).
         */
        delete: operations["deleteThirdAppBinding"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sys/thirdApp/bindings/batchRemove": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * 移出 several members at once (unbind their WeCom identity), with one outcome per member
         * @description Each member is handled as DELETE /sys/thirdApp/bindings/{id} would: the binding goes, the account and membership stay, and syncs leave the member unbound until an admin pairs it by hand. A user with no binding in the current tenant (including any user of another tenant) answers `bindings.not_found` for that item; the other items still go ahead.
         *
         *     API keys: not reachable with an API key (403 `auth.api_key_forbidden`).
         */
        post: operations["removeThirdAppBindingsBatch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sys/thirdApp/bindings/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * 查看已绑定 as CSV (same rows and keyword as GET /sys/thirdApp/bindings), streamed
         * @description Tenant administrators export their current tenant's bound members, then the link requests waiting for an account's owner (accounts outside the tenant are not named). UTF-8 with a byte order mark (Excel), at most 100000 rows: X-Export-Total says how many rows matched and X-Export-Truncated is "true" when the file stops at the limit (narrow the filters). Cells starting with = + - @ are prefixed with an apostrophe so spreadsheets do not run them.
         *
         *     API keys: not reachable with an API key (403 `auth.api_key_forbidden`).
         */
        get: operations["exportThirdAppBindings"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sys/thirdApp/callback/{thirdType}/{tenantId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Callback URL verification (WeCom: answers the decrypted echostr)
         * @description thirdType `wechat_enterprise`: WeCom signs msg_signature/timestamp/nonce/echostr. An unknown thirdType is a 404 naming the supported ones.
         */
        get: operations["wecomCallbackVerify"];
        put?: never;
        /**
         * Callback event: stores a verified contact change or acts on an approval-card click (WeCom: answers "success")
         * @description The encrypted envelope, read raw whatever its content type (WeCom: XML as text/xml). Contact changes are stored once and applied by a background sync run; a click on an approval card (WeCom template_card_event) is stored once and acted on as the clicking admin; other messages are acknowledged and not stored. An unknown thirdType is a 404 naming the supported ones.
         */
        post: operations["wecomCallbackEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sys/thirdApp/config": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The tenant's WeCom configuration (secrets masked), or null
         * @description API keys: not reachable with an API key (403 `auth.api_key_forbidden`).
         */
        get: operations["getThirdAppConfig"];
        /**
         * Edit the WeCom configuration; omitted secrets stay unchanged
         * @description API keys: not reachable with an API key (403 `auth.api_key_forbidden`).
         */
        put: operations["updateThirdAppConfig"];
        /**
         * Connect the tenant to a WeCom app (409 AppKey重复 when the CorpID belongs to another tenant)
         * @description API keys: not reachable with an API key (403 `auth.api_key_forbidden`).
         */
        post: operations["createThirdAppConfig"];
        /**
         * 取消绑定: remove the configuration; bindings stay, flagged inactive
         * @description API keys: not reachable with an API key (403 `auth.api_key_forbidden`).
         */
        delete: operations["deleteThirdAppConfig"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sys/thirdApp/config/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Diagnostics: each capability checked against WeCom and explained with a fix, and the egress IP WeCom sees (`egressIp`, remembered; a change is flagged)
         * @description API keys: not reachable with an API key (403 `auth.api_key_forbidden`).
         */
        post: operations["testThirdAppConfig"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sys/thirdApp/connectors": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The connectors this server supports: thirdType, names, the config form (formItems) and capabilities
         * @description The console renders a connector’s config form from `formItems`: `secret` fields are read back masked (sending the mask back keeps the stored value), `generated` ones are made by the server when omitted. POST/PUT /sys/thirdApp/config take these keys at top level.
         *
         *     API keys: not reachable with an API key (403 `auth.api_key_forbidden`).
         */
        get: operations["listThirdAppConnectors"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sys/thirdApp/linkRequests/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Withdraw a link request still waiting for the account's owner; syncs leave the WeCom member unpaired until an admin pairs it by hand (404 for another tenant's or a decided request)
         * @description API keys: not reachable with an API key (403 `auth.api_key_forbidden`).
         */
        delete: operations["cancelThirdAppLinkRequest"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sys/thirdApp/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The current tenant's message log, newest first, with outcome counts
         * @description API keys: reachable with a key holding the `messages:read` permission.
         */
        get: operations["listMessages"];
        put?: never;
        /**
         * Send a text, markdown, textcard, news or template_card message
         * @description Tenant admins only: sending can reach everyone in the WeCom corp (@all) and the log holds what others sent. Receivers: usernames (toUsers), department ids of this tenant synced from WeCom (toDepartments) or everyone (toAll). Links that point to this site (a path starting with "/" or a PUBLIC_URL address) are wrapped in the connector's sign-in (/sys/thirdLogin/oauth2/<thirdType>/login?tenantId=&redirect=) so the member lands signed in; other links are left as they are. Types, size limits, batch sizes, @all and recall are the connector's capabilities (GET /sys/thirdApp/connectors; WeCom: every type, text/markdown 2048 bytes, titles 128 bytes, descriptions 512 bytes); a type or size the connector lacks is a 400 naming the field and the limit, or the supported types.
         *
         *     API keys: reachable with a key holding the `messages:send` permission.
         */
        post: operations["sendMessage"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sys/thirdApp/messages/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One logged message with its content and per-recipient outcome
         * @description API keys: reachable with a key holding the `messages:read` permission.
         */
        get: operations["getMessage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sys/thirdApp/messages/{id}/recall": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Recall a message within WeCom's 24-hour window (400 after it)
         * @description API keys: not reachable with an API key (403 `auth.api_key_forbidden`).
         */
        post: operations["recallMessage"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sys/thirdApp/messages/audience": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * How many members an @all send reaches in this tenant (bound, active, not frozen), for the confirmation
         * @description API keys: not reachable with an API key (403 `auth.api_key_forbidden`).
         */
        get: operations["messageAudience"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sys/thirdApp/messages/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The message log as CSV (same rows and filters as GET /sys/thirdApp/messages), streamed
         * @description Tenant administrators export their current tenant's message log, newest first, with each message's recipient outcome counts (never the message body: the summary the log shows). UTF-8 with a byte order mark (Excel), at most 100000 rows: X-Export-Total says how many rows matched and X-Export-Truncated is "true" when the file stops at the limit (narrow the filters). Cells starting with = + - @ are prefixed with an apostrophe so spreadsheets do not run them.
         *
         *     API keys: not reachable with an API key (403 `auth.api_key_forbidden`).
         */
        get: operations["exportMessages"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sys/thirdApp/sendMessageTest": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Push a WeCom text message to system users (by username) or to everyone
         * @description Tenant admins only: sending can reach everyone in the WeCom corp (@all) and the log holds what others sent. `app` chooses the connector (WECHAT_ENTERPRISE; DINGTALK / FEISHU where installed; another is a 400 naming the installed ones), `msgType` text (default) or markdown as in JeecgBoot. The body may be JSON or application/x-www-form-urlencoded (UTF-8); `sendAll` may be a boolean or the text "true"/"false". Receivers resolve through the tenant's active WeCom bindings; unknown or unbound usernames are reported in `unbound`, refused ones in `invalid`, members over WeCom's per-member limit (30/min, 1000/h) in `throttled`. More than 1000 receivers are sent in batches of 1000. `success` is true only when WeCom accepted the message; WeCom's refusal answers 400/422/502 with errcode, errmsg and a zh-CN/en explanation in `details`. Nothing deliverable: 400 (429 when all were throttled) without calling WeCom. Every call is stored in the message log.
         *
         *     API keys: reachable with a key holding the `messages:send` permission.
         */
        post: operations["sendMessageTest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sys/thirdApp/sync/apply": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Apply a stored plan with the admin decisions in the background (409 when a run is active or the plan is stale)
         * @description API keys: not reachable with an API key (403 `auth.api_key_forbidden`).
         */
        post: operations["applySync"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sys/thirdApp/sync/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Read WeCom and store a plan (nothing else is written): departments to mirror, proposed pairs, creations, updates, leavers
         * @description API keys: not reachable with an API key (403 `auth.api_key_forbidden`).
         */
        post: operations["previewSync"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sys/thirdApp/sync/run": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Read, plan and apply in one go with automatic pairing (trigger "api"; scheduled and callback runs use the same path)
         * @description API keys: reachable with a key holding the `sync:run` permission.
         */
        post: operations["runSync"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sys/thirdApp/sync/runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Sync run history, newest first
         * @description API keys: not reachable with an API key (403 `auth.api_key_forbidden`).
         */
        get: operations["listSyncRuns"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sys/thirdApp/sync/runs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Status, progress (phase, done, total), counts and error of a run
         * @description API keys: reachable with a key holding the `sync:run` permission.
         */
        get: operations["getSyncRun"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sys/thirdApp/sync/runs/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Drop a run stopped by the mass-change threshold or a partial read: nothing of it is applied (409 when it is not waiting for a confirmation)
         * @description API keys: not reachable with an API key (403 `auth.api_key_forbidden`).
         */
        post: operations["cancelSyncRun"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sys/thirdApp/sync/runs/{id}/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Proceed with a run stopped by the mass-change threshold or a partial read
         * @description API keys: not reachable with an API key (403 `auth.api_key_forbidden`).
         */
        post: operations["confirmSyncRun"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sys/thirdApp/sync/runs/{id}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Server-Sent Events: `progress` with the run view until the run ends
         * @description API keys: reachable with a key holding the `sync:run` permission.
         */
        get: operations["syncRunEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sys/thirdApp/sync/runs/{id}/items": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Per-item outcomes of a run with reason codes (names masked)
         * @description API keys: not reachable with an API key (403 `auth.api_key_forbidden`).
         */
        get: operations["listSyncRunItems"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sys/thirdApp/sync/runs/{id}/items/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A sync run's items as CSV (same outcome filter as its items list), streamed
         * @description Tenant administrators export the items of one of their current tenant's runs (another tenant's run answers 404). UTF-8 with a byte order mark (Excel), at most 100000 rows: X-Export-Total says how many rows matched and X-Export-Truncated is "true" when the file stops at the limit (narrow the filters). Cells starting with = + - @ are prefixed with an apostrophe so spreadsheets do not run them.
         *
         *     API keys: not reachable with an API key (403 `auth.api_key_forbidden`).
         */
        get: operations["exportSyncRunItems"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sys/thirdApp/sync/runs/{id}/passwords": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Generated initial passwords (policy "random"), shown once and then erased
         * @description API keys: not reachable with an API key (403 `auth.api_key_forbidden`).
         */
        post: operations["takeSyncRunPasswords"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sys/thirdApp/verifyFiles": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The current tenant's domain verification files (WW_verify_*.txt)
         * @description API keys: not reachable with an API key (403 `auth.api_key_forbidden`).
         */
        get: operations["listVerifyFiles"];
        put?: never;
        /**
         * Upload (or replace) a domain verification file, served at /<fileName>
         * @description WeCom asks a trusted domain (可信域名) to serve `WW_verify_<code>.txt` at its root. Served as text/plain on the tenant’s own host and on PUBLIC_URL’s host. 400 verify_files.name_invalid / content_invalid; 409 verify_files.name_taken when another tenant serves the name.
         *
         *     API keys: not reachable with an API key (403 `auth.api_key_forbidden`).
         */
        post: operations["uploadVerifyFile"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sys/thirdApp/verifyFiles/{fileName}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Stop serving a domain verification file
         * @description API keys: not reachable with an API key (403 `auth.api_key_forbidden`).
         */
        delete: operations["deleteVerifyFile"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sys/thirdLogin/exchange": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Exchange the one-time ticket from the WeCom callback for a session
         * @description A ticket works once, within 60 s. 401 third_login.ticket_invalid otherwise.
         */
        post: operations["wecomLoginExchange"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sys/thirdLogin/link": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Link an unbound WeCom member to an existing account of the tenant by its password
         * @description Only when the tenant policy is `link`; the link token comes from the callback.
         */
        post: operations["wecomLoginLink"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sys/thirdLogin/oauth2/{thirdType}/callback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * WeCom OAuth redirect_uri: 302 to /oauth2-app/login#ticket=… or #error=…
         * @description thirdType `wechat_enterprise` (WeCom); an unknown one is a 404 naming the supported ones.
         */
        get: operations["wecomLoginCallback"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sys/thirdLogin/oauth2/{thirdType}/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Start WeCom sign-in: 302 to WeCom OAuth (in-app) or QR login (?qr=1)
         * @description Sets an HttpOnly cookie binding the state to this browser. Failures 302 to /oauth2-app/login#error=<code>. thirdType `wechat_enterprise` (WeCom); an unknown one is a 404 naming the supported ones.
         */
        get: operations["wecomLoginStart"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sys/thirdLogin/tenant/{tenantId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Whether a tenant offers WeCom sign-in (and then its name); no secrets */
        get: operations["wecomLoginTenant"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sys/user/add": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create an account as an active member of the current tenant
         * @description API keys: not reachable with an API key (403 `auth.api_key_forbidden`).
         */
        post: operations["addUser"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sys/user/batchFreeze": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Freeze or unfreeze several members of the current tenant, with one outcome per member
         * @description Each member is handled as POST /sys/user/freeze would: a user not in the current tenant answers `users.not_found` for that item; yourself `users.cannot_freeze_self`; the last administrator, a platform administrator or a member who is not active here are refused as that item. The other items still go ahead; the answer is 200 whenever the body is valid.
         *
         *     API keys: not reachable with an API key (403 `auth.api_key_forbidden`).
         */
        post: operations["freezeUsersBatch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sys/user/changePassword": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Change the caller's password (clears mustChangePassword, signs out other sessions)
         * @description 400 auth.wrong_password; 429 auth.too_many_password_changes after 5 wrong current passwords from one address within 15 minutes.
         *
         *     API keys: not reachable with an API key (403 `auth.api_key_forbidden`).
         */
        post: operations["changePassword"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sys/user/edit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Edit a member of the current tenant (profile fields and departments)
         * @description API keys: not reachable with an API key (403 `auth.api_key_forbidden`).
         */
        post: operations["editUser"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sys/user/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The users list as CSV (same rows and filters as GET /sys/user/list), streamed
         * @description Tenant administrators export their current tenant's members (X-Tenant-Id), active and quit, in id order. UTF-8 with a byte order mark (Excel), at most 100000 rows: X-Export-Total says how many rows matched and X-Export-Truncated is "true" when the file stops at the limit (narrow the filters). Cells starting with = + - @ are prefixed with an apostrophe so spreadsheets do not run them.
         *
         *     API keys: not reachable with an API key (403 `auth.api_key_forbidden`).
         */
        get: operations["exportUsers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sys/user/freeze": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Freeze or unfreeze a member in the current tenant
         * @description API keys: not reachable with an API key (403 `auth.api_key_forbidden`).
         */
        post: operations["freezeUser"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sys/user/linkRequests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The caller's pending link requests: tenants asking to bind the caller's account to one of their WeCom members
         * @description API keys: not reachable with an API key (403 `auth.api_key_forbidden`).
         */
        get: operations["listMyLinkRequests"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sys/user/linkRequests/{id}/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Accept a link request: the binding takes effect; without an active membership the account becomes a pending (审核中) member the tenant's administrator approves
         * @description API keys: not reachable with an API key (403 `auth.api_key_forbidden`).
         */
        post: operations["acceptLinkRequest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sys/user/linkRequests/{id}/refuse": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Refuse a link request: nothing is bound and no membership is created
         * @description API keys: not reachable with an API key (403 `auth.api_key_forbidden`).
         */
        post: operations["refuseLinkRequest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sys/user/list": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Users of the current tenant (active and quit), by keyword and department
         * @description API keys: reachable with a key holding the `directory:read` permission.
         */
        get: operations["listUsers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sys/user/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The signed-in account, its tenants and the session tenant
         * @description API keys: not reachable with an API key (403 `auth.api_key_forbidden`).
         */
        get: operations["getMe"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sys/user/resetPassword": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Give one of the tenant's own accounts a one-time password (shown once)
         * @description Only the tenant's own accounts (active here and in no other tenant; never a platform administrator's, never the caller's own). The account must change the password at its next sign-in; all its sessions end. Works for WeCom-only accounts. At most 20 resets per administrator and tenant per hour.
         *
         *     API keys: not reachable with an API key (403 `auth.api_key_forbidden`).
         */
        post: operations["resetUserPassword"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sys/user/setPassword": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Set a first password on an account that has none (a WeCom-only member)
         * @description 409 auth.password_already_set when the account has one (use changePassword). From a WeCom session, only on an account the tenant owns alone (403 otherwise). Throttled like changePassword.
         *
         *     API keys: not reachable with an API key (403 `auth.api_key_forbidden`).
         */
        post: operations["setPassword"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sys/user/wecomBinding": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The caller's own WeCom binding in the current tenant (null when unbound)
         * @description API keys: not reachable with an API key (403 `auth.api_key_forbidden`).
         */
        get: operations["getMyWecomBinding"];
        put?: never;
        post?: never;
        /**
         * Unbind the caller's own WeCom member in the current tenant
         * @description API keys: not reachable with an API key (403 `auth.api_key_forbidden`).
         */
        delete: operations["deleteMyWecomBinding"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        DepartmentNode: {
            children: components["schemas"]["DepartmentNode"][];
            id: number;
            /** @description direct members */
            memberCount: number;
            name: string;
            order: number;
            parentId: number | null;
        };
        /** ErrorEnvelope */
        ErrorEnvelope: {
            /** @description the HTTP status */
            code: number;
            details?: {
                [key: string]: unknown;
            };
            /** @description stable area.snake_case code, also the i18n key */
            errorCode: string;
            /** @description what failed, why, and what to do */
            message: string;
            requestId: string;
            /** @enum {object|null} */
            result: never | null;
            /** @enum {boolean} */
            success: false;
            timestamp: number;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    listApiKeys: {
        parameters: {
            query?: {
                page?: number;
                pageSize?: number;
            };
            header?: {
                /** @description Tenant id; defaults to the session tenant chosen at login */
                "x-tenant-id"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Another client error; `message` says what to fix. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description A server error; `requestId` identifies it in the logs. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        code: number;
                        message: string;
                        result: {
                            records: {
                                /** Format: date-time */
                                createdAt: string;
                                createdBy: {
                                    id: number;
                                    realname: string;
                                    username: string;
                                } | null;
                                /** Format: date-time */
                                expiresAt: string | null;
                                id: number;
                                /** Format: date-time */
                                lastUsedAt: string | null;
                                name: string;
                                permissions: ("messages:send" | "messages:read" | "directory:read" | "sync:run")[];
                                /** @description The public start of the key (obk_xxxxxxxx) */
                                prefix: string;
                                /** Format: date-time */
                                revokedAt: string | null;
                            }[];
                            total: number;
                        };
                        success: boolean;
                        /** @description epoch ms */
                        timestamp: number;
                    };
                };
            };
            /** @description The request is invalid (body, query, path or header): `message` says what to fix, `details` may name the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description No X-Access-Token, or it is unknown, expired or revoked: sign in (again) or use a valid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Not allowed: the caller is not an (admin) member of the tenant, the account is frozen, must change its password first, or its session or key does not reach this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    createApiKey: {
        parameters: {
            query?: never;
            header?: {
                /** @description Tenant id; defaults to the session tenant chosen at login */
                "x-tenant-id"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description ISO 8601 date-time, in the future and at most about three years ahead; omitted = until revoked
                     * @example 2030-01-31T00:00:00Z
                     */
                    expiresAt?: string;
                    /** @description What the key is for, 1–64 characters (trimmed) */
                    name: string;
                    permissions: ("messages:send" | "messages:read" | "directory:read" | "sync:run")[];
                };
            };
        };
        responses: {
            /** @description Another client error; `message` says what to fix. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description A server error; `requestId` identifies it in the logs. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        code: number;
                        message: string;
                        result: {
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            expiresAt: string | null;
                            id: number;
                            /** @description The key, shown this once: send it as X-Access-Token. Only its sha256 is stored; it cannot be shown again. */
                            key: string;
                            name: string;
                            permissions: ("messages:send" | "messages:read" | "directory:read" | "sync:run")[];
                            /** @description The public start of the key (obk_xxxxxxxx) */
                            prefix: string;
                        };
                        success: boolean;
                        /** @description epoch ms */
                        timestamp: number;
                    };
                };
            };
            /** @description The request is invalid (body, query, path or header): `message` says what to fix, `details` may name the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description No X-Access-Token, or it is unknown, expired or revoked: sign in (again) or use a valid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Not allowed: the caller is not an (admin) member of the tenant, the account is frozen, must change its password first, or its session or key does not reach this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    revokeApiKey: {
        parameters: {
            query?: never;
            header?: {
                /** @description Tenant id; defaults to the session tenant chosen at login */
                "x-tenant-id"?: string;
            };
            path: {
                /** @description API key id */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Another client error; `message` says what to fix. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description A server error; `requestId` identifies it in the logs. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        code: number;
                        message: string;
                        result: {
                            /** Format: date-time */
                            createdAt: string;
                            createdBy: {
                                id: number;
                                realname: string;
                                username: string;
                            } | null;
                            /** Format: date-time */
                            expiresAt: string | null;
                            id: number;
                            /** Format: date-time */
                            lastUsedAt: string | null;
                            name: string;
                            permissions: ("messages:send" | "messages:read" | "directory:read" | "sync:run")[];
                            /** @description The public start of the key (obk_xxxxxxxx) */
                            prefix: string;
                            /** Format: date-time */
                            revokedAt: string | null;
                        };
                        success: boolean;
                        /** @description epoch ms */
                        timestamp: number;
                    };
                };
            };
            /** @description The request is invalid (body, query, path or header): `message` says what to fix, `details` may name the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description No X-Access-Token, or it is unknown, expired or revoked: sign in (again) or use a valid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Not allowed: the caller is not an (admin) member of the tenant, the account is frozen, must change its password first, or its session or key does not reach this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Nothing with this id in the current tenant (rows of other tenants read as not found). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    listAuditLog: {
        parameters: {
            query?: {
                /** @description one action of the catalogue (GET /sys/audit/actions): auth.login, auth.login_wecom, auth.change_password, auth.set_password, tenant.create, tenant.join_request, tenant.quit, tenant.domain_changed, member.approve, member.refuse, member.role, user.add, user.edit, user.freeze, user.unfreeze, user.reset_password, department.add, department.edit, department.delete, third_app.config_created, third_app.config_updated, third_app.config_deleted, third_app.config_tested, third_app.egress_ip_changed, third_app.untrusted_ip, third_app.trusted_ip_restored, verify_file.uploaded, verify_file.deleted, sync.applied, sync.confirmed, sync.cancelled, sync.started, third_app.binding_removed, third_app.link_request_cancelled, third_login.linked, third_login.self_unbound, third_login.account_created, third_login.refused, link_request.accepted, link_request.refused, message.sent, approval_card.capped, approval_card.click_refused, approval_card.click_failed, approval_card.already_handled, api_key.created, api_key.revoked, api_key.use_denied */
                action?: string;
                /** @description matches the acting user's username or real name, or the API key's name or prefix (literally, ignoring case) */
                actor?: string;
                /** @description the API key that acted */
                actorApiKeyId?: number;
                /** @description the user who acted */
                actorId?: number;
                /** @description entries at or after this instant (ISO 8601 date or date-time) */
                from?: string;
                page?: number;
                pageSize?: number;
                /** @description platform administrators only: one tenant (others read their current tenant) */
                tenantId?: number;
                /** @description entries before this instant (ISO 8601 date-time; a bare date means the end of that day, UTC) */
                to?: string;
            };
            header?: {
                /** @description Tenant id; defaults to the session tenant chosen at login */
                "x-tenant-id"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Another client error; `message` says what to fix. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description A server error; `requestId` identifies it in the logs. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        code: number;
                        message: string;
                        result: {
                            records: {
                                action: string;
                                /** @description null when OrgBridge acted by itself (e.g. a scheduled sync) */
                                actor: {
                                    /** @description user or API key id; null for an outsider */
                                    id: number | null;
                                    /** @description the API key's name */
                                    name?: string | null;
                                    /** @description the API key's public prefix */
                                    prefix?: string | null;
                                    realname?: string | null;
                                    /** @description outsider: an account outside this tenant, not named (PRODUCT.md §7) */
                                    type: "user" | "api_key" | "outsider";
                                    username?: string | null;
                                } | null;
                                details: {
                                    [key: string]: unknown;
                                } | null;
                                id: number;
                                ip: string | null;
                                targetId: string | null;
                                targetType: string | null;
                                /** @description null for platform-level events */
                                tenant: {
                                    id: number;
                                    name: string | null;
                                } | null;
                                /** Format: date-time */
                                time: string;
                            }[];
                            total: number;
                        };
                        success: boolean;
                        /** @description epoch ms */
                        timestamp: number;
                    };
                };
            };
            /** @description The request is invalid (body, query, path or header): `message` says what to fix, `details` may name the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description No X-Access-Token, or it is unknown, expired or revoked: sign in (again) or use a valid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Not allowed: the caller is not an (admin) member of the tenant, the account is frozen, must change its password first, or its session or key does not reach this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    listAuditActions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Another client error; `message` says what to fix. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description A server error; `requestId` identifies it in the logs. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        code: number;
                        message: string;
                        result: string[];
                        success: boolean;
                        /** @description epoch ms */
                        timestamp: number;
                    };
                };
            };
            /** @description No X-Access-Token, or it is unknown, expired or revoked: sign in (again) or use a valid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Not allowed: the caller is not an (admin) member of the tenant, the account is frozen, must change its password first, or its session or key does not reach this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    exportAuditLog: {
        parameters: {
            query?: {
                /** @description one action of the catalogue (GET /sys/audit/actions): auth.login, auth.login_wecom, auth.change_password, auth.set_password, tenant.create, tenant.join_request, tenant.quit, tenant.domain_changed, member.approve, member.refuse, member.role, user.add, user.edit, user.freeze, user.unfreeze, user.reset_password, department.add, department.edit, department.delete, third_app.config_created, third_app.config_updated, third_app.config_deleted, third_app.config_tested, third_app.egress_ip_changed, third_app.untrusted_ip, third_app.trusted_ip_restored, verify_file.uploaded, verify_file.deleted, sync.applied, sync.confirmed, sync.cancelled, sync.started, third_app.binding_removed, third_app.link_request_cancelled, third_login.linked, third_login.self_unbound, third_login.account_created, third_login.refused, link_request.accepted, link_request.refused, message.sent, approval_card.capped, approval_card.click_refused, approval_card.click_failed, approval_card.already_handled, api_key.created, api_key.revoked, api_key.use_denied */
                action?: string;
                /** @description matches the acting user's username or real name, or the API key's name or prefix (literally, ignoring case) */
                actor?: string;
                /** @description the API key that acted */
                actorApiKeyId?: number;
                /** @description the user who acted */
                actorId?: number;
                /** @description entries at or after this instant (ISO 8601 date or date-time) */
                from?: string;
                /** @description platform administrators only: one tenant (others read their current tenant) */
                tenantId?: number;
                /** @description entries before this instant (ISO 8601 date-time; a bare date means the end of that day, UTC) */
                to?: string;
            };
            header?: {
                /** @description Tenant id; defaults to the session tenant chosen at login */
                "x-tenant-id"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Another client error; `message` says what to fix. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description A server error; `requestId` identifies it in the logs. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description the CSV file */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": string;
                };
            };
            /** @description The request is invalid (body, query, path or header): `message` says what to fix, `details` may name the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description No X-Access-Token, or it is unknown, expired or revoked: sign in (again) or use a valid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Not allowed: the caller is not an (admin) member of the tenant, the account is frozen, must change its password first, or its session or key does not reach this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    deleteDepartment: {
        parameters: {
            query?: never;
            header?: {
                /** @description Tenant id; defaults to the session tenant chosen at login */
                "x-tenant-id"?: string;
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Another client error; `message` says what to fix. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description A server error; `requestId` identifies it in the logs. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        code: number;
                        message: string;
                        /** @enum {object|null} */
                        result: never | null;
                        success: boolean;
                        /** @description epoch ms */
                        timestamp: number;
                    };
                };
            };
            /** @description The request is invalid (body, query, path or header): `message` says what to fix, `details` may name the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description No X-Access-Token, or it is unknown, expired or revoked: sign in (again) or use a valid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Not allowed: the caller is not an (admin) member of the tenant, the account is frozen, must change its password first, or its session or key does not reach this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Nothing with this id in the current tenant (rows of other tenants read as not found). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Conflicts with the current state (a duplicate, a stale plan, a run already active). The department has sub-departments or members. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    addDepartment: {
        parameters: {
            query?: never;
            header?: {
                /** @description Tenant id; defaults to the session tenant chosen at login */
                "x-tenant-id"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    order?: number;
                    /** @description parent department; null = top level */
                    parentId?: number | null;
                };
            };
        };
        responses: {
            /** @description Another client error; `message` says what to fix. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description A server error; `requestId` identifies it in the logs. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        code: number;
                        message: string;
                        result: {
                            id: number;
                            name: string;
                            order: number;
                            parentId: number | null;
                        };
                        success: boolean;
                        /** @description epoch ms */
                        timestamp: number;
                    };
                };
            };
            /** @description The request is invalid (body, query, path or header): `message` says what to fix, `details` may name the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description No X-Access-Token, or it is unknown, expired or revoked: sign in (again) or use a valid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Not allowed: the caller is not an (admin) member of the tenant, the account is frozen, must change its password first, or its session or key does not reach this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description The parent department is not in the current tenant. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    editDepartment: {
        parameters: {
            query?: never;
            header?: {
                /** @description Tenant id; defaults to the session tenant chosen at login */
                "x-tenant-id"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    id: number;
                    name?: string;
                    order?: number;
                    /** @description parent department; null = top level */
                    parentId?: number | null;
                };
            };
        };
        responses: {
            /** @description Another client error; `message` says what to fix. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description A server error; `requestId` identifies it in the logs. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        code: number;
                        message: string;
                        result: {
                            id: number;
                            name: string;
                            order: number;
                            parentId: number | null;
                        };
                        success: boolean;
                        /** @description epoch ms */
                        timestamp: number;
                    };
                };
            };
            /** @description The request is invalid (body, query, path or header): `message` says what to fix, `details` may name the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description No X-Access-Token, or it is unknown, expired or revoked: sign in (again) or use a valid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Not allowed: the caller is not an (admin) member of the tenant, the account is frozen, must change its password first, or its session or key does not reach this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description No such department (or parent) in the current tenant. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Conflicts with the current state (a duplicate, a stale plan, a run already active). The move would put a department under itself. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    getDepartmentTree: {
        parameters: {
            query?: never;
            header?: {
                /** @description Tenant id; defaults to the session tenant chosen at login */
                "x-tenant-id"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Another client error; `message` says what to fix. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description A server error; `requestId` identifies it in the logs. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        code: number;
                        message: string;
                        result: components["schemas"]["DepartmentNode"][];
                        success: boolean;
                        /** @description epoch ms */
                        timestamp: number;
                    };
                };
            };
            /** @description The request is invalid (body, query, path or header): `message` says what to fix, `details` may name the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description No X-Access-Token, or it is unknown, expired or revoked: sign in (again) or use a valid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Not allowed: the caller is not an (admin) member of the tenant, the account is frozen, must change its password first, or its session or key does not reach this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    getHomeSummary: {
        parameters: {
            query?: never;
            header?: {
                /** @description Tenant id; defaults to the session tenant chosen at login */
                "x-tenant-id"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Another client error; `message` says what to fix. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description A server error; `requestId` identifies it in the logs. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": true,
                     *       "message": "",
                     *       "code": 200,
                     *       "result": {
                     *         "members": {
                     *           "active": 128,
                     *           "pending": 2,
                     *           "bound": 120
                     *         },
                     *         "departments": 14,
                     *         "connection": {
                     *           "configured": true,
                     *           "enabled": true,
                     *           "lastTest": {
                     *             "ok": true,
                     *             "at": "2026-12-07T08:30:00.000Z"
                     *           }
                     *         },
                     *         "lastSync": {
                     *           "id": 42,
                     *           "status": "succeeded",
                     *           "trigger": "manual",
                     *           "createdAt": "2026-12-07T08:31:00.000Z",
                     *           "finishedAt": "2026-12-07T08:31:09.000Z"
                     *         }
                     *       },
                     *       "timestamp": 1767225600000
                     *     }
                     */
                    "application/json": {
                        code: number;
                        message: string;
                        result: {
                            connection: {
                                configured: boolean;
                                enabled: boolean;
                                lastTest: {
                                    /** Format: date-time */
                                    at: string;
                                    ok: boolean;
                                } | null;
                            };
                            /** @description departments of the tenant */
                            departments: number;
                            lastSync: {
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: date-time */
                                finishedAt: string | null;
                                id: number;
                                status: "planned" | "running" | "succeeded" | "failed" | "needs_confirmation" | "cancelled";
                                trigger: string;
                            } | null;
                            members: {
                                /** @description members whose membership is normal (正常), frozen ones included */
                                active: number;
                                /** @description members with an active WeCom binding */
                                bound: number;
                                /** @description requests to join waiting for approval (审核中) */
                                pending: number;
                            };
                        };
                        success: boolean;
                        /** @description epoch ms */
                        timestamp: number;
                    };
                };
            };
            /** @description The request is invalid (body, query, path or header): `message` says what to fix, `details` may name the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description No X-Access-Token, or it is unknown, expired or revoked: sign in (again) or use a valid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Not allowed: the caller is not an (admin) member of the tenant, the account is frozen, must change its password first, or its session or key does not reach this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    login: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "username": "zhangsan",
                 *       "password": "correct-horse-battery"
                 *     }
                 */
                "application/json": {
                    password: string;
                    username: string;
                };
            };
        };
        responses: {
            /** @description Another client error; `message` says what to fix. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description A server error; `requestId` identifies it in the logs. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": true,
                     *       "message": "",
                     *       "code": 200,
                     *       "result": {
                     *         "token": "q9V3m0Wb6k8xZr2TqL1sYc4nHf7jPa5dUe0oGi3wRtM",
                     *         "userInfo": {
                     *           "id": 42,
                     *           "username": "zhangsan",
                     *           "realname": "张三",
                     *           "mustChangePassword": false,
                     *           "isPlatformAdmin": false,
                     *           "scopeTenantId": null,
                     *           "hasPassword": true
                     *         },
                     *         "tenantList": [
                     *           {
                     *             "id": 7,
                     *             "name": "示例科技",
                     *             "houseNumber": "1234567",
                     *             "role": "admin",
                     *             "status": 1,
                     *             "frozen": false
                     *           }
                     *         ],
                     *         "loginTenantId": 7
                     *       },
                     *       "timestamp": 1767225600000
                     *     }
                     */
                    "application/json": {
                        code: number;
                        message: string;
                        result: {
                            /** @description tenant id (0 = default tenant) */
                            loginTenantId: number | null;
                            tenantList: {
                                /** @description frozen in this tenant */
                                frozen: boolean;
                                houseNumber: string;
                                /** @description tenant id (0 = default tenant) */
                                id: number;
                                name: string;
                                role: "admin" | "member";
                                /** @description membership status: 1 normal, 2 quit, 3 pending, 4 refused, 5 invited */
                                status: number;
                            }[];
                            /** @description send as X-Access-Token */
                            token: string;
                            userInfo: {
                                /** @description false for a WeCom-only account, which may set one with /sys/user/setPassword */
                                hasPassword: boolean;
                                id: number;
                                /** @description always false for a connector-scoped session */
                                isPlatformAdmin: boolean;
                                mustChangePassword: boolean;
                                realname: string;
                                /** @description set when a connector sign-in (WeCom…) opened the session: the only tenant it may act in; null for a password session */
                                scopeTenantId: number | (never | null);
                                username: string;
                            };
                        };
                        success: boolean;
                        /** @description epoch ms */
                        timestamp: number;
                    };
                };
            };
            /** @description The request is invalid (body, query, path or header): `message` says what to fix, `details` may name the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Wrong username or password. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description The account is frozen. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Too many attempts: wait `Retry-After` seconds. Too many failed sign-ins for this username from this address (5), or from this address (20), within 15 minutes. */
            429: {
                headers: {
                    /** @description seconds until the next attempt may go ahead */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    logout: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Another client error; `message` says what to fix. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description A server error; `requestId` identifies it in the logs. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        code: number;
                        message: string;
                        /** @enum {object|null} */
                        result: never | null;
                        success: boolean;
                        /** @description epoch ms */
                        timestamp: number;
                    };
                };
            };
            /** @description No X-Access-Token, or it is unknown, expired or revoked: sign in (again) or use a valid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Not allowed: the caller is not an (admin) member of the tenant, the account is frozen, must change its password first, or its session or key does not reach this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    addTenant: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                };
            };
        };
        responses: {
            /** @description Another client error; `message` says what to fix. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description A server error; `requestId` identifies it in the logs. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        code: number;
                        message: string;
                        result: {
                            houseNumber: string;
                            /** @description tenant id (0 = default tenant) */
                            id: number;
                            name: string;
                        };
                        success: boolean;
                        /** @description epoch ms */
                        timestamp: number;
                    };
                };
            };
            /** @description The request is invalid (body, query, path or header): `message` says what to fix, `details` may name the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description No X-Access-Token, or it is unknown, expired or revoked: sign in (again) or use a valid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Not allowed: the caller is not an (admin) member of the tenant, the account is frozen, must change its password first, or its session or key does not reach this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Conflicts with the current state (a duplicate, a stale plan, a run already active). The house number is taken (retry). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    getCurrentTenant: {
        parameters: {
            query?: never;
            header?: {
                /** @description Tenant id; defaults to the session tenant chosen at login */
                "x-tenant-id"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Another client error; `message` says what to fix. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description A server error; `requestId` identifies it in the logs. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        code: number;
                        message: string;
                        result: {
                            houseNumber: string;
                            /** @description tenant id (0 = default tenant) */
                            id: number;
                            name: string;
                            role: "admin" | "member";
                            /** @description 1 normal, 0 frozen */
                            status: number;
                        };
                        success: boolean;
                        /** @description epoch ms */
                        timestamp: number;
                    };
                };
            };
            /** @description The request is invalid (body, query, path or header): `message` says what to fix, `details` may name the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description No X-Access-Token, or it is unknown, expired or revoked: sign in (again) or use a valid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Not allowed: the caller is not an (admin) member of the tenant, the account is frozen, must change its password first, or its session or key does not reach this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    getTenantDomain: {
        parameters: {
            query?: never;
            header?: {
                /** @description Tenant id; defaults to the session tenant chosen at login */
                "x-tenant-id"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Another client error; `message` says what to fix. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description A server error; `requestId` identifies it in the logs. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        code: number;
                        message: string;
                        result: {
                            customDomain: string | null;
                            /** @description the host to give WeCom as trusted domain (可信域名) and callback host */
                            host: string;
                            /** @description PUBLIC_URL's host, shared by every tenant */
                            sharedHost: string;
                        };
                        success: boolean;
                        /** @description epoch ms */
                        timestamp: number;
                    };
                };
            };
            /** @description The request is invalid (body, query, path or header): `message` says what to fix, `details` may name the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description No X-Access-Token, or it is unknown, expired or revoked: sign in (again) or use a valid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Not allowed: the caller is not an (admin) member of the tenant, the account is frozen, must change its password first, or its session or key does not reach this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    setTenantDomain: {
        parameters: {
            query?: never;
            header?: {
                /** @description Tenant id; defaults to the session tenant chosen at login */
                "x-tenant-id"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description host name pointed at OrgBridge, e.g. sso.example.com; null clears it */
                    customDomain: string | null;
                };
            };
        };
        responses: {
            /** @description Another client error; `message` says what to fix. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description A server error; `requestId` identifies it in the logs. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        code: number;
                        message: string;
                        result: {
                            customDomain: string | null;
                            /** @description the host to give WeCom as trusted domain (可信域名) and callback host */
                            host: string;
                            /** @description PUBLIC_URL's host, shared by every tenant */
                            sharedHost: string;
                        };
                        success: boolean;
                        /** @description epoch ms */
                        timestamp: number;
                    };
                };
            };
            /** @description The request is invalid (body, query, path or header): `message` says what to fix, `details` may name the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description No X-Access-Token, or it is unknown, expired or revoked: sign in (again) or use a valid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Not allowed: the caller is not an (admin) member of the tenant, the account is frozen, must change its password first, or its session or key does not reach this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Conflicts with the current state (a duplicate, a stale plan, a run already active). The domain serves another tenant. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    joinTenant: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description 门牌号: 6 letters/digits (case-insensitive) */
                    houseNumber: string;
                };
            };
        };
        responses: {
            /** @description Another client error; `message` says what to fix. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description A server error; `requestId` identifies it in the logs. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        code: number;
                        message: string;
                        result: {
                            /** @description membership status: 3 pending (审核中) */
                            status: number;
                            /** @description tenant id (0 = default tenant) */
                            tenantId: number;
                            tenantName: string;
                        };
                        success: boolean;
                        /** @description epoch ms */
                        timestamp: number;
                    };
                };
            };
            /** @description The request is invalid (body, query, path or header): `message` says what to fix, `details` may name the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description No X-Access-Token, or it is unknown, expired or revoked: sign in (again) or use a valid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Not allowed: the caller is not an (admin) member of the tenant, the account is frozen, must change its password first, or its session or key does not reach this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description No tenant has this house number. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Conflicts with the current state (a duplicate, a stale plan, a run already active). Already a member, or a request is pending. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Too many attempts: wait `Retry-After` seconds. Too many requests to join from this address. */
            429: {
                headers: {
                    /** @description seconds until the next attempt may go ahead */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    listTenants: {
        parameters: {
            query?: {
                keyword?: string;
                page?: number;
                pageSize?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Another client error; `message` says what to fix. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description A server error; `requestId` identifies it in the logs. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        code: number;
                        message: string;
                        result: {
                            records: {
                                /** Format: date-time */
                                createdAt: string;
                                houseNumber: string;
                                /** @description tenant id (0 = default tenant) */
                                id: number;
                                /** @description active members */
                                memberCount: number;
                                name: string;
                                status: number;
                            }[];
                            total: number;
                        };
                        success: boolean;
                        /** @description epoch ms */
                        timestamp: number;
                    };
                };
            };
            /** @description The request is invalid (body, query, path or header): `message` says what to fix, `details` may name the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description No X-Access-Token, or it is unknown, expired or revoked: sign in (again) or use a valid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Not allowed: the caller is not an (admin) member of the tenant, the account is frozen, must change its password first, or its session or key does not reach this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    listMembers: {
        parameters: {
            query?: {
                keyword?: string;
                page?: number;
                pageSize?: number;
                /** @description 1 normal, 2 quit (离职), 3 pending (审核中), 4 refused, 5 invited */
                status?: number;
            };
            header?: {
                /** @description Tenant id; defaults to the session tenant chosen at login */
                "x-tenant-id"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Another client error; `message` says what to fix. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description A server error; `requestId` identifies it in the logs. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        code: number;
                        message: string;
                        result: {
                            records: {
                                /** Format: date-time */
                                createdAt: string;
                                frozen: boolean;
                                /** @description membership id */
                                id: number;
                                /** @description own: the tenant's alone (all fields editable); shared: also active in another tenant (membership, tenant-scoped name and position only); inactive_member: pending, refused, quit or invited (not editable); platform_admin: never editable by a tenant */
                                ownership: "own" | "shared" | "inactive_member" | "outsider" | "platform_admin";
                                realname: string;
                                role: "admin" | "member";
                                /** @description 1 normal, 2 quit (离职), 3 pending (审核中), 4 refused, 5 invited */
                                status: number;
                                /** Format: date-time */
                                updatedAt: string;
                                userId: number;
                                username: string;
                            }[];
                            total: number;
                        };
                        success: boolean;
                        /** @description epoch ms */
                        timestamp: number;
                    };
                };
            };
            /** @description The request is invalid (body, query, path or header): `message` says what to fix, `details` may name the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description No X-Access-Token, or it is unknown, expired or revoked: sign in (again) or use a valid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Not allowed: the caller is not an (admin) member of the tenant, the account is frozen, must change its password first, or its session or key does not reach this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    approveMember: {
        parameters: {
            query?: never;
            header?: {
                /** @description Tenant id; defaults to the session tenant chosen at login */
                "x-tenant-id"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    userId: number;
                };
            };
        };
        responses: {
            /** @description Another client error; `message` says what to fix. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description A server error; `requestId` identifies it in the logs. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        code: number;
                        message: string;
                        /** @enum {object|null} */
                        result: never | null;
                        success: boolean;
                        /** @description epoch ms */
                        timestamp: number;
                    };
                };
            };
            /** @description The request is invalid (body, query, path or header): `message` says what to fix, `details` may name the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description No X-Access-Token, or it is unknown, expired or revoked: sign in (again) or use a valid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Not allowed: the caller is not an (admin) member of the tenant, the account is frozen, must change its password first, or its session or key does not reach this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description No such member in the current tenant. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Conflicts with the current state (a duplicate, a stale plan, a run already active). The member is not waiting for approval (审核中). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    reviewMembersBatch: {
        parameters: {
            query?: never;
            header?: {
                /** @description Tenant id; defaults to the session tenant chosen at login */
                "x-tenant-id"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "action": "approve",
                 *       "userIds": [
                 *         41,
                 *         42,
                 *         77
                 *       ]
                 *     }
                 */
                "application/json": {
                    /** @description approve (3 → 1) or refuse (3 → 4) every listed pending member */
                    action: "approve" | "refuse";
                    /** @description 1 to 200 distinct user ids */
                    userIds: number[];
                };
            };
        };
        responses: {
            /** @description Another client error; `message` says what to fix. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description A server error; `requestId` identifies it in the logs. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": true,
                     *       "message": "",
                     *       "code": 200,
                     *       "result": {
                     *         "done": 2,
                     *         "failed": 1,
                     *         "items": [
                     *           {
                     *             "id": 41,
                     *             "ok": true,
                     *             "errorCode": null,
                     *             "message": null
                     *           },
                     *           {
                     *             "id": 42,
                     *             "ok": true,
                     *             "errorCode": null,
                     *             "message": null
                     *           },
                     *           {
                     *             "id": 77,
                     *             "ok": false,
                     *             "errorCode": "members.not_pending",
                     *             "message": "This member is not waiting for approval (审核中); reload the list."
                     *           }
                     *         ]
                     *       },
                     *       "timestamp": 1767225600000
                     *     }
                     */
                    "application/json": {
                        code: number;
                        message: string;
                        result: {
                            /** @description items applied */
                            done: number;
                            /** @description items refused (nothing written for them) */
                            failed: number;
                            /** @description one per id, in the order sent */
                            items: {
                                /** @description why this item was refused (the same code as the single action) */
                                errorCode: string | null;
                                /** @description the item as sent */
                                id: number;
                                message: string | null;
                                ok: boolean;
                            }[];
                        };
                        success: boolean;
                        /** @description epoch ms */
                        timestamp: number;
                    };
                };
            };
            /** @description The request is invalid (body, query, path or header): `message` says what to fix, `details` may name the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description No X-Access-Token, or it is unknown, expired or revoked: sign in (again) or use a valid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Not allowed: the caller is not an (admin) member of the tenant, the account is frozen, must change its password first, or its session or key does not reach this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    refuseMember: {
        parameters: {
            query?: never;
            header?: {
                /** @description Tenant id; defaults to the session tenant chosen at login */
                "x-tenant-id"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    userId: number;
                };
            };
        };
        responses: {
            /** @description Another client error; `message` says what to fix. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description A server error; `requestId` identifies it in the logs. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        code: number;
                        message: string;
                        /** @enum {object|null} */
                        result: never | null;
                        success: boolean;
                        /** @description epoch ms */
                        timestamp: number;
                    };
                };
            };
            /** @description The request is invalid (body, query, path or header): `message` says what to fix, `details` may name the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description No X-Access-Token, or it is unknown, expired or revoked: sign in (again) or use a valid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Not allowed: the caller is not an (admin) member of the tenant, the account is frozen, must change its password first, or its session or key does not reach this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description No such member in the current tenant. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Conflicts with the current state (a duplicate, a stale plan, a run already active). The member is not waiting for approval (审核中). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    setMemberRole: {
        parameters: {
            query?: never;
            header?: {
                /** @description Tenant id; defaults to the session tenant chosen at login */
                "x-tenant-id"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    role: "admin" | "member";
                    userId: number;
                };
            };
        };
        responses: {
            /** @description Another client error; `message` says what to fix. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description A server error; `requestId` identifies it in the logs. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        code: number;
                        message: string;
                        /** @enum {object|null} */
                        result: never | null;
                        success: boolean;
                        /** @description epoch ms */
                        timestamp: number;
                    };
                };
            };
            /** @description The request is invalid (body, query, path or header): `message` says what to fix, `details` may name the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description No X-Access-Token, or it is unknown, expired or revoked: sign in (again) or use a valid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Not allowed: the caller is not an (admin) member of the tenant, the account is frozen, must change its password first, or its session or key does not reach this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description No such member in the current tenant. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Conflicts with the current state (a duplicate, a stale plan, a run already active). The last administrator cannot be demoted. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    quitTenant: {
        parameters: {
            query?: never;
            header?: {
                /** @description Tenant id; defaults to the session tenant chosen at login */
                "x-tenant-id"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Another client error; `message` says what to fix. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description A server error; `requestId` identifies it in the logs. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        code: number;
                        message: string;
                        /** @enum {object|null} */
                        result: never | null;
                        success: boolean;
                        /** @description epoch ms */
                        timestamp: number;
                    };
                };
            };
            /** @description The request is invalid (body, query, path or header): `message` says what to fix, `details` may name the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description No X-Access-Token, or it is unknown, expired or revoked: sign in (again) or use a valid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Not allowed: the caller is not an (admin) member of the tenant, the account is frozen, must change its password first, or its session or key does not reach this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Conflicts with the current state (a duplicate, a stale plan, a run already active). The caller is the last administrator of the tenant. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    switchTenant: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description tenant id (0 = default tenant) */
                    tenantId: number;
                };
            };
        };
        responses: {
            /** @description Another client error; `message` says what to fix. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description A server error; `requestId` identifies it in the logs. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        code: number;
                        message: string;
                        result: {
                            /** @description tenant id (0 = default tenant) */
                            currentTenantId: number;
                        };
                        success: boolean;
                        /** @description epoch ms */
                        timestamp: number;
                    };
                };
            };
            /** @description The request is invalid (body, query, path or header): `message` says what to fix, `details` may name the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description No X-Access-Token, or it is unknown, expired or revoked: sign in (again) or use a valid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Not allowed: the caller is not an (admin) member of the tenant, the account is frozen, must change its password first, or its session or key does not reach this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    listThirdAppBindings: {
        parameters: {
            query?: {
                /** @description matches username, real name, WeCom userid or WeCom name (literally) */
                keyword?: string;
                page?: number;
                pageSize?: number;
                /** @description Third-party platform: `wechat_enterprise` = WeCom (企业微信), `dingtalk` = DingTalk (钉钉); GET /sys/thirdApp/connectors lists the ones this server supports */
                thirdType?: "wechat_enterprise" | "dingtalk" | "feishu";
            };
            header?: {
                /** @description Tenant id; defaults to the session tenant chosen at login */
                "x-tenant-id"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Another client error; `message` says what to fix. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description A server error; `requestId` identifies it in the logs. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        code: number;
                        message: string;
                        result: {
                            records: {
                                /** @description false after the member left WeCom or the configuration was removed */
                                active: boolean;
                                /** Format: date-time */
                                boundAt: string;
                                /** @description binding id; null for a link request waiting for the owner */
                                id: number | null;
                                /** @description the link request (state awaiting_owner) */
                                linkRequestId: number | null;
                                /** @description membership in this tenant: 1 normal, 2 quit (离职), 3 pending (审核中), 4 refused; null = none (outside the tenant) */
                                membershipStatus: number | null;
                                /** @description the account is outside this tenant: it is not named (userId, username, realname null) */
                                outsider: boolean;
                                /** @description the name this tenant shows (a shared account's display name) */
                                realname: string | null;
                                /** @description `awaiting_owner`: a link request the account's owner has not accepted yet (nothing is bound) */
                                state: "bound" | "awaiting_owner";
                                /** @description null when the account is outside this tenant */
                                userId: number | null;
                                username: string | null;
                                /** @description name in WeCom at the last sync */
                                wechatName: string;
                                /** @description WeCom userid (成员账号) */
                                wechatUserId: string;
                            }[];
                            total: number;
                        };
                        success: boolean;
                        /** @description epoch ms */
                        timestamp: number;
                    };
                };
            };
            /** @description The request is invalid (body, query, path or header): `message` says what to fix, `details` may name the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description No X-Access-Token, or it is unknown, expired or revoked: sign in (again) or use a valid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Not allowed: the caller is not an (admin) member of the tenant, the account is frozen, must change its password first, or its session or key does not reach this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    deleteThirdAppBinding: {
        parameters: {
            query?: never;
            header?: {
                /** @description Tenant id; defaults to the session tenant chosen at login */
                "x-tenant-id"?: string;
            };
            path: {
                /** @description binding id */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Another client error; `message` says what to fix. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description A server error; `requestId` identifies it in the logs. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        code: number;
                        message: string;
                        /** @enum {object|null} */
                        result: never | null;
                        success: boolean;
                        /** @description epoch ms */
                        timestamp: number;
                    };
                };
            };
            /** @description The request is invalid (body, query, path or header): `message` says what to fix, `details` may name the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description No X-Access-Token, or it is unknown, expired or revoked: sign in (again) or use a valid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Not allowed: the caller is not an (admin) member of the tenant, the account is frozen, must change its password first, or its session or key does not reach this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Nothing with this id in the current tenant (rows of other tenants read as not found). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    removeThirdAppBindingsBatch: {
        parameters: {
            query?: never;
            header?: {
                /** @description Tenant id; defaults to the session tenant chosen at login */
                "x-tenant-id"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "userIds": [
                 *         41,
                 *         42
                 *       ]
                 *     }
                 */
                "application/json": {
                    /** @description Third-party platform: `wechat_enterprise` = WeCom (企业微信), `dingtalk` = DingTalk (钉钉); GET /sys/thirdApp/connectors lists the ones this server supports */
                    thirdType?: "wechat_enterprise" | "dingtalk" | "feishu";
                    /** @description 1 to 200 distinct user ids */
                    userIds: number[];
                };
            };
        };
        responses: {
            /** @description Another client error; `message` says what to fix. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description A server error; `requestId` identifies it in the logs. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": true,
                     *       "message": "",
                     *       "code": 200,
                     *       "result": {
                     *         "done": 1,
                     *         "failed": 1,
                     *         "items": [
                     *           {
                     *             "id": 41,
                     *             "ok": true,
                     *             "errorCode": null,
                     *             "message": null
                     *           },
                     *           {
                     *             "id": 42,
                     *             "ok": false,
                     *             "errorCode": "bindings.not_found",
                     *             "message": "Binding not found in the current tenant."
                     *           }
                     *         ]
                     *       },
                     *       "timestamp": 1767225600000
                     *     }
                     */
                    "application/json": {
                        code: number;
                        message: string;
                        result: {
                            /** @description items applied */
                            done: number;
                            /** @description items refused (nothing written for them) */
                            failed: number;
                            /** @description one per id, in the order sent */
                            items: {
                                /** @description why this item was refused (the same code as the single action) */
                                errorCode: string | null;
                                /** @description the item as sent */
                                id: number;
                                message: string | null;
                                ok: boolean;
                            }[];
                        };
                        success: boolean;
                        /** @description epoch ms */
                        timestamp: number;
                    };
                };
            };
            /** @description The request is invalid (body, query, path or header): `message` says what to fix, `details` may name the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description No X-Access-Token, or it is unknown, expired or revoked: sign in (again) or use a valid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Not allowed: the caller is not an (admin) member of the tenant, the account is frozen, must change its password first, or its session or key does not reach this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    exportThirdAppBindings: {
        parameters: {
            query?: {
                keyword?: string;
                /** @description Third-party platform: `wechat_enterprise` = WeCom (企业微信), `dingtalk` = DingTalk (钉钉); GET /sys/thirdApp/connectors lists the ones this server supports */
                thirdType?: "wechat_enterprise" | "dingtalk" | "feishu";
            };
            header?: {
                /** @description Tenant id; defaults to the session tenant chosen at login */
                "x-tenant-id"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Another client error; `message` says what to fix. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description A server error; `requestId` identifies it in the logs. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description the CSV file */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": string;
                };
            };
            /** @description The request is invalid (body, query, path or header): `message` says what to fix, `details` may name the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description No X-Access-Token, or it is unknown, expired or revoked: sign in (again) or use a valid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Not allowed: the caller is not an (admin) member of the tenant, the account is frozen, must change its password first, or its session or key does not reach this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    wecomCallbackVerify: {
        parameters: {
            query?: {
                /** @description WeCom: encrypted echo */
                echostr?: string;
                /** @description WeCom: SHA-1 hex */
                msg_signature?: string;
                nonce?: string;
                timestamp?: string;
            };
            header?: never;
            path: {
                /** @description tenant id (0 = default tenant) */
                tenantId: number;
                /**
                 * @description The provider: `wechat_enterprise` (WeCom); an unknown one answers 404.
                 * @example wechat_enterprise
                 */
                thirdType: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Another client error; `message` says what to fix. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description A server error; `requestId` identifies it in the logs. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description WeCom: the decrypted echostr, as WeCom expects. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
            /** @description The request is invalid (body, query, path or header): `message` says what to fix, `details` may name the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Nothing with this id in the current tenant (rows of other tenants read as not found). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    wecomCallbackEvent: {
        parameters: {
            query?: {
                /** @description WeCom: SHA-1 hex */
                msg_signature?: string;
                nonce?: string;
                timestamp?: string;
            };
            header?: never;
            path: {
                /** @description tenant id (0 = default tenant) */
                tenantId: number;
                /**
                 * @description The provider: `wechat_enterprise` (WeCom); an unknown one answers 404.
                 * @example wechat_enterprise
                 */
                thirdType: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": string;
                "application/xml": string;
                "text/xml": string;
            };
        };
        responses: {
            /** @description Another client error; `message` says what to fix. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description A server error; `requestId` identifies it in the logs. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description WeCom: `success`, as WeCom expects. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
            /** @description The request is invalid (body, query, path or header): `message` says what to fix, `details` may name the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Nothing with this id in the current tenant (rows of other tenants read as not found). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description The request body is too large. The body is larger than 64 KiB. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    getThirdAppConfig: {
        parameters: {
            query?: {
                /** @description Third-party platform: `wechat_enterprise` = WeCom (企业微信), `dingtalk` = DingTalk (钉钉); GET /sys/thirdApp/connectors lists the ones this server supports */
                thirdType?: "wechat_enterprise" | "dingtalk" | "feishu";
            };
            header?: {
                /** @description Tenant id; defaults to the session tenant chosen at login */
                "x-tenant-id"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Another client error; `message` says what to fix. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description A server error; `requestId` identifies it in the logs. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        code: number;
                        message: string;
                        result: ({
                            /** @description WeCom app AgentId */
                            agentId: number;
                            /** @description Callback Token: up to 32 letters or digits (generated when omitted) */
                            callbackToken: string;
                            callbackUrl: string;
                            /** @description WeCom CorpID (企业ID), labelled AppKey */
                            clientId: string;
                            /** @description Masked: "******" + last 4 */
                            clientSecret: string;
                            /** @description Masked: "******" + last 4 */
                            contactSecret: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** @description The caller address the provider named at the last diagnostics (`from ip:`) */
                            egressIp: string | null;
                            /** Format: date-time */
                            egressIpSeenAt: string | null;
                            /** @description This connection’s egress proxy, password shown as `******`; null = none (WECOM_PROXY, if set, applies) */
                            egressProxy: string | null;
                            enabled: boolean;
                            /** @description Callback EncodingAESKey: exactly 43 letters or digits (generated when omitted) */
                            encodingAesKey: string;
                            /** @description App home page to paste into the provider: <PUBLIC_URL>/tenantId/<id> */
                            homeUrl: string;
                            id: number;
                            syncPolicy: {
                                /** @description Send the WeCom-bound admins an interactive card (同意 / 拒绝) when someone asks to join or becomes pending (审核中); default true */
                                approvalCards: boolean;
                                /** @description Password of accounts created by sync. `wecom-only` (default for new connections): no password until the member sets one after a WeCom sign-in. `same-as-username` (the seed's rule, forced change at first sign-in) risks that anyone who knows the house number and a WeCom userid claims the account first. `random`: shown once to the admin */
                                initialPassword: "same-as-username" | "random" | "wecom-only";
                                /** @description Share of bound members a sync may mark as left before it asks for confirmation */
                                massChangeThreshold: number;
                                /** @description Scheduled sync: a 5-field cron expression in Beijing time (Asia/Shanghai), e.g. "0 2 * * *" = every day at 02:00; runs at least 15 minutes apart; null = off */
                                schedule: string | null;
                                /** @description In-app sign-in scope: `base` (default) = snsapi_base, silent, userid only; `privateinfo` = snsapi_privateinfo, the member confirms once and the mobile/email they consent to are kept on their binding (needs the sensitive fields enabled in the WeCom app). QR/web login is always snsapi_base */
                                signInScope: "base" | "privateinfo";
                                unboundLogin: "refuse" | "link" | "create";
                            };
                            /** @enum {string} */
                            thirdType: "wechat_enterprise";
                            /** @description Set when WeCom refused a call with 60020 (address not trusted); cleared by the next call that succeeds */
                            trustedIpAlert: {
                                /** @description The provider API that was refused */
                                api: string;
                                /** Format: date-time */
                                at: string;
                                /** @description The address to add to the app’s 企业可信IP (null if WeCom named none) */
                                ip: string | null;
                            } | null;
                            /** Format: date-time */
                            updatedAt: string;
                        } | {
                            /** @description AgentId */
                            agentId: number;
                            /** @description Event subscription aes_key */
                            callbackAesKey: string;
                            /** @description Event subscription token */
                            callbackToken: string;
                            callbackUrl: string;
                            /** @description Client ID (formerly AppKey) */
                            clientId: string;
                            /** @description Masked: "******" + last 4 */
                            clientSecret: string;
                            /** @description CorpId (organisation ID) */
                            corpId: string;
                            /** Format: date-time */
                            createdAt: string;
                            /** @description The caller address the provider named at the last diagnostics (`from ip:`) */
                            egressIp: string | null;
                            /** Format: date-time */
                            egressIpSeenAt: string | null;
                            /** @description This connection’s egress proxy, password shown as `******`; null = none (WECOM_PROXY, if set, applies) */
                            egressProxy: string | null;
                            enabled: boolean;
                            /** @description App home page to paste into the provider: <PUBLIC_URL>/tenantId/<id> */
                            homeUrl: string;
                            id: number;
                            /** @description API call rate limit (calls/s, optional) */
                            qps: number | null;
                            syncPolicy: {
                                /** @description Send the WeCom-bound admins an interactive card (同意 / 拒绝) when someone asks to join or becomes pending (审核中); default true */
                                approvalCards: boolean;
                                /** @description Password of accounts created by sync. `wecom-only` (default for new connections): no password until the member sets one after a WeCom sign-in. `same-as-username` (the seed's rule, forced change at first sign-in) risks that anyone who knows the house number and a WeCom userid claims the account first. `random`: shown once to the admin */
                                initialPassword: "same-as-username" | "random" | "wecom-only";
                                /** @description Share of bound members a sync may mark as left before it asks for confirmation */
                                massChangeThreshold: number;
                                /** @description Scheduled sync: a 5-field cron expression in Beijing time (Asia/Shanghai), e.g. "0 2 * * *" = every day at 02:00; runs at least 15 minutes apart; null = off */
                                schedule: string | null;
                                /** @description In-app sign-in scope: `base` (default) = snsapi_base, silent, userid only; `privateinfo` = snsapi_privateinfo, the member confirms once and the mobile/email they consent to are kept on their binding (needs the sensitive fields enabled in the WeCom app). QR/web login is always snsapi_base */
                                signInScope: "base" | "privateinfo";
                                unboundLogin: "refuse" | "link" | "create";
                            };
                            /** @enum {string} */
                            thirdType: "dingtalk";
                            /** @description Set when WeCom refused a call with 60020 (address not trusted); cleared by the next call that succeeds */
                            trustedIpAlert: {
                                /** @description The provider API that was refused */
                                api: string;
                                /** Format: date-time */
                                at: string;
                                /** @description The address to add to the app’s 企业可信IP (null if WeCom named none) */
                                ip: string | null;
                            } | null;
                            /** Format: date-time */
                            updatedAt: string;
                        }) | (never | null);
                        success: boolean;
                        /** @description epoch ms */
                        timestamp: number;
                    };
                };
            };
            /** @description The request is invalid (body, query, path or header): `message` says what to fix, `details` may name the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description No X-Access-Token, or it is unknown, expired or revoked: sign in (again) or use a valid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Not allowed: the caller is not an (admin) member of the tenant, the account is frozen, must change its password first, or its session or key does not reach this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    updateThirdAppConfig: {
        parameters: {
            query?: never;
            header?: {
                /** @description Tenant id; defaults to the session tenant chosen at login */
                "x-tenant-id"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "thirdType": "wechat_enterprise",
                 *       "agentId": 1000003,
                 *       "enabled": true
                 *     }
                 */
                "application/json": {
                    /** @description wechat_enterprise: WeCom app AgentId; dingtalk: AgentId */
                    agentId?: number;
                    /** @description dingtalk: Event subscription aes_key */
                    callbackAesKey?: string;
                    /** @description wechat_enterprise: Callback Token: up to 32 letters or digits (generated when omitted); dingtalk: Event subscription token */
                    callbackToken?: string;
                    /** @description wechat_enterprise: WeCom CorpID (企业ID), labelled AppKey; dingtalk: Client ID (formerly AppKey) */
                    clientId?: string;
                    /** @description wechat_enterprise: WeCom app Secret, labelled AppSecret; dingtalk: Client Secret (formerly AppSecret) */
                    clientSecret?: string;
                    /** @description wechat_enterprise: Contacts-sync Secret (optional) */
                    contactSecret?: string | null;
                    /** @description dingtalk: CorpId (organisation ID) */
                    corpId?: string;
                    /**
                     * @description Egress proxy `http://[user:pass@]host:port` (http or https scheme, host and port, no path) every provider server-API call of this connection goes through; wins over WECOM_PROXY. Stored sealed; read back with the password as `******` (sending that back keeps the stored password). null or "" removes it
                     * @example http://10.0.0.5:3128
                     */
                    egressProxy?: string | null;
                    enabled?: boolean;
                    /** @description wechat_enterprise: Callback EncodingAESKey: exactly 43 letters or digits (generated when omitted) */
                    encodingAesKey?: string;
                    /** @description dingtalk: API call rate limit (calls/s, optional) */
                    qps?: number | null;
                    syncPolicy?: {
                        /** @description Send the WeCom-bound admins an interactive card (同意 / 拒绝) when someone asks to join or becomes pending (审核中); default true */
                        approvalCards?: boolean;
                        /** @description Password of accounts created by sync. `wecom-only` (default for new connections): no password until the member sets one after a WeCom sign-in. `same-as-username` (the seed's rule, forced change at first sign-in) risks that anyone who knows the house number and a WeCom userid claims the account first. `random`: shown once to the admin */
                        initialPassword?: "same-as-username" | "random" | "wecom-only";
                        /** @description Share of bound members a sync may mark as left before it asks for confirmation */
                        massChangeThreshold?: number;
                        /** @description Scheduled sync: a 5-field cron expression in Beijing time (Asia/Shanghai), e.g. "0 2 * * *" = every day at 02:00; runs at least 15 minutes apart; null = off */
                        schedule?: string | null;
                        /** @description In-app sign-in scope: `base` (default) = snsapi_base, silent, userid only; `privateinfo` = snsapi_privateinfo, the member confirms once and the mobile/email they consent to are kept on their binding (needs the sensitive fields enabled in the WeCom app). QR/web login is always snsapi_base */
                        signInScope?: "base" | "privateinfo";
                        unboundLogin?: "refuse" | "link" | "create";
                    };
                    /** @description Third-party platform: `wechat_enterprise` = WeCom (企业微信), `dingtalk` = DingTalk (钉钉); GET /sys/thirdApp/connectors lists the ones this server supports */
                    thirdType: "wechat_enterprise" | "dingtalk" | "feishu";
                };
            };
        };
        responses: {
            /** @description Another client error; `message` says what to fix. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description A server error; `requestId` identifies it in the logs. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": true,
                     *       "message": "",
                     *       "code": 200,
                     *       "result": {
                     *         "id": 3,
                     *         "thirdType": "wechat_enterprise",
                     *         "agentId": 1000003,
                     *         "clientId": "ww1234567890abcdef",
                     *         "clientSecret": "******x9Qe",
                     *         "contactSecret": null,
                     *         "callbackUrl": "https://orgbridge.example.org/sys/thirdApp/callback/wechat_enterprise/7",
                     *         "callbackToken": "Q8bT2mV7xK1pR4sW",
                     *         "encodingAesKey": "aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5bC7dE9f",
                     *         "homeUrl": "https://orgbridge.example.org/tenantId/7",
                     *         "enabled": true,
                     *         "syncPolicy": {
                     *           "initialPassword": "wecom-only",
                     *           "massChangeThreshold": 0.2,
                     *           "schedule": "0 2 * * *",
                     *           "unboundLogin": "refuse",
                     *           "approvalCards": true,
                     *           "signInScope": "base"
                     *         },
                     *         "egressProxy": null,
                     *         "egressIp": null,
                     *         "egressIpSeenAt": null,
                     *         "trustedIpAlert": null,
                     *         "createdAt": "2026-01-01T08:00:00.000Z",
                     *         "updatedAt": "2026-01-02T08:00:00.000Z"
                     *       },
                     *       "timestamp": 1767225600000
                     *     }
                     */
                    "application/json": {
                        code: number;
                        message: string;
                        result: {
                            /** @description WeCom app AgentId */
                            agentId: number;
                            /** @description Callback Token: up to 32 letters or digits (generated when omitted) */
                            callbackToken: string;
                            callbackUrl: string;
                            /** @description WeCom CorpID (企业ID), labelled AppKey */
                            clientId: string;
                            /** @description Masked: "******" + last 4 */
                            clientSecret: string;
                            /** @description Masked: "******" + last 4 */
                            contactSecret: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** @description The caller address the provider named at the last diagnostics (`from ip:`) */
                            egressIp: string | null;
                            /** Format: date-time */
                            egressIpSeenAt: string | null;
                            /** @description This connection’s egress proxy, password shown as `******`; null = none (WECOM_PROXY, if set, applies) */
                            egressProxy: string | null;
                            enabled: boolean;
                            /** @description Callback EncodingAESKey: exactly 43 letters or digits (generated when omitted) */
                            encodingAesKey: string;
                            /** @description App home page to paste into the provider: <PUBLIC_URL>/tenantId/<id> */
                            homeUrl: string;
                            id: number;
                            syncPolicy: {
                                /** @description Send the WeCom-bound admins an interactive card (同意 / 拒绝) when someone asks to join or becomes pending (审核中); default true */
                                approvalCards: boolean;
                                /** @description Password of accounts created by sync. `wecom-only` (default for new connections): no password until the member sets one after a WeCom sign-in. `same-as-username` (the seed's rule, forced change at first sign-in) risks that anyone who knows the house number and a WeCom userid claims the account first. `random`: shown once to the admin */
                                initialPassword: "same-as-username" | "random" | "wecom-only";
                                /** @description Share of bound members a sync may mark as left before it asks for confirmation */
                                massChangeThreshold: number;
                                /** @description Scheduled sync: a 5-field cron expression in Beijing time (Asia/Shanghai), e.g. "0 2 * * *" = every day at 02:00; runs at least 15 minutes apart; null = off */
                                schedule: string | null;
                                /** @description In-app sign-in scope: `base` (default) = snsapi_base, silent, userid only; `privateinfo` = snsapi_privateinfo, the member confirms once and the mobile/email they consent to are kept on their binding (needs the sensitive fields enabled in the WeCom app). QR/web login is always snsapi_base */
                                signInScope: "base" | "privateinfo";
                                unboundLogin: "refuse" | "link" | "create";
                            };
                            /** @enum {string} */
                            thirdType: "wechat_enterprise";
                            /** @description Set when WeCom refused a call with 60020 (address not trusted); cleared by the next call that succeeds */
                            trustedIpAlert: {
                                /** @description The provider API that was refused */
                                api: string;
                                /** Format: date-time */
                                at: string;
                                /** @description The address to add to the app’s 企业可信IP (null if WeCom named none) */
                                ip: string | null;
                            } | null;
                            /** Format: date-time */
                            updatedAt: string;
                        } | {
                            /** @description AgentId */
                            agentId: number;
                            /** @description Event subscription aes_key */
                            callbackAesKey: string;
                            /** @description Event subscription token */
                            callbackToken: string;
                            callbackUrl: string;
                            /** @description Client ID (formerly AppKey) */
                            clientId: string;
                            /** @description Masked: "******" + last 4 */
                            clientSecret: string;
                            /** @description CorpId (organisation ID) */
                            corpId: string;
                            /** Format: date-time */
                            createdAt: string;
                            /** @description The caller address the provider named at the last diagnostics (`from ip:`) */
                            egressIp: string | null;
                            /** Format: date-time */
                            egressIpSeenAt: string | null;
                            /** @description This connection’s egress proxy, password shown as `******`; null = none (WECOM_PROXY, if set, applies) */
                            egressProxy: string | null;
                            enabled: boolean;
                            /** @description App home page to paste into the provider: <PUBLIC_URL>/tenantId/<id> */
                            homeUrl: string;
                            id: number;
                            /** @description API call rate limit (calls/s, optional) */
                            qps: number | null;
                            syncPolicy: {
                                /** @description Send the WeCom-bound admins an interactive card (同意 / 拒绝) when someone asks to join or becomes pending (审核中); default true */
                                approvalCards: boolean;
                                /** @description Password of accounts created by sync. `wecom-only` (default for new connections): no password until the member sets one after a WeCom sign-in. `same-as-username` (the seed's rule, forced change at first sign-in) risks that anyone who knows the house number and a WeCom userid claims the account first. `random`: shown once to the admin */
                                initialPassword: "same-as-username" | "random" | "wecom-only";
                                /** @description Share of bound members a sync may mark as left before it asks for confirmation */
                                massChangeThreshold: number;
                                /** @description Scheduled sync: a 5-field cron expression in Beijing time (Asia/Shanghai), e.g. "0 2 * * *" = every day at 02:00; runs at least 15 minutes apart; null = off */
                                schedule: string | null;
                                /** @description In-app sign-in scope: `base` (default) = snsapi_base, silent, userid only; `privateinfo` = snsapi_privateinfo, the member confirms once and the mobile/email they consent to are kept on their binding (needs the sensitive fields enabled in the WeCom app). QR/web login is always snsapi_base */
                                signInScope: "base" | "privateinfo";
                                unboundLogin: "refuse" | "link" | "create";
                            };
                            /** @enum {string} */
                            thirdType: "dingtalk";
                            /** @description Set when WeCom refused a call with 60020 (address not trusted); cleared by the next call that succeeds */
                            trustedIpAlert: {
                                /** @description The provider API that was refused */
                                api: string;
                                /** Format: date-time */
                                at: string;
                                /** @description The address to add to the app’s 企业可信IP (null if WeCom named none) */
                                ip: string | null;
                            } | null;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                        success: boolean;
                        /** @description epoch ms */
                        timestamp: number;
                    };
                };
            };
            /** @description The request is invalid (body, query, path or header): `message` says what to fix, `details` may name the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description No X-Access-Token, or it is unknown, expired or revoked: sign in (again) or use a valid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Not allowed: the caller is not an (admin) member of the tenant, the account is frozen, must change its password first, or its session or key does not reach this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description The tenant has no configuration yet. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Conflicts with the current state (a duplicate, a stale plan, a run already active). AppKey重复: the CorpID is connected to another tenant. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    createThirdAppConfig: {
        parameters: {
            query?: never;
            header?: {
                /** @description Tenant id; defaults to the session tenant chosen at login */
                "x-tenant-id"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "thirdType": "wechat_enterprise",
                 *       "agentId": 1000002,
                 *       "clientId": "ww1234567890abcdef",
                 *       "clientSecret": "kT9xQe2m-Rz7W_pL4sVb8nHc1yJd6fAu3gEo5iK0",
                 *       "enabled": true,
                 *       "syncPolicy": {
                 *         "initialPassword": "wecom-only",
                 *         "schedule": "0 2 * * *"
                 *       }
                 *     }
                 */
                "application/json": {
                    /** @description wechat_enterprise: WeCom app AgentId; dingtalk: AgentId */
                    agentId?: number;
                    /** @description dingtalk: Event subscription aes_key */
                    callbackAesKey?: string;
                    /** @description wechat_enterprise: Callback Token: up to 32 letters or digits (generated when omitted); dingtalk: Event subscription token */
                    callbackToken?: string;
                    /** @description wechat_enterprise: WeCom CorpID (企业ID), labelled AppKey; dingtalk: Client ID (formerly AppKey) */
                    clientId?: string;
                    /** @description wechat_enterprise: WeCom app Secret, labelled AppSecret; dingtalk: Client Secret (formerly AppSecret) */
                    clientSecret?: string;
                    /** @description wechat_enterprise: Contacts-sync Secret (optional) */
                    contactSecret?: string | null;
                    /** @description dingtalk: CorpId (organisation ID) */
                    corpId?: string;
                    /**
                     * @description Egress proxy `http://[user:pass@]host:port` (http or https scheme, host and port, no path) every provider server-API call of this connection goes through; wins over WECOM_PROXY. Stored sealed; read back with the password as `******` (sending that back keeps the stored password). null or "" removes it
                     * @example http://10.0.0.5:3128
                     */
                    egressProxy?: string | null;
                    enabled?: boolean;
                    /** @description wechat_enterprise: Callback EncodingAESKey: exactly 43 letters or digits (generated when omitted) */
                    encodingAesKey?: string;
                    /** @description dingtalk: API call rate limit (calls/s, optional) */
                    qps?: number | null;
                    syncPolicy?: {
                        /** @description Send the WeCom-bound admins an interactive card (同意 / 拒绝) when someone asks to join or becomes pending (审核中); default true */
                        approvalCards?: boolean;
                        /** @description Password of accounts created by sync. `wecom-only` (default for new connections): no password until the member sets one after a WeCom sign-in. `same-as-username` (the seed's rule, forced change at first sign-in) risks that anyone who knows the house number and a WeCom userid claims the account first. `random`: shown once to the admin */
                        initialPassword?: "same-as-username" | "random" | "wecom-only";
                        /** @description Share of bound members a sync may mark as left before it asks for confirmation */
                        massChangeThreshold?: number;
                        /** @description Scheduled sync: a 5-field cron expression in Beijing time (Asia/Shanghai), e.g. "0 2 * * *" = every day at 02:00; runs at least 15 minutes apart; null = off */
                        schedule?: string | null;
                        /** @description In-app sign-in scope: `base` (default) = snsapi_base, silent, userid only; `privateinfo` = snsapi_privateinfo, the member confirms once and the mobile/email they consent to are kept on their binding (needs the sensitive fields enabled in the WeCom app). QR/web login is always snsapi_base */
                        signInScope?: "base" | "privateinfo";
                        unboundLogin?: "refuse" | "link" | "create";
                    };
                    /** @description Third-party platform: `wechat_enterprise` = WeCom (企业微信), `dingtalk` = DingTalk (钉钉); GET /sys/thirdApp/connectors lists the ones this server supports */
                    thirdType: "wechat_enterprise" | "dingtalk" | "feishu";
                };
            };
        };
        responses: {
            /** @description Another client error; `message` says what to fix. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description A server error; `requestId` identifies it in the logs. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": true,
                     *       "message": "",
                     *       "code": 200,
                     *       "result": {
                     *         "id": 3,
                     *         "thirdType": "wechat_enterprise",
                     *         "agentId": 1000002,
                     *         "clientId": "ww1234567890abcdef",
                     *         "clientSecret": "******x9Qe",
                     *         "contactSecret": null,
                     *         "callbackUrl": "https://orgbridge.example.org/sys/thirdApp/callback/wechat_enterprise/7",
                     *         "callbackToken": "Q8bT2mV7xK1pR4sW",
                     *         "encodingAesKey": "aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5bC7dE9f",
                     *         "homeUrl": "https://orgbridge.example.org/tenantId/7",
                     *         "enabled": true,
                     *         "syncPolicy": {
                     *           "initialPassword": "wecom-only",
                     *           "massChangeThreshold": 0.2,
                     *           "schedule": "0 2 * * *",
                     *           "unboundLogin": "refuse",
                     *           "approvalCards": true,
                     *           "signInScope": "base"
                     *         },
                     *         "egressProxy": null,
                     *         "egressIp": null,
                     *         "egressIpSeenAt": null,
                     *         "trustedIpAlert": null,
                     *         "createdAt": "2026-01-01T08:00:00.000Z",
                     *         "updatedAt": "2026-01-01T08:00:00.000Z"
                     *       },
                     *       "timestamp": 1767225600000
                     *     }
                     */
                    "application/json": {
                        code: number;
                        message: string;
                        result: {
                            /** @description WeCom app AgentId */
                            agentId: number;
                            /** @description Callback Token: up to 32 letters or digits (generated when omitted) */
                            callbackToken: string;
                            callbackUrl: string;
                            /** @description WeCom CorpID (企业ID), labelled AppKey */
                            clientId: string;
                            /** @description Masked: "******" + last 4 */
                            clientSecret: string;
                            /** @description Masked: "******" + last 4 */
                            contactSecret: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** @description The caller address the provider named at the last diagnostics (`from ip:`) */
                            egressIp: string | null;
                            /** Format: date-time */
                            egressIpSeenAt: string | null;
                            /** @description This connection’s egress proxy, password shown as `******`; null = none (WECOM_PROXY, if set, applies) */
                            egressProxy: string | null;
                            enabled: boolean;
                            /** @description Callback EncodingAESKey: exactly 43 letters or digits (generated when omitted) */
                            encodingAesKey: string;
                            /** @description App home page to paste into the provider: <PUBLIC_URL>/tenantId/<id> */
                            homeUrl: string;
                            id: number;
                            syncPolicy: {
                                /** @description Send the WeCom-bound admins an interactive card (同意 / 拒绝) when someone asks to join or becomes pending (审核中); default true */
                                approvalCards: boolean;
                                /** @description Password of accounts created by sync. `wecom-only` (default for new connections): no password until the member sets one after a WeCom sign-in. `same-as-username` (the seed's rule, forced change at first sign-in) risks that anyone who knows the house number and a WeCom userid claims the account first. `random`: shown once to the admin */
                                initialPassword: "same-as-username" | "random" | "wecom-only";
                                /** @description Share of bound members a sync may mark as left before it asks for confirmation */
                                massChangeThreshold: number;
                                /** @description Scheduled sync: a 5-field cron expression in Beijing time (Asia/Shanghai), e.g. "0 2 * * *" = every day at 02:00; runs at least 15 minutes apart; null = off */
                                schedule: string | null;
                                /** @description In-app sign-in scope: `base` (default) = snsapi_base, silent, userid only; `privateinfo` = snsapi_privateinfo, the member confirms once and the mobile/email they consent to are kept on their binding (needs the sensitive fields enabled in the WeCom app). QR/web login is always snsapi_base */
                                signInScope: "base" | "privateinfo";
                                unboundLogin: "refuse" | "link" | "create";
                            };
                            /** @enum {string} */
                            thirdType: "wechat_enterprise";
                            /** @description Set when WeCom refused a call with 60020 (address not trusted); cleared by the next call that succeeds */
                            trustedIpAlert: {
                                /** @description The provider API that was refused */
                                api: string;
                                /** Format: date-time */
                                at: string;
                                /** @description The address to add to the app’s 企业可信IP (null if WeCom named none) */
                                ip: string | null;
                            } | null;
                            /** Format: date-time */
                            updatedAt: string;
                        } | {
                            /** @description AgentId */
                            agentId: number;
                            /** @description Event subscription aes_key */
                            callbackAesKey: string;
                            /** @description Event subscription token */
                            callbackToken: string;
                            callbackUrl: string;
                            /** @description Client ID (formerly AppKey) */
                            clientId: string;
                            /** @description Masked: "******" + last 4 */
                            clientSecret: string;
                            /** @description CorpId (organisation ID) */
                            corpId: string;
                            /** Format: date-time */
                            createdAt: string;
                            /** @description The caller address the provider named at the last diagnostics (`from ip:`) */
                            egressIp: string | null;
                            /** Format: date-time */
                            egressIpSeenAt: string | null;
                            /** @description This connection’s egress proxy, password shown as `******`; null = none (WECOM_PROXY, if set, applies) */
                            egressProxy: string | null;
                            enabled: boolean;
                            /** @description App home page to paste into the provider: <PUBLIC_URL>/tenantId/<id> */
                            homeUrl: string;
                            id: number;
                            /** @description API call rate limit (calls/s, optional) */
                            qps: number | null;
                            syncPolicy: {
                                /** @description Send the WeCom-bound admins an interactive card (同意 / 拒绝) when someone asks to join or becomes pending (审核中); default true */
                                approvalCards: boolean;
                                /** @description Password of accounts created by sync. `wecom-only` (default for new connections): no password until the member sets one after a WeCom sign-in. `same-as-username` (the seed's rule, forced change at first sign-in) risks that anyone who knows the house number and a WeCom userid claims the account first. `random`: shown once to the admin */
                                initialPassword: "same-as-username" | "random" | "wecom-only";
                                /** @description Share of bound members a sync may mark as left before it asks for confirmation */
                                massChangeThreshold: number;
                                /** @description Scheduled sync: a 5-field cron expression in Beijing time (Asia/Shanghai), e.g. "0 2 * * *" = every day at 02:00; runs at least 15 minutes apart; null = off */
                                schedule: string | null;
                                /** @description In-app sign-in scope: `base` (default) = snsapi_base, silent, userid only; `privateinfo` = snsapi_privateinfo, the member confirms once and the mobile/email they consent to are kept on their binding (needs the sensitive fields enabled in the WeCom app). QR/web login is always snsapi_base */
                                signInScope: "base" | "privateinfo";
                                unboundLogin: "refuse" | "link" | "create";
                            };
                            /** @enum {string} */
                            thirdType: "dingtalk";
                            /** @description Set when WeCom refused a call with 60020 (address not trusted); cleared by the next call that succeeds */
                            trustedIpAlert: {
                                /** @description The provider API that was refused */
                                api: string;
                                /** Format: date-time */
                                at: string;
                                /** @description The address to add to the app’s 企业可信IP (null if WeCom named none) */
                                ip: string | null;
                            } | null;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                        success: boolean;
                        /** @description epoch ms */
                        timestamp: number;
                    };
                };
            };
            /** @description The request is invalid (body, query, path or header): `message` says what to fix, `details` may name the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description No X-Access-Token, or it is unknown, expired or revoked: sign in (again) or use a valid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Not allowed: the caller is not an (admin) member of the tenant, the account is frozen, must change its password first, or its session or key does not reach this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Conflicts with the current state (a duplicate, a stale plan, a run already active). AppKey重复: the CorpID is connected to another tenant, or this tenant already has a configuration. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    deleteThirdAppConfig: {
        parameters: {
            query?: {
                /** @description Third-party platform: `wechat_enterprise` = WeCom (企业微信), `dingtalk` = DingTalk (钉钉); GET /sys/thirdApp/connectors lists the ones this server supports */
                thirdType?: "wechat_enterprise" | "dingtalk" | "feishu";
            };
            header?: {
                /** @description Tenant id; defaults to the session tenant chosen at login */
                "x-tenant-id"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Another client error; `message` says what to fix. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description A server error; `requestId` identifies it in the logs. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        code: number;
                        message: string;
                        /** @enum {object|null} */
                        result: never | null;
                        success: boolean;
                        /** @description epoch ms */
                        timestamp: number;
                    };
                };
            };
            /** @description The request is invalid (body, query, path or header): `message` says what to fix, `details` may name the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description No X-Access-Token, or it is unknown, expired or revoked: sign in (again) or use a valid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Not allowed: the caller is not an (admin) member of the tenant, the account is frozen, must change its password first, or its session or key does not reach this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description The tenant has no configuration. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    testThirdAppConfig: {
        parameters: {
            query?: {
                /** @description Third-party platform: `wechat_enterprise` = WeCom (企业微信), `dingtalk` = DingTalk (钉钉); GET /sys/thirdApp/connectors lists the ones this server supports */
                thirdType?: "wechat_enterprise" | "dingtalk" | "feishu";
            };
            header?: {
                /** @description Tenant id; defaults to the session tenant chosen at login */
                "x-tenant-id"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Another client error; `message` says what to fix. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description A server error; `requestId` identifies it in the logs. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        code: number;
                        message: string;
                        result: {
                            checks: {
                                error?: {
                                    fromIp?: string;
                                    providerCode: number;
                                    providerMessage: string;
                                };
                                explanation?: {
                                    en: {
                                        cause: string;
                                        fix: string;
                                        title: string;
                                    };
                                    "zh-CN": {
                                        cause: string;
                                        fix: string;
                                        title: string;
                                    };
                                };
                                facts?: {
                                    [key: string]: number | string | boolean;
                                };
                                id: string;
                                status: "ok" | "warn" | "fail" | "skipped";
                            }[];
                            /** @description The address WeCom sees this connection calling from (named in its errors as `from ip:`) */
                            egressIp?: string | null;
                            ok: boolean;
                        };
                        success: boolean;
                        /** @description epoch ms */
                        timestamp: number;
                    };
                };
            };
            /** @description The request is invalid (body, query, path or header): `message` says what to fix, `details` may name the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description No X-Access-Token, or it is unknown, expired or revoked: sign in (again) or use a valid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Not allowed: the caller is not an (admin) member of the tenant, the account is frozen, must change its password first, or its session or key does not reach this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description The tenant has no configuration. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    listThirdAppConnectors: {
        parameters: {
            query?: never;
            header?: {
                /** @description Tenant id; defaults to the session tenant chosen at login */
                "x-tenant-id"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Another client error; `message` says what to fix. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description A server error; `requestId` identifies it in the logs. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        code: number;
                        message: string;
                        result: {
                            /** @description `app` of sendMessageTest (`WECHAT_ENTERPRISE`…) */
                            appName: string;
                            capabilities: {
                                consentedDetail: boolean;
                                messaging: {
                                    maxArticles: number;
                                    maxBytes: {
                                        description?: number;
                                        markdown?: number;
                                        text?: number;
                                        title?: number;
                                        url?: number;
                                    };
                                    maxDepartmentsPerCall: number;
                                    maxUsersPerCall: number;
                                    outcome: "sync" | "async";
                                    perMemberLimit: {
                                        perDay?: number;
                                        perSecond?: number;
                                        sameContentPerDay?: number;
                                    } | null;
                                    recall: boolean;
                                    toAll: boolean;
                                    types: ("text" | "markdown" | "card" | "news" | "interactive")[];
                                };
                                outsideRange: boolean;
                            };
                            formItems: {
                                help?: {
                                    en: string;
                                    "zh-CN": string;
                                };
                                /** @description The settings key, also the API body field */
                                key: string;
                                label: {
                                    en: string;
                                    "zh-CN": string;
                                };
                                /** @description A JavaScript regular expression */
                                pattern?: string;
                                placeholder?: string;
                                required: boolean;
                                /** @description `secret`: read back masked, sending the mask back keeps it; `generated`: made by the server when omitted, shown for copying into the provider */
                                type: "text" | "number" | "secret" | "generated";
                            }[];
                            names: {
                                en: string;
                                "zh-CN": string;
                            };
                            /** @description The API spelling (`wechat_enterprise`, `dingtalk`…) */
                            thirdType: string;
                        }[];
                        success: boolean;
                        /** @description epoch ms */
                        timestamp: number;
                    };
                };
            };
            /** @description The request is invalid (body, query, path or header): `message` says what to fix, `details` may name the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description No X-Access-Token, or it is unknown, expired or revoked: sign in (again) or use a valid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Not allowed: the caller is not an (admin) member of the tenant, the account is frozen, must change its password first, or its session or key does not reach this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    cancelThirdAppLinkRequest: {
        parameters: {
            query?: never;
            header?: {
                /** @description Tenant id; defaults to the session tenant chosen at login */
                "x-tenant-id"?: string;
            };
            path: {
                /** @description link request id */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Another client error; `message` says what to fix. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description A server error; `requestId` identifies it in the logs. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        code: number;
                        message: string;
                        /** @enum {object|null} */
                        result: never | null;
                        success: boolean;
                        /** @description epoch ms */
                        timestamp: number;
                    };
                };
            };
            /** @description The request is invalid (body, query, path or header): `message` says what to fix, `details` may name the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description No X-Access-Token, or it is unknown, expired or revoked: sign in (again) or use a valid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Not allowed: the caller is not an (admin) member of the tenant, the account is frozen, must change its password first, or its session or key does not reach this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Nothing with this id in the current tenant (rows of other tenants read as not found). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    listMessages: {
        parameters: {
            query?: {
                page?: number;
                pageSize?: number;
                source?: "push_api" | "composer" | "approval_card";
                status?: "sending" | "sent" | "partial" | "failed" | "not_sent" | "unknown";
            };
            header?: {
                /** @description Tenant id; defaults to the session tenant chosen at login */
                "x-tenant-id"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Another client error; `message` says what to fix. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description A server error; `requestId` identifies it in the logs. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        code: number;
                        message: string;
                        result: {
                            records: {
                                counts: {
                                    delivered: number;
                                    failed: number;
                                    invalid: number;
                                    pending: number;
                                    read: number;
                                    throttled: number;
                                    unbound: number;
                                    unknown: number;
                                };
                                /** Format: date-time */
                                createdAt: string;
                                error: {
                                    errcode: number;
                                    errmsg: string;
                                    explanation?: {
                                        [key: string]: {
                                            cause: string;
                                            fix: string;
                                            title: string;
                                        };
                                    };
                                    kind: string;
                                } | null;
                                id: number;
                                msgIds: string[];
                                msgtype: string;
                                recallable: boolean;
                                /** Format: date-time */
                                recalledAt: string | null;
                                senderUsername: string;
                                source: "push_api" | "composer" | "approval_card";
                                status: "sending" | "sent" | "partial" | "failed" | "not_sent" | "unknown";
                                summary: string;
                                target: {
                                    toAll: boolean;
                                    toDepartments: number[];
                                    toUsers: string[];
                                };
                            }[];
                            total: number;
                        };
                        success: boolean;
                        /** @description epoch ms */
                        timestamp: number;
                    };
                };
            };
            /** @description The request is invalid (body, query, path or header): `message` says what to fix, `details` may name the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description No X-Access-Token, or it is unknown, expired or revoked: sign in (again) or use a valid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Not allowed: the caller is not an (admin) member of the tenant, the account is frozen, must change its password first, or its session or key does not reach this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    sendMessage: {
        parameters: {
            query?: never;
            header?: {
                /** @description Tenant id; defaults to the session tenant chosen at login */
                "x-tenant-id"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description text / markdown: ≤2048 UTF-8 bytes */
                    content?: string;
                    duplicateCheckInterval?: number;
                    enableDuplicateCheck?: boolean;
                    msgtype: "text" | "markdown" | "textcard" | "news" | "template_card";
                    news?: {
                        articles: {
                            /** @description ≤512 bytes */
                            description?: string;
                            picurl?: string;
                            /** @description ≤128 bytes */
                            title: string;
                            /** @description http(s) URL, or a path of this site ("/…") which is wrapped in WeCom OAuth */
                            url?: string;
                        }[];
                    };
                    /** @description no sharing, watermark (WeCom safe=1) */
                    safe?: boolean;
                    template_card?: {
                        /** @description where a tap on the card leads */
                        card_action: {
                            /** @description http(s) URL, or a path of this site ("/…") which is wrapped in WeCom OAuth */
                            url: string;
                        };
                        card_image?: {
                            aspect_ratio?: number;
                            url: string;
                        };
                        card_type: "text_notice" | "news_notice";
                        emphasis_content?: {
                            desc?: string;
                            title?: string;
                        };
                        horizontal_content_list?: {
                            keyname: string;
                            /** @description http(s) URL, or a path of this site ("/…") which is wrapped in WeCom OAuth */
                            url?: string;
                            value?: string;
                        }[];
                        jump_list?: {
                            title: string;
                            /** @description http(s) URL, or a path of this site ("/…") which is wrapped in WeCom OAuth */
                            url: string;
                        }[];
                        main_title?: {
                            desc?: string;
                            title?: string;
                        };
                        source?: {
                            desc?: string;
                            desc_color?: number;
                            icon_url?: string;
                        };
                        sub_title_text?: string;
                        vertical_content_list?: {
                            desc?: string;
                            title?: string;
                        }[];
                    };
                    textcard?: {
                        /** @description ≤4 characters, default 详情 */
                        btntxt?: string;
                        /** @description ≤512 bytes; <div class="gray|normal|highlight"> allowed */
                        description: string;
                        /** @description ≤128 bytes */
                        title: string;
                        /** @description http(s) URL, or a path of this site ("/…") which is wrapped in WeCom OAuth */
                        url: string;
                    };
                    /** @description Third-party platform: `wechat_enterprise` = WeCom (企业微信), `dingtalk` = DingTalk (钉钉); GET /sys/thirdApp/connectors lists the ones this server supports */
                    thirdType?: "wechat_enterprise" | "dingtalk" | "feishu";
                    toAll?: boolean;
                    toDepartments?: number[];
                    toUsers?: string[];
                };
            };
        };
        responses: {
            /** @description Another client error; `message` says what to fix. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description A server error; `requestId` identifies it in the logs. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        code: number;
                        message: string;
                        result: {
                            departments: {
                                delivered: number[];
                                invalid: number[];
                                /** @description departments unknown or not mirrored from WeCom (no external id) */
                                unbound: number[];
                            };
                            messageId: number;
                            msgid: string;
                            /** @description WeCom's msgid of every accepted batch (of at most 1000 users) */
                            msgIds: string[];
                            /** @description With accepted_log_pending: what happened and what to do (zh-CN, en) */
                            notice?: string;
                            recipients: {
                                delivered: string[];
                                failed: string[];
                                invalid: string[];
                                throttled: string[];
                                unbound: string[];
                            };
                            /** @description sent / partial, or accepted_log_pending: WeCom accepted the message but the log entry is not stored yet — do not send it again */
                            status: "sending" | "sent" | "partial" | "failed" | "not_sent" | "unknown" | "accepted_log_pending";
                            toAll: boolean;
                        };
                        success: boolean;
                        /** @description epoch ms */
                        timestamp: number;
                    };
                };
            };
            /** @description The request is invalid (body, query, path or header): `message` says what to fix, `details` may name the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description No X-Access-Token, or it is unknown, expired or revoked: sign in (again) or use a valid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Not allowed: the caller is not an (admin) member of the tenant, the account is frozen, must change its password first, or its session or key does not reach this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description The tenant has no enabled WeCom configuration, or a department is not in it. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description The connector (WeCom) refused the request; `details` carry its code and an explanation. WeCom refused every receiver. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Too many attempts: wait `Retry-After` seconds. Every receiver is over WeCom’s per-member limit. */
            429: {
                headers: {
                    /** @description seconds until the next attempt may go ahead */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description The connector (WeCom) could not be reached or answered badly; `details` say what to check. WeCom refused the message or could not be reached. */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    getMessage: {
        parameters: {
            query?: never;
            header?: {
                /** @description Tenant id; defaults to the session tenant chosen at login */
                "x-tenant-id"?: string;
            };
            path: {
                /** @description message id */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Another client error; `message` says what to fix. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description A server error; `requestId` identifies it in the logs. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        code: number;
                        message: string;
                        result: {
                            content: {
                                [key: string]: unknown;
                            };
                            counts: {
                                delivered: number;
                                failed: number;
                                invalid: number;
                                pending: number;
                                read: number;
                                throttled: number;
                                unbound: number;
                                unknown: number;
                            };
                            /** Format: date-time */
                            createdAt: string;
                            departments: {
                                delivered: number[];
                                invalid: number[];
                                /** @description departments unknown or not mirrored from WeCom (no external id) */
                                unbound: number[];
                            } | null;
                            error: {
                                errcode: number;
                                errmsg: string;
                                explanation?: {
                                    [key: string]: {
                                        cause: string;
                                        fix: string;
                                        title: string;
                                    };
                                };
                                kind: string;
                            } | null;
                            id: number;
                            msgIds: string[];
                            msgtype: string;
                            recallable: boolean;
                            /** Format: date-time */
                            recalledAt: string | null;
                            recipients: {
                                msgid: string | null;
                                outcome: "pending" | "delivered" | "invalid" | "unbound" | "throttled" | "failed" | "unknown" | "read";
                                userId: number | null;
                                username: string;
                                wechatUserId: string | null;
                            }[];
                            senderUsername: string;
                            source: "push_api" | "composer" | "approval_card";
                            status: "sending" | "sent" | "partial" | "failed" | "not_sent" | "unknown";
                            summary: string;
                            target: {
                                toAll: boolean;
                                toDepartments: number[];
                                toUsers: string[];
                            };
                        };
                        success: boolean;
                        /** @description epoch ms */
                        timestamp: number;
                    };
                };
            };
            /** @description The request is invalid (body, query, path or header): `message` says what to fix, `details` may name the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description No X-Access-Token, or it is unknown, expired or revoked: sign in (again) or use a valid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Not allowed: the caller is not an (admin) member of the tenant, the account is frozen, must change its password first, or its session or key does not reach this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Nothing with this id in the current tenant (rows of other tenants read as not found). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    recallMessage: {
        parameters: {
            query?: never;
            header?: {
                /** @description Tenant id; defaults to the session tenant chosen at login */
                "x-tenant-id"?: string;
            };
            path: {
                /** @description message id */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Another client error; `message` says what to fix. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description A server error; `requestId` identifies it in the logs. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        code: number;
                        message: string;
                        result: {
                            id: number;
                            /** Format: date-time */
                            recalledAt: string;
                        };
                        success: boolean;
                        /** @description epoch ms */
                        timestamp: number;
                    };
                };
            };
            /** @description The request is invalid (body, query, path or header): `message` says what to fix, `details` may name the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description No X-Access-Token, or it is unknown, expired or revoked: sign in (again) or use a valid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Not allowed: the caller is not an (admin) member of the tenant, the account is frozen, must change its password first, or its session or key does not reach this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Nothing with this id in the current tenant (rows of other tenants read as not found). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Conflicts with the current state (a duplicate, a stale plan, a run already active). Already recalled, or outside WeCom’s 24 h window. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description The connector (WeCom) could not be reached or answered badly; `details` say what to check. WeCom refused the recall or could not be reached. */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    messageAudience: {
        parameters: {
            query?: {
                /** @description Third-party platform: `wechat_enterprise` = WeCom (企业微信), `dingtalk` = DingTalk (钉钉); GET /sys/thirdApp/connectors lists the ones this server supports */
                thirdType?: "wechat_enterprise" | "dingtalk" | "feishu";
            };
            header?: {
                /** @description Tenant id; defaults to the session tenant chosen at login */
                "x-tenant-id"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Another client error; `message` says what to fix. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description A server error; `requestId` identifies it in the logs. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        code: number;
                        message: string;
                        result: {
                            /** @description members of this tenant with an active binding to the configured corp, active (1) and not frozen */
                            boundActive: number;
                            thirdType: string;
                        };
                        success: boolean;
                        /** @description epoch ms */
                        timestamp: number;
                    };
                };
            };
            /** @description The request is invalid (body, query, path or header): `message` says what to fix, `details` may name the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description No X-Access-Token, or it is unknown, expired or revoked: sign in (again) or use a valid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Not allowed: the caller is not an (admin) member of the tenant, the account is frozen, must change its password first, or its session or key does not reach this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    exportMessages: {
        parameters: {
            query?: {
                source?: "push_api" | "composer" | "approval_card";
                status?: "sending" | "sent" | "partial" | "failed" | "not_sent" | "unknown";
            };
            header?: {
                /** @description Tenant id; defaults to the session tenant chosen at login */
                "x-tenant-id"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Another client error; `message` says what to fix. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description A server error; `requestId` identifies it in the logs. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description the CSV file */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": string;
                };
            };
            /** @description The request is invalid (body, query, path or header): `message` says what to fix, `details` may name the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description No X-Access-Token, or it is unknown, expired or revoked: sign in (again) or use a valid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Not allowed: the caller is not an (admin) member of the tenant, the account is frozen, must change its password first, or its session or key does not reach this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    sendMessageTest: {
        parameters: {
            query?: never;
            header?: {
                /** @description Tenant id; defaults to the session tenant chosen at login */
                "x-tenant-id"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "app": "WECHAT_ENTERPRISE",
                 *       "receiver": "zhangsan,lisi",
                 *       "sendAll": false,
                 *       "content": "今晚 20:00 系统维护，请提前保存工作。"
                 *     }
                 */
                "application/json": {
                    /** @description The connector, by its JeecgBoot name (case-insensitive): `WECHAT_ENTERPRISE`, and `DINGTALK` / `FEISHU` where this server has them; anything else is refused with 400 naming the ones it has */
                    app: string;
                    /** @description Required text; at most the connector's limit in UTF-8 bytes (WeCom: 2048 for text and markdown) */
                    content: string;
                    /** @description `text` (the default) or `markdown`, as in JeecgBoot; refused with 400 where the connector lacks it */
                    msgType?: string;
                    /** @description Comma-separated system usernames (trimmed, duplicates removed), resolved through the tenant's WeCom bindings. `@all` is the same as sendAll. */
                    receiver?: string;
                    /** @description true → WeCom `@all` (everyone in the app's visible range). A boolean, or the text "true"/"false" (any case), which is what a form sends */
                    sendAll?: boolean | string;
                    /** @description Markdown title, for providers that show one (default: its first line) */
                    title?: string;
                };
                /**
                 * @example {
                 *       "app": "WECHAT_ENTERPRISE",
                 *       "receiver": "zhangsan,lisi",
                 *       "sendAll": false,
                 *       "content": "今晚 20:00 系统维护，请提前保存工作。"
                 *     }
                 */
                "application/x-www-form-urlencoded": {
                    /** @description The connector, by its JeecgBoot name (case-insensitive): `WECHAT_ENTERPRISE`, and `DINGTALK` / `FEISHU` where this server has them; anything else is refused with 400 naming the ones it has */
                    app: string;
                    /** @description Required text; at most the connector's limit in UTF-8 bytes (WeCom: 2048 for text and markdown) */
                    content: string;
                    /** @description `text` (the default) or `markdown`, as in JeecgBoot; refused with 400 where the connector lacks it */
                    msgType?: string;
                    /** @description Comma-separated system usernames (trimmed, duplicates removed), resolved through the tenant's WeCom bindings. `@all` is the same as sendAll. */
                    receiver?: string;
                    /** @description true → WeCom `@all` (everyone in the app's visible range). A boolean, or the text "true"/"false" (any case), which is what a form sends */
                    sendAll?: boolean | string;
                    /** @description Markdown title, for providers that show one (default: its first line) */
                    title?: string;
                };
            };
        };
        responses: {
            /** @description Another client error; `message` says what to fix. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description A server error; `requestId` identifies it in the logs. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": true,
                     *       "message": "",
                     *       "code": 200,
                     *       "result": {
                     *         "messageId": 1024,
                     *         "msgid": "X3mZ8fGq1kLr0aBc",
                     *         "msgIds": [
                     *           "X3mZ8fGq1kLr0aBc"
                     *         ],
                     *         "status": "sent",
                     *         "toAll": false,
                     *         "errcode": 0,
                     *         "errmsg": "ok",
                     *         "sent": [
                     *           "zhangsan",
                     *           "lisi"
                     *         ],
                     *         "invalid": [],
                     *         "unbound": [],
                     *         "throttled": []
                     *       },
                     *       "timestamp": 1767225600000
                     *     }
                     */
                    "application/json": {
                        code: number;
                        message: string;
                        result: {
                            errcode: number;
                            errmsg: string;
                            /** @description usernames WeCom refused (its lower-cased `invaliduser` mapped back) */
                            invalid: string[];
                            /** @description id in the message log */
                            messageId: number;
                            /** @description WeCom's msgid (first batch); used for recall */
                            msgid: string;
                            /** @description WeCom's msgid of every accepted batch (of at most 1000 users) */
                            msgIds: string[];
                            /** @description With accepted_log_pending: what happened and what to do (zh-CN, en) */
                            notice?: string;
                            /** @description usernames WeCom accepted */
                            sent: string[];
                            /** @description sent / partial, or accepted_log_pending: WeCom accepted the message but the log entry is not stored yet — do not send it again */
                            status: "sending" | "sent" | "partial" | "failed" | "not_sent" | "unknown" | "accepted_log_pending";
                            /** @description usernames over the per-member limit (30/min, 1000/h); not sent */
                            throttled: string[];
                            /** @description true for an @all send: WeCom expands it to everyone in the app's visible range and names nobody, so `sent` is empty */
                            toAll: boolean;
                            /** @description usernames unknown, not active members, or without an active WeCom binding */
                            unbound: string[];
                        };
                        success: boolean;
                        /** @description epoch ms */
                        timestamp: number;
                    };
                };
            };
            /** @description The request is invalid (body, query, path or header): `message` says what to fix, `details` may name the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description No X-Access-Token, or it is unknown, expired or revoked: sign in (again) or use a valid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Not allowed: the caller is not an (admin) member of the tenant, the account is frozen, must change its password first, or its session or key does not reach this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description The tenant has no enabled WeCom configuration. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description The request body is not in an accepted media type. The body is neither JSON nor a URL-encoded form. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description The connector (WeCom) refused the request; `details` carry its code and an explanation. WeCom refused every receiver. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Too many attempts: wait `Retry-After` seconds. Every receiver is over WeCom’s per-member limit. */
            429: {
                headers: {
                    /** @description seconds until the next attempt may go ahead */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description The connector (WeCom) could not be reached or answered badly; `details` say what to check. WeCom refused the message or could not be reached. */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    applySync: {
        parameters: {
            query?: never;
            header?: {
                /** @description Tenant id; defaults to the session tenant chosen at login */
                "x-tenant-id"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "planId": "5f0c2a9e-8d1b-4c3a-9e7f-2b6d4a1c8e03",
                 *       "pairs": [
                 *         {
                 *           "wechatUserId": "ZhangSan",
                 *           "userId": 42
                 *         },
                 *         {
                 *           "wechatUserId": "LiSi",
                 *           "userId": null
                 *         }
                 *       ],
                 *       "exclude": []
                 *     }
                 */
                "application/json": {
                    /**
                     * @description WeCom members to leave out (排除): stored, so no later run (manual, scheduled, API or callback) creates, pairs or binds them until included again; the preview lists them (`excluded`, `members.exclusions`)
                     * @default []
                     */
                    exclude: string[];
                    /** @description Members left out earlier whose exclusion this apply lifts: created, or paired with the account given for them in `pairs` (picking an account for one lifts it too). 400 sync.include_invalid for a member that is not left out in this plan */
                    include?: string[];
                    /**
                     * @description The admin's choices: userId null = no account (create one). A row equal to the preview's (bound rows included) changes nothing, so a client may echo the preview's pairs to confirm the proposal as it is.
                     * @default []
                     */
                    pairs: {
                        userId: number | null;
                        /** @description WeCom userid (case-insensitive) */
                        wechatUserId: string;
                    }[];
                    planId: string;
                };
            };
        };
        responses: {
            /** @description Another client error; `message` says what to fix. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description A server error; `requestId` identifies it in the logs. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": true,
                     *       "message": "",
                     *       "code": 200,
                     *       "result": {
                     *         "runId": 12,
                     *         "status": "running"
                     *       },
                     *       "timestamp": 1767225600000
                     *     }
                     */
                    "application/json": {
                        code: number;
                        message: string;
                        result: {
                            runId: number;
                            status?: string;
                        };
                        success: boolean;
                        /** @description epoch ms */
                        timestamp: number;
                    };
                };
            };
            /** @description The request is invalid (body, query, path or header): `message` says what to fix, `details` may name the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description No X-Access-Token, or it is unknown, expired or revoked: sign in (again) or use a valid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Not allowed: the caller is not an (admin) member of the tenant, the account is frozen, must change its password first, or its session or key does not reach this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description No such plan in the current tenant. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Conflicts with the current state (a duplicate, a stale plan, a run already active). The plan is stale, expired or already applied, or a run is already active. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    previewSync: {
        parameters: {
            query?: never;
            header?: {
                /** @description Tenant id; defaults to the session tenant chosen at login */
                "x-tenant-id"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "thirdType": "wechat_enterprise"
                 *     }
                 */
                "application/json": {
                    /** @description Third-party platform: `wechat_enterprise` = WeCom (企业微信), `dingtalk` = DingTalk (钉钉); GET /sys/thirdApp/connectors lists the ones this server supports */
                    thirdType: "wechat_enterprise" | "dingtalk" | "feishu";
                };
            };
        };
        responses: {
            /** @description Another client error; `message` says what to fix. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description A server error; `requestId` identifies it in the logs. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": true,
                     *       "message": "",
                     *       "code": 200,
                     *       "result": {
                     *         "planId": "5f0c2a9e-8d1b-4c3a-9e7f-2b6d4a1c8e03",
                     *         "partial": false,
                     *         "problems": [],
                     *         "departments": {
                     *           "create": [
                     *             {
                     *               "extId": "2",
                     *               "name": "研发部",
                     *               "parentExtId": "1"
                     *             }
                     *           ],
                     *           "rename": [],
                     *           "move": [],
                     *           "reorder": [],
                     *           "remove": []
                     *         },
                     *         "members": {
                     *           "pairs": [
                     *             {
                     *               "wechatUserId": "ZhangSan",
                     *               "wechatName": "张三",
                     *               "wechatDepartmentIds": [
                     *                 "2"
                     *               ],
                     *               "wechatStatus": "active",
                     *               "wechatPosition": "工程师",
                     *               "wechatMobile": "138****5678",
                     *               "userId": 42,
                     *               "username": "zhangsan",
                     *               "realname": "张三",
                     *               "match": "username",
                     *               "ambiguous": false
                     *             },
                     *             {
                     *               "wechatUserId": "LiSi",
                     *               "wechatName": "李四",
                     *               "wechatDepartmentIds": [
                     *                 "2"
                     *               ],
                     *               "wechatStatus": "active",
                     *               "wechatPosition": null,
                     *               "wechatMobile": null,
                     *               "userId": null,
                     *               "username": null,
                     *               "realname": null,
                     *               "match": "none",
                     *               "ambiguous": false
                     *             }
                     *           ],
                     *           "unmatchedLocal": [],
                     *           "toCreate": [
                     *             "LiSi"
                     *           ],
                     *           "toPending": [],
                     *           "toLinkRequest": [],
                     *           "toUpdate": [],
                     *           "leavers": [],
                     *           "exclusions": [],
                     *           "departmentPaths": {
                     *             "2": "总部 / 研发部"
                     *           }
                     *         },
                     *         "counts": {
                     *           "create": 1,
                     *           "bind": 1,
                     *           "update": 0,
                     *           "leave": 0,
                     *           "linkRequests": 0
                     *         }
                     *       },
                     *       "timestamp": 1767225600000
                     *     }
                     */
                    "application/json": {
                        code: number;
                        message: string;
                        result: {
                            /** @description create, bind, update, leave, linkRequests (owners asked), linkRequestsCancelled, pending (always 0), ownerRefused, unpaired, … */
                            counts: {
                                [key: string]: number;
                            };
                            departments: {
                                create: {
                                    extId: string;
                                    name: string;
                                    parentExtId: string | null;
                                }[];
                                move: {
                                    extId: string;
                                    fromParentId: number | null;
                                    id: number;
                                    toParentExtId: string | null;
                                }[];
                                remove: {
                                    extId: string;
                                    id: number;
                                    name: string;
                                }[];
                                rename: {
                                    extId: string;
                                    from: string;
                                    id: number;
                                    to: string;
                                }[];
                                reorder: {
                                    extId: string;
                                    id: number;
                                    order: number;
                                }[];
                            };
                            /** @description lookups by mobile / e-mail (WeCom user/getuserid, user/get_userid_by_email) for own members still unmatched, when WeCom hides both; skipped = not made because the day’s error budget (half of WeCom’s 20 % of seats) is spent */
                            lookups?: {
                                budget: number;
                                budgetLeft: number;
                                cached: number;
                                failed: number;
                                hits: number;
                                made: number;
                                misses: number;
                                skipped: number;
                            };
                            members: {
                                /** @description WeCom department id → its path from the root ("总部 / 研发部"), for wechatDepartmentIds */
                                departmentPaths: {
                                    [key: string]: string;
                                };
                                /** @description every member left out (排除) for this corp, also those no longer in WeCom; undo with apply `include` */
                                exclusions: {
                                    wechatName: string;
                                    wechatUserId: string;
                                }[];
                                leavers: {
                                    reason: string;
                                    userId: number;
                                    wechatUserId: string;
                                }[];
                                pairs: {
                                    ambiguous: boolean;
                                    /** @description The account is not this tenant's own (shared, pending/refused/quit/invited member, or outside the tenant), or a link request is open: nothing is bound until its owner accepts */
                                    awaitingOwner?: boolean;
                                    /** @description members of this tenant only (never accounts outside it) */
                                    candidates?: number[];
                                    /** @description Left out by an admin (排除): no proposal, never created, paired or bound by a run until included again (apply `include`, or an account picked for it) */
                                    excluded?: boolean;
                                    /** @description `requested`: a link request for this member waits for the account owner */
                                    match: "bound" | "requested" | "username" | "mobile" | "email" | "name" | "none";
                                    /** @description An account outside this tenant matches: it is not named (userId, username, realname null); applying asks its owner, and no membership exists before the owner accepts */
                                    outsider?: boolean;
                                    /** @description The account owner refused the last link request: syncs do not ask again until an admin pairs the member by hand */
                                    ownerRefused?: boolean;
                                    realname: string | null;
                                    /** @description Unbound by an admin (移出, 已移出): no proposal, never bound or created by a sync; pairing it by hand in the apply decisions binds it again */
                                    unpaired?: boolean;
                                    userId: number | null;
                                    username: string | null;
                                    wechatDepartmentIds: string[];
                                    /** @description masked (138****5678), null when WeCom does not disclose it; never the full number */
                                    wechatMobile: string | null;
                                    wechatName: string;
                                    /** @description the member's position (职务) in WeCom */
                                    wechatPosition: string | null;
                                    wechatStatus: string;
                                    wechatUserId: string;
                                }[];
                                toCreate: string[];
                                /** @description WeCom members whose pairing asks the account's owner (link requests) */
                                toLinkRequest: string[];
                                /** @description always empty: a sync creates no pending memberships (see toLinkRequest) */
                                toPending: string[];
                                toUpdate: {
                                    fields: string[];
                                    userId: number;
                                    wechatUserId: string;
                                }[];
                                unmatchedLocal: {
                                    ambiguous: boolean;
                                    realname: string;
                                    userId: number;
                                    username: string;
                                }[];
                            };
                            partial: boolean;
                            planId: string;
                            problems: {
                                api: string;
                                explanation: unknown;
                                providerCode: number;
                            }[];
                        };
                        success: boolean;
                        /** @description epoch ms */
                        timestamp: number;
                    };
                };
            };
            /** @description The request is invalid (body, query, path or header): `message` says what to fix, `details` may name the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description No X-Access-Token, or it is unknown, expired or revoked: sign in (again) or use a valid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Not allowed: the caller is not an (admin) member of the tenant, the account is frozen, must change its password first, or its session or key does not reach this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description The tenant has no (enabled) configuration. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Conflicts with the current state (a duplicate, a stale plan, a run already active). A sync run of this tenant is active. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description The connector (WeCom) could not be reached or answered badly; `details` say what to check. WeCom refused or could not be reached; `details` carry errcode and the fix. */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    runSync: {
        parameters: {
            query?: never;
            header?: {
                /** @description Tenant id; defaults to the session tenant chosen at login */
                "x-tenant-id"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Third-party platform: `wechat_enterprise` = WeCom (企业微信), `dingtalk` = DingTalk (钉钉); GET /sys/thirdApp/connectors lists the ones this server supports */
                    thirdType: "wechat_enterprise" | "dingtalk" | "feishu";
                };
            };
        };
        responses: {
            /** @description Another client error; `message` says what to fix. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description A server error; `requestId` identifies it in the logs. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        code: number;
                        message: string;
                        result: {
                            runId: number;
                            status?: string;
                        };
                        success: boolean;
                        /** @description epoch ms */
                        timestamp: number;
                    };
                };
            };
            /** @description The request is invalid (body, query, path or header): `message` says what to fix, `details` may name the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description No X-Access-Token, or it is unknown, expired or revoked: sign in (again) or use a valid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Not allowed: the caller is not an (admin) member of the tenant, the account is frozen, must change its password first, or its session or key does not reach this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description The tenant has no (enabled) configuration. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Conflicts with the current state (a duplicate, a stale plan, a run already active). A sync run of this tenant is active. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    listSyncRuns: {
        parameters: {
            query?: {
                page?: number;
                pageSize?: number;
            };
            header?: {
                /** @description Tenant id; defaults to the session tenant chosen at login */
                "x-tenant-id"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Another client error; `message` says what to fix. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description A server error; `requestId` identifies it in the logs. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        code: number;
                        message: string;
                        result: {
                            records: {
                                actorUserId: number | null;
                                counts: {
                                    [key: string]: number;
                                };
                                createdAt: string;
                                error: {
                                    [key: string]: unknown;
                                } | null;
                                finishedAt: string | null;
                                hasPasswords: boolean;
                                id: number;
                                planId: string | null;
                                progress: {
                                    done: number;
                                    phase: string;
                                    total: number;
                                };
                                startedAt: string | null;
                                status: "planned" | "running" | "succeeded" | "failed" | "needs_confirmation" | "cancelled";
                                thirdType: string;
                                trigger: string;
                            }[];
                            total: number;
                        };
                        success: boolean;
                        /** @description epoch ms */
                        timestamp: number;
                    };
                };
            };
            /** @description The request is invalid (body, query, path or header): `message` says what to fix, `details` may name the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description No X-Access-Token, or it is unknown, expired or revoked: sign in (again) or use a valid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Not allowed: the caller is not an (admin) member of the tenant, the account is frozen, must change its password first, or its session or key does not reach this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    getSyncRun: {
        parameters: {
            query?: never;
            header?: {
                /** @description Tenant id; defaults to the session tenant chosen at login */
                "x-tenant-id"?: string;
            };
            path: {
                /** @description sync run id */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Another client error; `message` says what to fix. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description A server error; `requestId` identifies it in the logs. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        code: number;
                        message: string;
                        result: {
                            actorUserId: number | null;
                            counts: {
                                [key: string]: number;
                            };
                            createdAt: string;
                            error: {
                                [key: string]: unknown;
                            } | null;
                            finishedAt: string | null;
                            hasPasswords: boolean;
                            id: number;
                            planId: string | null;
                            progress: {
                                done: number;
                                phase: string;
                                total: number;
                            };
                            startedAt: string | null;
                            status: "planned" | "running" | "succeeded" | "failed" | "needs_confirmation" | "cancelled";
                            thirdType: string;
                            trigger: string;
                        };
                        success: boolean;
                        /** @description epoch ms */
                        timestamp: number;
                    };
                };
            };
            /** @description The request is invalid (body, query, path or header): `message` says what to fix, `details` may name the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description No X-Access-Token, or it is unknown, expired or revoked: sign in (again) or use a valid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Not allowed: the caller is not an (admin) member of the tenant, the account is frozen, must change its password first, or its session or key does not reach this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Nothing with this id in the current tenant (rows of other tenants read as not found). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    cancelSyncRun: {
        parameters: {
            query?: never;
            header?: {
                /** @description Tenant id; defaults to the session tenant chosen at login */
                "x-tenant-id"?: string;
            };
            path: {
                /** @description sync run id */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Another client error; `message` says what to fix. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description A server error; `requestId` identifies it in the logs. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        code: number;
                        message: string;
                        result: {
                            actorUserId: number | null;
                            counts: {
                                [key: string]: number;
                            };
                            createdAt: string;
                            error: {
                                [key: string]: unknown;
                            } | null;
                            finishedAt: string | null;
                            hasPasswords: boolean;
                            id: number;
                            planId: string | null;
                            progress: {
                                done: number;
                                phase: string;
                                total: number;
                            };
                            startedAt: string | null;
                            status: "planned" | "running" | "succeeded" | "failed" | "needs_confirmation" | "cancelled";
                            thirdType: string;
                            trigger: string;
                        };
                        success: boolean;
                        /** @description epoch ms */
                        timestamp: number;
                    };
                };
            };
            /** @description The request is invalid (body, query, path or header): `message` says what to fix, `details` may name the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description No X-Access-Token, or it is unknown, expired or revoked: sign in (again) or use a valid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Not allowed: the caller is not an (admin) member of the tenant, the account is frozen, must change its password first, or its session or key does not reach this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Nothing with this id in the current tenant (rows of other tenants read as not found). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    confirmSyncRun: {
        parameters: {
            query?: never;
            header?: {
                /** @description Tenant id; defaults to the session tenant chosen at login */
                "x-tenant-id"?: string;
            };
            path: {
                /** @description sync run id */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Another client error; `message` says what to fix. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description A server error; `requestId` identifies it in the logs. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        code: number;
                        message: string;
                        result: {
                            runId: number;
                            status?: string;
                        };
                        success: boolean;
                        /** @description epoch ms */
                        timestamp: number;
                    };
                };
            };
            /** @description The request is invalid (body, query, path or header): `message` says what to fix, `details` may name the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description No X-Access-Token, or it is unknown, expired or revoked: sign in (again) or use a valid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Not allowed: the caller is not an (admin) member of the tenant, the account is frozen, must change its password first, or its session or key does not reach this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Nothing with this id in the current tenant (rows of other tenants read as not found). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Conflicts with the current state (a duplicate, a stale plan, a run already active). The run is not waiting for a confirmation, or another run is active. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    syncRunEvents: {
        parameters: {
            query?: never;
            header?: {
                /** @description Tenant id; defaults to the session tenant chosen at login */
                "x-tenant-id"?: string;
            };
            path: {
                /** @description sync run id */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Another client error; `message` says what to fix. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description A server error; `requestId` identifies it in the logs. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Server-Sent Events: `event: progress` with the run (as GET /sys/thirdApp/sync/runs/{id}) as `data` whenever it changes, then `event: end`. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": string;
                };
            };
            /** @description The request is invalid (body, query, path or header): `message` says what to fix, `details` may name the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description No X-Access-Token, or it is unknown, expired or revoked: sign in (again) or use a valid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Not allowed: the caller is not an (admin) member of the tenant, the account is frozen, must change its password first, or its session or key does not reach this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Nothing with this id in the current tenant (rows of other tenants read as not found). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    listSyncRunItems: {
        parameters: {
            query?: {
                outcome?: "ok" | "failed" | "skipped";
                page?: number;
                pageSize?: number;
            };
            header?: {
                /** @description Tenant id; defaults to the session tenant chosen at login */
                "x-tenant-id"?: string;
            };
            path: {
                /** @description sync run id */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Another client error; `message` says what to fix. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description A server error; `requestId` identifies it in the logs. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        code: number;
                        message: string;
                        result: {
                            records: {
                                action: string;
                                extId: string;
                                id: number;
                                kind: string;
                                label: string;
                                message: string | null;
                                outcome: string;
                                providerCode: number | null;
                                reason: string;
                                userId: number | null;
                            }[];
                            total: number;
                        };
                        success: boolean;
                        /** @description epoch ms */
                        timestamp: number;
                    };
                };
            };
            /** @description The request is invalid (body, query, path or header): `message` says what to fix, `details` may name the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description No X-Access-Token, or it is unknown, expired or revoked: sign in (again) or use a valid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Not allowed: the caller is not an (admin) member of the tenant, the account is frozen, must change its password first, or its session or key does not reach this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Nothing with this id in the current tenant (rows of other tenants read as not found). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    exportSyncRunItems: {
        parameters: {
            query?: {
                outcome?: "ok" | "failed" | "skipped";
            };
            header?: {
                /** @description Tenant id; defaults to the session tenant chosen at login */
                "x-tenant-id"?: string;
            };
            path: {
                /** @description sync run id */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Another client error; `message` says what to fix. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description A server error; `requestId` identifies it in the logs. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description the CSV file */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": string;
                };
            };
            /** @description The request is invalid (body, query, path or header): `message` says what to fix, `details` may name the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description No X-Access-Token, or it is unknown, expired or revoked: sign in (again) or use a valid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Not allowed: the caller is not an (admin) member of the tenant, the account is frozen, must change its password first, or its session or key does not reach this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Nothing with this id in the current tenant (rows of other tenants read as not found). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    takeSyncRunPasswords: {
        parameters: {
            query?: never;
            header?: {
                /** @description Tenant id; defaults to the session tenant chosen at login */
                "x-tenant-id"?: string;
            };
            path: {
                /** @description sync run id */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Another client error; `message` says what to fix. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description A server error; `requestId` identifies it in the logs. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        code: number;
                        message: string;
                        result: {
                            records: {
                                password: string;
                                username: string;
                            }[];
                        };
                        success: boolean;
                        /** @description epoch ms */
                        timestamp: number;
                    };
                };
            };
            /** @description The request is invalid (body, query, path or header): `message` says what to fix, `details` may name the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description No X-Access-Token, or it is unknown, expired or revoked: sign in (again) or use a valid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Not allowed: the caller is not an (admin) member of the tenant, the account is frozen, must change its password first, or its session or key does not reach this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Nothing with this id in the current tenant (rows of other tenants read as not found). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Conflicts with the current state (a duplicate, a stale plan, a run already active). The passwords were already shown, or the policy generates none. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    listVerifyFiles: {
        parameters: {
            query?: never;
            header?: {
                /** @description Tenant id; defaults to the session tenant chosen at login */
                "x-tenant-id"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Another client error; `message` says what to fix. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description A server error; `requestId` identifies it in the logs. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        code: number;
                        message: string;
                        result: {
                            records: {
                                content: string;
                                /** Format: date-time */
                                createdAt: string;
                                fileName: string;
                                /** @description where it is served: the tenant's own host (when set) and PUBLIC_URL's host */
                                urls: string[];
                            }[];
                        };
                        success: boolean;
                        /** @description epoch ms */
                        timestamp: number;
                    };
                };
            };
            /** @description The request is invalid (body, query, path or header): `message` says what to fix, `details` may name the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description No X-Access-Token, or it is unknown, expired or revoked: sign in (again) or use a valid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Not allowed: the caller is not an (admin) member of the tenant, the account is frozen, must change its password first, or its session or key does not reach this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    uploadVerifyFile: {
        parameters: {
            query?: never;
            header?: {
                /** @description Tenant id; defaults to the session tenant chosen at login */
                "x-tenant-id"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description the file text exactly as downloaded (at most 1 KB of printable text) */
                    content: string;
                    /**
                     * @description the name WeCom gave the file, e.g. WW_verify_AbC123.txt
                     * @example WW_verify_AbC123dEf456gHi7.txt
                     */
                    fileName: string;
                };
            };
        };
        responses: {
            /** @description Another client error; `message` says what to fix. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description A server error; `requestId` identifies it in the logs. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        code: number;
                        message: string;
                        result: {
                            content: string;
                            /** Format: date-time */
                            createdAt: string;
                            fileName: string;
                            /** @description where it is served: the tenant's own host (when set) and PUBLIC_URL's host */
                            urls: string[];
                        };
                        success: boolean;
                        /** @description epoch ms */
                        timestamp: number;
                    };
                };
            };
            /** @description The request is invalid (body, query, path or header): `message` says what to fix, `details` may name the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description No X-Access-Token, or it is unknown, expired or revoked: sign in (again) or use a valid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Not allowed: the caller is not an (admin) member of the tenant, the account is frozen, must change its password first, or its session or key does not reach this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Conflicts with the current state (a duplicate, a stale plan, a run already active). The tenant already serves the maximum number of files. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    deleteVerifyFile: {
        parameters: {
            query?: never;
            header?: {
                /** @description Tenant id; defaults to the session tenant chosen at login */
                "x-tenant-id"?: string;
            };
            path: {
                fileName: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Another client error; `message` says what to fix. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description A server error; `requestId` identifies it in the logs. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        code: number;
                        message: string;
                        result: Record<string, never>;
                        success: boolean;
                        /** @description epoch ms */
                        timestamp: number;
                    };
                };
            };
            /** @description The request is invalid (body, query, path or header): `message` says what to fix, `details` may name the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description No X-Access-Token, or it is unknown, expired or revoked: sign in (again) or use a valid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Not allowed: the caller is not an (admin) member of the tenant, the account is frozen, must change its password first, or its session or key does not reach this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Nothing with this id in the current tenant (rows of other tenants read as not found). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    wecomLoginExchange: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    ticket: string;
                };
            };
        };
        responses: {
            /** @description Another client error; `message` says what to fix. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description A server error; `requestId` identifies it in the logs. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        code: number;
                        message: string;
                        result: {
                            /** @description tenant id (0 = default tenant) */
                            loginTenantId: number | null;
                            /** @description same-origin path to open now */
                            redirect: string;
                            tenantList: {
                                /** @description frozen in this tenant */
                                frozen: boolean;
                                houseNumber: string;
                                /** @description tenant id (0 = default tenant) */
                                id: number;
                                name: string;
                                role: "admin" | "member";
                                /** @description membership status: 1 normal, 2 quit, 3 pending, 4 refused, 5 invited */
                                status: number;
                            }[];
                            /** @description send as X-Access-Token */
                            token: string;
                            userInfo: {
                                /** @description false for a WeCom-only account, which may set one with /sys/user/setPassword */
                                hasPassword: boolean;
                                id: number;
                                /** @description always false for a connector-scoped session */
                                isPlatformAdmin: boolean;
                                mustChangePassword: boolean;
                                realname: string;
                                /** @description set when a connector sign-in (WeCom…) opened the session: the only tenant it may act in; null for a password session */
                                scopeTenantId: number | (never | null);
                                username: string;
                            };
                        };
                        success: boolean;
                        /** @description epoch ms */
                        timestamp: number;
                    };
                };
            };
            /** @description The request is invalid (body, query, path or header): `message` says what to fix, `details` may name the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description The ticket is unknown, used or older than 60 s. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description The account or membership is frozen. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    wecomLoginLink: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    linkToken: string;
                    password: string;
                    username: string;
                };
            };
        };
        responses: {
            /** @description Another client error; `message` says what to fix. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description A server error; `requestId` identifies it in the logs. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        code: number;
                        message: string;
                        result: {
                            /** @description tenant id (0 = default tenant) */
                            loginTenantId: number | null;
                            /** @description same-origin path to open now */
                            redirect: string;
                            tenantList: {
                                /** @description frozen in this tenant */
                                frozen: boolean;
                                houseNumber: string;
                                /** @description tenant id (0 = default tenant) */
                                id: number;
                                name: string;
                                role: "admin" | "member";
                                /** @description membership status: 1 normal, 2 quit, 3 pending, 4 refused, 5 invited */
                                status: number;
                            }[];
                            /** @description send as X-Access-Token */
                            token: string;
                            userInfo: {
                                /** @description false for a WeCom-only account, which may set one with /sys/user/setPassword */
                                hasPassword: boolean;
                                id: number;
                                /** @description always false for a connector-scoped session */
                                isPlatformAdmin: boolean;
                                mustChangePassword: boolean;
                                realname: string;
                                /** @description set when a connector sign-in (WeCom…) opened the session: the only tenant it may act in; null for a password session */
                                scopeTenantId: number | (never | null);
                                username: string;
                            };
                        };
                        success: boolean;
                        /** @description epoch ms */
                        timestamp: number;
                    };
                };
            };
            /** @description The request is invalid (body, query, path or header): `message` says what to fix, `details` may name the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Wrong username or password, or the link token expired. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description The account is not a member of the tenant, or is frozen. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Conflicts with the current state (a duplicate, a stale plan, a run already active). The account or the WeCom member is already bound. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Too many attempts: wait `Retry-After` seconds. Too many failed sign-ins from this address. */
            429: {
                headers: {
                    /** @description seconds until the next attempt may go ahead */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    wecomLoginCallback: {
        parameters: {
            query?: {
                /** @description the provider's one-time code where it calls it so (QR/web or in-app); used when `code` is absent */
                authCode?: string;
                /** @description one-time code from WeCom (absent when the member cancelled) */
                code?: string;
                /** @description the state OrgBridge sent */
                state?: string;
            };
            header?: never;
            path: {
                /**
                 * @description The provider: `wechat_enterprise` (WeCom); an unknown one answers 404.
                 * @example wechat_enterprise
                 */
                thirdType: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Another client error; `message` says what to fix. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description A server error; `requestId` identifies it in the logs. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description To /oauth2-app/login#ticket=<one-time ticket> (exchange it with POST /sys/thirdLogin/exchange), or #error=<code> / #link=… when the member cannot sign in yet. */
            302: {
                headers: {
                    /** @description where the browser goes next */
                    Location?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is invalid (body, query, path or header): `message` says what to fix, `details` may name the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Nothing with this id in the current tenant (rows of other tenants read as not found). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    wecomLoginStart: {
        parameters: {
            query?: {
                /** @description 1 = QR / web login from a normal browser instead of in-app OAuth */
                qr?: string;
                /** @description same-origin path to open afterwards, e.g. /system/users */
                redirect?: string;
                /** @description tenant to sign in to (0 = default tenant); may be left out on a tenant's own host */
                tenantId?: string;
            };
            header?: never;
            path: {
                /**
                 * @description The provider: `wechat_enterprise` (WeCom); an unknown one answers 404.
                 * @example wechat_enterprise
                 */
                thirdType: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Another client error; `message` says what to fix. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description A server error; `requestId` identifies it in the logs. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description To WeCom: OAuth authorize (in the WeCom app) or the QR login page (`?qr=1`); on failure to /oauth2-app/login#error=<code>. */
            302: {
                headers: {
                    /** @description where the browser goes next */
                    Location?: string;
                    /** @description HttpOnly cookie binding the sign-in to this browser */
                    "Set-Cookie"?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is invalid (body, query, path or header): `message` says what to fix, `details` may name the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Nothing with this id in the current tenant (rows of other tenants read as not found). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    wecomLoginTenant: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description tenant id (0 = default tenant) */
                tenantId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Another client error; `message` says what to fix. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description A server error; `requestId` identifies it in the logs. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        code: number;
                        message: string;
                        result: {
                            /** @description only when the tenant offers WeCom sign-in */
                            name: string | null;
                            /** @description tenant id (0 = default tenant) */
                            tenantId: number;
                            wecomEnabled: boolean;
                        };
                        success: boolean;
                        /** @description epoch ms */
                        timestamp: number;
                    };
                };
            };
            /** @description The request is invalid (body, query, path or header): `message` says what to fix, `details` may name the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Nothing with this id in the current tenant (rows of other tenants read as not found). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    addUser: {
        parameters: {
            query?: never;
            header?: {
                /** @description Tenant id; defaults to the session tenant chosen at login */
                "x-tenant-id"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    departmentIds?: number[];
                    /** @description empty clears it */
                    email?: string;
                    /** @description one of departmentIds; defaults to the first */
                    mainDepartmentId?: number;
                    /** @description force a password change at first sign-in (default false) */
                    mustChangePassword?: boolean;
                    password: string;
                    /** @description empty clears it */
                    phone?: string;
                    position?: string;
                    realname: string;
                    role?: "admin" | "member";
                    /** @description letters, digits and _ . @ - ; starts with a letter or digit */
                    username: string;
                };
            };
        };
        responses: {
            /** @description Another client error; `message` says what to fix. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description A server error; `requestId` identifies it in the logs. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        code: number;
                        message: string;
                        result: {
                            id: number;
                            username: string;
                        };
                        success: boolean;
                        /** @description epoch ms */
                        timestamp: number;
                    };
                };
            };
            /** @description The request is invalid (body, query, path or header): `message` says what to fix, `details` may name the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description No X-Access-Token, or it is unknown, expired or revoked: sign in (again) or use a valid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Not allowed: the caller is not an (admin) member of the tenant, the account is frozen, must change its password first, or its session or key does not reach this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description A department is not in the current tenant. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Conflicts with the current state (a duplicate, a stale plan, a run already active). The username is taken. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    freezeUsersBatch: {
        parameters: {
            query?: never;
            header?: {
                /** @description Tenant id; defaults to the session tenant chosen at login */
                "x-tenant-id"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "userIds": [
                 *         41,
                 *         42
                 *       ],
                 *       "frozen": true
                 *     }
                 */
                "application/json": {
                    /** @description true freezes, false unfreezes */
                    frozen: boolean;
                    /** @description 1 to 200 distinct user ids */
                    userIds: number[];
                };
            };
        };
        responses: {
            /** @description Another client error; `message` says what to fix. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description A server error; `requestId` identifies it in the logs. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": true,
                     *       "message": "",
                     *       "code": 200,
                     *       "result": {
                     *         "done": 1,
                     *         "failed": 1,
                     *         "items": [
                     *           {
                     *             "id": 41,
                     *             "ok": true,
                     *             "errorCode": null,
                     *             "message": null
                     *           },
                     *           {
                     *             "id": 42,
                     *             "ok": false,
                     *             "errorCode": "users.not_found",
                     *             "message": "User not found in the current tenant."
                     *           }
                     *         ]
                     *       },
                     *       "timestamp": 1767225600000
                     *     }
                     */
                    "application/json": {
                        code: number;
                        message: string;
                        result: {
                            /** @description items applied */
                            done: number;
                            /** @description items refused (nothing written for them) */
                            failed: number;
                            /** @description one per id, in the order sent */
                            items: {
                                /** @description why this item was refused (the same code as the single action) */
                                errorCode: string | null;
                                /** @description the item as sent */
                                id: number;
                                message: string | null;
                                ok: boolean;
                            }[];
                        };
                        success: boolean;
                        /** @description epoch ms */
                        timestamp: number;
                    };
                };
            };
            /** @description The request is invalid (body, query, path or header): `message` says what to fix, `details` may name the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description No X-Access-Token, or it is unknown, expired or revoked: sign in (again) or use a valid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Not allowed: the caller is not an (admin) member of the tenant, the account is frozen, must change its password first, or its session or key does not reach this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    changePassword: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    newPassword: string;
                    oldPassword: string;
                };
            };
        };
        responses: {
            /** @description Another client error; `message` says what to fix. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description A server error; `requestId` identifies it in the logs. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        code: number;
                        message: string;
                        result: Record<string, never>;
                        success: boolean;
                        /** @description epoch ms */
                        timestamp: number;
                    };
                };
            };
            /** @description The request is invalid (body, query, path or header): `message` says what to fix, `details` may name the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description No X-Access-Token, or it is unknown, expired or revoked: sign in (again) or use a valid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Not allowed: the caller is not an (admin) member of the tenant, the account is frozen, must change its password first, or its session or key does not reach this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Too many attempts: wait `Retry-After` seconds. Too many password changes with a wrong current password from this address. */
            429: {
                headers: {
                    /** @description seconds until the next attempt may go ahead */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    editUser: {
        parameters: {
            query?: never;
            header?: {
                /** @description Tenant id; defaults to the session tenant chosen at login */
                "x-tenant-id"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    departmentIds?: number[];
                    /** @description empty clears it */
                    email?: string;
                    id: number;
                    mainDepartmentId?: number;
                    /** @description empty clears it */
                    phone?: string;
                    position?: string;
                    realname?: string;
                };
            };
        };
        responses: {
            /** @description Another client error; `message` says what to fix. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description A server error; `requestId` identifies it in the logs. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        code: number;
                        message: string;
                        /** @enum {object|null} */
                        result: never | null;
                        success: boolean;
                        /** @description epoch ms */
                        timestamp: number;
                    };
                };
            };
            /** @description The request is invalid (body, query, path or header): `message` says what to fix, `details` may name the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description No X-Access-Token, or it is unknown, expired or revoked: sign in (again) or use a valid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Not allowed: the caller is not an (admin) member of the tenant, the account is frozen, must change its password first, or its session or key does not reach this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description No such user (or department) in the current tenant. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    exportUsers: {
        parameters: {
            query?: {
                departmentId?: number;
                keyword?: string;
            };
            header?: {
                /** @description Tenant id; defaults to the session tenant chosen at login */
                "x-tenant-id"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Another client error; `message` says what to fix. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description A server error; `requestId` identifies it in the logs. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description the CSV file */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": string;
                };
            };
            /** @description The request is invalid (body, query, path or header): `message` says what to fix, `details` may name the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description No X-Access-Token, or it is unknown, expired or revoked: sign in (again) or use a valid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Not allowed: the caller is not an (admin) member of the tenant, the account is frozen, must change its password first, or its session or key does not reach this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    freezeUser: {
        parameters: {
            query?: never;
            header?: {
                /** @description Tenant id; defaults to the session tenant chosen at login */
                "x-tenant-id"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    frozen: boolean;
                    userId: number;
                };
            };
        };
        responses: {
            /** @description Another client error; `message` says what to fix. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description A server error; `requestId` identifies it in the logs. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        code: number;
                        message: string;
                        /** @enum {object|null} */
                        result: never | null;
                        success: boolean;
                        /** @description epoch ms */
                        timestamp: number;
                    };
                };
            };
            /** @description The request is invalid (body, query, path or header): `message` says what to fix, `details` may name the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description No X-Access-Token, or it is unknown, expired or revoked: sign in (again) or use a valid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Not allowed: the caller is not an (admin) member of the tenant, the account is frozen, must change its password first, or its session or key does not reach this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description No such user in the current tenant. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Conflicts with the current state (a duplicate, a stale plan, a run already active). You cannot freeze yourself or the last administrator. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    listMyLinkRequests: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Another client error; `message` says what to fix. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description A server error; `requestId` identifies it in the logs. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        code: number;
                        message: string;
                        result: {
                            records: {
                                /** Format: date-time */
                                createdAt: string;
                                /** @description link request id */
                                id: number;
                                /** @description tenant id (0 = default tenant) */
                                tenantId: number;
                                /** @description the tenant asking */
                                tenantName: string;
                                thirdType: "wechat_enterprise" | "dingtalk" | "feishu";
                                /** @description the member's name in the tenant's WeCom */
                                wechatName: string;
                                /** @description the member's userid in the tenant's WeCom */
                                wechatUserId: string;
                            }[];
                            total: number;
                        };
                        success: boolean;
                        /** @description epoch ms */
                        timestamp: number;
                    };
                };
            };
            /** @description No X-Access-Token, or it is unknown, expired or revoked: sign in (again) or use a valid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Not allowed: the caller is not an (admin) member of the tenant, the account is frozen, must change its password first, or its session or key does not reach this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    acceptLinkRequest: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description link request id */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Another client error; `message` says what to fix. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description A server error; `requestId` identifies it in the logs. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        code: number;
                        message: string;
                        result: {
                            /** @description the account in the asking tenant: 1 already a member, 3 pending (审核中) until its administrator approves */
                            membershipStatus: number;
                            /** @description tenant id (0 = default tenant) */
                            tenantId: number;
                        };
                        success: boolean;
                        /** @description epoch ms */
                        timestamp: number;
                    };
                };
            };
            /** @description The request is invalid (body, query, path or header): `message` says what to fix, `details` may name the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description No X-Access-Token, or it is unknown, expired or revoked: sign in (again) or use a valid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Not allowed: the caller is not an (admin) member of the tenant, the account is frozen, must change its password first, or its session or key does not reach this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Nothing with this id in the current tenant (rows of other tenants read as not found). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Conflicts with the current state (a duplicate, a stale plan, a run already active). The request was already decided. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    refuseLinkRequest: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description link request id */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Another client error; `message` says what to fix. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description A server error; `requestId` identifies it in the logs. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        code: number;
                        message: string;
                        /** @enum {object|null} */
                        result: never | null;
                        success: boolean;
                        /** @description epoch ms */
                        timestamp: number;
                    };
                };
            };
            /** @description The request is invalid (body, query, path or header): `message` says what to fix, `details` may name the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description No X-Access-Token, or it is unknown, expired or revoked: sign in (again) or use a valid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Not allowed: the caller is not an (admin) member of the tenant, the account is frozen, must change its password first, or its session or key does not reach this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Nothing with this id in the current tenant (rows of other tenants read as not found). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Conflicts with the current state (a duplicate, a stale plan, a run already active). The request was already decided. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    listUsers: {
        parameters: {
            query?: {
                departmentId?: number;
                keyword?: string;
                page?: number;
                pageSize?: number;
            };
            header?: {
                /** @description Tenant id; defaults to the session tenant chosen at login */
                "x-tenant-id"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Another client error; `message` says what to fix. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description A server error; `requestId` identifies it in the logs. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        code: number;
                        message: string;
                        result: {
                            records: {
                                departmentIds: number[];
                                email: string | null;
                                id: number;
                                mainDepartmentId: number | null;
                                /** @description 1 normal, 2 quit (离职) */
                                membershipStatus: number;
                                /** @description own: the tenant's alone (all fields editable); shared: also active in another tenant (membership, tenant-scoped name and position only); inactive_member: pending, refused, quit or invited (not editable); platform_admin: never editable by a tenant */
                                ownership: "own" | "shared" | "inactive_member" | "outsider" | "platform_admin";
                                phone: string | null;
                                position: string | null;
                                /** @description this tenant's name for the member (shared accounts) */
                                realname: string;
                                role: "admin" | "member";
                                /** @description 1 normal, 2 frozen (in this tenant or platform-wide) */
                                status: number;
                                username: string;
                                /** @description bound WeCom userid */
                                wechatUserId: string | null;
                            }[];
                            total: number;
                        };
                        success: boolean;
                        /** @description epoch ms */
                        timestamp: number;
                    };
                };
            };
            /** @description The request is invalid (body, query, path or header): `message` says what to fix, `details` may name the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description No X-Access-Token, or it is unknown, expired or revoked: sign in (again) or use a valid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Not allowed: the caller is not an (admin) member of the tenant, the account is frozen, must change its password first, or its session or key does not reach this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    getMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Another client error; `message` says what to fix. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description A server error; `requestId` identifies it in the logs. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        code: number;
                        message: string;
                        result: {
                            /** @description tenant id (0 = default tenant) */
                            currentTenantId: number | null;
                            tenantList: {
                                /** @description frozen in this tenant */
                                frozen: boolean;
                                houseNumber: string;
                                /** @description tenant id (0 = default tenant) */
                                id: number;
                                name: string;
                                role: "admin" | "member";
                                /** @description membership status: 1 normal, 2 quit, 3 pending, 4 refused, 5 invited */
                                status: number;
                            }[];
                            userInfo: {
                                /** @description false for a WeCom-only account, which may set one with /sys/user/setPassword */
                                hasPassword: boolean;
                                id: number;
                                /** @description always false for a connector-scoped session */
                                isPlatformAdmin: boolean;
                                mustChangePassword: boolean;
                                realname: string;
                                /** @description set when a connector sign-in (WeCom…) opened the session: the only tenant it may act in; null for a password session */
                                scopeTenantId: number | (never | null);
                                username: string;
                            };
                        };
                        success: boolean;
                        /** @description epoch ms */
                        timestamp: number;
                    };
                };
            };
            /** @description No X-Access-Token, or it is unknown, expired or revoked: sign in (again) or use a valid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Not allowed: the caller is not an (admin) member of the tenant, the account is frozen, must change its password first, or its session or key does not reach this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    resetUserPassword: {
        parameters: {
            query?: never;
            header?: {
                /** @description Tenant id; defaults to the session tenant chosen at login */
                "x-tenant-id"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    userId: number;
                };
            };
        };
        responses: {
            /** @description Another client error; `message` says what to fix. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description A server error; `requestId` identifies it in the logs. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        code: number;
                        message: string;
                        result: {
                            /** @description The one-time password: shown once, never stored in clear; the person must change it at their next sign-in */
                            password: string;
                        };
                        success: boolean;
                        /** @description epoch ms */
                        timestamp: number;
                    };
                };
            };
            /** @description The request is invalid (body, query, path or header): `message` says what to fix, `details` may name the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description No X-Access-Token, or it is unknown, expired or revoked: sign in (again) or use a valid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Not allowed: the caller is not an (admin) member of the tenant, the account is frozen, must change its password first, or its session or key does not reach this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description No such user in the current tenant. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Too many attempts: wait `Retry-After` seconds. The caller reset 20 passwords in this tenant within the hour. */
            429: {
                headers: {
                    /** @description seconds until the next attempt may go ahead */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    setPassword: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    newPassword: string;
                };
            };
        };
        responses: {
            /** @description Another client error; `message` says what to fix. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description A server error; `requestId` identifies it in the logs. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        code: number;
                        message: string;
                        result: Record<string, never>;
                        success: boolean;
                        /** @description epoch ms */
                        timestamp: number;
                    };
                };
            };
            /** @description The request is invalid (body, query, path or header): `message` says what to fix, `details` may name the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description No X-Access-Token, or it is unknown, expired or revoked: sign in (again) or use a valid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Not allowed: the caller is not an (admin) member of the tenant, the account is frozen, must change its password first, or its session or key does not reach this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Conflicts with the current state (a duplicate, a stale plan, a run already active). The account already has a password: use changePassword. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Too many attempts: wait `Retry-After` seconds. Too many attempts from this address. */
            429: {
                headers: {
                    /** @description seconds until the next attempt may go ahead */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    getMyWecomBinding: {
        parameters: {
            query?: never;
            header?: {
                /** @description Tenant id; defaults to the session tenant chosen at login */
                "x-tenant-id"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Another client error; `message` says what to fix. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description A server error; `requestId` identifies it in the logs. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        code: number;
                        message: string;
                        result: {
                            active: boolean;
                            /** Format: date-time */
                            boundAt: string;
                            corpId: string;
                            id: number;
                            thirdType: string;
                            wechatName: string;
                            wechatUserId: string;
                        } | null;
                        success: boolean;
                        /** @description epoch ms */
                        timestamp: number;
                    };
                };
            };
            /** @description The request is invalid (body, query, path or header): `message` says what to fix, `details` may name the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description No X-Access-Token, or it is unknown, expired or revoked: sign in (again) or use a valid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Not allowed: the caller is not an (admin) member of the tenant, the account is frozen, must change its password first, or its session or key does not reach this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    deleteMyWecomBinding: {
        parameters: {
            query?: never;
            header?: {
                /** @description Tenant id; defaults to the session tenant chosen at login */
                "x-tenant-id"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Another client error; `message` says what to fix. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description A server error; `requestId` identifies it in the logs. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        code: number;
                        message: string;
                        result: Record<string, never>;
                        success: boolean;
                        /** @description epoch ms */
                        timestamp: number;
                    };
                };
            };
            /** @description The request is invalid (body, query, path or header): `message` says what to fix, `details` may name the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description No X-Access-Token, or it is unknown, expired or revoked: sign in (again) or use a valid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Not allowed: the caller is not an (admin) member of the tenant, the account is frozen, must change its password first, or its session or key does not reach this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
}
