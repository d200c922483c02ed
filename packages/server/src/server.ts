import { ConfigError } from './config';
import { startServer } from './start';

/** `npm start`: configuration from the environment (PRODUCT.md §1), graceful shutdown. */
async function main(): Promise<void> {
  const server = await startServer();
  server.app.log.info(
    `OrgBridge listening on ${server.url} (public URL ${server.config.publicUrl})`,
  );
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    server.app.log.info(`${signal} received, shutting down`);
    server.close().then(
      () => process.exit(0),
      (err: unknown) => {
        server.app.log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  process.stderr.write(
    `${err instanceof ConfigError ? err.message : String((err as Error)?.stack ?? err)}\n`,
  );
  process.exit(1);
});
