import pg from 'pg';
import { ConfigError } from '../config';

/** How long the first connection may take before DATABASE_URL is reported unreachable. */
const CONNECT_TIMEOUT_MS = 10_000;

/** Host, port, database and user of a connection string: never its password. */
function target(url: string): { where: string; database: string; user: string } {
  try {
    const u = new URL(url);
    const host = u.hostname || u.searchParams.get('host') || 'localhost';
    const database = decodeURIComponent(u.pathname.slice(1)) || decodeURIComponent(u.username);
    return {
      where: `${host}:${u.port || '5432'}`,
      database: database || '?',
      user: decodeURIComponent(u.username) || '?',
    };
  } catch {
    return { where: '?', database: '?', user: '?' };
  }
}

function codeOf(err: unknown): string | undefined {
  const e = err as { code?: unknown; errors?: { code?: unknown }[] } | null;
  const code = e?.code ?? e?.errors?.[0]?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * The paragraph (Chinese, then English) an operator needs when PostgreSQL cannot be used at start,
 * naming DATABASE_URL and what in it to check; undefined for errors that are not about reaching
 * or entering the database (those keep their stack). Never quotes the password. `connecting`:
 * the error ended the first connection attempt, so whatever it is, DATABASE_URL is to be checked.
 */
export function describeDatabaseError(
  err: unknown,
  url: string,
  opts: { connecting?: boolean } = {},
): string | undefined {
  const { where, database, user } = target(url);
  const message = err instanceof Error ? err.message : String(err);
  const code = codeOf(err);
  const say = (zh: string, en: string) =>
    `无法启动：${zh}\nCannot start: ${en} (${code ? `${code}: ` : ''}${message})`;
  switch (code) {
    case 'ECONNREFUSED':
      return say(
        `DATABASE_URL 指向的 ${where} 拒绝连接。请检查 DATABASE_URL 里的主机和端口，并确认 PostgreSQL 正在运行、在这个地址上监听。`,
        `the PostgreSQL named by DATABASE_URL refused the connection at ${where}. Check the host and port in DATABASE_URL and that PostgreSQL is running and listening there.`,
      );
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return say(
        `DATABASE_URL 里的主机名 ${where} 无法解析。请检查 DATABASE_URL 里的主机名拼写和本机的 DNS。`,
        `the host in DATABASE_URL (${where}) does not resolve. Check the host name in DATABASE_URL and this machine's DNS.`,
      );
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return say(
        `连不上 DATABASE_URL 指向的 ${where}（超时或网络不可达）。请检查 DATABASE_URL 里的主机和端口，以及防火墙和网络。`,
        `the PostgreSQL named by DATABASE_URL at ${where} did not answer (timeout or unreachable). Check the host and port in DATABASE_URL, firewalls and the network.`,
      );
    case '28P01':
      return say(
        `PostgreSQL 拒绝了 DATABASE_URL 里的用户 ${user} 的密码。请检查 DATABASE_URL 里的用户名和密码（特殊字符要做 URL 编码）。`,
        `PostgreSQL refused the password of user ${user} given in DATABASE_URL. Check the user name and password in DATABASE_URL (URL-encode special characters).`,
      );
    case '28000':
      return say(
        `PostgreSQL 不允许 DATABASE_URL 里的用户 ${user} 连接数据库 ${database}。请检查 DATABASE_URL 里的用户名，以及 PostgreSQL 的 pg_hba.conf 是否允许这台机器连接。`,
        `PostgreSQL does not let user ${user} of DATABASE_URL connect to database ${database}. Check the user name in DATABASE_URL and that PostgreSQL's pg_hba.conf admits this host.`,
      );
    case '3D000':
      return say(
        `DATABASE_URL 指定的数据库 ${database} 在 ${where} 上不存在。请先创建它（createdb ${database}），或改正 DATABASE_URL 里的数据库名。`,
        `the database ${database} named by DATABASE_URL does not exist on ${where}. Create it first (createdb ${database}) or correct the database name in DATABASE_URL.`,
      );
    case '57P03':
      return say(
        `DATABASE_URL 指向的 PostgreSQL 正在启动或恢复，暂不接受连接。请稍后再启动。`,
        `the PostgreSQL named by DATABASE_URL is starting up or recovering and refuses connections. Start again shortly.`,
      );
    case '53300':
      return say(
        `DATABASE_URL 指向的 PostgreSQL 连接数已满。请调大 max_connections 或减少进程数（每个进程最多用 13 个连接）。`,
        `the PostgreSQL named by DATABASE_URL has no connection slots left. Raise max_connections or run fewer processes (each uses up to 13 connections).`,
      );
  }
  if (/timeout/i.test(message)) {
    return say(
      `连不上 DATABASE_URL 指向的 ${where}（超时）。请检查 DATABASE_URL 里的主机和端口，以及防火墙和网络。`,
      `the PostgreSQL named by DATABASE_URL at ${where} did not answer in time. Check the host and port in DATABASE_URL, firewalls and the network.`,
    );
  }
  if (/\bSSL\b/i.test(message)) {
    return say(
      `与 DATABASE_URL 指向的 ${where} 之间的 SSL 设置不一致。请检查 DATABASE_URL 里的 sslmode 参数。`,
      `the SSL settings of DATABASE_URL do not match the server at ${where}. Check the sslmode parameter of DATABASE_URL.`,
    );
  }
  if (opts.connecting) {
    return say(
      `连接 DATABASE_URL 指向的 ${where} 失败。请检查 DATABASE_URL 里的主机、端口和 sslmode，并确认这个地址上运行的是 PostgreSQL。`,
      `connecting to ${where}, named by DATABASE_URL, failed. Check the host, port and sslmode in DATABASE_URL, and that PostgreSQL is what listens there.`,
    );
  }
  return undefined;
}

/** A ConfigError naming DATABASE_URL for a known connection failure; `err` itself otherwise. */
export function databaseStartupError(
  err: unknown,
  url: string,
  opts: { connecting?: boolean } = {},
): unknown {
  const text = describeDatabaseError(err, url, opts);
  return text === undefined ? err : new ConfigError(text);
}

/**
 * Connects once to DATABASE_URL before anything else does, so that an unreachable or misnamed
 * database is reported as such (naming DATABASE_URL) and not by whichever connection tried first
 * (the change listener's, in the background). Gives up after 10 s.
 */
export async function probePostgres(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, application_name: 'orgbridge-startup' });
  client.on('error', () => {});
  const connecting = client.connect();
  connecting.catch(() => {});
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          Object.assign(new Error(`no answer within ${CONNECT_TIMEOUT_MS / 1000} s`), {
            code: 'ETIMEDOUT',
          }),
        ),
      CONNECT_TIMEOUT_MS,
    );
  });
  try {
    await Promise.race([connecting, timeout]);
    await client.query('select 1');
  } catch (err) {
    // Not awaited: ending a connection still being attempted can wait for the attempt.
    void client.end().catch(() => {});
    throw databaseStartupError(err, url, { connecting: true });
  } finally {
    clearTimeout(timer);
  }
  await client.end();
}
