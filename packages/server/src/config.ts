import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join, resolve } from 'node:path';
import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { egressProxyProblem } from './connectors/wecom/egress';

/** Environment variables of PRODUCT.md §1; all optional. */
export const EnvSchema = Type.Object({
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3000 }),
  HOST: Type.String({ minLength: 1, default: '0.0.0.0' }),
  PUBLIC_URL: Type.Optional(Type.String({ pattern: '^https?://' })),
  DATA_DIR: Type.String({ minLength: 1, default: './data' }),
  DATABASE_URL: Type.Optional(Type.String({ pattern: '^postgres(ql)?://' })),
  ADMIN_PASSWORD: Type.Optional(Type.String({ minLength: 8 })),
  SECRET_KEY: Type.Optional(Type.String({ minLength: 32 })),
  /** A file holding the key (e.g. a mounted secret), read like SECRET_KEY; must exist. */
  SECRET_KEY_FILE: Type.Optional(Type.String({ minLength: 1 })),
  WECOM_API_BASE: Type.String({ pattern: '^https?://', default: 'https://qyapi.weixin.qq.com' }),
  WECOM_OAUTH_BASE: Type.String({ pattern: '^https?://', default: 'https://open.weixin.qq.com' }),
  WECOM_LOGIN_BASE: Type.String({
    pattern: '^https?://',
    default: 'https://login.work.weixin.qq.com',
  }),
  /** WeCom's concurrent-call limit per corp and API, for the whole cluster (PRODUCT.md §6, §10). */
  WECOM_MAX_IN_FLIGHT: Type.Integer({ minimum: 1, maximum: 100, default: 5 }),
  /** `http://[user:pass@]host:port`: every WeCom server-API call goes through it (PRODUCT.md §8). */
  WECOM_PROXY: Type.Optional(Type.String()),
  DINGTALK_API_BASE: Type.String({ pattern: '^https?://', default: 'https://api.dingtalk.com' }),
  DINGTALK_OAPI_BASE: Type.String({ pattern: '^https?://', default: 'https://oapi.dingtalk.com' }),
  DINGTALK_LOGIN_BASE: Type.String({
    pattern: '^https?://',
    default: 'https://login.dingtalk.com',
  }),
  TRUST_PROXY: Type.Optional(Type.String()),
  /** When set, GET /metrics needs `Authorization: Bearer <METRICS_TOKEN>` (PRODUCT.md §10). */
  METRICS_TOKEN: Type.Optional(Type.String({ minLength: 1 })),
  /** SIGTERM: seconds running syncs and sends get to finish before they are stopped (PRODUCT.md §10). */
  SHUTDOWN_GRACE_S: Type.Integer({ minimum: 0, maximum: 3600, default: 25 }),
  LOG_LEVEL: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)),
    { default: 'info' },
  ),
});
export type Env = Static<typeof EnvSchema>;

export interface AppConfig {
  port: number;
  host: string;
  publicUrl: string;
  dataDir: string;
  /** When set, PostgreSQL; otherwise PGlite in `dataDir/db`. */
  databaseUrl?: string;
  adminPassword?: string;
  /** 32-byte master key for encrypting stored secrets. */
  secretKey: Buffer;
  /**
   * Where `secretKey` came from, as the operator would name it (`SECRET_KEY`,
   * `SECRET_KEY_FILE=/run/secrets/key`, `DATA_DIR/secret.key (/data/secret.key)`), for messages.
   */
  secretKeySource?: string;
  wecom: {
    apiBase: string;
    oauthBase: string;
    loginBase: string;
    /**
     * Calls in flight per corp and API across every process sharing the database (WeCom answers
     * 45033 above about 5). Unset in tests that build a config by hand: 5.
     */
    maxInFlight?: number;
    /** WECOM_PROXY: egress proxy of connections that set none of their own. */
    proxy?: string;
  };
  /**
   * DingTalk endpoints (DINGTALK_API_BASE, DINGTALK_OAPI_BASE, DINGTALK_LOGIN_BASE). Unset in tests
   * that build a config by hand: DingTalk's public ones (DINGTALK_DEFAULTS).
   */
  dingtalk?: { apiBase: string; oapiBase: string; loginBase: string };
  logLevel: string;
  /**
   * Reverse proxies whose `X-Forwarded-For` names the client (Fastify's `trustProxy`): a number of
   * hops, or the proxies' addresses and CIDRs. Unset: trust none, the socket address is the client.
   */
  trustProxy?: number | string[];
  /** METRICS_TOKEN: the bearer token GET /metrics asks for; unset = open to whoever reaches it. */
  metricsToken?: string;
  /**
   * SHUTDOWN_GRACE_S: on SIGTERM, how long running syncs and sends may take to finish before the
   * syncs are stopped at their next safe point. Unset in tests that build a config by hand: 25.
   */
  shutdownGraceS?: number;
}

export class ConfigError extends Error {}

/** Parses the environment once; throws ConfigError naming every bad variable. */
export function parseEnv(source: NodeJS.ProcessEnv): Env {
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(EnvSchema.properties)) {
    const value = source[key];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const converted = Value.Convert(EnvSchema, Value.Default(EnvSchema, raw));
  const errors = [...Value.Errors(EnvSchema, converted)];
  if (errors.length > 0) {
    const lines = errors.map((e) => `${e.path.slice(1) || 'env'}: ${e.message}`);
    throw new ConfigError(`Invalid environment:\n  ${lines.join('\n  ')}`);
  }
  return converted as Env;
}

const HEX = /^(?:[0-9a-fA-F]{2})+$/;
/** One alphabet per text (standard or URL-safe), padding only at the end. */
const BASE64 = /^(?:([A-Za-z0-9+/]+)|([A-Za-z0-9_-]+))(={0,2})$/;

/** The refusal of a key that is not strict hex or base64; never quotes the key. */
function malformedKey(source: string, zh: string, en: string): ConfigError {
  return new ConfigError(
    `${source} 无效：${zh}。请填写 32 字节以上的随机密钥，用十六进制或 base64 编码（例如 \`openssl rand -base64 32\` 的输出）；若这套数据已经在用某个密钥，请填写原来的那个。\n` +
      `${source} is invalid: ${en}. Give a random key of at least 32 bytes, hex- or base64-encoded (e.g. the output of \`openssl rand -base64 32\`); if this installation already uses a key, give that same key.`,
  );
}

/**
 * Decodes SECRET_KEY (hex, base64 or base64url, at least 32 bytes) strictly: any other character,
 * misplaced padding or stray bits refuse it, because a lenient decoder turns a typo into a
 * different key. Hex is tried first because a 64-character hex string is also valid base64 and
 * would decode to the wrong bytes. `source` names the setting in the error.
 */
export function decodeSecretKey(text: string, source = 'SECRET_KEY'): Buffer {
  // Line breaks and blanks are not part of a key: `openssl rand -base64 48` and MIME tools wrap
  // at 64 characters (RFC 2045), and keys generated so worked before strict decoding.
  const trimmed = text.replace(/\s+/g, '');
  let bytes: Buffer;
  if (HEX.test(trimmed)) {
    bytes = Buffer.from(trimmed, 'hex');
  } else {
    const m = BASE64.exec(trimmed);
    const body = m ? (m[1] ?? m[2]!) : '';
    const alphabet = m?.[1] !== undefined ? 'base64' : 'base64url';
    const padded = m !== null && m[3] !== '';
    bytes = Buffer.from(body, alphabet);
    // Re-encoding gives the same text (modulo padding) only when every character and bit was used.
    const canonical = bytes.toString(alphabet).replace(/=+$/, '');
    if (!m || body.length % 4 === 1 || (padded && trimmed.length % 4 !== 0) || canonical !== body) {
      throw malformedKey(
        source,
        '不是十六进制也不是 base64（含有其他字符，或填充不对）',
        'it is neither hex nor base64 (other characters, or wrong padding)',
      );
    }
  }
  if (bytes.length < 32) {
    throw malformedKey(
      source,
      `解码后只有 ${bytes.length} 字节，至少需要 32 字节`,
      `it decodes to ${bytes.length} bytes, at least 32 are needed`,
    );
  }
  return bytes.subarray(0, 32);
}

/** SECRET_KEY_FILE: an existing file holding the key (not created: it is the operator's). */
export function readSecretKeyFile(file: string): Buffer {
  const source = `SECRET_KEY_FILE (${file})`;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    throw new ConfigError(
      `${source} 无法读取（${code}）。请确认该文件存在、本进程可读，或改用 SECRET_KEY 直接给出密钥。\n` +
        `${source} cannot be read (${code}). Check that the file exists and this process may read it, or give the key itself in SECRET_KEY.`,
    );
  }
  return decodeSecretKey(text, source);
}

/**
 * Reads DATA_DIR/secret.key, creating it (mode 0600, DATA_DIR 0700) on first start. A key file
 * that group or other may read (an older release, a copy) is made 0600 again.
 */
export function loadOrCreateSecretKey(dataDir: string): Buffer {
  const file = join(dataDir, 'secret.key');
  const source = `DATA_DIR/secret.key (${file})`;
  let text: string | undefined;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  if (text !== undefined) {
    const key = decodeSecretKey(text, source);
    if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
    return key;
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const key = randomBytes(32);
  // 'wx' fails if another process created the file meanwhile; then we read theirs.
  try {
    writeFileSync(file, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
    return key;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return decodeSecretKey(readFileSync(file, 'utf8'), source);
  }
}

/**
 * The master key and where it came from. SECRET_KEY or SECRET_KEY_FILE (not both); without
 * either, the embedded database generates DATA_DIR/secret.key, but PostgreSQL refuses: several
 * processes share it and each would generate a key of its own.
 */
function resolveSecretKey(env: Env, dataDir: string): { key: Buffer; source: string } {
  if (env.SECRET_KEY && env.SECRET_KEY_FILE) {
    throw new ConfigError(
      'SECRET_KEY 和 SECRET_KEY_FILE 只能设置一个。请去掉其中一个。\n' +
        'SECRET_KEY and SECRET_KEY_FILE are both set. Set only one of them.',
    );
  }
  if (env.SECRET_KEY) return { key: decodeSecretKey(env.SECRET_KEY), source: 'SECRET_KEY' };
  if (env.SECRET_KEY_FILE) {
    const file = resolve(env.SECRET_KEY_FILE);
    return { key: readSecretKeyFile(file), source: `SECRET_KEY_FILE (${file})` };
  }
  if (env.DATABASE_URL) {
    const generated = join(dataDir, 'secret.key');
    const hint = existsSync(generated)
      ? [
          `本机的 ${generated} 是以前生成的密钥，若这个数据库一直用它：SECRET_KEY_FILE=${generated}。`,
          `${generated} holds a key generated earlier; if this database has been using it: SECRET_KEY_FILE=${generated}.`,
        ]
      : ['', ''];
    throw new ConfigError(
      `设置了 DATABASE_URL 却没有 SECRET_KEY 或 SECRET_KEY_FILE。共用一个 PostgreSQL 的每个进程必须使用同一个密钥：请把密钥（32 字节以上，十六进制或 base64，例如 \`openssl rand -base64 32\`）放进 SECRET_KEY，或把存放它的文件路径放进 SECRET_KEY_FILE。${hint[0]}\n` +
        `DATABASE_URL is set but neither SECRET_KEY nor SECRET_KEY_FILE is. Every process sharing one PostgreSQL must use the same key: put the key (32+ bytes, hex or base64, e.g. \`openssl rand -base64 32\`) in SECRET_KEY, or the path of the file holding it in SECRET_KEY_FILE.${hint[1] ? ' ' + hint[1] : ''}`,
    );
  }
  return {
    key: loadOrCreateSecretKey(dataDir),
    source: `DATA_DIR/secret.key (${join(dataDir, 'secret.key')})`,
  };
}

/** proxy-addr's names for whole ranges, accepted as entries of the list. */
const PROXY_RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isAddressOrCidr(entry: string): boolean {
  if (PROXY_RANGE_NAMES.has(entry)) return true;
  const [address, prefix, ...rest] = entry.split('/');
  const family = isIP(address ?? '');
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * TRUST_PROXY: hops (`1` = one proxy in front) or comma-separated addresses/CIDRs of the proxies
 * (PRODUCT.md §1, §7). `true` (trust any sender of the header) is refused on purpose: anyone could
 * then choose the address the sign-in throttle counts them under.
 */
export function parseTrustProxy(text: string | undefined): number | string[] | undefined {
  const value = text?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value);
  const entries = value.split(',').map((e) => e.trim());
  const bad = entries.filter((e) => !isAddressOrCidr(e));
  if (bad.length > 0) {
    throw new ConfigError(
      `Invalid environment:\n  TRUST_PROXY: ${bad.map((b) => JSON.stringify(b)).join(', ')} is neither a number of proxy hops nor an IP address or CIDR. Set e.g. TRUST_PROXY=1 (one reverse proxy in front) or TRUST_PROXY=10.0.0.0/8,192.168.1.10, or leave it unset to trust no proxy.`,
    );
  }
  return entries;
}

function checkedWecomProxy(value: string): string {
  const problem = egressProxyProblem(value);
  if (problem) {
    throw new ConfigError(
      `Invalid environment:\n  WECOM_PROXY ${problem.zh}。\n  WECOM_PROXY ${problem.en}.`,
    );
  }
  return value.trim();
}

export function configFromEnv(env: Env): AppConfig {
  const dataDir = resolve(env.DATA_DIR);
  const secret = resolveSecretKey(env, dataDir);
  return {
    port: env.PORT,
    host: env.HOST,
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, ''),
    dataDir,
    databaseUrl: env.DATABASE_URL,
    adminPassword: env.ADMIN_PASSWORD,
    secretKey: secret.key,
    secretKeySource: secret.source,
    wecom: {
      apiBase: env.WECOM_API_BASE,
      oauthBase: env.WECOM_OAUTH_BASE,
      loginBase: env.WECOM_LOGIN_BASE,
      maxInFlight: env.WECOM_MAX_IN_FLIGHT,
      ...(env.WECOM_PROXY ? { proxy: checkedWecomProxy(env.WECOM_PROXY) } : {}),
    },
    dingtalk: {
      apiBase: env.DINGTALK_API_BASE,
      oapiBase: env.DINGTALK_OAPI_BASE,
      loginBase: env.DINGTALK_LOGIN_BASE,
    },
    logLevel: env.LOG_LEVEL,
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    ...(env.METRICS_TOKEN ? { metricsToken: env.METRICS_TOKEN.trim() } : {}),
    shutdownGraceS: env.SHUTDOWN_GRACE_S,
  };
}

export function loadConfig(source: NodeJS.ProcessEnv = process.env): AppConfig {
  return configFromEnv(parseEnv(source));
}

/** DingTalk's public endpoints, the defaults of DINGTALK_*_BASE. */
export const DINGTALK_DEFAULTS = {
  apiBase: 'https://api.dingtalk.com',
  oapiBase: 'https://oapi.dingtalk.com',
  loginBase: 'https://login.dingtalk.com',
} as const;

/**
 * The base URLs each connector is handed as `ProviderContext.endpoints`, by connector id
 * (WeCom: apiBase/oauthBase/loginBase; DingTalk: apiBase/oapiBase/loginBase).
 */
export function providerEndpoints(
  config: Pick<AppConfig, 'wecom' | 'dingtalk'>,
): Record<string, Readonly<Record<string, string>>> {
  const { apiBase, oauthBase, loginBase } = config.wecom;
  return {
    wecom: { apiBase, oauthBase, loginBase },
    dingtalk: { ...(config.dingtalk ?? DINGTALK_DEFAULTS) },
  };
}
