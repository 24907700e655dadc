#!/usr/bin/env bash
# The whole test suite (README: `npm test`): typecheck, lint, unit and integration tests against
# real PostgreSQL, the production build, and the browser suite in Chromium against the app started
# with `npm start` on the embedded database. Ends with one line: `N passed, N failed`.
set -uo pipefail
cd "$(dirname "$0")/.."

export NEXT_TELEMETRY_DISABLED=1

# The programs the suite needs from outside npm: installed here when possible, else a stop with
# the command that installs them, before any test runs.
echo "=== outside programs ==="
if ! node scripts/test-tools/check.mjs; then
  echo
  echo "0 passed, 1 failed"
  exit 1
fi

reports=.data/reports
rm -rf "$reports" && mkdir -p "$reports"
failed_steps=()

step() {
  local name=$1; shift
  echo
  echo "=== $name ==="
  if ! "$@"; then
    failed_steps+=("$name")
  fi
}

step typecheck npx tsc --noEmit
step lint npx eslint . --max-warnings=0
step format npx prettier --check .
step "unit tests" npx vitest run --project unit --reporter=default --reporter=json --outputFile="$reports/unit.json"
step "integration tests" npx vitest run --project int --reporter=default --reporter=json --outputFile="$reports/int.json"
step build npx next build
PLAYWRIGHT_JSON_OUTPUT_NAME="$reports/e2e.json" step "browser tests" npx playwright test

echo
node scripts/test-summary.mjs "$reports" "${failed_steps[@]+"${failed_steps[@]}"}"
