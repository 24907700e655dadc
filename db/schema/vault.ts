import { pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * The Aadhaar vault (DESIGN.md, Data): the number sealed with AES-256-GCM plus an HMAC blind
 * index for matching. Nowhere else does an Aadhaar number appear, only `XXXX XXXX 1234`.
 */
export const aadhaarVault = pgTable(
  'aadhaar_vault',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** HMAC-SHA256 of the 12 digits under a key derived from SANAD_MASTER_KEY (hex). */
    blindIndex: text('blind_index').notNull(),
    sealed: text('sealed').notNull(),
    last4: text('last4').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('aadhaar_vault_blind_index_uq').on(t.blindIndex)],
);
