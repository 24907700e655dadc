import { index, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';

/**
 * Systems that pull documents through the DigiLocker-compatible issuer API (created by the
 * platform admin). The API key is needed to check each request's HMAC, so it is kept sealed
 * under SANAD_MASTER_KEY rather than hashed.
 */
export const partners = pgTable('partners', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  apiKeySealed: text('api_key_sealed').notNull(),
  /** Last 4 characters, to tell keys apart in the admin UI. */
  keyHint: text('key_hint').notNull(),
  status: text('status', { enum: ['active', 'revoked'] })
    .notNull()
    .default('active'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
});

/** Every accepted `txn` per partner: a replayed request is refused (spec, partner calls). */
export const partnerTransactions = pgTable(
  'partner_transactions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => partners.id),
    txn: text('txn').notNull(),
    endpoint: text('endpoint').notNull(),
    outcome: text('outcome').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('partner_transactions_partner_txn_uq').on(t.partnerId, t.txn),
    index('partner_transactions_received_idx').on(t.receivedAt),
  ],
);
