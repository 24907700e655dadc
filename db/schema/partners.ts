import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';

/**
 * Systems that pull documents through the DigiLocker-compatible issuer API (created by the
 * platform admin). The API key is needed to check each request's HMAC, so it is kept sealed
 * under SANAD_MASTER_KEY rather than hashed.
 */
export const partners = pgTable('partners', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  /**
   * The `orgId` the partner sends in every request: the one key Sanad unseals to check it. The
   * DigiLocker spec calls it "the user id provided to the Digital Locker application by the
   * issuer application".
   */
  orgId: text('org_id')
    .notNull()
    .unique('partners_org_id_uq')
    .default(sql`('partner-' || substr(md5(gen_random_uuid()::text), 1, 10))`),
  apiKeySealed: text('api_key_sealed').notNull(),
  /** Last 4 characters, to tell keys apart in the admin UI. */
  keyHint: text('key_hint').notNull(),
  /**
   * The legacy `keyhash` (SHA-256 of key and ts) does not cover the body, so it is accepted only
   * for a partner the platform admin opted in.
   */
  keyhashAllowed: boolean('keyhash_allowed').notNull().default(false),
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

/**
 * Failed partner authentications, counted per partner (null: the orgId named no partner) and
 * hour. The first of each hour is also audited; the rest only add to the count here.
 */
export const partnerAuthFailures = pgTable(
  'partner_auth_failures',
  {
    partnerId: uuid('partner_id').references(() => partners.id),
    hour: timestamp('hour', { withTimezone: true }).notNull(),
    failures: integer('failures').notNull(),
    lastReason: text('last_reason').notNull(),
    lastAt: timestamp('last_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('partner_auth_failures_uq').on(t.partnerId, t.hour).nullsNotDistinct()],
);
