// First step of `npm test`: the programs the suite needs from outside npm. Installs what is
// missing where it can (Debian/Ubuntu, as root or with passwordless sudo) and says so; otherwise
// stops before any test runs, with the command for this system.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { findChromium, onPath } from './chromium.mjs';
import { TOOLS, plan, stopMessage } from './plan.mjs';

function missingTools() {
  return TOOLS.map((t) => t.command).filter((c) =>
    c === 'chromium' ? !findChromium() : !onPath(c),
  );
}

function canSudo() {
  if (!onPath('sudo')) return false;
  return spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0;
}

const root = process.getuid?.() === 0;
let missing = missingTools();
const p = plan({
  missing,
  platform: process.platform,
  osRelease: fs.existsSync('/etc/os-release') ? fs.readFileSync('/etc/os-release', 'utf8') : '',
  can: { root, sudo: !root && canSudo(), aptGet: Boolean(onPath('apt-get')) },
});

if (p.action === 'install') {
  console.log(`Installing what the tests need: ${p.packages.join(', ')}`);
  for (const t of p.tools) console.log(`  - ${t.command}: ${t.why}`);
  console.log(`$ ${p.command}`);
  const r = spawnSync('sh', ['-c', p.command], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  missing = missingTools();
  if (r.status !== 0 || missing.length > 0) {
    console.error(`\nThe install did not give ${missing.join(', ') || 'everything'}.`);
    console.error(
      stopMessage({
        ...p,
        action: 'stop',
        tools: TOOLS.filter((t) => missing.includes(t.command)),
      }),
    );
    process.exit(1);
  }
  console.log(`Installed: ${p.packages.join(', ')}`);
} else if (p.action === 'stop') {
  console.error(stopMessage(p));
  process.exit(1);
}

const browser = findChromium();
console.log(`Browser suite: ${browser.path} (${browser.source})`);

// As root, the embedded PostgreSQL of the browser suite runs as the `postgres` user, which must
// be able to pass through every directory above this checkout.
if (root) {
  const opened = [];
  for (let d = process.cwd(); d !== path.dirname(d); d = path.dirname(d)) {
    if ((fs.statSync(d).mode & 0o001) === 0) {
      fs.chmodSync(d, fs.statSync(d).mode | 0o001);
      opened.push(d);
    }
  }
  if (opened.length)
    console.log(`Let the postgres user pass through (chmod o+x): ${opened.join(', ')}`);
}
