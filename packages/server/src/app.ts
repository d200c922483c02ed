import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type RouteOptions } from 'fastify';
import type { Logger } from 'pino';
import type { AppConfig } from './config';
import type { Database } from './db/client';
import { registerAccessHooks } from './plugins/auth';
import { DEFAULT_BODY_LIMIT, registerErrorHandler } from './plugins/error-handler';
import { registerHealth } from './plugins/health';
import { createMetrics, registerMetrics } from './plugins/metrics';
import { registerOpenApi } from './plugins/openapi';
import { registerSecurityHeaders } from './plugins/security-headers';
import { registerJsonParser, registerValidation } from './plugins/validation';
import { registerWeb } from './plugins/web';
import { createLogger } from './lib/log';
import { serverPackageRoot } from './lib/package-root';
import { registerJobs } from './modules/jobs/jobs.plugin';
import type { Jobs } from './modules/jobs/jobs.service';
import type { JobsOptions } from './modules/jobs/jobs.types';
import type { MessagesOptions } from './modules/messages/messages.outcomes';
import { registerRoutes } from './routes';
import { createServices } from './services';

export const DEFAULT_WEB_DIST = join(serverPackageRoot(), '..', 'web', 'dist');

export { REDACT_PATHS } from './lib/log';

/**
 * Fastify's `trustProxy` for TRUST_PROXY. Unset: X-Forwarded-For is ignored and `req.ip` is the
 * socket's. Addresses/CIDRs: trusted only when the socket is one of them. Hops: Fastify 5 ignores a
 * bare number (it cannot check the peer), so a function trusts the first `hops` addresses — right
 * only when the server is reachable through the proxy alone, which is what choosing hops declares.
 */
export function trustProxyOption(
  trust: AppConfig['trustProxy'],
): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (trust === undefined) return false;
  if (typeof trust === 'number') return (_address, hop) => hop < trust;
  return trust;
}

export interface BuildAppOptions {
  config: AppConfig;
  database: Database;
  /** `false` silences logs (tests); otherwise pino at `config.logLevel`. */
  logger?: boolean;
  /** Where log lines go (default stdout), e.g. a file or a log shipper's stream. */
  logStream?: { write(line: string): void };
  /** The process's one logger (start.ts makes it before the database opens); wins over the two above. */
  loggerInstance?: Logger;
  /** Built console directory; `null` disables serving it. */
  webDist?: string | null;
  /** Observes every registered route (used by the isolation suite to find all endpoints). */
  onRoute?: (route: RouteOptions) => void;
  /** Runs background jobs (scheduled sync) on pg-boss; none unless given. `startServer` gives it. */
  jobs?: JobsOptions;
  /** Outcome retries and the sweep of stale sends (tests shorten them); defaults otherwise. */
  messages?: MessagesOptions;
}

/** Builds the application without listening: tests use `app.inject()`. */
export async function buildApp(opts: BuildAppOptions): Promise<FastifyInstance> {
  const logger: FastifyBaseLogger | undefined =
    opts.loggerInstance ??
    (opts.logger === false
      ? undefined
      : createLogger({
          level: opts.config.logLevel,
          ...(opts.logStream ? { stream: opts.logStream } : {}),
        }));
  const app = Fastify({
    ...(logger ? { loggerInstance: logger } : { logger: false }),
    bodyLimit: DEFAULT_BODY_LIMIT,
    trustProxy: trustProxyOption(opts.config.trustProxy),
    genReqId: () => randomUUID(),
  });
  await registerSecurityHeaders(app);
  app.addHook('onSend', async (req, reply) => {
    void reply.header('x-request-id', req.id);
  });

  if (opts.onRoute) {
    const observe = opts.onRoute;
    app.addHook('onRoute', (route) => observe(route));
  }
  const metrics = createMetrics();
  const services = createServices({
    db: opts.database.db,
    database: opts.database,
    config: opts.config,
    log: app.log,
    messages: opts.messages,
    observers: metrics.observers,
  });
  // The shutdown grace (SHUTDOWN_GRACE_S) starts when closing does: requests in flight (sends),
  // sync runs and the outcome queue share it (services.shutdownDeadline).
  app.addHook('preClose', async () => {
    services.shutdownDeadline();
  });
  // Approval cards being sent or clicks being handled finish first; then the sweep of stale
  // sends and the background outcome retry (messages.outcomes.ts).
  app.addHook('onClose', async () => {
    await services.approvalCards.idle();
    await services.messages.close();
  });
  const callSlots = services.callSlots;
  if (callSlots) app.addHook('onClose', () => callSlots.close());
  registerErrorHandler(app);
  registerValidation(app);
  registerJsonParser(app);
  await registerOpenApi(app, opts.config.publicUrl);
  registerAccessHooks(app, services);

  registerMetrics(app, metrics, { token: opts.config.metricsToken });
  let jobs: Jobs | undefined;
  registerHealth(app, {
    database: opts.database,
    jobs: () => (opts.jobs ? (jobs?.running() ?? false) : null),
  });
  registerRoutes(app, services);
  if (opts.jobs)
    jobs = await registerJobs(app, { services, database: opts.database, options: opts.jobs });
  await registerWeb(app, opts.webDist === undefined ? DEFAULT_WEB_DIST : opts.webDist);
  return app;
}
