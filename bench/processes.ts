/**
 * Child processes for the sync benchmarks: the WeCom simulator (its CLI) and an OrgBridge server
 * (`packages/server/src/server.ts`, configured from the environment like an operator would), so
 * the figures of the server process are not mixed with the simulator's or the load generator's.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(fileURLToPath(new URL('..', import.meta.url)));
/** One key for every server of a run: a restart on the same data must use the same key. */
const SECRET_KEY = randomBytes(32).toString('hex');
export const ADMIN_PASSWORD = 'BenchAdmin123';

/** A TCP port free on 127.0.0.1 right now. */
export async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const a = probe.address();
      probe.close(() => (typeof a === 'object' && a ? ok(a.port) : fail(new Error('no port'))));
    });
  });
}

/** Peak resident set size (VmHWM) of a live process in MB, from /proc (Linux). */
export function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /^VmHWM:\s+(\d+) kB/m.exec(status)?.[1];
  if (!kb) throw new Error(`no VmHWM for pid ${pid}`);
  return Number(kb) / 1024;
}

interface Child {
  pid: number;
  stop(): Promise<void>;
  /** The last 10 kB of its output, for error messages. */
  log(): string;
}

function start(args: string[], env: Record<string, string>): Child {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', ...args], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const keep = (c: Buffer) => (out = (out + c.toString()).slice(-10_000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return {
    pid: child.pid!,
    log: () => out,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}

async function waitFor(c: Child, url: string, what: string): Promise<void> {
  const deadline = Date.now() + 90_000;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await c.stop();
      throw new Error(`${what} did not start:\n${c.log()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface SimProcess {
  url: string;
  pid: number;
  credentials: { corpId: string; agentId: number; secret: string; contactSecret: string };
  /** Requests per `/cgi-bin/...` path since the last reset (the simulator's own count). */
  counts(): Promise<Record<string, number>>;
  resetCounts(): Promise<void>;
  stop(): Promise<void>;
}

/** `packages/wecom-sim/src/cli.ts` in its own process; counts are read over its admin API. */
export async function spawnSimulator(o: {
  users: number;
  departments: number;
  seed?: number;
  latencyMs: number;
  concurrencyLimit: number;
}): Promise<SimProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const c = start(
    [
      'packages/wecom-sim/src/cli.ts',
      ...['--port', String(port), '--users', String(o.users)],
      ...['--departments', String(o.departments), '--seed', String(o.seed ?? 1)],
      ...['--latency-ms', String(o.latencyMs), '--concurrency-limit', String(o.concurrencyLimit)],
      ...['--freq-limit', '1000000'],
    ],
    {},
  );
  await waitFor(c, `${url}/sim/admin/credentials`, 'simulator');
  const credentials = (await (
    await fetch(`${url}/sim/admin/credentials`)
  ).json()) as SimProcess['credentials'];
  return {
    url,
    pid: c.pid,
    credentials,
    async counts() {
      return (await (await fetch(`${url}/sim/admin/counts`)).json()) as Record<string, number>;
    },
    async resetCounts() {
      const res = await fetch(`${url}/sim/admin/counts`, { method: 'DELETE' });
      if (!res.ok) throw new Error(`reset counts → ${res.status}`);
    },
    stop: () => c.stop(),
  };
}

export interface ServerProcess {
  url: string;
  pid: number;
  /** Peak RSS of the server process so far (database included when embedded). */
  peakRssMb(): number;
  stop(): Promise<void>;
}

/**
 * `node --import tsx packages/server/src/server.ts` in production mode against the simulator.
 * BENCH_CPU_PROF=<dir> makes it write a V8 CPU profile there when it stops.
 */
export async function spawnServer(o: {
  simUrl: string;
  dataDir: string;
  databaseUrl?: string;
}): Promise<ServerProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const prof = process.env.BENCH_CPU_PROF;
  const c = start(
    [...(prof ? ['--cpu-prof', `--cpu-prof-dir=${prof}`] : []), 'packages/server/src/server.ts'],
    {
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: url,
      DATA_DIR: o.dataDir,
      DATABASE_URL: o.databaseUrl ?? '',
      ADMIN_PASSWORD,
      SECRET_KEY,
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      WECOM_API_BASE: o.simUrl,
      WECOM_OAUTH_BASE: o.simUrl,
      WECOM_LOGIN_BASE: o.simUrl,
    },
  );
  await waitFor(c, `${url}/health`, 'server');
  return { url, pid: c.pid, peakRssMb: () => peakRssMb(c.pid), stop: () => c.stop() };
}
