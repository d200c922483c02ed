import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { AppError } from '../lib/errors';

/**
 * What the modules report as it happens (PRODUCT.md §10). Plain callbacks: the modules know
 * nothing of Prometheus, and a test or another exporter can observe the same events.
 */
export interface AppObservers {
  /** One provider HTTP exchange (retries count once each); errcode 0 = success, -1 = transport. */
  connectorCall(call: { provider: string; api: string; ms: number; errcode: number }): void;
  /** A provider access token was fetched (and stored for every process). */
  tokenFetched(): void;
  /** A sync run ended: succeeded, failed, interrupted or needs_confirmation. */
  syncRunFinished(run: { trigger: string; outcome: string; seconds: number }): void;
  /** A send ended with this outcome (the message's status, or accepted_log_pending, or error). */
  messageSent(outcome: string): void;
  /** One round of the message journal wrote this many items (lib/batcher.ts). */
  journalBatch(size: number): void;
}

export interface AppMetrics {
  registry: Registry;
  observers: AppObservers;
  /** The route pattern (`/sys/user/:id`), never the raw URL: bounded label values. */
  httpRequest(labels: { method: string; route: string; status: number }, seconds: number): void;
}

/** One registry per app: test apps in one process never share or double-register metrics. */
export function createMetrics(): AppMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'orgbridge_' });
  const http = new Histogram({
    name: 'orgbridge_http_request_duration_seconds',
    help: 'HTTP request durations by method, route pattern and status code',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const calls = new Counter({
    name: 'orgbridge_connector_calls_total',
    help: 'Provider API calls by provider, API and errcode (0 = success, -1 = no answer)',
    labelNames: ['provider', 'api', 'errcode'] as const,
    registers: [registry],
  });
  const callSeconds = new Histogram({
    name: 'orgbridge_connector_call_duration_seconds',
    help: 'Provider API call durations (the HTTP exchange, not the wait for a call slot)',
    labelNames: ['provider', 'api'] as const,
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const tokens = new Counter({
    name: 'orgbridge_connector_token_fetches_total',
    help: 'Provider access tokens fetched and stored (one per secret per token lifetime)',
    registers: [registry],
  });
  const syncRuns = new Counter({
    name: 'orgbridge_sync_runs_total',
    help: 'Directory sync runs by trigger and outcome',
    labelNames: ['trigger', 'outcome'] as const,
    registers: [registry],
  });
  const syncSeconds = new Histogram({
    name: 'orgbridge_sync_run_duration_seconds',
    help: 'Directory sync run durations by trigger and outcome',
    labelNames: ['trigger', 'outcome'] as const,
    buckets: [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 900],
    registers: [registry],
  });
  const messages = new Counter({
    name: 'orgbridge_messages_total',
    help: 'Messages sent by outcome',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  const journal = new Histogram({
    name: 'orgbridge_message_journal_batch_size',
    help: 'Items written per round of the message journal',
    buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256],
    registers: [registry],
  });
  return {
    registry,
    httpRequest: ({ method, route, status }, seconds) =>
      http.observe({ method, route, status_code: String(status) }, seconds),
    observers: {
      connectorCall: ({ provider, api, ms, errcode }) => {
        calls.inc({ provider, api, errcode: String(errcode) });
        callSeconds.observe({ provider, api }, ms / 1000);
      },
      tokenFetched: () => tokens.inc(),
      syncRunFinished: ({ trigger, outcome, seconds }) => {
        syncRuns.inc({ trigger, outcome });
        syncSeconds.observe({ trigger, outcome }, seconds);
      },
      messageSent: (outcome) => messages.inc({ outcome }),
      journalBatch: (size) => journal.observe(size),
    },
  };
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Compares digests: constant time whatever the lengths, so timing tells nothing of the token. */
function tokenMatches(header: string | undefined, token: string): boolean {
  const m = /^Bearer\s+(.+)$/i.exec(header ?? '');
  return m !== null && timingSafeEqual(digest(m[1]!.trim()), digest(token));
}

/**
 * `GET /metrics` (Prometheus text format) and the HTTP duration of every request. Not behind the
 * session: a scraper has none. With METRICS_TOKEN set, `Authorization: Bearer <token>` is needed.
 */
export function registerMetrics(
  app: FastifyInstance,
  metrics: AppMetrics,
  opts: { token?: string },
): void {
  app.addHook('onResponse', async (req, reply) => {
    metrics.httpRequest(
      {
        method: req.method,
        // Unmatched URLs (404s, scanners) share one label value: the raw URL would be unbounded.
        route: req.routeOptions.url ?? 'unmatched',
        status: reply.statusCode,
      },
      reply.elapsedTime / 1000,
    );
  });
  const { token } = opts;
  app.get('/metrics', { schema: { hide: true } }, async (req, reply) => {
    if (token && !tokenMatches(req.headers.authorization, token)) {
      void reply.header('www-authenticate', 'Bearer realm="metrics"');
      throw new AppError(
        'metrics.token_invalid',
        401,
        "指标接口需要令牌：请在请求头 Authorization: Bearer <METRICS_TOKEN> 中提供服务器配置的 METRICS_TOKEN。(The metrics endpoint needs a token: send Authorization: Bearer <METRICS_TOKEN> with the value of the server's METRICS_TOKEN.)",
      );
    }
    void reply.header('content-type', metrics.registry.contentType);
    return metrics.registry.metrics();
  });
}
