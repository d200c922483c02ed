/**
 * The production app on the embedded database in DATA_DIR, with FaultyNodeFS underneath and
 * the production signal handling (lib/shutdown.ts): a child process for
 * embedded-storage-fault.test.ts. The parent switches the fault by IPC: `{ errno: 51 | null }`.
 */
import { randomBytes } from 'node:crypto';
import { buildApp } from '../src/app';
import { bootstrap } from '../src/bootstrap';
import { openDatabase } from '../src/db/client';
import { exitOnSignals } from '../src/lib/shutdown';
import { FaultyNodeFS, type StorageFault } from './storage-fault';

const dataDir = process.env.DATA_DIR!;
const fault: StorageFault = { errno: null };
const database = await openDatabase({
  dataDir,
  filesystem: (path) => new FaultyNodeFS(path, fault),
  reopenDelayMs: 200,
});
await database.migrate();
await bootstrap(database.db, { adminPassword: process.env.ADMIN_PASSWORD });
const app = await buildApp({
  config: {
    port: 0,
    host: '127.0.0.1',
    publicUrl: 'http://localhost:3000',
    dataDir,
    secretKey: randomBytes(32),
    wecom: {
      apiBase: 'http://127.0.0.1:9',
      oauthBase: 'http://127.0.0.1:9',
      loginBase: 'http://127.0.0.1:9',
    },
    logLevel: 'silent',
  },
  database,
  logger: false,
  webDist: null,
});
const url = await app.listen({ port: 0, host: '127.0.0.1' });
exitOnSignals(
  async () => {
    await app.close();
    await database.close();
  },
  app.log,
  2,
);
process.on('message', (m: { errno: number | null }) => {
  fault.errno = m.errno;
  process.send!({ ack: m.errno });
});
process.send!({ url });
