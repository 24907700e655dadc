import { sql } from 'drizzle-orm';
import {
  date,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

export const roleEnum = pgEnum('role', [
  'citizen',
  'institution_owner',
  'institution_operator',
  'course_author',
  'course_mentor',
  'state_admin',
  'verifier',
  'platform_admin',
]);

export const orgKindEnum = pgEnum('org_kind', ['institution', 'state', 'verifier', 'platform']);
export const orgStatusEnum = pgEnum('org_status', ['pending', 'active', 'suspended', 'rejected']);
export const genderEnum = pgEnum('gender', ['M', 'F', 'T']);

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name'),
    /** 10-digit Indian mobile number without +91. */
    mobile: text('mobile'),
    /** Lower-cased email address. */
    email: text('email'),
    dob: date('dob'),
    gender: genderEnum('gender'),
    /**
     * Linked Aadhaar, only as a reference into the vault (seed 000 §2.6, §2.8). No foreign key
     * (its check ran for every account a publish creates); migration 0008's trigger refuses to
     * delete a vault entry an account refers to, and the vault id is only ever taken from the
     * vault.
     */
    aadhaarVaultId: uuid('aadhaar_vault_id'),
    locale: text('locale').notNull().default('en'),
    status: text('status', { enum: ['active', 'disabled'] })
      .notNull()
      .default('active'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSignInAt: timestamp('last_sign_in_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('users_mobile_uq')
      .on(t.mobile)
      .where(sql`${t.mobile} is not null`),
    uniqueIndex('users_email_uq')
      .on(t.email)
      .where(sql`${t.email} is not null`),
    uniqueIndex('users_aadhaar_uq')
      .on(t.aadhaarVaultId)
      .where(sql`${t.aadhaarVaultId} is not null`),
  ],
);

/** An institution, a state (tenant) or a verifier organisation; one platform org for admins. */
export const organisations = pgTable(
  'organisations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: orgKindEnum('kind').notNull(),
    name: text('name').notNull(),
    /** Short stable code, e.g. the DigiLocker-style issuer id `in.sanad.demoskills`. */
    code: text('code').notNull(),
    status: orgStatusEnum('status').notNull().default('pending'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('organisations_code_uq').on(t.code)],
);

/** A role held by a user within an organisation (citizen: no organisation). */
export const memberships = pgTable(
  'memberships',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    // No foreign keys (migration 0009): their check per row was a tenth of a bulk publish's
    // database work. Statement-level triggers keep the same rules: a membership names an existing
    // account and organisation, and goes with either when it is deleted.
    userId: uuid('user_id').notNull(),
    orgId: uuid('org_id'),
    role: roleEnum('role').notNull(),
    /** The person's designation in the organisation, for a staff role (migration 0012). */
    designation: text('designation'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Also serves lookups by user alone (its leading column).
    unique('memberships_user_org_role_uq').on(t.userId, t.orgId, t.role).nullsNotDistinct(),
  ],
);

/** One-time sign-in codes: only an HMAC of the code is stored (issue 6, item 4). */
export const otpCodes = pgTable(
  'otp_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    identifier: text('identifier').notNull(),
    codeHash: text('code_hash').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    failedAttempts: integer('failed_attempts').notNull().default(0),
    consumedAt: timestamp('consumed_at', { withTimezone: true }),
    requestIp: text('request_ip'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('otp_codes_identifier_idx').on(t.identifier, t.createdAt)],
);

/** Sliding-window counters for rate limits (per identifier, per IP). */
export const rateLimitEvents = pgTable(
  'rate_limit_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    bucket: text('bucket').notNull(),
    key: text('key').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('rate_limit_events_bucket_key_at_idx').on(t.bucket, t.key, t.at)],
);
