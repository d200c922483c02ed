import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join, resolve } from 'node:path';
import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';

/** Environment variables of PRODUCT.md §1; all optional. */
export const EnvSchema = Type.Object({
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3000 }),
  HOST: Type.String({ minLength: 1, default: '0.0.0.0' }),
  PUBLIC_URL: Type.Optional(Type.String({ pattern: '^https?://' })),
  DATA_DIR: Type.String({ minLength: 1, default: './data' }),
  DATABASE_URL: Type.Optional(Type.String({ pattern: '^postgres(ql)?://' })),
  ADMIN_PASSWORD: Type.Optional(Type.String({ minLength: 8 })),
  SECRET_KEY: Type.Optional(Type.String({ minLength: 32 })),
  WECOM_API_BASE: Type.String({ pattern: '^https?://', default: 'https://qyapi.weixin.qq.com' }),
  WECOM_OAUTH_BASE: Type.String({ pattern: '^https?://', default: 'https://open.weixin.qq.com' }),
  WECOM_LOGIN_BASE: Type.String({
    pattern: '^https?://',
    default: 'https://login.work.weixin.qq.com',
  }),
  /** WeCom's concurrent-call limit per corp and API, for the whole cluster (PRODUCT.md §6, §10). */
  WECOM_MAX_IN_FLIGHT: Type.Integer({ minimum: 1, maximum: 100, default: 5 }),
  TRUST_PROXY: Type.Optional(Type.String()),
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
  wecom: {
    apiBase: string;
    oauthBase: string;
    loginBase: string;
    /**
     * Calls in flight per corp and API across every process sharing the database (WeCom answers
     * 45033 above about 5). Unset in tests that build a config by hand: 5.
     */
    maxInFlight?: number;
  };
  logLevel: string;
  /**
   * Reverse proxies whose `X-Forwarded-For` names the client (Fastify's `trustProxy`): a number of
   * hops, or the proxies' addresses and CIDRs. Unset: trust none, the socket address is the client.
   */
  trustProxy?: number | string[];
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

/**
 * Decodes SECRET_KEY (hex or base64, at least 32 bytes). Hex is tried first because a
 * 64-character hex string is also valid base64 and would decode to the wrong bytes.
 */
export function decodeSecretKey(text: string): Buffer {
  const trimmed = text.trim();
  const bytes =
    /^[0-9a-fA-F]+$/.test(trimmed) && trimmed.length % 2 === 0
      ? Buffer.from(trimmed, 'hex')
      : Buffer.from(trimmed, 'base64');
  if (bytes.length < 32) {
    throw new ConfigError('SECRET_KEY must decode (hex or base64) to at least 32 bytes');
  }
  return bytes.subarray(0, 32);
}

/**
 * Reads DATA_DIR/secret.key, creating it (mode 0600, DATA_DIR 0700) on first start. A key file
 * that group or other may read (an older release, a copy) is made 0600 again.
 */
export function loadOrCreateSecretKey(dataDir: string): Buffer {
  const file = join(dataDir, 'secret.key');
  try {
    const key = decodeSecretKey(readFileSync(file, 'utf8'));
    if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
    return key;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const key = randomBytes(32);
  // 'wx' fails if another process created the file meanwhile; then we read theirs.
  try {
    writeFileSync(file, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
    return key;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return decodeSecretKey(readFileSync(file, 'utf8'));
  }
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

export function configFromEnv(env: Env): AppConfig {
  const dataDir = resolve(env.DATA_DIR);
  return {
    port: env.PORT,
    host: env.HOST,
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, ''),
    dataDir,
    databaseUrl: env.DATABASE_URL,
    adminPassword: env.ADMIN_PASSWORD,
    secretKey: env.SECRET_KEY ? decodeSecretKey(env.SECRET_KEY) : loadOrCreateSecretKey(dataDir),
    wecom: {
      apiBase: env.WECOM_API_BASE,
      oauthBase: env.WECOM_OAUTH_BASE,
      loginBase: env.WECOM_LOGIN_BASE,
      maxInFlight: env.WECOM_MAX_IN_FLIGHT,
    },
    logLevel: env.LOG_LEVEL,
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
  };
}

export function loadConfig(source: NodeJS.ProcessEnv = process.env): AppConfig {
  return configFromEnv(parseEnv(source));
}
