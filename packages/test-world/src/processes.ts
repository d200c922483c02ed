/**
 * The WeCom simulator (its CLI) and an OrgBridge server (configured from the environment like an
 * operator would) as child processes: the browser journeys' stack, the bench's, and the server
 * tests that stop or kill a process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './ports';
import type { WeComCredentials } from './tenants';

export const repoRoot = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
const STARTUP_TIMEOUT_MS = 90_000;
/** USER_HZ: the unit of /proc CPU times, 100 on every Linux this runs on. */
const CLOCK_TICKS = 100;

/** Peak resident set size (VmHWM) of a live process in MB, from /proc (Linux). */
export function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /^VmHWM:\s+(\d+) kB/m.exec(status)?.[1];
  if (!kb) throw new Error(`no VmHWM for pid ${pid}`);
  return Number(kb) / 1024;
}

/** User + system CPU of a process so far in ms (Linux /proc); 0 once it is gone. */
export function processCpuMs(pid: number): number {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return 0;
  }
  // Fields 14 and 15 of /proc/<pid>/stat (after the parenthesised command name).
  const fields = stat.split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}

/** One complete line the process wrote, and where. */
export interface OutputLine {
  stream: 'stdout' | 'stderr';
  text: string;
}

export interface Child {
  pid: number;
  /** The last 20 kB of its output, for error messages. */
  log(): string;
  /** Every non-empty line of its output so far, whole (for tests that read each line). */
  lines(): OutputLine[];
  /** Its exit code (null when a signal ended it), once it has exited and its output is read. */
  readonly exited: Promise<number | null>;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once it is gone. */
  stop(graceMs?: number): Promise<void>;
  /** SIGKILL, no grace. */
  kill(): Promise<void>;
  readonly process: ChildProcess;
}

/** `node --import tsx <args>` from the repository root. */
export function startNode(
  args: string[],
  env: Record<string, string> = {},
  nodeArgs: string[] = [],
): Child {
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', ...args], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const lines: OutputLine[] = [];
  for (const stream of ['stdout', 'stderr'] as const) {
    let rest = '';
    child[stream]?.on('data', (c: Buffer) => {
      out = (out + c.toString()).slice(-20_000);
      const parts = (rest + c.toString()).split('\n');
      rest = parts.pop()!;
      for (const text of parts) if (text.trim()) lines.push({ stream, text });
    });
    child[stream]?.on('end', () => {
      if (rest.trim()) lines.push({ stream, text: rest });
    });
  }
  const gone = () => child.exitCode !== null || child.signalCode !== null;
  const ended = new Promise<void>((r) => child.once('exit', () => r()));
  // After 'exit', once its output is read to the end too.
  const exited = new Promise<number | null>((r) => child.once('close', (code) => r(code)));
  return {
    pid: child.pid!,
    process: child,
    exited,
    log: () => out,
    lines: () => lines,
    async stop(graceMs = 10_000) {
      if (gone()) return;
      child.kill('SIGTERM');
      await Promise.race([ended, new Promise((r) => setTimeout(r, graceMs))]);
      if (!gone()) child.kill('SIGKILL');
      await ended;
    },
    async kill() {
      if (gone()) return;
      child.kill('SIGKILL');
      await ended;
    },
  };
}

/** Resolves once `url` answers 2xx; throws (and kills the child) if it exits or times out. */
export async function waitUntilServing(c: Child, url: string, what: string): Promise<void> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  for (;;) {
    if (c.process.exitCode !== null)
      throw new Error(`${what} exited with ${c.process.exitCode} during start-up:\n${c.log()}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await c.kill();
      throw new Error(`${what} did not answer ${url} within ${STARTUP_TIMEOUT_MS} ms:\n${c.log()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface SimProcessOptions {
  port?: number;
  users: number;
  departments: number;
  seed?: number;
  latencyMs?: number;
  concurrencyLimit?: number;
  freqLimit?: number;
  credentials?: Partial<WeComCredentials>;
  trustedDomain?: string;
  homeUrl?: string;
}

export interface SimProcess {
  url: string;
  pid: number;
  credentials: Required<WeComCredentials>;
  /** Requests per `/cgi-bin/...` path since the last reset (the simulator's own count). */
  counts(): Promise<Record<string, number>>;
  resetCounts(): Promise<void>;
  stop(): Promise<void>;
}

/** `packages/wecom-sim/src/cli.ts` in its own process; counts are read over its admin API. */
export async function spawnSimulator(o: SimProcessOptions): Promise<SimProcess> {
  const port = o.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const flag = (name: string, value: string | number | undefined) =>
    value === undefined ? [] : [`--${name}`, String(value)];
  const c = startNode([
    'packages/wecom-sim/src/cli.ts',
    ...flag('port', port),
    ...flag('users', o.users),
    ...flag('departments', o.departments),
    ...flag('seed', o.seed ?? 1),
    ...flag('latency-ms', o.latencyMs ?? 0),
    ...flag('concurrency-limit', o.concurrencyLimit),
    ...flag('freq-limit', o.freqLimit),
    ...flag('corp-id', o.credentials?.corpId),
    ...flag('agent-id', o.credentials?.agentId),
    ...flag('secret', o.credentials?.secret),
    ...flag('contact-secret', o.credentials?.contactSecret),
    ...flag('trusted-domain', o.trustedDomain),
    ...flag('home-url', o.homeUrl),
  ]);
  await waitUntilServing(c, `${url}/sim/admin/credentials`, 'the WeCom simulator');
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

export interface ServerProcessOptions {
  simUrl: string;
  dataDir: string;
  /** PostgreSQL instead of the embedded database. */
  databaseUrl?: string;
  port?: number;
  adminPassword: string;
  /** Every server of one deployment (and a restart on the same data) must share it. */
  secretKey?: string;
  /** The script to run; default `packages/server/src/server.ts` (`npm start`'s server). */
  entry?: string;
  /** Extra environment (E2E_WEB_DIST, NODE_ENV, …). */
  env?: Record<string, string>;
  /** Write a V8 CPU profile to this folder when the process stops. */
  cpuProfDir?: string;
}

export interface ServerProcess {
  url: string;
  pid: number;
  /** Peak RSS of the server process so far (database included when embedded). */
  peakRssMb(): number;
  /** CPU time the process has used so far (user + system), in ms. */
  cpuMs(): number;
  log(): string;
  /** Every non-empty line of its output so far (see Child.lines). */
  lines(): OutputLine[];
  /** SIGTERM and no SIGKILL after it: answers the exit code of the server's own shutdown. */
  terminate(): Promise<number | null>;
  stop(): Promise<void>;
  kill(): Promise<void>;
}

/** An OrgBridge server process against the simulator at `simUrl`, started once /health answers. */
export async function spawnServer(o: ServerProcessOptions): Promise<ServerProcess> {
  const port = o.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const c = startNode(
    [o.entry ?? 'packages/server/src/server.ts'],
    {
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: url,
      DATA_DIR: o.dataDir,
      DATABASE_URL: o.databaseUrl ?? '',
      ADMIN_PASSWORD: o.adminPassword,
      SECRET_KEY: o.secretKey ?? randomBytes(32).toString('hex'),
      LOG_LEVEL: 'warn',
      WECOM_API_BASE: o.simUrl,
      WECOM_OAUTH_BASE: o.simUrl,
      WECOM_LOGIN_BASE: o.simUrl,
      ...o.env,
    },
    o.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${o.cpuProfDir}`] : [],
  );
  await waitUntilServing(c, `${url}/health`, 'OrgBridge');
  return {
    url,
    pid: c.pid,
    peakRssMb: () => peakRssMb(c.pid),
    cpuMs: () => processCpuMs(c.pid),
    log: () => c.log(),
    lines: () => c.lines(),
    async terminate() {
      c.process.kill('SIGTERM');
      return c.exited;
    },
    stop: () => c.stop(),
    kill: () => c.kill(),
  };
}

export interface Stack {
  sim: SimProcess;
  server: ServerProcess;
  stop(): Promise<void>;
}

/**
 * Server and simulator as two processes that know each other: the server's port is chosen first,
 * so the simulator's trusted domain and "open the app" home URL can point at it.
 */
export async function spawnStack(o: {
  sim: Omit<SimProcessOptions, 'homeUrl' | 'trustedDomain'> & { homePath?: string };
  server: Omit<ServerProcessOptions, 'simUrl' | 'port'>;
}): Promise<Stack> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const sim = await spawnSimulator({
    ...o.sim,
    trustedDomain: '127.0.0.1',
    homeUrl: `${base}${o.sim.homePath ?? '/tenantId/0'}`,
  });
  let server: ServerProcess;
  try {
    server = await spawnServer({ ...o.server, simUrl: sim.url, port });
  } catch (err) {
    await sim.stop();
    throw err;
  }
  return {
    sim,
    server,
    async stop() {
      await server.stop();
      await sim.stop();
    },
  };
}
