/**
 * Storage faults for the embedded database, without filling the machine's disk.
 *
 * `FaultyNodeFS` is PGlite's own NodeFS (Emscripten's NODEFS mounted on `<DATA_DIR>/db`) with
 * one switch: while `fault.errno` is set, every write the engine makes to a file fails with that
 * errno (`ENOSPC`, `EIO`), as the kernel would answer on a full or failing disk. Reads keep
 * working. PostgreSQL sees the failure where it would see a real one: a WAL write at commit
 * (PANIC), a relation extension (ERROR 53100).
 *
 * Why not a real full disk (a small tmpfs, which root may mount here): filling it deterministically
 * reaches only the clean ERROR "could not extend file" (53100); the PANIC that broke the server
 * comes when the next 16 MB WAL segment cannot be created, at a moment a test cannot pick
 * (measured: 6 MB left → 17,000 clean ERRORs and no PANIC). A failing write at commit gets there
 * on the first statement, on any machine, without root.
 */
import type { PGlite } from '@electric-sql/pglite';
import { NodeFS } from '@electric-sql/pglite/nodefs';

/** Emscripten's errno numbers (its ERRNO_CODES), not Linux's. */
export const EMSCRIPTEN_ERRNO = { ENOSPC: 51, EIO: 29 } as const;

export interface StorageFault {
  /** The errno every write fails with, or null: the disk works. */
  errno: number | null;
}

interface EmscriptenModule {
  FS: { ErrnoError: new (errno: number) => Error };
  NODEFS: { stream_ops: Record<string, (...args: unknown[]) => unknown> };
}

type InitOptions = Parameters<NodeFS['init']>[1];

export class FaultyNodeFS extends NodeFS {
  constructor(
    dataDir: string,
    private readonly fault: StorageFault,
  ) {
    super(dataDir);
  }

  override async init(pg: PGlite, opts: InitOptions) {
    const fault = this.fault;
    // Before NodeFS's own preRun mounts NODEFS: every file node of the mount shares these ops.
    const wrapWrites = (mod: EmscriptenModule) => {
      const ops = mod.NODEFS.stream_ops;
      for (const name of ['write', 'allocate'] as const) {
        const real = ops[name];
        if (!real) continue;
        ops[name] = (...args: unknown[]) => {
          if (fault.errno !== null) throw new mod.FS.ErrnoError(fault.errno);
          return real(...args);
        };
      }
    };
    const preRun = [...((opts.preRun as unknown[] | undefined) ?? []), wrapWrites];
    return super.init(pg, { ...opts, preRun } as InitOptions);
  }
}
