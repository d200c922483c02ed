import { isCommand, runCommand } from './cli/commands';
import { ConfigError } from './config';
import { createLogger } from './lib/log';
import { exitOnSignals } from './lib/shutdown';
import { startServer } from './start';

/** The process's one logger; startServer sets its level from LOG_LEVEL once that is read. */
const log = createLogger({ level: 'info' });

/**
 * `npm start`: configuration from the environment (PRODUCT.md §1), graceful shutdown.
 * `server.js backup|restore <file>`: the embedded database's backup commands (cli/commands.ts),
 * in this bundle so that they run on plain `node` wherever the server does (the container too).
 */
async function main(): Promise<void> {
  const server = await startServer({ log });
  server.app.log.info(
    `OrgBridge listening on ${server.url} (public URL ${server.config.publicUrl})`,
  );
  exitOnSignals(() => server.close(), server.app.log, server.config.shutdownGraceS);
}

const command = process.argv[2];
if (isCommand(command)) {
  void runCommand(command, process.argv.slice(3)).then((code) => process.exit(code));
} else {
  main().catch(failedToStart);
}

function failedToStart(err: unknown): void {
  if (err instanceof ConfigError) {
    // Deliberately not a log line: a configuration or database error an operator must fix before
    // the server can run (config.ts, lib/startup-errors.ts) is a plain paragraph, Chinese then
    // English, naming the variable to change — read by a person at the terminal, not a shipper.
    process.stderr.write(`${err.message}\n`);
  } else {
    log.fatal({ err }, 'OrgBridge could not start');
  }
  process.exit(1);
}
