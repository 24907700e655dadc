import { sql } from 'drizzle-orm';
import {
  check,
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
    /**
     * Lower-cased email address that signs in to this account: only one whose holder entered a
     * code sent to it (sign-up by email, or adding it in Account). Addresses that someone else
     * typed (an institution, a CSV) are contact details kept where they were given.
     */
    email: text('email'),
    emailVerifiedAt: timestamp('email_verified_at', { withTimezone: true }),
    dob: date('dob'),
    gender: genderEnum('gender'),
    /**
     * Linked Aadhaar, only as a reference into the vault (seed 000 §2.6, §2.8). No foreign key
     * (its check ran for every account a publish creates); migration 0008's trigger refuses to
     * delete a vault entry an account refers to, and the vault id is only ever taken from the
     * vault.
     */
    aadhaarVaultId: uuid('aadhaar_vault_id'),
    /** When the holder linked the Aadhaar number themselves, after a one-time code (null when a
     * publish created the account from an institution's record). */
    aadhaarLinkedAt: timestamp('aadhaar_linked_at', { withTimezone: true }),
    locale: text('locale').notNull().default('en'),
    status: text('status', { enum: ['active', 'disabled'] })
      .notNull()
      .default('active'),
    /** Why the platform admin blocked the account, and when its status last changed. */
    statusReason: text('status_reason'),
    statusChangedAt: timestamp('status_changed_at', { withTimezone: true }),
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
    // No path may make an unproven email a way to sign in.
    check('users_email_verified_ck', sql`${t.email} is null or ${t.emailVerifiedAt} is not null`),
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
    /** The email the organisation gave for this person: a contact detail, never a sign-in. */
    contactEmail: text('contact_email'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Also serves lookups by user alone (its leading column).
    unique('memberships_user_org_role_uq').on(t.userId, t.orgId, t.role).nullsNotDistinct(),
  ],
);

/**
 * One-time codes: only an HMAC of the code is stored. `sign_in` codes sign in (or sign up) with
 * the identifier; `link` codes let the signed-in `userId` add the identifier to their account.
 */
export const otpCodes = pgTable(
  'otp_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    identifier: text('identifier').notNull(),
    purpose: text('purpose', { enum: ['sign_in', 'link', 'esign'] })
      .notNull()
      .default('sign_in'),
    userId: uuid('user_id'),
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

/**
 * A signed-in browser. The session cookie (a signed JWT) carries only this id; every request
 * checks the row, so signing out, "sign out everywhere" and blocking end it on the server.
 */
export const authSessions = pgTable(
  'auth_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** How the person proved who they are: `sms` or `email` one-time code. */
    method: text('method').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    /** sign_out, sign_out_everywhere, blocked, expired, idle. */
    endReason: text('end_reason'),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('auth_sessions_user_idx').on(t.userId, t.createdAt)],
);
