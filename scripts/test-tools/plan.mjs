// What the test suite needs from outside npm, and how to get it on the machine at hand. Pure:
// the caller finds out what is there (PATH, the OS, root or sudo) and acts on the plan.

/** Each outside program, the tests that need it, and its package on each system. */
export const TOOLS = [
  {
    command: 'xmlsec1',
    why: 'XML signatures checked by an independent verifier (lib/credentials/xml/xmlsec1.int.test.ts, e2e/partner)',
    packages: { apt: 'xmlsec1', dnf: 'xmlsec1-openssl', brew: 'xmlsec1', apk: 'xmlsec' },
  },
  {
    command: 'pdftoppm',
    why: 'certificate PDFs turned into images to read their QR code (lib/credentials/credentials.int.test.ts, e2e/institution, e2e/partner)',
    packages: { apt: 'poppler-utils', dnf: 'poppler-utils', brew: 'poppler', apk: 'poppler-utils' },
  },
  {
    command: 'zbarimg',
    why: 'the QR code read back from those images (the same tests)',
    packages: { apt: 'zbar-tools', dnf: 'zbar', brew: 'zbar', apk: 'zbar' },
  },
  {
    command: 'chromium',
    why: 'the browser suite (e2e/, Playwright)',
    packages: { apt: 'chromium', dnf: 'chromium', brew: '--cask chromium', apk: 'chromium' },
  },
];

/** The package manager of a system, from `process.platform` and /etc/os-release's ID fields. */
export function packageManager(platform, osRelease = '') {
  if (platform === 'darwin') return 'brew';
  if (platform !== 'linux') return null;
  const ids = /^ID(?:_LIKE)?=(.*)$/gm;
  const names = [...osRelease.matchAll(ids)].flatMap((m) => m[1].replace(/"/g, '').split(/\s+/));
  if (names.some((n) => ['debian', 'ubuntu'].includes(n))) return 'apt';
  if (names.some((n) => ['fedora', 'rhel', 'centos'].includes(n))) return 'dnf';
  if (names.includes('alpine')) return 'apk';
  return null;
}

function command(manager, packages, sudo) {
  const s = sudo ? 'sudo ' : '';
  const list = packages.join(' ');
  switch (manager) {
    case 'apt':
      return `${s}apt-get update && ${s}apt-get install -y ${list}`;
    case 'dnf':
      return `${s}dnf install -y ${list}`;
    case 'apk':
      return `${s}apk add ${list}`;
    case 'brew': {
      const casks = packages.filter((p) => p.startsWith('--cask ')).map((p) => p.slice(7));
      const formulae = packages.filter((p) => !p.startsWith('--cask '));
      return [
        formulae.length ? `brew install ${formulae.join(' ')}` : '',
        casks.length ? `brew install --cask ${casks.join(' ')}` : '',
      ]
        .filter(Boolean)
        .join(' && ');
    }
    default:
      return null;
  }
}

/**
 * What to do about the missing tools: nothing, install them (apt-get as root or with
 * passwordless sudo), or stop and tell the person the command for their system.
 * `can` says what is possible here: `root`, `sudo` (passwordless), `aptGet` (apt-get on PATH).
 */
export function plan({ missing, platform, osRelease, can }) {
  if (missing.length === 0) return { action: 'none' };
  const tools = TOOLS.filter((t) => missing.includes(t.command));
  const manager = packageManager(platform, osRelease);
  const packages = manager ? tools.map((t) => t.packages[manager]) : [];
  if (manager === 'apt' && can.aptGet && (can.root || can.sudo))
    return { action: 'install', tools, packages, command: command('apt', packages, !can.root) };
  return {
    action: 'stop',
    tools,
    command: manager ? command(manager, packages, platform !== 'darwin' && !can.root) : null,
  };
}

/** The words printed when the suite cannot run: which tools, for which tests, and how to get them. */
export function stopMessage(p) {
  const lines = ['The tests need programs that are not installed here:'];
  for (const t of p.tools) lines.push(`  - ${t.command}: ${t.why}`);
  lines.push('');
  if (p.command) lines.push('Install them with:', '', `  ${p.command}`, '');
  else
    lines.push(
      'Install them with your system’s package manager (Debian/Ubuntu: xmlsec1 poppler-utils zbar-tools chromium; macOS: brew install xmlsec1 poppler zbar && brew install --cask chromium).',
      '',
    );
  lines.push(
    'A Chrome or Chromium elsewhere works too: set CHROMIUM_PATH to it. Then run npm test again.',
  );
  return lines.join('\n');
}
