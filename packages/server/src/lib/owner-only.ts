import { chmodSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Drops group and other permission bits from one entry; returns whether it is a directory. */
function tighten(path: string): boolean {
  const stat = lstatSync(path);
  // Symlinks are skipped: chmod would follow them out of DATA_DIR.
  if (stat.isSymbolicLink()) return false;
  const isDir = stat.isDirectory();
  const wanted = isDir ? 0o700 : stat.mode & 0o700;
  if ((stat.mode & 0o777) !== wanted) chmodSync(path, wanted);
  return isDir;
}

/**
 * Makes `dir` (created when missing) and everything under it the owner's alone (PRODUCT.md §7):
 * directories 0700, files 0600 (an owner-executable file keeps its x bit). PGlite writes the
 * files of a new database 0666 whatever the umask, and an older DATA_DIR may be lax, so this runs
 * when the database opens, after migrations and at close. DATA_DIR itself at 0700 is what keeps
 * other users out of any file created in between.
 */
export function restrictToOwner(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const walk = (path: string) => {
    if (!tighten(path)) return;
    for (const name of readdirSync(path)) walk(join(path, name));
  };
  walk(dir);
}

/** Owner-only file creation from here on (Node's own files; PGlite sets its modes itself). */
export function ownerOnlyUmask(): void {
  try {
    process.umask(0o077);
  } catch {
    // Worker threads may not change the umask; restrictToOwner still fixes the modes.
  }
}
