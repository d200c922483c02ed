import { ConfigError } from './config';
import { exitOnSignals } from './lib/shutdown';
import { startServer } from './start';

/** `npm start`: configuration from the environment (PRODUCT.md §1), graceful shutdown. */
async function main(): Promise<void> {
  const server = await startServer();
  server.app.log.info(
    `OrgBridge listening on ${server.url} (public URL ${server.config.publicUrl})`,
  );
  exitOnSignals(() => server.close(), server.app.log);
}

main().catch((err: unknown) => {
  process.stderr.write(
    `${err instanceof ConfigError ? err.message : String((err as Error)?.stack ?? err)}\n`,
  );
  process.exit(1);
});
