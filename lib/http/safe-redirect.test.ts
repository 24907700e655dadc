import { describe, expect, it } from 'vitest';
import { safeNextPath } from './safe-redirect';

describe('sign-in redirect targets', () => {
  it.each(['/admin', '/locker?tab=1', '/verify/ABCD-EFGH-JKLM#top', '/institution/uploads/1'])(
    'allows the local path %s',
    (p) => expect(safeNextPath(p)).toBe(p),
  );

  it('allows a path up to 2048 characters, and double slashes after the first segment', () => {
    const longest = `/${'a'.repeat(2047)}`;
    expect(safeNextPath(longest)).toBe(longest);
    expect(safeNextPath(`${longest}b`)).toBeNull();
    expect(safeNextPath('/locker//')).toBe('/locker//');
  });

  it('normalises dot segments but stays on the site', () => {
    expect(safeNextPath('/a/../admin')).toBe('/admin');
    expect(safeNextPath('/%2F%2Fevil.example')).toBe('/%2F%2Fevil.example');
  });

  it.each([
    ['absolute URL', 'https://evil.example'],
    ['protocol-relative', '//evil.example'],
    ['backslash', '/\\evil.example'],
    ['backslash first', '\\\\evil.example'],
    ['scheme without slashes', 'https:evil.example'],
    ['javascript', 'javascript:alert(1)'],
    ['tab after the slash (browsers strip it)', '/\t/evil.example'],
    ['CR after the slash', '/\r/evil.example'],
    ['LF after the slash', '/\n/evil.example'],
    ['LF inside', '/\n\n//evil.example'],
    ['leading space', ' /admin'],
    ['NUL', '/\u0000/evil.example'],
    ['C1 control', '/\u0085/evil.example'],
    ['dot segments to a host', '/.//evil.example'],
    ['empty', ''],
    ['missing', undefined],
    ['null', null],
    ['too long', `/${'a'.repeat(3000)}`],
  ])('refuses %s', (_why, p) => expect(safeNextPath(p)).toBeNull());
});
