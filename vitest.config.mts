import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = path.dirname(fileURLToPath(import.meta.url));

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
          include: ['{lib,db,app,components,scripts}/**/*.test.ts'],
          exclude: ['**/*.int.test.ts', 'node_modules/**'],
        },
      },
      {
        extends: true,
        test: {
          name: 'int',
          include: ['{lib,db,app,scripts,tests}/**/*.int.test.ts'],
          exclude: ['node_modules/**'],
          globalSetup: ['tests/global-setup.ts'],
          setupFiles: ['tests/int-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
