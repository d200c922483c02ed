import type { FastifyInstance } from 'fastify';
import { buildApp } from './app';
import { bootstrap } from './bootstrap';
import { configFromEnv, parseEnv, type AppConfig } from './config';
import { openDatabase, type Database } from './db/client';
import { ownerOnlyUmask } from './lib/owner-only';
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
  webDist?: string | null;
  /** WeCom endpoints instead of WECOM_*_BASE (the demo points them at its simulator). */
  wecom?: Partial<AppConfig['wecom']>;
  /** Background jobs (scheduled sync); on by default, `false` turns them off. */
  jobs?: JobsOptions | false;
  /** Where the generated admin password is announced (default: stdout). */
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
      LOG_LEVEL: pick(opts.logLevel, 'LOG_LEVEL'),
    }),
  );
}

/** Opens the database, migrates, bootstraps, and listens. */
export async function startServer(opts: StartOptions = {}): Promise<RunningServer> {
  ownerOnlyUmask();
  const resolved = resolveConfig(opts);
  const config = opts.wecom
    ? { ...resolved, wecom: { ...resolved.wecom, ...opts.wecom } }
    : resolved;
  const database = await openDatabase(
    config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: config.dataDir },
  );
  try {
    await database.migrate();
    const boot = await bootstrap(database.db, { adminPassword: config.adminPassword });
    if (boot.generatedAdminPassword) {
      const announce = opts.announce ?? ((line: string) => process.stdout.write(line + '\n'));
      announce(
        `Platform administrator created: username "admin", password "${boot.generatedAdminPassword}" (shown once; change it at first sign-in).`,
      );
    }
    const app = await buildApp({
      config,
      database,
      logger: opts.logger,
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
