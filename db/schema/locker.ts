import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  index,
  pgEnum,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { certificates } from './credentials';
import { organisations, users } from './identity';

/** The kinds of file a citizen may upload (seed 001): decided by the file's bytes, not its name. */
export const uploadKindEnum = pgEnum('upload_kind', ['pdf', 'jpeg', 'png', 'gif', 'bmp']);

/** A citizen's folders for uploaded documents: one level, names unique per locker. */
export const lockerFolders = pgTable(
  'locker_folders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('locker_folders_user_name_uq').on(t.userId, t.name)],
);

/**
 * A document the citizen uploaded. Stored through lib/storage under a key of the owner, so two
 * citizens' identical files never share one stored object.
 */
export const lockerFiles = pgTable(
  'locker_files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    folderId: uuid('folder_id').references(() => lockerFolders.id, { onDelete: 'set null' }),
    /** The name the citizen sees: cleaned of path parts, control and bidi characters. */
    name: text('name').notNull(),
    kind: uploadKindEnum('kind').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    storageKey: text('storage_key').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('locker_files_user_idx').on(t.userId, t.createdAt),
    check('locker_files_size_ck', sql`${t.size} >= 0 and ${t.size} <= 10485760`),
  ],
);

export const signatureKindEnum = pgEnum('document_signature_kind', ['pades', 'detached']);

/**
 * An e-sign of an uploaded document by its owner, after a one-time code: a PDF gets an embedded
 * (PAdES) signature stored as a new file; an image a detached signature kept here.
 */
export const documentSignatures = pgTable(
  'document_signatures',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    fileId: uuid('file_id')
      .notNull()
      .references(() => lockerFiles.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: signatureKindEnum('kind').notNull(),
    /** The signed PDF (PAdES), stored beside the original. */
    signedStorageKey: text('signed_storage_key'),
    /** The detached signature file's text (images). */
    detached: text('detached'),
    /** SHA-256 of the file as signed (the original) and of what the citizen downloads. */
    originalSha256: text('original_sha256').notNull(),
    signedSha256: text('signed_sha256').notNull(),
    signerName: text('signer_name').notNull(),
    signingKid: text('signing_kid').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('document_signatures_file_idx').on(t.fileId),
    index('document_signatures_signed_sha_idx').on(t.signedSha256),
  ],
);

/**
 * A link that opens one document of a citizen's locker for anyone holding it, from 1 hour to 30
 * days, revocable. Only the token's hash is kept.
 */
export const shareLinks = pgTable(
  'share_links',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    certificateId: uuid('certificate_id').references(() => certificates.id),
    fileId: uuid('file_id').references(() => lockerFiles.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull().unique(),
    purpose: text('purpose'),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('share_links_user_idx').on(t.userId, t.createdAt),
    check('share_links_one_target_ck', sql`(${t.certificateId} is null) <> (${t.fileId} is null)`),
  ],
);

export const accessActorEnum = pgEnum('access_actor', [
  'holder',
  'issuer_staff',
  'share_link',
  'partner',
  'verifier',
  'admin',
  'anonymous',
]);

/**
 * Every read of a citizen's document, allowed or refused, written by the access decision
 * (lib/locker/access.ts) in the same step that decides it. Append-only: a trigger refuses
 * changes and removes only rows older than a year.
 */
export const accessLog = pgTable(
  'access_log',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ownerUserId: uuid('owner_user_id').notNull(),
    certificateId: uuid('certificate_id'),
    fileId: uuid('file_id'),
    /** The document's title or file name at the time: the log outlives a deleted file. */
    documentLabel: text('document_label').notNull(),
    actorKind: accessActorEnum('actor_kind').notNull(),
    actorUserId: uuid('actor_user_id'),
    actorOrgId: uuid('actor_org_id'),
    shareLinkId: uuid('share_link_id'),
    partnerId: uuid('partner_id'),
    purpose: text('purpose'),
    /** What was read: view, pdf, xml, file, signed, … */
    action: text('action').notNull(),
    outcome: text('outcome', { enum: ['allowed', 'refused'] }).notNull(),
    reason: text('reason'),
    ip: text('ip'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('access_log_owner_idx').on(t.ownerUserId, t.at)],
);

export const correctionStatusEnum = pgEnum('correction_status', [
  'open',
  'answered',
  'fixed',
  'withdrawn',
]);

/** A citizen's request to the issuer to correct an issued document. */
export const correctionRequests = pgTable(
  'correction_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    certificateId: uuid('certificate_id')
      .notNull()
      .references(() => certificates.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    issuerOrgId: uuid('issuer_org_id')
      .notNull()
      .references(() => organisations.id),
    whatIsWrong: text('what_is_wrong').notNull(),
    shouldSay: text('should_say').notNull(),
    status: correctionStatusEnum('status').notNull().default('open'),
    answer: text('answer'),
    answeredByUserId: uuid('answered_by_user_id'),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('correction_requests_issuer_idx').on(t.issuerOrgId, t.status, t.createdAt),
    index('correction_requests_user_idx').on(t.userId, t.createdAt),
  ],
);

/**
 * Sanad's e-Sign CA, which issues the certificate in every citizen's e-signature: kept with the
 * data it signs, its private key sealed under SANAD_MASTER_KEY. One is active; retired ones stay
 * trusted for the signatures they made.
 */
export const esignAuthorities = pgTable(
  'esign_authorities',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    certificatePem: text('certificate_pem').notNull(),
    privateKeySealed: text('private_key_sealed').notNull(),
    status: text('status', { enum: ['active', 'retired'] })
      .notNull()
      .default('active'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('esign_authorities_one_active_uq')
      .on(t.status)
      .where(sql`${t.status} = 'active'`),
  ],
);
