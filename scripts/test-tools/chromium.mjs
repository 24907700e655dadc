// The browser the suite drives: CHROMIUM_PATH if set, else a system Chromium or Chrome found on
// the usual paths or on PATH, else Playwright's own browser when it is installed.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const USUAL = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/google-chrome',
  '/snap/bin/chromium',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];
const NAMES = ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome'];

const executable = (file) => {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
};

/** The full path of `name` on PATH, or null. */
export function onPath(name, env = process.env) {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (dir && executable(path.join(dir, name))) return path.join(dir, name);
  }
  return null;
}

/** { path, source } of the browser to drive, or null when there is none. */
export function findChromium(env = process.env) {
  if (env.CHROMIUM_PATH)
    return executable(env.CHROMIUM_PATH)
      ? { path: env.CHROMIUM_PATH, source: 'CHROMIUM_PATH' }
      : null;
  for (const name of NAMES) {
    const found = onPath(name, env);
    if (found) return { path: found, source: 'found on PATH' };
  }
  for (const file of USUAL)
    if (executable(file)) return { path: file, source: 'found at a usual place' };
  try {
    const require = createRequire(import.meta.url);
    const own = require('playwright-core').chromium.executablePath();
    if (own && executable(own)) return { path: own, source: "Playwright's own browser" };
  } catch {
    // Playwright's browser is not installed.
  }
  return null;
}
