// Mutation testing (`npm run test:mutation`, docs/testing.md): StrykerJS plants small bugs in the
// modules where a silent bug costs most and runs the unit and integration tests against each.
// One module: `npm run test:mutation -- --mutate lib/auth/otp.ts`.

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
const config = {
  testRunner: 'vitest',
  // Both vitest projects: the integration tests get their PostgreSQL database from the int
  // project's global setup, once per Stryker worker.
  vitest: { configFile: 'vitest.config.mts' },
  mutate: [
    'lib/auth/otp.ts',
    'lib/auth/otp-limits.ts',
    'lib/auth/permissions.ts',
    'lib/auth/rate-limit.ts',
    'lib/auth/sessions.ts',
    'lib/credentials/status-list.ts',
    'lib/credentials/xml/verify-xml-signature.ts',
    'lib/http/safe-redirect.ts',
    'lib/http/same-origin.ts',
    'lib/vault/*.ts',
    // award records and the partner API
    'lib/records/validate-row.ts',
    'lib/records/report.ts',
    'lib/records/link-accounts.ts',
    'lib/records/publish.ts',
    'lib/partner-api/authenticate.ts',
    'lib/partner-api/auth-failures.ts',
    // the citizen's locker
    'lib/locker/access.ts',
    '!**/*.test.ts',
  ],
  coverageAnalysis: 'perTest',
  // Static mutants (module-level constants: regexes, tables) run every test of the project each,
  // hours for the row validator alone; the routine run leaves them out. Run them for one module
  // with `npm run test:mutation -- --ignoreStatic false --mutate <file>` (docs/testing.md).
  ignoreStatic: true,
  // Results are kept and reused for code and tests that did not change.
  incremental: true,
  incrementalFile: 'reports/mutation/incremental.json',
  reporters: ['clear-text', 'progress', 'html', 'json', 'module-scores'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  clearTextReporter: { allowEmojis: false, logTests: false },
  // The module-scores reporter fails the run when any one module scores under `low`.
  thresholds: { high: 90, low: 80, break: 80 },
  appendPlugins: ['./scripts/mutation/module-scores.mjs'],
  ignorePatterns: ['/.data', '/.next', '/test-results', '/playwright-report', '/e2e'],
  tempDirName: '.stryker-tmp',
  // Integration tests wait on PostgreSQL, so a mutant's run needs more than the default slack.
  timeoutMS: 10_000,
};

export default config;
