import { sql } from 'drizzle-orm';
import {
  customType,
  date,
  index,
  integer,
  json,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { genderEnum, organisations } from './identity';

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

/**
 * A JSON value kept as text: written by JSON.stringify, read back with JSON.parse. PostgreSQL's
 * `json` type checks the text on the way in, which was a tenth of its work in a bulk publish,
 * for values that only this app writes and that are never queried inside.
 */
const jsonText = <T>(name: string) =>
  customType<{ data: T; driverData: string }>({
    dataType: () => 'text',
    toDriver: (value) => JSON.stringify(value),
    fromDriver: (value) => JSON.parse(value) as T,
  })(name);

export const keyAlgorithmEnum = pgEnum('key_algorithm', ['rsa-sha256', 'ed25519']);

/**
 * Platform-generated signing keys of an issuing organisation (DESIGN.md, Signing). Private keys
 * are sealed under SANAD_MASTER_KEY; retired keys stay so old signatures keep verifying.
 */
export const issuerKeys = pgTable(
  'issuer_keys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id),
    algorithm: keyAlgorithmEnum('algorithm').notNull(),
    /** Stable public identifier, used in JWKS and in signatures. */
    kid: text('kid').notNull(),
    publicKeyPem: text('public_key_pem').notNull(),
    /** Self-signed X.509 certificate (RSA keys, for XML-DSig KeyInfo and xmlsec1). */
    certificatePem: text('certificate_pem'),
    privateKeySealed: text('private_key_sealed').notNull(),
    status: text('status', { enum: ['active', 'retired'] })
      .notNull()
      .default('active'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    retiredAt: timestamp('retired_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('issuer_keys_kid_uq').on(t.kid),
    // One active key per algorithm and issuer: rotation retires the old one first.
    uniqueIndex('issuer_keys_active_uq')
      .on(t.orgId, t.algorithm)
      .where(sql`${t.status} = 'active'`),
  ],
);

export const certificateStatusEnum = pgEnum('certificate_status', [
  'active',
  'revoked',
  'suspended',
  'superseded',
]);

/**
 * The certificate record: what institutions and course issuance write, what XML and PDF are
 * renditions of. A change of state is a new version or a status transition with its reason and
 * time kept; nothing about the award is overwritten in place (DESIGN.md, Data).
 */
export const certificates = pgTable(
  'certificates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /**
     * The issuing organisation. No foreign key: its check ran once per certificate and was a
     * tenth of PostgreSQL's work in a bulk publish. Migration 0008's trigger keeps the parent side
     * instead (an organisation that has issued certificates cannot be deleted or renumbered), and
     * every insert reads the issuer in its transaction first.
     */
    issuerOrgId: uuid('issuer_org_id').notNull(),
    /** DigiLocker DocType: up to 5 letters, e.g. SKCER. */
    docType: text('doc_type').notNull(),
    docId: text('doc_id').notNull(),
    /** `{IssuerId}-{DocType}-{DocId}` (spec/digilocker.md, Document URI). */
    uri: text('uri').notNull(),
    /** The issuer's certificate number. */
    number: text('number').notNull(),
    version: integer('version').notNull().default(1),
    /** Public code printed under the QR and used in /verify/{code}. */
    verificationCode: text('verification_code').notNull(),
    status: certificateStatusEnum('status').notNull().default('active'),
    statusReason: text('status_reason'),
    statusChangedAt: timestamp('status_changed_at', { withTimezone: true }),
    supersedesId: uuid('supersedes_id'),
    supersededById: uuid('superseded_by_id'),
    title: text('title').notNull(),
    recipientName: text('recipient_name').notNull(),
    recipientDob: date('recipient_dob'),
    recipientGender: genderEnum('recipient_gender'),
    recipientMobile: text('recipient_mobile'),
    recipientEmail: text('recipient_email'),
    /** Masked Aadhaar only (`XXXXXXXX1234`), never the number. */
    recipientUidMasked: text('recipient_uid_masked'),
    /** The recipient's Aadhaar as a vault reference: how a later Aadhaar link finds the award. */
    recipientAadhaarVaultId: uuid('recipient_aadhaar_vault_id'),
    lockerUserId: uuid('locker_user_id'),
    issueDate: date('issue_date').notNull(),
    validFrom: date('valid_from'),
    expiryDate: date('expiry_date'),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull().defaultNow(),
    /**
     * Type-specific award data (CertificateData), as JSON text: stored and read back whole, never
     * queried inside (see jsonText; jsonb's conversion, then json's check, each cost a tenth of
     * PostgreSQL's work in a publish).
     */
    data: jsonText<Record<string, unknown>>('data').notNull(),
    templateKey: text('template_key').notNull(),
    /** The template as it was at issue time: a later template change is not retroactive. */
    templateSnapshot: json('template_snapshot').$type<Record<string, unknown>>().notNull(),
    /** Position in the issuer's status list (revocation for offline verifiers). */
    statusIndex: integer('status_index').notNull(),
    /** Ed25519 over the canonical form of the record (lib/credentials/canonical.ts). */
    signature: text('signature').notNull(),
    signingKid: text('signing_kid').notNull(),
    /**
     * The upload row a published certificate came from (null when issued otherwise): what a
     * later UPDATE row is compared with. Not a foreign key: rows are replaced only when an
     * upload is validated again, before it publishes.
     */
    sourceUploadId: uuid('source_upload_id'),
    sourceRowNo: integer('source_row_no'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('certificates_issuer_number_version_uq').on(t.issuerOrgId, t.number, t.version),
    uniqueIndex('certificates_uri_uq').on(t.uri),
    uniqueIndex('certificates_code_uq').on(t.verificationCode),
    unique('certificates_issuer_status_index_uq').on(t.issuerOrgId, t.statusIndex),
    // The locker lists a citizen's documents newest first, a page at a time; also serves
    // lookups by locker alone (its leading column).
    index('certificates_locker_issued_idx').on(
      t.lockerUserId,
      t.issuedAt.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
    index('certificates_unlinked_aadhaar_idx')
      .on(t.recipientAadhaarVaultId)
      .where(sql`${t.recipientAadhaarVaultId} is not null and ${t.lockerUserId} is null`),
  ],
);

/** Cached XML and PDF renditions, reproducible from the record. */
export const certificateRenditions = pgTable(
  'certificate_renditions',
  {
    certificateId: uuid('certificate_id')
      .notNull()
      .references(() => certificates.id),
    kind: text('kind', { enum: ['xml', 'pdf'] }).notNull(),
    content: bytea('content').notNull(),
    sha256: text('sha256').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.certificateId, t.kind] })],
);

/** Telemetry of verifications: how a certificate was checked (seed 002, telemetry). */
export const verificationEvents = pgTable(
  'verification_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    certificateId: uuid('certificate_id'),
    channel: text('channel', { enum: ['qr', 'typed', 'upload', 'api'] }).notNull(),
    result: text('result').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('verification_events_at_idx').on(t.at)],
);
