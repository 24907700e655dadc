import { describe, expect, it } from 'vitest';
import { isValidAadhaar, maskAadhaar, normaliseMobile, parseSignInIdentifier } from './identifiers';

describe('mobile numbers', () => {
  it.each([
    ['9876543210', '9876543210'],
    ['+91 98765 43210', '9876543210'],
    ['+919876543210', '9876543210'],
    ['98765-43210', '9876543210'],
  ])('accepts %s', (input, expected) => expect(normaliseMobile(input)).toBe(expected));

  it.each(['5876543210', '987654321', '98765432101', '+44 9876543210', 'abcdefghij'])(
    'rejects %s',
    (input) => expect(normaliseMobile(input)).toBeNull(),
  );
});

describe('sign-in identifiers', () => {
  it('reads a mobile number or an email', () => {
    expect(parseSignInIdentifier(' Asha@Example.org ')).toEqual({
      kind: 'email',
      value: 'asha@example.org',
    });
    expect(parseSignInIdentifier('9000000001')).toEqual({ kind: 'mobile', value: '9000000001' });
    expect(parseSignInIdentifier('not an id')).toBeNull();
  });
});

describe('Aadhaar', () => {
  it('checks the Verhoeff digit and the first digit', () => {
    expect(isValidAadhaar('234123412346')).toBe(true);
    expect(isValidAadhaar('2341 2341 2346')).toBe(true);
    expect(isValidAadhaar('234123412347')).toBe(false);
    expect(isValidAadhaar('134123412346')).toBe(false);
    expect(isValidAadhaar('23412341234')).toBe(false);
  });

  it('is only ever shown masked', () => {
    expect(maskAadhaar('234123412346')).toBe('XXXX XXXX 2346');
  });
});
