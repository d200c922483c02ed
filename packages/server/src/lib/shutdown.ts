/**
 * SIGTERM/SIGINT (PRODUCT.md §10): stop taking requests, let running work finish, exit. The
 * process exits even when closing hangs (a stuck database, a request that never ends): at once
 * on a second signal, and after `SHUTDOWN_GRACE_S` + 5 s in any case.
 */
export function exitOnSignals(
  close: () => Promise<void>,
  log: { info(msg: string): void; error(obj: object, msg: string): void },
  /** SHUTDOWN_GRACE_S (config.ts): the app stops running work after it; the process, 5 s later. */
  graceSeconds = 25,
): void {
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) {
      log.error({ signal }, `${signal} received again while shutting down: exiting now`);
      process.exit(1);
    }
    closing = true;
    log.info(`${signal} received, shutting down (at most ${graceSeconds + 5} s)`);
    const deadline = setTimeout(
      () => {
        log.error({ signal }, `shutdown did not finish within ${graceSeconds + 5} s: exiting now`);
        process.exit(1);
      },
      (graceSeconds + 5) * 1000,
    );
    deadline.unref();
    close().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}
