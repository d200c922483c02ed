import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * packages/server: the nearest directory above this module holding a package.json. The same
 * from the sources (src/lib/package-root.ts) and from the bundle (dist/server.js), so files
 * shipped beside the code (drizzle/, ../web/dist) are found from either.
 */
export function serverPackageRoot(from: string = import.meta.url): string {
  let dir = dirname(fileURLToPath(from));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${fileURLToPath(from)}`);
    dir = parent;
  }
  return dir;
}
