import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { buildApp } from './app';
import { bootstrap } from './bootstrap';
import { configFromEnv, parseEnv, type AppConfig } from './config';
import { openDatabase, type Database } from './db/client';
import { checkSecretKey } from './lib/key-check';
import { createSecretBox } from './lib/secrets';
import { sealLegacyConfigs } from './modules/third-app-config/third-app-config.legacy';
import { createLogger } from './lib/log';
import { ownerOnlyUmask } from './lib/owner-only';
import { databaseStartupError, probePostgres } from './lib/startup-errors';
import type { JobsOptions } from './modules/jobs/jobs.types';

export interface StartOptions {
  port?: number;
  host?: string;
  dataDir?: string;
  databaseUrl?: string;
  adminPassword?: string;
  publicUrl?: string;
  secretKey?: string;
  logLevel?: string;
  logger?: boolean;
  /**
   * The process's one logger, made before the configuration is read (server.ts) so that a failed
   * start is logged by it too; its level is set from LOG_LEVEL here. Default: one made here.
   */
  log?: Logger;
  webDist?: string | null;
  /** WeCom endpoints instead of WECOM_*_BASE (the demo points them at its simulator). */
  wecom?: Partial<AppConfig['wecom']>;
  /** Background jobs (scheduled sync); on by default, `false` turns them off. */
  jobs?: JobsOptions | false;
  /** Where the generated admin password is announced (default: a log line, whatever LOG_LEVEL). */
  announce?: (line: string) => void;
}

export interface RunningServer {
  url: string;
  app: FastifyInstance;
  database: Database;
  config: AppConfig;
  close(): Promise<void>;
}

/** Options override the environment; unspecified values come from `env`. */
export function resolveConfig(opts: StartOptions, env: NodeJS.ProcessEnv = process.env): AppConfig {
  const pick = (value: string | number | undefined, key: string) =>
    value === undefined ? env[key] : String(value);
  return configFromEnv(
    parseEnv({
      ...env,
      PORT: pick(opts.port, 'PORT'),
      HOST: pick(opts.host, 'HOST'),
      DATA_DIR: pick(opts.dataDir, 'DATA_DIR'),
      DATABASE_URL: pick(opts.databaseUrl, 'DATABASE_URL'),
      ADMIN_PASSWORD: pick(opts.adminPassword, 'ADMIN_PASSWORD'),
      PUBLIC_URL: pick(opts.publicUrl, 'PUBLIC_URL'),
      SECRET_KEY: pick(opts.secretKey, 'SECRET_KEY'),
      // A key given as an option replaces the environment's, whichever way that names it.
      SECRET_KEY_FILE: opts.secretKey === undefined ? env.SECRET_KEY_FILE : undefined,
      LOG_LEVEL: pick(opts.logLevel, 'LOG_LEVEL'),
    }),
  );
}

/**
 * Opens the database, migrates, checks SECRET_KEY against the database, bootstraps, and listens.
 * Configuration and database errors an operator can fix are ConfigErrors naming the variable.
 */
export async function startServer(opts: StartOptions = {}): Promise<RunningServer> {
  ownerOnlyUmask();
  const resolved = resolveConfig(opts);
  const config = opts.wecom
    ? { ...resolved, wecom: { ...resolved.wecom, ...opts.wecom } }
    : resolved;
  if (opts.log) opts.log.level = config.logLevel;
  const log =
    opts.log ?? (opts.logger === false ? undefined : createLogger({ level: config.logLevel }));
  // The first connection is this one, so a bad DATABASE_URL is reported as such.
  if (config.databaseUrl) await probePostgres(config.databaseUrl);
  const database = await openDatabase({
    ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: config.dataDir }),
    ...(log ? { log } : {}),
  });
  try {
    await database.migrate().catch((err: unknown) => {
      throw config.databaseUrl ? databaseStartupError(err, config.databaseUrl) : err;
    });
    // Before serving a request or taking a job: another key would fail every one of them.
    await checkSecretKey(database.db, config.secretKey, config.secretKeySource);
    // Connections stored before migration 0018 get their settings sealed into settings_enc.
    await sealLegacyConfigs(database.db, createSecretBox(config.secretKey));
    const boot = await bootstrap(database.db, { adminPassword: config.adminPassword });
    if (boot.generatedAdminPassword) {
      // Shown once by design (PRODUCT.md §1): a warning above any LOG_LEVEL, so it is never lost.
      const announce =
        opts.announce ??
        ((line: string) =>
          (log ?? createLogger({ level: 'info' })).child({}, { level: 'info' }).warn(line));
      announce(
        `Platform administrator created: username "admin", password "${boot.generatedAdminPassword}" (shown once; change it at first sign-in).`,
      );
    }
    const app = await buildApp({
      config,
      database,
      logger: opts.logger,
      ...(log ? { loggerInstance: log } : {}),
      webDist: opts.webDist,
      jobs: opts.jobs === false ? undefined : (opts.jobs ?? {}),
    });
    const address = await app.listen({ port: config.port, host: config.host });
    const url = address.replace('0.0.0.0', 'localhost').replace('[::]', 'localhost');
    return {
      url,
      app,
      database,
      config,
      async close() {
        await app.close();
        await database.close();
      },
    };
  } catch (err) {
    await database.close().catch(() => {});
    throw err;
  }
}
