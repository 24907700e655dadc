import { defineConfig } from '@playwright/test';
import { findChromium } from './scripts/test-tools/chromium.mjs';

// The browser suite runs Chromium (CHROMIUM_PATH, else the system's, else Playwright's own)
// against the app started exactly as the README starts it (`npm start`, embedded database), with
// its own fresh data directory and ports.
const PORT = Number(process.env.E2E_PORT || 3100);
export const BASE_URL = `http://localhost:${PORT}`;

export default defineConfig({
  testDir: 'e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 2,
  retries: 0,
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [['list'], ['json']] : [['list']],
  outputDir: 'test-results',
  use: {
    baseURL: BASE_URL,
    // The tests read English; the app follows the browser's language (Accept-Language).
    locale: 'en-US',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: findChromium()?.path,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    command: 'rm -rf .data/e2e && npm start',
    url: `${BASE_URL}/api/health`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    env: {
      PORT: String(PORT),
      SANAD_DATA_DIR: '.data/e2e',
      EMBEDDED_PG_PORT: process.env.E2E_PG_PORT || '54331',
      NEXT_TELEMETRY_DISABLED: '1',
      // Every browser test signs in from 127.0.0.1, and parallel tests sign in as the same demo
      // people (retrying when another test retired their code); both limits have their own
      // integration tests (lib/auth/otp.int.test.ts).
      OTP_LIMIT_PER_IP: '1000',
      OTP_LIMIT_PER_IDENTIFIER: '100',
      OTP_DAILY_LIMIT_PER_IDENTIFIER: '1000',
      OTP_FAILED_LIMIT_PER_IDENTIFIER: '1000',
      OTP_FAILED_LIMIT_PER_IP: '1000',
      SMS_HOURLY_BUDGET: '100000',
    },
  },
});
