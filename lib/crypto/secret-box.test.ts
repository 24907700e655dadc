import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { deriveKey, open, seal } from './secret-box';

const key = randomBytes(32);

describe('secret box', () => {
  it('opens what it sealed, and refuses a changed byte or another key', () => {
    const sealed = seal('406504141655', key);
    expect(sealed.startsWith('v1.')).toBe(true);
    expect(open(sealed, key).toString()).toBe('406504141655');
    const raw = Buffer.from(sealed.slice(3), 'base64');
    raw[raw.length - 1]! ^= 1;
    expect(() => open(`v1.${raw.toString('base64')}`, key)).toThrow();
    expect(() => open(sealed, randomBytes(32))).toThrow();
    expect(() => open(`v2.${sealed.slice(3)}`, key)).toThrow(/unknown sealed format/);
  });

  it('gives every seal a fresh IV, across the pooled blocks of random bytes', () => {
    // More than two blocks of 512 IVs: every IV differs, and none is all zeros.
    const ivs = new Set<string>();
    for (let i = 0; i < 1500; i++) {
      const iv = Buffer.from(seal('same text', key).slice(3), 'base64').subarray(0, 12);
      expect(iv.equals(Buffer.alloc(12))).toBe(false);
      ivs.add(iv.toString('hex'));
    }
    expect(ivs.size).toBe(1500);
  });

  it('derives different sub-keys for different purposes', () => {
    expect(deriveKey('a', key).equals(deriveKey('b', key))).toBe(false);
    expect(deriveKey('a', key).equals(deriveKey('a', key))).toBe(true);
  });
});
