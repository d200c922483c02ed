import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';

/** The console's generated API types, committed and checked against the server (drift test). */
export const WEB_SCHEMA_FILE = fileURLToPath(
  new URL('../../web/src/api/schema.gen.ts', import.meta.url),
);

/** The public URL the document is produced with, so the generated file does not depend on the machine. */
export const SCHEMA_PUBLIC_URL = 'https://orgbridge.example.org';

const HEADER = `/**
 * Generated from the server's /openapi.json by \`npm run api:types\` (openapi-typescript).
 * Do not edit: change the route schemas in packages/server and regenerate. A server test
 * (test/openapi/web-schema-drift.test.ts) fails when this file differs from what the server produces.
 */

`;

/** The TypeScript text of `paths`/`components`/`operations` for one OpenAPI document. */
export async function renderWebSchema(doc: object): Promise<string> {
  const ast = await openapiTS(doc as never, { alphabetize: true });
  return HEADER + astToString(ast);
}
