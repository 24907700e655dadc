import { z } from 'zod';

// Kept apart from rotate-keys.ts, which touches the database: the form checks the same schema
// in the browser.

/** A platform admin rotates one organisation's signing keys, saying why (kept in the audit log). */
export const ZRotateIssuerKeysInput = z.object({
  orgId: z.uuid(),
  reason: z.string('reason').trim().min(5, 'reason').max(300, 'reason'),
});
export type TRotateIssuerKeysInput = z.infer<typeof ZRotateIssuerKeysInput>;
