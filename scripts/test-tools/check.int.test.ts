import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// `npm test`'s first step on a machine without xmlsec1 and with no way to install it: it stops
// at once, naming the program, the tests that need it, and the command that installs it.

const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'sanad-path-'));
afterAll(() => fs.rmSync(bin, { recursive: true, force: true }));

/** A PATH holding everything of this machine's PATH but the given programs. */
function pathWithout(...left: string[]): string {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir || !fs.existsSync(dir)) continue;
    for (const name of fs.readdirSync(dir)) {
      if (left.includes(name) || fs.existsSync(path.join(bin, name))) continue;
      fs.symlinkSync(path.join(dir, name), path.join(bin, name));
    }
  }
  return bin;
}

describe('the test command’s outside programs', () => {
  it('stops before any test with the install command when xmlsec1 is missing and cannot be installed', () => {
    const r = spawnSync(process.execPath, ['scripts/test-tools/check.mjs'], {
      env: { ...process.env, PATH: pathWithout('xmlsec1', 'apt-get', 'sudo') },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('xmlsec1: XML signatures checked by an independent verifier');
    expect(r.stderr).toMatch(/apt-get install -y xmlsec1|brew install xmlsec1|dnf install -y/);
    expect(r.stdout).not.toContain('Installing');
  });

  it('names the browser it will drive', () => {
    const r = spawnSync(process.execPath, ['scripts/test-tools/check.mjs'], {
      env: { ...process.env, CHROMIUM_PATH: '/usr/bin/chromium' },
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(r.stdout).toContain('Browser suite: /usr/bin/chromium (CHROMIUM_PATH)');
  });
});
