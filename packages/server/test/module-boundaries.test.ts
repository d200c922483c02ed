import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The repository's own ESLint config, run on source text placed (by name only) inside modules:
// proves the boundary rule of docs/decisions/0007-module-boundaries.md bites and where it stops.
const root = fileURLToPath(new URL('../../..', import.meta.url));
const eslint = new ESLint({ cwd: root });

async function boundaryErrors(file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: `${root}/${file}` });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

const use = (from: string) =>
  `import { createThing } from '${from}';\nexport const thing = createThing;\n`;

const SERVICE = 'packages/server/src/modules/users/users.service.ts';

describe('module boundaries (eslint no-restricted-imports)', () => {
  it.each([
    '../tenants/tenants.repo',
    '../bindings/bindings.repo',
    '../directory-sync/sync-runs.repo',
    '../../modules/audit/audit.repo',
    '../auth/auth.repo.js',
  ])("refuses another module's repository: %s", async (from) => {
    const errors = await boundaryErrors(SERVICE, use(from));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('0007-module-boundaries');
  });

  it.each([
    './users.repo',
    '../tenants/tenants.memberships',
    '../audit/audit.recorder',
    '../bindings/bindings.writer',
    '../directory-sync/sync.service',
    '../../db/client',
  ])("allows its own repository and other modules' services and public files: %s", async (from) => {
    expect(await boundaryErrors(SERVICE, use(from))).toEqual([]);
  });

  it('leaves tests free to reach any repository', async () => {
    expect(
      await boundaryErrors(
        'packages/server/src/modules/users/users.test.ts',
        use('../tenants/tenants.repo'),
      ),
    ).toEqual([]);
  });
});
