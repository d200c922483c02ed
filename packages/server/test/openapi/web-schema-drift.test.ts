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
  // A line-level comparison keeps the failure readable; the hint says how to fix it.
  expect(
    committed,
    'packages/web/src/api/schema.gen.ts is out of date: run `npm run api:types` and commit it',
  ).toBe(expected);
});
