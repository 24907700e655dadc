import { describe, expect, it } from 'vitest';
import { ZDeclineRegistryEntryInput, ZRejectApplicationInput } from './schemas';

// Field errors carry message keys that the forms translate; a missing field must too, not zod's
// English default.
describe('institution schemas', () => {
  const id = '00000000-0000-4000-8000-000000000000';
  it.each([undefined, 'no', 42])('names the reason key for a reason of %s', (reason) => {
    for (const r of [
      ZRejectApplicationInput.safeParse({ applicationId: id, reason }),
      ZDeclineRegistryEntryInput.safeParse({ id, reason }),
    ]) {
      expect(r.success).toBe(false);
      expect(r.error?.issues.map((i) => i.message)).toEqual(['reason']);
    }
  });
});
