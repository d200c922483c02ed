import { writeFile } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { buildApp } from '../src/app';
import { openDatabase } from '../src/db/client';
import { renderWebSchema, SCHEMA_PUBLIC_URL, WEB_SCHEMA_FILE } from './web-api-schema';

/**
 * `npm run api:types`: builds the app in this process on a throwaway in-memory database (no
 * server is started, nothing listens), reads its /openapi.json and writes the console's types.
 */
const database = await openDatabase({ pglite: await PGlite.create() });
try {
  await database.migrate();
  const app = await buildApp({
    config: {
      port: 0,
      host: '127.0.0.1',
      publicUrl: SCHEMA_PUBLIC_URL,
      dataDir: '/nonexistent',
      secretKey: Buffer.alloc(32, 1),
      wecom: {
        apiBase: 'http://127.0.0.1:9',
        oauthBase: 'http://127.0.0.1:9',
        loginBase: 'http://127.0.0.1:9',
      },
      logLevel: 'silent',
    },
    database,
    logger: false,
    webDist: null,
  });
  try {
    await app.ready();
    const res = await app.inject({ method: 'GET', url: '/openapi.json' });
    if (res.statusCode !== 200) throw new Error(`/openapi.json answered ${res.statusCode}`);
    await writeFile(WEB_SCHEMA_FILE, await renderWebSchema(res.json()));
    process.stdout.write(`wrote ${WEB_SCHEMA_FILE}\n`);
  } finally {
    await app.close();
  }
} finally {
  await database.close();
}
