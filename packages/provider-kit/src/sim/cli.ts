/** What every simulator's command line shares: the common options, and stopping on a signal. */

/** `parseArgs` options every simulator takes; a simulator adds its own. */
export function commonSimOptions(defaultPort: number) {
  return {
    port: { type: 'string', default: String(defaultPort) },
    host: { type: 'string', default: '127.0.0.1' },
    users: { type: 'string', default: '2000' },
    departments: { type: 'string', default: '200' },
    seed: { type: 'string', default: '1' },
    'latency-ms': { type: 'string', default: '0' },
    'corp-id': { type: 'string' },
    'agent-id': { type: 'string' },
    'home-url': { type: 'string' },
    help: { type: 'boolean', default: false },
  } as const;
}

/** Closes the simulator and exits on SIGINT / SIGTERM. */
export function stopOnSignals(sim: { close(): Promise<void> }): void {
  const stop = (): void => void sim.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
