import { readFile } from 'node:fs/promises';
import { expect, it } from 'vitest';
import { renderWebSchema, SCHEMA_PUBLIC_URL, WEB_SCHEMA_FILE } from '../../scripts/web-api-schema';
import { PUBLIC_URL, writeOpenApiDocument } from './openapi-doc';

/**
 * The console's API types (packages/web/src/api/schema.gen.ts) are generated from this server's
 * /openapi.json; a route schema changed without `npm run api:types` fails here, in CI.
 */
it('the committed console API types are what the server document produces', async () => {
  expect(PUBLIC_URL).toBe(SCHEMA_PUBLIC_URL);
  const { doc } = await writeOpenApiDocument();
  const expected = await renderWebSchema(doc);
  const committed = await readFile(WEB_SCHEMA_FILE, 'utf8').catch(() => '');
  // The first differing lines, not two 9000-line strings, say what drifted.
  const a = committed.split('\n');
  const b = expected.split('\n');
  const at = a.findIndex((line, i) => line !== b[i]);
  const first = at === -1 && a.length !== b.length ? Math.min(a.length, b.length) : at;
  const where =
    first === -1
      ? ''
      : `line ${first + 1}: the file has ${JSON.stringify(a.slice(first, first + 2))}, ` +
        `the server produces ${JSON.stringify(b.slice(first, first + 2))}`;
  expect(
    where,
    'packages/web/src/api/schema.gen.ts is out of date: run `npm run api:types` and commit it',
  ).toBe('');
});
