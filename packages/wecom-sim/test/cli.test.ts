import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));

describe('CLI', () => {
  it('starts with fixed credentials and prints them', { timeout: 30_000 }, async () => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        cli,
        '--port',
        '0',
        '--users',
        '50',
        '--departments',
        '5',
        '--corp-id',
        'wwcli0123456789abcd',
        '--agent-id',
        '1000009',
        '--secret',
        'appsecret',
        '--contact-secret',
        'syncsecret',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    try {
      let out = '';
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          if (out.includes('Contact secret')) resolve();
        });
        child.on('exit', (code) => reject(new Error(`exited ${code}`)));
      });
      expect(out).toMatch(/CorpID\s+wwcli0123456789abcd/);
      expect(out).toMatch(/AgentId\s+1000009/);
      expect(out).toMatch(/Secret\s+appsecret/);
      expect(out).toMatch(/Contact secret\s+syncsecret/);
      const url = /listening on (http:\/\/\S+)/.exec(out)?.[1] as string;
      const r = await fetch(
        `${url}/cgi-bin/gettoken?corpid=wwcli0123456789abcd&corpsecret=syncsecret`,
      );
      expect(((await r.json()) as { errcode: number }).errcode).toBe(0);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
