import { describe, expect, it } from 'vitest';
import { BODY_LIMIT_BYTES, bodyRefusal } from './body-limits.mjs';

describe('request bodies refused before they are read', () => {
  const big = String(BODY_LIMIT_BYTES + 1);
  it('refuses a declared body over the limit with 413, server actions included', () => {
    expect(bodyRefusal('POST', '/verify', { 'content-length': big, 'next-action': 'abc' })).toEqual(
      [413, 'The request is larger than 2 MB'],
    );
    expect(bodyRefusal('POST', '/api/auth/callback/otp', { 'content-length': big })?.[0]).toBe(413);
  });
  it('leaves the award upload to its own, larger cap, and reads nothing on GET', () => {
    expect(bodyRefusal('POST', '/api/institution/uploads', { 'content-length': big })).toBeNull();
    expect(bodyRefusal('GET', '/verify', { 'content-length': big })).toBeNull();
  });
  it('lets a body within the limit through', () => {
    expect(
      bodyRefusal('POST', '/verify', { 'content-length': String(BODY_LIMIT_BYTES) }),
    ).toBeNull();
  });
  it('asks a server action without a length for one', () => {
    expect(bodyRefusal('POST', '/verify', { 'next-action': 'abc' })?.[0]).toBe(411);
  });
});
