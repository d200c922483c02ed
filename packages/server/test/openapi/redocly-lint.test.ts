import { execFile } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeOpenApiDocument } from './openapi-doc';

const run = promisify(execFile);
const require = createRequire(import.meta.url);
/** The pinned dev dependency's own bin, never a download. */
const REDOCLY = join(dirname(require.resolve('@redocly/cli/package.json')), 'bin', 'cli.js');
const CONFIG = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'redocly.yaml');

interface Problem {
  ruleId: string;
  severity: 'error' | 'warn';
  message: string;
  location: { pointer?: string }[];
}

let dir: string;
let problems: Problem[];
beforeAll(async () => {
  const written = await writeOpenApiDocument();
  dir = written.dir;
  const out = await run(
    process.execPath,
    [REDOCLY, 'lint', written.file, `--config=${CONFIG}`, '--format=json'],
    {
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      maxBuffer: 64 * 1024 * 1024,
    },
  ).catch((err: { stdout?: string; stderr?: string }) => {
    // lint exits non-zero when it finds errors; the JSON report is still on stdout.
    if (!err.stdout) throw new Error(`redocly lint failed to run: ${err.stderr}`);
    return { stdout: err.stdout };
  });
  problems = (JSON.parse(out.stdout) as { problems: Problem[] }).problems;
}, 60_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

const describeProblem = (p: Problem) =>
  `${p.severity} ${p.ruleId} at ${p.location.map((l) => l.pointer).join(', ')}: ${p.message}`;

describe('/openapi.json under @redocly/cli lint', () => {
  it('has no errors', () => {
    expect(problems.filter((p) => p.severity === 'error').map(describeProblem)).toEqual([]);
  });

  it('has no warnings either (rules turned off in redocly.yaml say why)', () => {
    expect(problems.filter((p) => p.severity === 'warn').map(describeProblem)).toEqual([]);
  });
});
