import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/data/**',
      'packages/server/drizzle/**',
      'e2e/test-results/**',
      'e2e/playwright-report/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // The console's hooks: called unconditionally, effects and callbacks list what they read.
    files: ['packages/web/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    // Caches learn of changes from the database's notifications and the services' word
    // (packages/server/src/db/changes.ts), never by wrapping a database client's methods.
    files: ['packages/server/src/**/*.ts'],
    ignores: ['packages/server/src/**/*.test.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            'AssignmentExpression > MemberExpression.left[property.name=/^(query|exec|transaction|execProtocol)$/]',
          message:
            'Do not patch database client methods: announce changes through db/changes.ts (lib/announce.ts) instead.',
        },
      ],
    },
  },
  {
    // Module boundaries (docs/decisions/0007-module-boundaries.md): a module reaches another
    // module through its service or its one public file, never through its repository.
    files: ['packages/server/src/modules/**/*.ts'],
    ignores: ['packages/server/src/modules/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^\\.\\./(\\.\\./modules/)?[^/]+/[^/]+\\.repo(\\.[jt]s)?$',
              message:
                "Another module's repository is its own: call that module's service or its public file (audit.recorder, bindings.writer, tenants.memberships…). See docs/decisions/0007-module-boundaries.md.",
            },
          ],
        },
      ],
    },
  },
);
