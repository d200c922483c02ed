/**
 * The value when it is there (not null, undefined or false), else throws "waiting for <what>":
 * the probe of `vi.waitFor(async () => present(await find(), 'the run'))`, which retries while
 * the callback throws and answers what it returned.
 */
export function present<T>(value: T | null | undefined | false, what: string): T {
  if (value === null || value === undefined || value === false)
    throw new Error(`still waiting for ${what}`);
  return value;
}

/**
 * How long `vi.waitFor` keeps trying for work that runs in the background (jobs, callbacks,
 * queued sends): Vitest's default second is too short on a loaded machine.
 */
export const WAIT = { timeout: 20_000, interval: 100 } as const;
