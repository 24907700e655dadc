// Totals every suite's JSON report into the one closing line CI reads: `N passed, N failed`.
// A step that failed without a report (typecheck, lint, build, a crashed runner) counts as one
// failure, so a red step can never end in a green line.
import fs from 'node:fs';
import path from 'node:path';

const [dir, ...failedSteps] = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;

function read(name) {
  const file = path.join(dir, name);
  return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : null;
}

const reported = new Set();
for (const [name, step] of [
  ['unit.json', 'unit tests'],
  ['int.json', 'integration tests'],
]) {
  const r = read(name);
  if (!r) continue;
  reported.add(step);
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  skipped += r.numPendingTests + (r.numTodoTests ?? 0);
  // A file that failed to load has no failed tests but is still a failure.
  failed += (r.testResults ?? []).filter(
    (f) => f.status === 'failed' && f.assertionResults.length === 0,
  ).length;
}
const e2e = read('e2e.json');
if (e2e) {
  reported.add('browser tests');
  passed += e2e.stats.expected + e2e.stats.flaky;
  failed += e2e.stats.unexpected;
  skipped += e2e.stats.skipped;
  failed += (e2e.errors ?? []).length;
}
for (const step of failedSteps) {
  if (!reported.has(step)) failed += 1;
}
if (failedSteps.length > 0) console.log(`failed steps: ${failedSteps.join(', ')}`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || failedSteps.length > 0 ? 1 : 0);
