import { describe, expect, it } from 'vitest';
import { safeNextPath } from './safe-redirect';

describe('sign-in redirect targets', () => {
  it.each(['/admin', '/locker?tab=1'])('allows the local path %s', (p) =>
    expect(safeNextPath(p)).toBe(p),
  );
  it.each([
    'https://evil.example',
    '//evil.example',
    '/\\evil.example',
    'javascript:alert(1)',
    '',
    undefined,
  ])('refuses %s', (p) => expect(safeNextPath(p)).toBeNull());
});
