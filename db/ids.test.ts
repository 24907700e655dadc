import { describe, expect, it } from 'vitest';
import { timeOrderedUuid } from './ids';

const V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('timeOrderedUuid', () => {
  it('is a version 7 UUID whose first 48 bits are the time in milliseconds', () => {
    const at = Date.UTC(2026, 10, 25, 9, 30);
    const id = timeOrderedUuid(at);
    expect(id).toMatch(V7);
    expect(parseInt(id.slice(0, 8) + id.slice(9, 13), 16)).toBe(at);
    expect(timeOrderedUuid(0)).toMatch(/^00000000-0000-7/);
  });

  it('sorts by the time it was made, and is random within a millisecond', () => {
    const ids = [1, 2, 255, 256, 65_536, Date.now()].map((t) => timeOrderedUuid(t));
    expect([...ids].sort()).toEqual(ids);
    const same = Array.from({ length: 10_000 }, () => timeOrderedUuid(1_800_000_000_000));
    expect(new Set(same).size).toBe(same.length);
    for (const id of same.slice(0, 100)) expect(id).toMatch(V7);
  });
});
