import {
  bigint,
  index,
  integer,
  json,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { organisations, users } from './identity';

export const UPLOAD_STATUSES = [
  'received', // stored, waiting for validation
  'validating',
  'validated', // every row has a result; can be published when it has accepted rows
  'failed', // the file as a whole was refused (not a CSV, limits, headers); see failure
  'publishing',
  'published',
  'publish_failed', // stopped part-way; publishing again resumes where it stopped
] as const;
export type UploadStatus = (typeof UPLOAD_STATUSES)[number];

/**
 * An uploaded award CSV (seed 000 §2.5): the file, its validation result and its publication.
 * `(org, sha256)` is unique: the same file uploaded twice is the same upload.
 */
export const recordUploads = pgTable(
  'record_uploads',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id),
    uploadedBy: uuid('uploaded_by')
      .notNull()
      .references(() => users.id),
    fileName: text('file_name').notNull(),
    /** Key of the stored file in lib/storage. */
    fileKey: text('file_key').notNull(),
    /**
     * When the stored file was removed, its retention over (`UPLOAD_FILE_RETENTION_DAYS`,
     * lib/maintenance/upload-files.ts): the rows and results stay, the report is no longer made.
     */
    fileRemovedAt: timestamp('file_removed_at', { withTimezone: true }),
    sha256: text('sha256').notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    status: text('status', { enum: UPLOAD_STATUSES }).notNull().default('received'),
    /** Why the file was refused as a whole: a message code and its values. */
    failure: jsonb('failure').$type<{ code: string; values?: Record<string, string | number> }>(),
    /** Recognised, unknown and missing columns (header names as in the file). */
    columns: jsonb('columns').$type<{
      recognised: string[];
      unknown: string[];
      missing: string[];
    }>(),
    templateKey: text('template_key'),
    rowCount: integer('row_count').notNull().default(0),
    /** Rows validated so far (progress while `validating`). */
    validatedRows: integer('validated_rows').notNull().default(0),
    acceptedCount: integer('accepted_count').notNull().default(0),
    rejectedCount: integer('rejected_count').notNull().default(0),
    newCount: integer('new_count').notNull().default(0),
    changedCount: integer('changed_count').notNull().default(0),
    deletedCount: integer('deleted_count').notNull().default(0),
    unchangedCount: integer('unchanged_count').notNull().default(0),
    /** Rows published so far (progress while `publishing`). */
    publishedRows: integer('published_rows').notNull().default(0),
    /**
     * The resume point: every row up to this row number is published. Publishing goes through
     * the rows in order, a chunk at a time, and each chunk's transaction moves this on, so a
     * stop leaves whole chunks published and the rest untouched (no marker row per row: see
     * migration 0010).
     */
    publishedThroughRow: integer('published_through_row').notNull().default(0),
    linkedCount: integer('linked_count').notNull().default(0),
    accountsCreated: integer('accounts_created').notNull().default(0),
    /** What publishing did, counted in each chunk's transaction (the publish summary). */
    issuedCount: integer('issued_count').notNull().default(0),
    supersededCount: integer('superseded_count').notNull().default(0),
    revokedCount: integer('revoked_count').notNull().default(0),
    /**
     * Recipients of the sign-in SMS queued for new accounts, and of the "certificate arrived" SMS
     * queued for existing accounts; null for uploads published before they were counted.
     */
    signInSmsCount: integer('sign_in_sms_count').default(0),
    arrivedSmsCount: integer('arrived_sms_count').default(0),
    /**
     * Why publishing stopped, as a message code under `publishFailure` and its values, shown in
     * the reader's language; `at` is the chunk it stopped in.
     */
    publishFailure: jsonb('publish_failure').$type<PublishFailure>(),
    publishedBy: uuid('published_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    validatedAt: timestamp('validated_at', { withTimezone: true }),
    publishStartedAt: timestamp('publish_started_at', { withTimezone: true }),
    publishedAt: timestamp('published_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('record_uploads_org_sha_uq').on(t.orgId, t.sha256),
    index('record_uploads_org_created_idx').on(t.orgId, t.createdAt),
  ],
);

export type PublishFailure = {
  code: string;
  values?: Record<string, string | number>;
  /** The rows of the chunk that stopped, and the rows published before it. */
  at?: { from: number; to: number; published: number };
};

export type RowError = {
  /** Column as named in the file (or the canonical name when the column is missing). */
  column: string;
  value: string;
  /** Message code under `recordErrors` in the catalogs. */
  code: string;
  values?: Record<string, string | number>;
};

/**
 * One row of an upload with its result. `fields` holds the row by canonical column name, with
 * any Aadhaar number replaced by its vault reference and mask; unknown columns are kept.
 */
export const recordRows = pgTable(
  'record_rows',
  {
    // No foreign key to record_uploads: its check ran once per row at the end of the COPY that
    // writes an upload's rows (about a sixth of a 100,000-row validation). The rows are written
    // only by validateUpload, in the transaction that has just updated their upload, and uploads
    // are never deleted.
    uploadId: uuid('upload_id').notNull(),
    /** The row as a spreadsheet numbers it: the header is row 1, the first data row is row 2. */
    rowNo: integer('row_no').notNull(),
    operation: text('operation', { enum: ['ADD', 'UPDATE', 'DELETE'] }).notNull(),
    certNo: text('cert_no').notNull(),
    recipientName: text('recipient_name'),
    outcome: text('outcome', { enum: ['accepted', 'rejected'] }).notNull(),
    errors: jsonb('errors').$type<RowError[]>().notNull(),
    // json, not jsonb: the row is stored and read back whole, never queried inside, and json
    // keeps the text as sent (jsonb's conversion was a third of PostgreSQL's work in the COPY).
    fields: json('fields').$type<Record<string, string>>().notNull(),
    /** The row's Aadhaar as a vault id (written with the rows by COPY, the vault entry after). */
    aadhaarVaultId: uuid('aadhaar_vault_id'),
    /** Against what is published: new, changed, deleted, unchanged (accepted rows only). */
    change: text('change', { enum: ['new', 'changed', 'deleted', 'unchanged'] }),
    changedFields: jsonb('changed_fields').$type<string[]>(),
    /** The active certificate this row changes or deletes. */
    existingCertificateId: uuid('existing_certificate_id'),
  },
  (t) => [
    primaryKey({ columns: [t.uploadId, t.rowNo] }),
    index('record_rows_upload_outcome_idx').on(t.uploadId, t.outcome, t.rowNo),
    index('record_rows_upload_cert_idx').on(t.uploadId, t.certNo),
  ],
);
