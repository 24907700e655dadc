import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * The Aadhaar vault (DESIGN.md, Data): the number sealed with AES-256-GCM plus an HMAC blind
 * index for matching. Nowhere else does an Aadhaar number appear, only `XXXX XXXX 1234`.
 *
 * The id is made from the blind index (`aadhaarVaultEntry`, lib/vault/aadhaar.ts), so the primary
 * key keeps one entry per number; there is no default, so no entry can be stored with another
 * id. A separate unique index on the blind index would add nothing but a second index insert per
 * number (a tenth of a 100,000-row validation).
 */
export const aadhaarVault = pgTable('aadhaar_vault', {
  id: uuid('id').primaryKey(),
  /** HMAC-SHA256 of the 12 digits under a key derived from SANAD_MASTER_KEY (hex). */
  blindIndex: text('blind_index').notNull(),
  sealed: text('sealed').notNull(),
  last4: text('last4').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
