#!/usr/bin/env node
/* global process, console, URL, setTimeout, performance -- a Node script */
// `npm run build` / `npm start`: compiles what is missing or out of date, nothing else.
//
//  - server: packages/server/src/server.ts and the workspace packages it imports (packages/wecom,
//    packages/dingtalk and their packages/provider-kit) bundled by esbuild into packages/server/dist/server.js; npm
//    packages stay external (resolved from node_modules at run time), so the output runs on plain
//    `node`, no TypeScript loader.
//  - web: the console (`vite build`, as before) into packages/web/dist.
//
// Out of date = the SHA-256 of the inputs (sources, package.json, this script) differs from the
// one recorded with the output (mtimes are not trusted: git checkouts and copies rewrite them).
// Two builds from one copy (two `npm start`s) are serialised by a lock file, and each output is
// written beside its final place and renamed into it, so a reader never sees half an output.
//
// Usage: node scripts/build.mjs [--force] [server] [web]   (no target: both)
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SELF = fileURLToPath(import.meta.url);
const CACHE = join(ROOT, 'node_modules', '.cache', 'orgbridge-build');
const SKIP_DIRS = new Set(['node_modules', 'dist', '.vite']);

/** Every file under `paths` (files or directories, relative to the root), sorted. */
function listFiles(paths) {
  const out = [];
  const walk = (abs) => {
    let entries;
    try {
      entries = readdirSync(abs, { withFileTypes: true });
    } catch (err) {
      if (err.code === 'ENOTDIR') return out.push(abs);
      if (err.code === 'ENOENT') return undefined;
      throw err;
    }
    for (const e of entries) {
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name)) walk(join(abs, e.name));
      } else out.push(join(abs, e.name));
    }
    return undefined;
  };
  for (const p of paths) walk(join(ROOT, p));
  return out.sort();
}

function hashInputs(paths) {
  const h = createHash('sha256');
  for (const file of [SELF, ...listFiles(paths)]) {
    h.update(relative(ROOT, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return h.digest('hex');
}

/**
 * Removes `<output>.<pid>.tmp|old` left by a build that was killed. Called under the lock, when no
 * other build runs, so every such file is a leftover (one would otherwise be linted, or pile up).
 */
function removeLeftovers(output) {
  const dir = dirname(output);
  const name = output.slice(dir.length + 1);
  for (const e of readdirSync(dir)) {
    if (e.startsWith(`${name}.`) && /\.\d+\.(tmp|old)$/.test(e)) {
      rmSync(join(dir, e), { recursive: true, force: true });
    }
  }
}

const TARGETS = {
  server: {
    inputs: [
      'packages/server/src',
      'packages/server/package.json',
      'packages/wecom/src',
      'packages/wecom/package.json',
      'packages/provider-kit/src',
      'packages/provider-kit/package.json',
      'packages/dingtalk/src',
      'packages/dingtalk/package.json',
      'tsconfig.base.json',
    ],
    output: join(ROOT, 'packages/server/dist/server.js'),
    /** The hash is the bundle's first line: output and stamp are one file, renamed at once. */
    builtHash() {
      if (!existsSync(this.output)) return null;
      const first = readFileSync(this.output, 'utf8').split('\n', 1)[0];
      return /^\/\/ orgbridge-build ([0-9a-f]{64})$/.exec(first)?.[1] ?? null;
    },
    async build(hash) {
      const esbuild = await import('esbuild');
      const tmp = `${this.output}.${process.pid}.tmp`;
      mkdirSync(dirname(this.output), { recursive: true });
      removeLeftovers(this.output);
      await esbuild.build({
        entryPoints: [join(ROOT, 'packages/server/src/server.ts')],
        outfile: tmp,
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node20',
        logLevel: 'warning',
        banner: { js: `// orgbridge-build ${hash}` },
        plugins: [
          {
            // npm packages are loaded from node_modules at run time; our workspace packages
            // (TypeScript sources) are compiled into the bundle.
            name: 'external-npm-packages',
            setup(b) {
              b.onResolve({ filter: /^[^./]/ }, (args) =>
                args.path.startsWith('@orgbridge/')
                  ? undefined
                  : { path: args.path, external: true },
              );
            },
          },
        ],
      });
      renameSync(tmp, this.output);
    },
  },
  web: {
    inputs: [
      'packages/web/src',
      'packages/web/public',
      'packages/web/scripts',
      'packages/web/index.html',
      'packages/web/vite.config.ts',
      'packages/web/package.json',
      'packages/web/tsconfig.json',
    ],
    output: join(ROOT, 'packages/web/dist'),
    stamp: join(CACHE, 'web.sha256'),
    builtHash() {
      if (!existsSync(join(this.output, 'index.html')) || !existsSync(this.stamp)) return null;
      return readFileSync(this.stamp, 'utf8').trim();
    },
    async build(hash) {
      const tmp = `${this.output}.${process.pid}.tmp`;
      removeLeftovers(this.output);
      rmSync(this.stamp, { force: true });
      const r = spawnSync(
        'npm',
        ['run', 'build', '-w', '@orgbridge/web', '--', '--outDir', tmp, '--emptyOutDir'],
        { cwd: ROOT, stdio: 'inherit' },
      );
      if (r.status !== 0) {
        rmSync(tmp, { recursive: true, force: true });
        throw new Error(`console build failed (exit ${r.status ?? r.signal})`);
      }
      // A directory cannot replace a non-empty one in one rename: move the old one aside first.
      // The lock keeps other builds out; a running server misses the console for a moment only.
      const old = `${this.output}.${process.pid}.old`;
      if (existsSync(this.output)) renameSync(this.output, old);
      renameSync(tmp, this.output);
      rmSync(old, { recursive: true, force: true });
      writeFileSync(this.stamp, `${hash}\n`);
    },
  },
};

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

/** An exclusive lock file holding our pid; a lock left by a dead process is taken over. */
async function withLock(fn) {
  mkdirSync(CACHE, { recursive: true });
  const file = join(CACHE, 'lock');
  let announced = false;
  for (;;) {
    try {
      closeSync(openSync(file, 'wx'));
      writeFileSync(file, String(process.pid));
      break;
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
      const pid = Number(readFileSync(file, 'utf8').trim());
      if (pid > 0 && !alive(pid)) {
        rmSync(file, { force: true });
        continue;
      }
      if (!announced) console.error(`build: waiting for another build (pid ${pid || '?'})`);
      announced = true;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(file, { force: true });
  }
}

const args = process.argv.slice(2);
const force = args.includes('--force');
const names = args.filter((a) => !a.startsWith('--'));
for (const name of names) if (!(name in TARGETS)) throw new Error(`unknown build target ${name}`);
const chosen = names.length > 0 ? names : Object.keys(TARGETS);

const stale = (name) => {
  const t = TARGETS[name];
  const hash = hashInputs(t.inputs);
  return force || t.builtHash() !== hash ? hash : null;
};

if (chosen.some(stale)) {
  await withLock(async () => {
    for (const name of chosen) {
      // Checked again under the lock: the build we waited for may have made it current.
      const hash = stale(name);
      if (hash === null) continue;
      const t0 = performance.now();
      await TARGETS[name].build(hash);
      console.error(`build: ${name} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    }
  });
}
