import { resolve } from 'node:path';
import { ConfigError } from './config';
import { DEMO_ADMIN, DEMO_MEMBER_PASSWORD, DEMO_TENANT_NAME, seedDemoTenant } from './demo-seed';
import { startServer } from './start';

const DEMO_ADMIN_PASSWORD = 'admin-pass-123';

/**
 * `npm run demo`: the server on an embedded database in ./data/demo with a seeded demo tenant.
 * Environment variables still apply (PORT, DATA_DIR, …); the platform admin password defaults
 * to a known demo value so the printed credentials work on every restart.
 */
async function main(): Promise<void> {
  const dataDir = resolve(process.env.DATA_DIR ?? './data/demo');
  const server = await startServer({
    dataDir,
    adminPassword: process.env.ADMIN_PASSWORD ?? DEMO_ADMIN_PASSWORD,
    logLevel: process.env.LOG_LEVEL ?? 'warn',
  });
  const tenant = await seedDemoTenant(server.database.db);
  const consoleUrl = server.config.publicUrl;
  const lines = [
    '',
    'OrgBridge demo is running.',
    `  Console:        ${consoleUrl}/`,
    `  API docs:       ${consoleUrl}/docs`,
    `  Data:           ${dataDir}`,
    `  Platform admin: admin / ${process.env.ADMIN_PASSWORD ? '(ADMIN_PASSWORD)' : DEMO_ADMIN_PASSWORD}`,
    `  Demo tenant:    ${DEMO_TENANT_NAME} (id ${tenant.id}, house number ${tenant.houseNumber})${tenant.created ? '' : ' — already seeded'}`,
    `  Tenant admin:   ${DEMO_ADMIN.username} / ${DEMO_ADMIN.password}`,
    `  Members:        demo_zhangsan, demo_lisi, demo_wangwu, demo_zhaoliu / ${DEMO_MEMBER_PASSWORD}`,
    '',
    'Press Ctrl+C to stop.',
  ];
  process.stdout.write(lines.join('\n') + '\n');

  const stop = () => {
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(
    `${err instanceof ConfigError ? err.message : String((err as Error)?.stack ?? err)}\n`,
  );
  process.exit(1);
});
