import { chmodSync, unlinkSync } from 'node:fs';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { join, relative } from 'node:path';
import { ConfigError } from '../config';

/**
 * The embedded database's control socket, `DATA_DIR/control.sock` (a unix domain socket, never
 * TCP). PGlite has no lock of its own: a second process opens a DATA_DIR in use without a word
 * (measured: both then write the same files), so the socket is the lock — whoever has it bound
 * owns the database — and the way in for `backup`, which must be taken by the owning process.
 *
 * Who may connect: the socket is 0600 inside DATA_DIR (0700), so only the DATA_DIR's owner (and
 * root), who could read the database files anyway. Requests are one JSON line; answers start
 * with one line (`ERROR {json}` or the answer).
 */
export const CONTROL_SOCKET = 'control.sock';

/** What the socket's owner is doing: a server, or a backup/restore command holding the lock. */
export type ControlRole = 'server' | 'backup' | 'restore';

export interface ControlStatus {
  pid: number;
  role: ControlRole;
}

/** sun_path is 108 bytes on Linux, 104 on macOS (with the terminating NUL). */
const MAX_SOCKET_PATH = 103;
const REQUEST_TIMEOUT_MS = 5_000;
const MAX_REQUEST_BYTES = 1_024;

/**
 * The address to bind or connect: the absolute path when short enough, else the one relative to
 * this process's working directory (each side resolves its own), else a ConfigError.
 */
export function controlSocketAddress(dataDir: string, cwd = process.cwd()): string {
  const absolute = join(dataDir, CONTROL_SOCKET);
  if (Buffer.byteLength(absolute) <= MAX_SOCKET_PATH) return absolute;
  const near = relative(cwd, absolute);
  if (Buffer.byteLength(near) <= MAX_SOCKET_PATH) return near;
  throw new ConfigError(
    `DATA_DIR 的路径太长（${absolute}，${Buffer.byteLength(absolute)} 字节），放不下控制套接字（最多 ${MAX_SOCKET_PATH} 字节）。请换一个短一些的 DATA_DIR 路径，或在它所在的目录里启动。\n` +
      `The DATA_DIR path is too long for its control socket (${absolute}: ${Buffer.byteLength(absolute)} bytes, at most ${MAX_SOCKET_PATH}). Use a shorter DATA_DIR path, or start from the directory that holds it.`,
  );
}

/** Handles one request; `reply` writes the answer and ends the connection. */
export type ControlHandler = (request: { op: string }, socket: Socket) => Promise<void>;

export interface ControlSocket {
  /** Replaces the handler of ops other than `status` (answered here). */
  serve(handler: ControlHandler): void;
  /** Refuses new requests and lets answers under way finish for up to `graceMs`; keeps the lock. */
  drain(graceMs?: number): Promise<void>;
  /** Stops listening and removes the socket file: the DATA_DIR is free for another process. */
  close(): Promise<void>;
}

/** The refusal of a DATA_DIR another process owns. */
export function dataDirInUse(dataDir: string, owner: ControlStatus | null): ConfigError {
  const who = owner ? `pid ${owner.pid}, ${owner.role}` : 'pid ?';
  return new ConfigError(
    `DATA_DIR（${dataDir}）正被另一个 OrgBridge 进程使用（${who}）。两个进程同时打开同一个嵌入式数据库会把它写坏：请先停止那个进程，或给这个进程另一个 DATA_DIR（多个进程要共用数据请改用 DATABASE_URL 指向的 PostgreSQL）。\n` +
      `DATA_DIR (${dataDir}) is in use by another OrgBridge process (${who}). Two processes on one embedded database corrupt it: stop the other one first, or give this one its own DATA_DIR (processes that share data use PostgreSQL via DATABASE_URL).`,
  );
}

/**
 * Connects to the control socket of `dataDir`: null when nobody listens (no socket file, or one
 * left by a process that died), the connected socket otherwise. Other errors (EACCES) throw.
 */
export function connectControl(dataDir: string): Promise<Socket | null> {
  const address = controlSocketAddress(dataDir);
  return new Promise((resolve, reject) => {
    const socket = createConnection(address);
    socket.once('connect', () => {
      socket.removeAllListeners('error');
      resolve(socket);
    });
    socket.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT' || err.code === 'ECONNREFUSED') resolve(null);
      else reject(err);
    });
  });
}

/** Reads the first line of an answer (at most `limit` bytes); the rest stays in the socket. */
export function readLine(socket: Socket, limit = 64 * 1024): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffered = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      const nl = buffered.indexOf(0x0a);
      if (nl < 0 && buffered.length <= limit) return;
      cleanup();
      if (nl < 0) return reject(new Error('control socket: answer line too long'));
      const rest = buffered.subarray(nl + 1);
      if (rest.length > 0) socket.unshift(rest);
      resolve(buffered.subarray(0, nl).toString('utf8'));
    };
    const onEnd = () => {
      cleanup();
      reject(new Error('control socket: the other side closed the connection'));
    };
    const onError = (err: Error) => {
      cleanup();
      reject(err);
    };
    const cleanup = () => {
      socket.off('data', onData);
      socket.off('end', onEnd);
      socket.off('error', onError);
      socket.pause();
    };
    socket.on('data', onData);
    socket.once('end', onEnd);
    socket.once('error', onError);
    socket.resume();
  });
}

/** Asks the owner of `dataDir` who it is; null when nobody listens. */
export async function controlStatus(dataDir: string): Promise<ControlStatus | null> {
  const socket = await connectControl(dataDir);
  if (!socket) return null;
  try {
    socket.write(JSON.stringify({ op: 'status' }) + '\n');
    const line = await readLine(socket);
    return JSON.parse(line) as ControlStatus;
  } catch {
    // Something listens but does not answer as we do: still, the DATA_DIR is taken.
    return { pid: 0, role: 'server' };
  } finally {
    socket.destroy();
  }
}

/** Sends `ERROR {code, message}` and ends the connection. */
export function replyError(socket: Socket, code: string, message: string): void {
  socket.end(`ERROR ${JSON.stringify({ code, message })}\n`);
}

function listen(server: Server, address: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error) => reject(err);
    server.once('error', onError);
    server.listen(address, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

/**
 * Takes `dataDir` for this process: binds its control socket, or throws the ConfigError of
 * `dataDirInUse` when another process has it. A socket file nobody answers on was left by a
 * process that died (SIGKILL, power loss) and is replaced.
 */
export async function claimDataDir(dataDir: string, role: ControlRole): Promise<ControlSocket> {
  const address = controlSocketAddress(dataDir);
  let handler: ControlHandler | undefined;
  const open = new Set<Socket>();
  const inFlight = new Set<Promise<void>>();
  const server = createServer((socket) => {
    open.add(socket);
    socket.once('close', () => open.delete(socket));
    socket.on('error', () => {});
    socket.setTimeout(REQUEST_TIMEOUT_MS, () => socket.destroy());
    void readLine(socket, MAX_REQUEST_BYTES).then(
      async (line) => {
        socket.setTimeout(0);
        let request: { op?: unknown };
        try {
          request = JSON.parse(line) as { op?: unknown };
        } catch {
          return replyError(socket, 'bad_request', 'a request is one JSON line: {"op":"…"}');
        }
        if (request?.op === 'status') {
          return void socket.end(JSON.stringify({ pid: process.pid, role }) + '\n');
        }
        if (typeof request?.op !== 'string' || !handler) {
          return replyError(socket, 'unknown_op', `unknown request ${JSON.stringify(request?.op)}`);
        }
        const work = handler({ op: request.op }, socket).catch((err: unknown) =>
          replyError(socket, 'failed', err instanceof Error ? err.message : String(err)),
        );
        inFlight.add(work);
        await work.finally(() => inFlight.delete(work));
      },
      () => socket.destroy(),
    );
  });
  try {
    await listen(server, address);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
    const owner = await controlStatus(dataDir);
    if (owner) throw dataDirInUse(dataDir, owner);
    unlinkSync(address);
    await listen(server, address).catch((again: NodeJS.ErrnoException) => {
      // Another process replaced the dead one's socket between our two tries.
      throw again.code === 'EADDRINUSE' ? dataDirInUse(dataDir, null) : again;
    });
  }
  chmodSync(address, 0o600);
  return {
    serve(h) {
      handler = h;
    },
    async drain(graceMs = 10_000) {
      handler = (_request, socket) =>
        Promise.resolve(replyError(socket, 'closing', 'the server is shutting down'));
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.allSettled([...inFlight]),
        new Promise((resolve) => (timer = setTimeout(resolve, graceMs))),
      ]);
      clearTimeout(timer);
    },
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of open) socket.destroy();
      await closed;
    },
  };
}
