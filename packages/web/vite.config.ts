import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

/**
 * Writes a brotli and a gzip copy beside every text asset of the build; the server sends them to
 * browsers that accept them (@fastify/static preCompressed). Compressing once at build time lets
 * brotli use its best level, which would be too slow per request.
 */
function precompress(): Plugin {
  let outDir = 'dist';
  return {
    name: 'orgbridge-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    async closeBundle() {
      const walk = async (dir: string): Promise<string[]> =>
        (
          await Promise.all(
            (await readdir(dir, { withFileTypes: true })).map((e) =>
              e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
            ),
          )
        ).flat();
      for (const file of await walk(outDir)) {
        if (!/\.(js|css|html|svg|json)$/.test(file) || (await stat(file)).size < 1024) continue;
        const body = await readFile(file);
        const params = {
          [constants.BROTLI_PARAM_QUALITY]: 11,
          [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
        };
        await writeFile(`${file}.br`, await brotli(body, { params }));
        await writeFile(`${file}.gz`, await gz(body, { level: 9 }));
      }
    },
  };
}

// In development the console talks to a separately started server; the proxy keeps the
// browser on one origin so the API client needs no CORS handling or base URL.
const apiTarget = process.env.ORGBRIDGE_API ?? 'http://127.0.0.1:3100';

export default defineConfig({
  plugins: [react(), precompress()],
  server: {
    port: 5173,
    proxy: {
      // A RegExp key: a plain '/sys' prefix would also catch the console's own /system/... pages.
      '^/sys/': { target: apiTarget, changeOrigin: true },
      '/health': { target: apiTarget, changeOrigin: true },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
});
