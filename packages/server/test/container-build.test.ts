// Issue 16 items 1–2 (PRODUCT.md §10): the Dockerfile's commands, run outside a container (this
// machine builds no images) on a clean copy of the repository (git ls-files): the build stage
// (`npm ci`, `npm run build`), then the runtime stage (the server's production dependencies only,
// the compiled output copied in) and its command, `node packages/server/dist/server.js`. The
// running server answers /livez, /readyz (so drizzle/ was found from dist) and the console, with
// no TypeScript loader in the process and none installed beside it.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';

const repo = fileURLToPath(new URL('../../..', import.meta.url));
const dockerfile = readFileSync(join(repo, 'Dockerfile'), 'utf8');

/** The Dockerfile's commands, verbatim (checked below); `--prefer-offline` added here only. */
const BUILD_STAGE = ['npm ci --no-audit --no-fund', 'npm run build'];
const RUNTIME_INSTALL = 'npm ci --omit=dev --workspace @orgbridge/server --no-audit --no-fund';
const RUNTIME_CMD = '["node", "packages/server/dist/server.js"]';
/** What the runtime stage copies from the build stage. */
const ARTEFACTS = ['packages/server/dist', 'packages/server/drizzle', 'packages/web/dist'];

function run(cmd: string, cwd: string): string {
  const offline = cmd.startsWith('npm ci') ? `${cmd} --prefer-offline` : cmd;
  const r = spawnSync('sh', ['-c', offline], { cwd, encoding: 'utf8', env: cleanEnv() });
  if (r.status !== 0) throw new Error(`${offline} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return `${r.stdout}${r.stderr}`;
}

/** No loader or test settings inherited from Vitest's own process. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const { PATH, HOME, npm_config_cache } = process.env;
  return {
    PATH,
    HOME,
    ...(npm_config_cache ? { npm_config_cache } : {}),
    ...extra,
  };
}

function copy(files: string[], from: string, to: string): void {
  for (const f of files) {
    const src = join(from, f);
    if (!existsSync(src) || !statSync(src).isFile()) continue; // deleted, not yet committed
    mkdirSync(dirname(join(to, f)), { recursive: true });
    cpSync(src, join(to, f));
  }
}

describe.skipIf(process.env.ORGBRIDGE_TEST_DB === 'pg')(
  'the container build, outside a container',
  () => {
    const tmp = mkdtempSync(join(tmpdir(), 'orgbridge-image-'));
    const build = join(tmp, 'build');
    const runtime = join(tmp, 'runtime');
    const dataDir = join(tmp, 'data');
    let child: ChildProcess | undefined;
    let output = '';

    afterAll(() => {
      child?.kill('SIGKILL');
      rmSync(tmp, { recursive: true, force: true });
    });

    it('the Dockerfile runs exactly these commands', () => {
      for (const cmd of [...BUILD_STAGE, RUNTIME_INSTALL])
        expect(dockerfile).toContain(`RUN ${cmd}`);
      for (const a of ARTEFACTS) expect(dockerfile).toContain(`COPY --from=build /app/${a} ${a}`);
      expect(dockerfile).toContain(`CMD ${RUNTIME_CMD}`);
      expect(dockerfile).toMatch(/^USER node$/m);
      expect(dockerfile).toMatch(/^VOLUME \/data$/m);
      expect(dockerfile).toMatch(/^HEALTHCHECK .*\n\s+CMD \["node", "-e", "fetch\(.*\/livez/m);
    });

    it('build stage: npm ci and npm run build on a clean copy; a second build does nothing', () => {
      const files = spawnSync(
        'git',
        ['ls-files', '-z', '--cached', '--others', '--exclude-standard'],
        {
          cwd: repo,
          encoding: 'utf8',
        },
      )
        .stdout.split('\0')
        .filter(Boolean);
      copy(files, repo, build);
      for (const cmd of BUILD_STAGE) run(cmd, build);
      for (const a of ARTEFACTS) expect(existsSync(join(build, a)), a).toBe(true);
      expect(run('npm run build', build)).not.toMatch(/build: (server|web) in/);

      // Two builds of an out-of-date copy at once: one builds, the other waits and finds it done.
      rmSync(join(build, 'packages/server/dist/server.js'));
      const both = [0, 1].map(
        () =>
          new Promise<string>((resolve) => {
            let out = '';
            const p = spawn('node', ['scripts/build.mjs', 'server'], {
              cwd: build,
              env: cleanEnv(),
            });
            p.stdout.on('data', (d: Buffer) => (out += d));
            p.stderr.on('data', (d: Buffer) => (out += d));
            p.on('exit', (code) => resolve(`${out}exit ${code}`));
          }),
      );
      return Promise.all(both).then((outs) => {
        expect(outs.join('\n').match(/build: server in/g)).toHaveLength(1);
        for (const o of outs) expect(o).toMatch(/exit 0$/);
        expect(readFileSync(join(build, 'packages/server/dist/server.js'), 'utf8')).toMatch(
          /^\/\/ orgbridge-build [0-9a-f]{64}\n/,
        );
      });
    }, 180_000);

    it('runtime stage: production dependencies only, plain node, /livez and /readyz answer', async () => {
      const manifests = dockerfile
        .split(/^FROM /m)[2]!
        .match(/^COPY (?!--from)(.+) \S+$/gm)!
        .flatMap((line) => line.slice('COPY '.length).split(' ').slice(0, -1));
      expect(manifests).toContain('packages/server/package.json');
      copy(manifests, build, runtime);
      run(RUNTIME_INSTALL, runtime);
      for (const a of ARTEFACTS) cpSync(join(build, a), join(runtime, a), { recursive: true });
      for (const dev of ['tsx', 'esbuild', 'vite', 'vitest', 'typescript', 'drizzle-kit']) {
        expect(existsSync(join(runtime, 'node_modules', dev)), `${dev} installed`).toBe(false);
      }

      child = spawn('node', ['packages/server/dist/server.js'], {
        cwd: runtime,
        env: cleanEnv({ NODE_ENV: 'production', DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1' }),
      });
      child.stdout!.on('data', (d: Buffer) => (output += d));
      child.stderr!.on('data', (d: Buffer) => (output += d));
      const base = await vi.waitFor(
        () => {
          if (child!.exitCode !== null) throw new Error(`server exited: ${output}`);
          const m = /OrgBridge listening on (http:\/\/[^\s"]+)/.exec(output);
          if (!m) throw new Error('not listening yet');
          return m[1]!;
        },
        { timeout: 60_000, interval: 100 },
      );
      expect((await fetch(`${base}/livez`)).status).toBe(200);
      const ready = await fetch(`${base}/readyz`);
      expect(ready.status, await ready.clone().text()).toBe(200);
      const page = await fetch(`${base}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toMatch(/<div id="root">/);

      const pid = child.pid!;
      const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
      expect(argv.slice(1)).toEqual(['packages/server/dist/server.js']);
      const environ = readFileSync(`/proc/${pid}/environ`, 'utf8');
      expect(environ).not.toMatch(/NODE_OPTIONS/);
      const maps = readFileSync(`/proc/${pid}/maps`, 'utf8');
      expect(maps).not.toMatch(/tsx|esbuild/);
    }, 120_000);
  },
);
