/**
 * The bench's processes: the shared test world's simulator and server processes
 * (`@orgbridge/test-world`), with what every bench server shares: the admin password, one
 * SECRET_KEY per run (a restart on the same data must use the same key), production mode and
 * BENCH_CPU_PROF=<dir> (a V8 CPU profile written when the server stops).
 */
import { randomBytes } from 'node:crypto';
import { spawnServer as spawnWorldServer, type ServerProcess } from '@orgbridge/test-world';

export {
  freePort,
  peakRssMb,
  spawnSimulator,
  type ServerProcess,
  type SimProcess,
} from '@orgbridge/test-world';

export const ADMIN_PASSWORD = 'BenchAdmin123';
const SECRET_KEY = randomBytes(32).toString('hex');

/** `packages/server/src/server.ts` in production mode against the simulator. */
export function spawnServer(o: {
  simUrl: string;
  dataDir: string;
  databaseUrl?: string;
}): Promise<ServerProcess> {
  return spawnWorldServer({
    ...o,
    adminPassword: ADMIN_PASSWORD,
    secretKey: SECRET_KEY,
    env: { NODE_ENV: 'production' },
    cpuProfDir: process.env.BENCH_CPU_PROF,
  });
}
