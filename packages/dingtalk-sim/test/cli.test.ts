import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));

function run(args: string[], until: RegExp | null): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', cli, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const onData = (b: Buffer) => {
      out += b.toString();
      if (until && until.test(out)) child.kill('SIGTERM');
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => resolve({ code, out }));
  });
}

describe('npm run dingtalk-sim', () => {
  it('starts, prints the credentials and stops on SIGTERM', async () => {
    const { out } = await run(
      ['--port', '0', '--users', '50', '--departments', '5'],
      /Use as DINGTALK_API_BASE/,
    );
    expect(out).toMatch(/AppKey \(Client ID\)\s+\S+/);
    expect(out).toMatch(/listening on http:\/\/127\.0\.0\.1:\d+/);
  }, 30_000);

  it('refuses a bad option with a message that names it', async () => {
    const { code, out } = await run(['--qps', 'lots'], null);
    expect(code).toBe(2);
    expect(out).toContain('--qps must be a non-negative integer');
  }, 30_000);
});
