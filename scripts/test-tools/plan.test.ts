import { describe, expect, it } from 'vitest';
import { packageManager, plan, stopMessage } from './plan.mjs';

const debian = 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\n';
const ubuntu = 'NAME="Ubuntu"\nID=ubuntu\nID_LIKE=debian\n';
const fedora = 'NAME="Fedora Linux"\nID=fedora\n';

describe('the outside programs of the test suite', () => {
  it('knows the package manager of the usual systems', () => {
    expect(packageManager('linux', debian)).toBe('apt');
    expect(packageManager('linux', ubuntu)).toBe('apt');
    expect(packageManager('linux', fedora)).toBe('dnf');
    expect(packageManager('darwin')).toBe('brew');
    expect(packageManager('win32')).toBeNull();
    expect(packageManager('linux', 'ID=arch\n')).toBeNull();
  });

  it('does nothing when everything is there', () => {
    expect(plan({ missing: [], platform: 'linux', osRelease: debian, can: {} })).toEqual({
      action: 'none',
    });
  });

  it('installs with apt-get as root, or with passwordless sudo', () => {
    const asRoot = plan({
      missing: ['xmlsec1', 'zbarimg'],
      platform: 'linux',
      osRelease: debian,
      can: { root: true, aptGet: true },
    });
    expect(asRoot).toMatchObject({
      action: 'install',
      packages: ['xmlsec1', 'zbar-tools'],
      command: 'apt-get update && apt-get install -y xmlsec1 zbar-tools',
    });
    const withSudo = plan({
      missing: ['pdftoppm'],
      platform: 'linux',
      osRelease: ubuntu,
      can: { sudo: true, aptGet: true },
    });
    expect(withSudo).toHaveProperty(
      'command',
      'sudo apt-get update && sudo apt-get install -y poppler-utils',
    );
  });

  it('stops with the command for the system when it cannot install', () => {
    const noRoot = plan({
      missing: ['xmlsec1'],
      platform: 'linux',
      osRelease: debian,
      can: { aptGet: true },
    });
    expect(noRoot).toMatchObject({
      action: 'stop',
      command: 'sudo apt-get update && sudo apt-get install -y xmlsec1',
    });
    const noAptOnPath = plan({
      missing: ['xmlsec1'],
      platform: 'linux',
      osRelease: debian,
      can: { root: true },
    });
    expect(noAptOnPath.action).toBe('stop');
    const mac = plan({
      missing: ['xmlsec1', 'zbarimg', 'pdftoppm', 'chromium'],
      platform: 'darwin',
      osRelease: '',
      can: {},
    });
    expect(mac).toHaveProperty(
      'command',
      'brew install xmlsec1 poppler zbar && brew install --cask chromium',
    );
  });

  it('names each missing program and the tests that need it', () => {
    const p = plan({ missing: ['xmlsec1'], platform: 'darwin', osRelease: '', can: {} });
    if (p.action !== 'stop') throw new Error('expected a stop');
    const text = stopMessage(p);
    expect(text).toContain('xmlsec1: XML signatures checked by an independent verifier');
    expect(text).toContain('brew install xmlsec1');
    expect(text).not.toContain('zbarimg');
  });
});
