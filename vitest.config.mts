import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = path.dirname(fileURLToPath(import.meta.url));

// tests/command-fixtures holds tests that fail on purpose; only the test of the test commands
// (tests/test-commands.int.test.ts) runs them, by setting this variable.
const fixtures = 'tests/command-fixtures/**';
const fixturesOnly = process.env.SANAD_COMMAND_FIXTURES === '1';

export default defineConfig({
  resolve: {
    alias: [
      { find: /^@\//, replacement: `${root}/` },
      // Outside Next.js, `server-only` would throw on import; tests run server code directly.
      { find: /^server-only$/, replacement: path.join(root, 'tests', 'server-only-stub.ts') },
    ],
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: fixturesOnly
            ? [`${fixtures}/*.test.ts`]
            : ['{lib,db,app,components,scripts}/**/*.test.ts'],
          exclude: ['**/*.int.test.ts', 'node_modules/**'],
        },
      },
      {
        extends: true,
        test: {
          name: 'int',
          include: fixturesOnly
            ? [`${fixtures}/*.int.test.ts`]
            : ['{lib,db,app,scripts,tests}/**/*.int.test.ts'],
          exclude: fixturesOnly ? ['node_modules/**'] : ['node_modules/**', fixtures],
          globalSetup: ['tests/global-setup.ts'],
          setupFiles: ['tests/int-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
