import { providerEndpoints, type AppConfig } from '../../config';
import { CONNECTORS, connectorOf, findConnector } from '../../connectors/registry';
import type {
  ConnectorContext,
  ProviderSettings,
  ConnectorEvents,
  ConnectorInstance,
  ConnectorTokenStore,
  DiagnosticCheck,
  Diagnostics,
} from '../../connectors/kit';
import {
  egressChangedTexts,
  egressProxyProblem,
  egressSeenTexts,
  formatProxy,
  maskProxy,
  parseProxy,
  PROXY_PASSWORD_MASK,
} from '../../connectors/wecom/egress';
import type { Db } from '../../db/client';
import { DEFAULT_SYNC_POLICY, type SyncPolicy, type ThirdType } from '../../db/schema';
import { createKeyedLoader } from '../../lib/batcher';
import { cacheReads } from '../../lib/read-cache';
import type { Changes } from '../../db/changes';
import { AppError, badRequest, conflict, notFound } from '../../lib/errors';
import { isUniqueViolation } from '../../lib/pg-error';
import type { TenantContext } from '../../lib/route';
import type { SecretBox } from '../../lib/secrets';
import { createAuditRecorder, type AuditActor } from '../audit/audit.recorder';
import { normaliseSchedule, scheduleProblem } from '../jobs/schedule';
import {
  createThirdAppConfigRepo,
  type ConfigRow,
  type ScheduleSourceRow,
} from './third-app-config.repo';
import type {
  ConfigView,
  ConnectorInfo,
  CreateConfigBody,
  UpdateConfigBody,
} from './third-app-config.schemas';
import {
  assertSecretsEntered,
  changedKeys,
  editedSettings,
  newSettings,
  openSettings,
  sealSettings,
  settingsPart,
  settingsView,
} from './third-app-config.settings';

/** Everything runtime code needs about a tenant's connection, secrets decrypted. */
export interface ConnectorRuntime {
  tenantId: number;
  thirdType: ThirdType;
  configId: number;
  /** The connector's accountKey (WeCom CorpID, DingTalk corpId); bindings are keyed by it. */
  corpId: string;
  /** The connection's settings, decrypted and validated by the connector's settingsSchema. */
  settings: ProviderSettings;
  syncPolicy: SyncPolicy;
  connector: ConnectorInstance;
}

/** Told after a config was created, updated or deleted (the scheduler follows the schedule). */
export type ConfigChangeListener = (change: {
  tenantId: number;
  thirdType: ThirdType;
}) => Promise<void>;

/** The policy part of a body, its schedule normalised and checked (400 with an example otherwise). */
function checkedPolicy(policy: Partial<SyncPolicy> | undefined): Partial<SyncPolicy> | undefined {
  if (!policy || !('schedule' in policy)) return policy;
  const schedule = normaliseSchedule(policy.schedule);
  const problem = schedule === null ? null : scheduleProblem(schedule);
  if (problem) throw badRequest(problem.code, problem.message, { field: 'syncPolicy.schedule' });
  return { ...policy, schedule };
}

type ConfigVersion = Pick<ConnectorRuntime, 'connector' | 'settings'>;

const proxyInvalid = (zh: string, en: string) =>
  badRequest(
    'third_app.egress_proxy_invalid',
    `出口代理 egressProxy ${zh}。 (egressProxy ${en}.)`,
    { field: 'egressProxy' },
  );

/**
 * The `egress_proxy_enc` a body asks for: undefined = unchanged (absent, or the masked value
 * read back), null = removed (null or ""), else the sealed URL. A password given as `******`
 * keeps the stored one, so a form can send back what it read with only the host changed.
 */
function proxyPatch(
  input: string | null | undefined,
  stored: string | null,
  seal: (plain: string) => string,
): string | null | undefined {
  if (input === undefined) return undefined;
  if (input === null || input.trim() === '') return null;
  const problem = egressProxyProblem(input);
  if (problem) throw proxyInvalid(problem.zh, problem.en);
  const parsed = parseProxy(input);
  if (parsed.password === PROXY_PASSWORD_MASK) {
    const before = stored ? parseProxy(stored) : null;
    if (before?.password == null) {
      throw proxyInvalid(
        '的密码是掩码 ******，没有可沿用的已存密码：请填写代理的真实密码',
        'has the masked password ******, and no stored password to keep: enter the proxy’s real password',
      );
    }
    // The stored password only ever goes back to the proxy it was given for: keeping it while the
    // scheme, user or address changes would send it to a host of the caller's choosing.
    if (
      before.scheme !== parsed.scheme ||
      before.user !== parsed.user ||
      before.authority.toLowerCase() !== parsed.authority.toLowerCase()
    ) {
      throw proxyInvalid(
        '的密码是掩码 ******，但代理的协议、用户名或地址已改变：已存的密码只用于原来的代理，请填写新代理的真实密码',
        'has the masked password ******, but the scheme, user or address changed: the stored password is kept for the same proxy only; enter the real password of the new one',
      );
    }
    parsed.password = before.password;
  }
  const plain = formatProxy(parsed);
  return plain === stored ? undefined : seal(plain);
}

const noop = () => {};
const SILENT: ConnectorContext['log'] = { info: noop, warn: noop, error: noop, debug: noop };

/** No connection of this thirdType: the provider's own names say which page to fill in. */
function notConfigured(thirdType: ThirdType) {
  const names = findConnector(thirdType)?.names ?? { 'zh-CN': thirdType, en: thirdType };
  return new AppError(
    'third_app.not_configured',
    400,
    `${names['zh-CN']}尚未配置 (${names.en} is not configured for this tenant): a tenant admin must enter the connection details under 系统管理 → 第三方配置 → ${names['zh-CN']}集成 first.`,
    { thirdType, providerZh: names['zh-CN'], providerEn: names.en },
  );
}

/**
 * The policy of a stored connection. Knobs added later take their default, except the initial
 * password: a connection stored before the key existed ran with the seed's `same-as-username`,
 * and keeps it until its admin changes it (only new connections get `wecom-only`, PRODUCT.md §7).
 */
export const storedPolicy = (stored: Partial<SyncPolicy> | null | undefined): SyncPolicy => ({
  ...DEFAULT_SYNC_POLICY,
  initialPassword: 'same-as-username',
  ...stored,
});

const withPolicyDefaults = (r: ScheduleSourceRow) => ({
  ...r,
  syncPolicy: storedPolicy(r.syncPolicy),
});

/** GET /sys/thirdApp/connectors: every registered connector's form and capabilities. */
export function connectorInfos(): ConnectorInfo[] {
  return CONNECTORS.map((c) => ({
    thirdType: c.thirdType,
    appName: c.appName,
    names: c.names,
    formItems: c.formItems,
    capabilities: c.capabilities,
  })) as ConnectorInfo[];
}

export function createThirdAppConfigService(deps: {
  db: Db;
  config: Pick<AppConfig, 'publicUrl' | 'wecom' | 'dingtalk'>;
  box: SecretBox;
  tokens: ConnectorTokenStore;
  log?: ConnectorContext['log'];
  changes?: Changes;
  /** PostgreSQL: provider call slots shared by every process (db/cluster-slots.ts). */
  callSlots?: ConnectorContext['callSlots'];
  /** The tenant's base URL (its own host, PRODUCT.md §8) for the URLs to paste into WeCom. */
  baseUrlOf?: (tenantId: number) => Promise<string>;
  /** Every provider call as it ends, with its provider (GET /metrics). */
  observeCall?: (call: { provider: string; api: string; ms: number; errcode: number }) => void;
}) {
  const { db, config, box, tokens } = deps;
  const log = deps.log ?? SILENT;
  const repo = createThirdAppConfigRepo(db);
  const audit = createAuditRecorder(db);
  // One connector instance per config version keeps in-process caches warm across requests.
  const versions = new Map<string, ConfigVersion>();
  const listeners = new Set<ConfigChangeListener>();
  const endpoints = providerEndpoints(config);

  async function changed(tenantId: number, thirdType: ThirdType) {
    for (const listener of listeners) await listener({ tenantId, thirdType });
  }

  const baseOf = (tenantId: number) => deps.baseUrlOf?.(tenantId) ?? config.publicUrl;

  function view(row: ConfigRow, base: string): ConfigView {
    const connector = findConnector(row.thirdType);
    return {
      id: row.id,
      thirdType: row.thirdType,
      // The settings at top level, as the JeecgBoot body has them (secrets masked).
      ...(connector ? settingsView(connector, openSettings(box, row)) : {}),
      callbackUrl: `${base}/sys/thirdApp/callback/${row.thirdType}/${row.tenantId}`,
      homeUrl: `${base}/tenantId/${row.tenantId}`,
      enabled: row.enabled,
      syncPolicy: storedPolicy(row.syncPolicy),
      egressProxy: row.egressProxyEnc ? maskProxy(box.open(row.egressProxyEnc)) : null,
      egressIp: row.egressIp,
      egressIpSeenAt: row.egressIpSeenAt?.toISOString() ?? null,
      trustedIpAlert: row.trustedIpAlert ?? null,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    } as ConfigView;
  }

  /** 409 "AppKey重复" when another tenant connected this provider account. */
  async function assertAccountFree(
    tenantId: number,
    thirdType: ThirdType,
    connector: ReturnType<typeof connectorOf>,
    settings: ProviderSettings,
  ) {
    const accountKey = connector.accountKey(settings);
    if (await repo.accountKeyTakenElsewhere(tenantId, thirdType, accountKey)) {
      throw accountTaken(connector, settings);
    }
  }

  /**
   * The 409 for a taken account; also for the loser of two tenants saving one account at once
   * (both passed the check above, the unique index refused the second write).
   */
  function accountTaken(connector: ReturnType<typeof connectorOf>, settings: ProviderSettings) {
    const accountKey = connector.accountKey(settings);
    // The field that holds the account (WeCom clientId = CorpID, DingTalk corpId).
    const field =
      connector.formItems.find((f) => settings[f.key] === accountKey)?.key ?? 'accountKey';
    return conflict(
      'third_app.corp_id_taken',
      `AppKey重复：该${connector.names['zh-CN']}企业 (${field} ${accountKey}) 已被其他租户配置 (AppKey duplicate: this ${connector.names.en} organisation (${field} ${accountKey}) is already connected to another tenant; each can be connected to one tenant only).`,
      { field },
    );
  }

  /** Runs a write that stores `settings`; the account index's refusal becomes accountTaken. */
  async function storing<T>(
    connector: ReturnType<typeof connectorOf>,
    settings: ProviderSettings,
    write: () => Promise<T>,
  ): Promise<T> {
    try {
      return await write();
    } catch (err) {
      if (isUniqueViolation(err, 'third_app_configs_account_key_uq')) {
        throw accountTaken(connector, settings);
      }
      throw err;
    }
  }

  /** The connection's own proxy, else WECOM_PROXY (PRODUCT.md §8). */
  function egressProxyOf(row: ConfigRow): string | undefined {
    return row.egressProxyEnc ? box.open(row.egressProxyEnc) : config.wecom.proxy;
  }

  /** The egress address WeCom named, remembered per connection; a change is flagged and audited. */
  async function withEgressCheck(
    ctx: TenantContext,
    who: AuditActor & { ip?: string },
    configId: number,
    thirdType: ThirdType,
    found: Diagnostics,
    ip: string,
  ): Promise<Diagnostics> {
    const previous = await repo.recordEgressIp(ctx.tenantId, configId, ip);
    const row = await repo.findConfig(ctx.tenantId, thirdType);
    const viaProxy = Boolean(row && egressProxyOf(row));
    let check: DiagnosticCheck;
    if (previous && previous !== ip) {
      check = {
        id: 'egress_ip',
        status: 'warn',
        facts: { ip, previous, viaProxy },
        explanation: egressChangedTexts(previous, ip),
      };
      await audit.record(ctx.tenantId, {
        ...who,
        action: 'third_app.egress_ip_changed',
        targetType: 'third_app_config',
        targetId: configId,
        details: { from: previous, to: ip },
      });
    } else {
      check = {
        id: 'egress_ip',
        status: 'ok',
        facts: { ip, viaProxy },
        explanation: egressSeenTexts(ip, viaProxy),
      };
    }
    return { ...found, checks: [...found.checks, check], egressIp: ip };
  }

  // Per connection, the address of the 60020 alert this process knows to be stored (undefined:
  // none), so that repeated refusals write nothing and successes cost a Map lookup.
  const knownAlerts = new Map<number, string | null>();
  // The call that met the refusal does not wait for the bookkeeping; diagnostics do (below).
  const pending = new Set<Promise<void>>();
  function inBackground(what: string, fn: () => Promise<void>) {
    const p: Promise<void> = fn()
      .catch((err: unknown) => log.warn({ err }, `third-app config: ${what} failed`))
      .finally(() => pending.delete(p));
    pending.add(p);
  }

  /**
   * A 60020 anywhere (sync, send, sign-in, diagnostics) stores `trusted_ip_alert` and audits it
   * once per address; the next business call that succeeds clears it (the address is trusted
   * now), so the console's banner shows only while the refusal lasts.
   */
  function eventsOf(tenantId: number, configId: number): ConnectorEvents {
    return {
      untrustedAddress({ ip, api }) {
        if (knownAlerts.has(configId) && knownAlerts.get(configId) === ip) return;
        knownAlerts.set(configId, ip);
        inBackground('recording a 60020 alert', async () => {
          const alert = { ip, api, at: new Date().toISOString() };
          if (await repo.setTrustedIpAlert(tenantId, configId, alert)) {
            await audit.record(tenantId, {
              actorUserId: null,
              action: 'third_app.untrusted_ip',
              targetType: 'third_app_config',
              targetId: configId,
              details: { ip, api },
            });
          }
        });
      },
      callSucceeded(api) {
        if (!knownAlerts.has(configId)) return;
        knownAlerts.delete(configId);
        inBackground('clearing the 60020 alert', async () => {
          if (await repo.clearTrustedIpAlert(tenantId, configId)) {
            await audit.record(tenantId, {
              actorUserId: null,
              action: 'third_app.trusted_ip_restored',
              targetType: 'third_app_config',
              targetId: configId,
              details: { api },
            });
          }
        });
      },
    };
  }

  const callObserver = (provider: string) => (call: { api: string; ms: number; errcode: number }) =>
    deps.observeCall?.({ provider, ...call });

  /** The connector and the decrypted settings of one config version, built once. */
  function versionOf(row: ConfigRow): ConfigVersion {
    const cacheKey = `${row.id}:${row.updatedAt.getTime()}:${row.settingsEnc === null ? 0 : 1}`;
    let version = versions.get(cacheKey);
    if (!version) {
      const definition = connectorOf(row.thirdType);
      const settings = openSettings(box, row);
      version = {
        settings,
        connector: definition.create({
          settings,
          endpoints: endpoints[definition.id] ?? {},
          tokens,
          log,
          ...(config.wecom.maxInFlight === undefined
            ? {}
            : { maxInFlight: config.wecom.maxInFlight }),
          ...(deps.callSlots ? { callSlots: deps.callSlots } : {}),
          ...(egressProxyOf(row) ? { egressProxy: egressProxyOf(row) } : {}),
          events: eventsOf(row.tenantId, row.id),
          ...(deps.observeCall ? { observeCall: callObserver(definition.id) } : {}),
        }),
      };
      for (const key of versions.keys()) if (key.startsWith(`${row.id}:`)) versions.delete(key);
      versions.set(cacheKey, version);
    }
    return version;
  }

  // Every send and sign-in reads the config: concurrent requests share one statement, and the
  // row stays cached until any config changes (db/changes.ts).
  const configKey = (k: { tenantId: number; thirdType: ThirdType }) =>
    `${k.tenantId}:${k.thirdType}`;
  const findConfig = cacheReads(
    createKeyedLoader(
      configKey,
      async (keys) =>
        new Map((await repo.findConfigs(keys)).map((r) => [`${r.tenantId}:${r.thirdType}`, r])),
    ),
    configKey,
    deps.changes,
    { tables: ['third_app_configs'] },
  );

  async function requireRow(tenantId: number, thirdType: ThirdType) {
    const row = await repo.findConfig(tenantId, thirdType);
    if (!row) throw notFound('third_app', 'third_app.not_found');
    return row;
  }

  return {
    async get(ctx: TenantContext, thirdType: ThirdType): Promise<ConfigView | null> {
      const row = await repo.findConfig(ctx.tenantId, thirdType);
      return row ? view(row, await baseOf(row.tenantId)) : null;
    },

    async create(ctx: TenantContext, body: CreateConfigBody): Promise<ConfigView> {
      const connector = connectorOf(body.thirdType);
      if (await repo.findConfig(ctx.tenantId, body.thirdType)) {
        throw conflict(
          'third_app.already_configured',
          `This tenant already has a ${connector.names.en} configuration; edit it instead of adding another.`,
        );
      }
      const settings = newSettings(connector, settingsPart(body));
      const accountKey = connector.accountKey(settings);
      await assertAccountFree(ctx.tenantId, body.thirdType, connector, settings);
      const policy = checkedPolicy(body.syncPolicy);
      const row = await storing(connector, settings, () =>
        repo.insertConfig(ctx.tenantId, {
          thirdType: body.thirdType,
          settingsEnc: sealSettings(box, settings),
          accountKey,
          enabled: body.enabled ?? true,
          syncPolicy: { ...DEFAULT_SYNC_POLICY, ...policy },
          egressProxyEnc: proxyPatch(body.egressProxy, null, (p) => box.seal(p)) ?? null,
        }),
      );
      await audit.record(ctx.tenantId, {
        actorUserId: ctx.userId,
        action: 'third_app.config_created',
        targetType: 'third_app_config',
        targetId: row.id,
        details: {
          thirdType: row.thirdType,
          accountKey,
          // The non-secret settings (WeCom agentId, clientId), as before.
          ...Object.fromEntries(
            connector.formItems
              .filter((f) => f.type === 'text' || f.type === 'number')
              .map((f) => [f.key, settings[f.key] ?? null]),
          ),
        },
      });
      await changed(ctx.tenantId, row.thirdType);
      return view(row, await baseOf(row.tenantId));
    },

    async update(ctx: TenantContext, body: UpdateConfigBody): Promise<ConfigView> {
      const connector = connectorOf(body.thirdType);
      const row = await requireRow(ctx.tenantId, body.thirdType);
      const policy = checkedPolicy(body.syncPolicy);
      const stored = openSettings(box, row);
      const settings = editedSettings(connector, stored, settingsPart(body));
      const settingsChanged = changedKeys(stored, settings);
      const accountKey = connector.accountKey(settings);
      if (accountKey !== row.accountKey) {
        await assertAccountFree(ctx.tenantId, body.thirdType, connector, settings);
      }
      assertSecretsEntered(connector, stored, settingsPart(body), settings);
      const storedProxy = row.egressProxyEnc ? box.open(row.egressProxyEnc) : null;
      const egressProxyEnc = proxyPatch(body.egressProxy, storedProxy, (p) => box.seal(p));
      const patch = {
        ...(egressProxyEnc !== undefined ? { egressProxyEnc } : {}),
        ...(settingsChanged.length > 0 || row.settingsEnc === null
          ? { settingsEnc: sealSettings(box, settings), accountKey }
          : {}),
        ...(body.enabled !== undefined ? { enabled: body.enabled } : {}),
        ...(policy ? { syncPolicy: { ...storedPolicy(row.syncPolicy), ...policy } } : {}),
      };
      const updated = await storing(connector, settings, () =>
        repo.updateConfig(ctx.tenantId, row.id, patch),
      );
      await audit.record(ctx.tenantId, {
        actorUserId: ctx.userId,
        action: 'third_app.config_updated',
        targetType: 'third_app_config',
        targetId: row.id,
        // Names of changed fields only: secrets never reach the audit log.
        details: {
          changed: [
            ...settingsChanged,
            ...Object.keys(patch).filter((k) => k !== 'settingsEnc' && k !== 'accountKey'),
          ],
        },
      });
      await changed(ctx.tenantId, row.thirdType);
      return view(updated, await baseOf(updated.tenantId));
    },

    /** 取消绑定: removes the config; bindings stay for history, flagged inactive. */
    async remove(ctx: TenantContext, thirdType: ThirdType): Promise<void> {
      const row = await requireRow(ctx.tenantId, thirdType);
      await db.transaction(async (tx) => {
        const r = createThirdAppConfigRepo(tx);
        await r.deactivateBindings(ctx.tenantId, thirdType);
        await r.deleteConfigById(ctx.tenantId, row.id);
        await createAuditRecorder(tx).record(ctx.tenantId, {
          actorUserId: ctx.userId,
          action: 'third_app.config_deleted',
          targetType: 'third_app_config',
          targetId: row.id,
          details: { thirdType, accountKey: row.accountKey },
        });
      });
      await changed(ctx.tenantId, thirdType);
    },

    /**
     * POST /sys/thirdApp/config/test: the connector's checks, plus the egress address WeCom
     * named, remembered per connection; a change from the last one is flagged and audited.
     */
    async diagnose(
      ctx: TenantContext,
      thirdType: ThirdType,
      who: AuditActor & { ip?: string },
    ): Promise<Diagnostics> {
      const rt = await this.runtime(ctx.tenantId, thirdType, { requireEnabled: false });
      const found = await rt.connector.test();
      // The answer reflects the alert the checks stored or cleared (the console reloads it).
      await Promise.all([...pending]);
      const ip = found.egressIp ?? null;
      const result = ip
        ? await withEgressCheck(ctx, who, rt.configId, thirdType, found, ip)
        : { ...found, egressIp: null };
      // 测试连接 itself, once: what each check found, never a credential.
      await audit.record(ctx.tenantId, {
        ...who,
        action: 'third_app.config_tested',
        targetType: 'third_app_config',
        targetId: rt.configId,
        details: {
          thirdType,
          ok: result.ok,
          checks: Object.fromEntries(result.checks.map((c) => [c.id, c.status])),
        },
      });
      return result;
    },

    /** Registers a listener for config changes; returns its removal. */
    onChange(listener: ConfigChangeListener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    /**
     * Every tenant's enabled flag, sync policy (defaults applied) and whether WeCom sends it
     * contact callbacks, for the scheduler.
     */
    async scheduleSources() {
      return (await repo.listScheduleSources()).map(withPolicyDefaults);
    },

    /** The same for one tenant, or null when it has no config. */
    async scheduleSource(tenantId: number, thirdType: ThirdType) {
      const [row] = await repo.listScheduleSources({ tenantId, thirdType });
      return row ? withPolicyDefaults(row) : null;
    },

    /**
     * The tenant's connector with its settings, for sync, messaging, sign-in and callbacks.
     * Throws 400 "<provider>尚未配置" when there is no config, or it is disabled and `requireEnabled`.
     */
    async runtime(
      tenantId: number,
      thirdType: ThirdType,
      opts: { requireEnabled?: boolean } = {},
    ): Promise<ConnectorRuntime> {
      connectorOf(thirdType);
      const row = await findConfig({ tenantId, thirdType });
      if (!row) throw notConfigured(thirdType);
      // An alert stored by another process (or before a restart) is cleared here too.
      if (row.trustedIpAlert && !knownAlerts.has(row.id))
        knownAlerts.set(row.id, row.trustedIpAlert.ip);
      if (!row.enabled && opts.requireEnabled !== false) {
        throw badRequest(
          'third_app.disabled',
          '企业微信集成已停用 (the WeCom integration of this tenant is disabled): a tenant admin can enable it under 系统管理 → 第三方配置 → 企业微信集成.',
        );
      }
      return {
        tenantId,
        thirdType,
        configId: row.id,
        corpId: row.accountKey,
        ...versionOf(row),
        syncPolicy: storedPolicy(row.syncPolicy),
      };
    },
  };
}
export type ThirdAppConfigService = ReturnType<typeof createThirdAppConfigService>;
