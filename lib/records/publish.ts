import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import type postgres from 'postgres';
import { timeOrderedUuid } from '@/db/ids';
import { pgArray, type Db } from '@/db/client';
import {
  institutionProfiles,
  organisations,
  recordUploads,
  type PublishFailure,
} from '@/db/schema';
import { recordAudit } from '@/lib/audit';
import { signedPayloadParts } from '@/lib/credentials/canonical';
import { newDocId, newVerificationCode } from '@/lib/credentials/codes';
import { signedRecordOf, type CertificateRow } from '@/lib/credentials/issue';
import { activeKey, signingKeyOf, type IssuerKeyRow } from '@/lib/credentials/keys';
import { recordSigningThread, type SigningThread } from '@/lib/credentials/record-signer';
import { isTemplateKey, snapshotTemplate } from '@/lib/credentials/templates';
import { ConflictError, InvalidError, NotFoundError, toPublicError } from '@/lib/errors';
import {
  accountColumnsOf,
  accountsInsert,
  citizenRolesInsert,
  candidatesUnchanged,
  decideFromCandidates,
  findCandidates,
  findCandidatesAhead,
  linkLookupOf,
  type AccountColumns,
  type LinkOutcome,
  type LinkInput,
  type LinkLookup,
} from './link-accounts';
import { accountCreatedMessage, awardLinkedMessage } from './messages';
import { certificateInputOf } from './to-certificate';
import { todayInIndia } from './validate-row';

// Publishing (seed 000 §2.5 iv–v): accepted rows become certificates in chunks,
// in row order, each chunk one transaction that also moves the upload's resume point past its
// rows. A stop leaves whole chunks done and the rest untouched, so running again resumes without
// duplicates.
//
// Speed (100,000 rows: the target is 10 s, see docs/benchmarks.md): the stages overlap. While
// PostgreSQL writes chunk N, this process builds chunk N+1's certificates (`prepareChunk`, in
// slices that let the transaction's round trips through), a signing thread signs them, and
// PostgreSQL reads chunk N+2's rows. The transaction (`writeChunk`) then sends everything at
// once, checks under the lock that what the chunk was prepared from still holds, and falls back
// to deciding in the transaction when it does not.

const CHUNK = 2000;

/**
 * A row of `record_rows r` that publishing writes: accepted, and issuing or revoking. It is still
 * to publish when it comes after the upload's resume point (`published_through_row`, moved on by
 * each chunk's transaction to the chunk's last row).
 */
const PUBLISHING_ROW = `r.outcome = 'accepted' and r.change in ('new', 'changed', 'deleted')`;

export async function requestPublish(
  db: Db,
  input: {
    orgId: string;
    uploadId: string;
    actorUserId: string;
    templateKey: string;
    ip?: string | null;
    userAgent?: string | null;
  },
): Promise<void> {
  if (!isTemplateKey(input.templateKey))
    throw new InvalidError('Pick a certificate design', { templateKey: 'required' });
  await db.transaction(async (tx) => {
    const [org] = await tx
      .select({ status: organisations.status })
      .from(organisations)
      .where(eq(organisations.id, input.orgId));
    if (org?.status !== 'active')
      throw new ConflictError('Only an active institution can publish records');
    const [upload] = await tx
      .select()
      .from(recordUploads)
      .where(and(eq(recordUploads.id, input.uploadId), eq(recordUploads.orgId, input.orgId)))
      .for('update');
    if (!upload) throw new NotFoundError('No such upload');
    if (upload.status !== 'validated' && upload.status !== 'publish_failed')
      throw new ConflictError(`This upload cannot be published now (it is ${upload.status})`);
    if (upload.newCount + upload.changedCount + upload.deletedCount === 0)
      throw new ConflictError('Nothing to publish: no row adds, changes or deletes a certificate');
    await tx
      .update(recordUploads)
      .set({
        status: 'publishing',
        // A resumed publish keeps the design it started with.
        templateKey:
          upload.status === 'publish_failed' && upload.templateKey
            ? upload.templateKey
            : input.templateKey,
        publishedBy: input.actorUserId,
        publishStartedAt: new Date(),
        publishFailure: null,
      })
      .where(eq(recordUploads.id, upload.id));
    await recordAudit(tx, {
      actorUserId: input.actorUserId,
      action: upload.status === 'publish_failed' ? 'records.publish.resume' : 'records.publish',
      objectType: 'record_upload',
      objectId: upload.id,
      detail: { templateKey: input.templateKey },
      ip: input.ip ?? null,
      userAgent: input.userAgent ?? null,
    });
  });
}

type PendingRow = {
  rowNo: number;
  certNo: string;
  /** The row's fields as JSON text. */
  fields: string;
  aadhaarVaultId: string | null;
  change: 'new' | 'changed' | 'deleted';
  existingCertificateId: string | null;
};

type PublishContext = {
  uploadId: string;
  fileName: string;
  org: { id: string; code: string; name: string };
  templateKey: ReturnType<typeof assertTemplate>;
  defaultDocType: string;
  today: string;
  /** Rows of the chunk being published, for the report when it stops. */
  current?: { from: number; to: number };
  /** The signing thread for an issuer key (one per key used in this run). */
  signingThread: (key: IssuerKeyRow) => SigningThread;
};

/**
 * Why publishing stops, as a message code under `publishFailure` in the catalogs (shown in the
 * reader's language) and its values.
 */
class PublishStopped extends Error {
  constructor(
    readonly code: string,
    readonly values?: Record<string, string | number>,
  ) {
    super(code);
  }
}

function assertTemplate(key: string | null) {
  if (!key || !isTemplateKey(key)) throw new PublishStopped('noDesign');
  return key;
}

/**
 * A chunk made ready outside any transaction: its rows read, certificates built and signed, and
 * the statement parameters assembled. `writeChunk` checks under the lock that it still holds (the
 * rows are unpublished, the replaced certificates exist) before writing it. What the signature
 * covers never depends on the transaction: the recipient's locker and the status-list position
 * are not signed, and are filled in there.
 */
type PreparedChunk = {
  from: number;
  to: number;
  count: number;
  now: Date;
  deletes: { rowNo: number; certNo: string; existingCertificateId: string }[];
  /** Rows that issue a certificate, in order: certificate i belongs to issues[i]. */
  issues: {
    rowNo: number;
    certNo: string;
    change: PendingRow['change'];
    existingCertificateId: string | null;
  }[];
  /** Certificates being replaced, as read when signing the new versions (version and URI). */
  previous: Set<string>;
  links: LinkInput[];
  lookup: LinkLookup;
  /** Certificate columns as array parameters; the data objects' JSON, DATA_SEPARATOR between. */
  columns: CertificateColumns;
  data: string;
  signingKid: string;
  /** Certificates replaced by new versions (empty arrays when none). */
  corrected: { oldIds: string; newIds: string; count: number };
  deleteIds: string;
  snapshot: string;
  /**
   * For a chunk that only adds and corrects nothing: the linking decided while preparing, with
   * the fingerprint of the accounts it was decided from (checked in the transaction).
   */
  ahead: { fingerprint: string; links: LinkParams } | null;
};

/** The linking outcome as the write statement's parameters. */
type LinkParams = {
  accounts: AccountColumns;
  /** The account each certificate's recipient links to (null: none), in certificate order. */
  lockers: string;
  /** The mobile numbers of existing accounts an award reached, told so by SMS. */
  reached: string;
};

function linkParamsOf(p: Pick<PreparedChunk, 'issues'>, links: LinkOutcome): LinkParams {
  return {
    accounts: accountColumnsOf(links.created),
    lockers: pgArray(p.issues.map((r) => links.linked.get(r.rowNo) ?? null)),
    reached: pgArray(links.reached),
  };
}

/**
 * Lets the event loop run between slices of signing. postgres.js sends what a transaction has
 * queued from a setImmediate callback: yielding for two turns lets that go out before our next
 * slice, so a transaction in flight waits at most one slice for each round trip.
 */
function yieldToIo(): Promise<void> {
  return new Promise((resolve) => setImmediate(() => setImmediate(resolve)));
}

/** The string, flattened: V8 keeps a string built by concatenation as a tree until read. */
function flat(s: string): string {
  s.charCodeAt(0);
  return s;
}

/**
 * Between the data objects' JSON texts in the statement's parameter: JSON has no raw control
 * characters (JSON.stringify escapes them), so PostgreSQL splits the text with string_to_array
 * and stores each element as it is (the column is JSON text), where a JSON array was parsed twice
 * (to check it, to split it) and each element once more.
 */
const DATA_SEPARATOR = '\x1e';

/** Milliseconds of work between two yields. */
const SLICE_MS = 1.5;
/** Payloads sent to the signing thread at a time. */
const SIGN_BATCH = 250;

/** The next chunk's pending rows after row `after`, in row order. */
function readPending(db: Db, ctx: PublishContext, after: number): Promise<PendingRow[]> {
  const read = db
    .execute(
      sql`
    select row_no as "rowNo", cert_no as "certNo", fields::text as fields,
           aadhaar_vault_id as "aadhaarVaultId", change,
           existing_certificate_id as "existingCertificateId"
    from record_rows r
    where upload_id = ${ctx.uploadId} and row_no > ${after} and ${sql.raw(PUBLISHING_ROW)}
      and row_no > (select published_through_row from record_uploads where id = ${ctx.uploadId})
    order by row_no limit ${CHUNK}`,
    )
    // drizzle runs its query again on every `then`: this is the one run, as a plain promise (a
    // `catch` and an `await` on the query itself read each chunk twice).
    .then((rows) => rows as unknown as PendingRow[]);
  read.catch(() => {}); // awaited by whoever uses it
  return read;
}

/** A chunk being prepared: its rows, and the read of the rows after them, started early. */
type PrepareJob = {
  range?: { from: number; to: number };
  stopped: boolean;
  /** The read of the next chunk's rows, started as soon as this chunk's rows are in. */
  nextRead?: { after: number; rows: Promise<PendingRow[]> };
};

/**
 * Reads and builds the chunk after row `after` (`read`: that read, when it was started already);
 * null when no row is left (or `job` stopped). The signatures are made on the signing thread.
 */
async function prepareChunk(
  db: Db,
  client: postgres.Sql,
  ctx: PublishContext,
  after: number,
  job: PrepareJob,
  read: Promise<PendingRow[]> = readPending(db, ctx, after),
): Promise<PreparedChunk | null> {
  const rows = await read;
  if (rows.length === CHUNK) {
    // While this chunk is built, PostgreSQL reads the next one.
    const last = rows[rows.length - 1]!.rowNo;
    job.nextRead = { after: last, rows: readPending(db, ctx, last) };
  }
  if (rows.length === 0 || job.stopped) return null;
  const from = rows[0]!.rowNo;
  const to = rows[rows.length - 1]!.rowNo;
  job.range = { from, to };
  const now = new Date();

  const deletes: PreparedChunk['deletes'] = [];
  const issueRows: PendingRow[] = [];
  for (const r of rows)
    if (r.change === 'deleted')
      deletes.push({
        rowNo: r.rowNo,
        certNo: r.certNo,
        existingCertificateId: r.existingCertificateId!,
      });
    else issueRows.push(r);
  const prevIds = issueRows
    .filter((r) => r.existingCertificateId)
    .map((r) => r.existingCertificateId!);
  const previous = new Map<string, { version: number; uri: string }>();
  if (prevIds.length) {
    // Version and URI never change once issued; that it is still active is checked under lock.
    const found = (await db.execute(sql`
      select id, version, uri from certificates
      where issuer_org_id = ${ctx.org.id} and id = any(${pgArray(prevIds)}::uuid[])`)) as unknown as {
      id: string;
      version: number;
      uri: string;
    }[];
    for (const c of found) previous.set(c.id, { version: c.version, uri: c.uri });
  }
  const key = await activeKey(db, ctx.org.id, 'ed25519');
  const signing = ctx.signingThread(key);
  const snapshot = snapshotTemplate(ctx.templateKey, []);

  const n = issueRows.length;
  const links: LinkInput[] = new Array(n);
  // Column by column: a certificate's objects are garbage once its values are taken.
  const values = {} as Record<keyof CertificateColumns, (string | number | null)[]>;
  for (const name of COLUMN_NAMES) values[name] = new Array(n);
  const data: string[] = new Array(n);
  // The signed payloads go to the signing thread in batches as they are made.
  const signatures: Promise<string[]>[] = [];
  let batch: string[] = [];
  let deadline = performance.now() + SLICE_MS;
  for (let i = 0; i < n; i++) {
    if ((i & 7) === 0 && performance.now() > deadline) {
      await yieldToIo();
      if (job.stopped) return null;
      deadline = performance.now() + SLICE_MS;
    }
    const r = issueRows[i]!;
    // Parsed here rather than by the driver, so that the objects die young (cheap to collect).
    const f = JSON.parse(r.fields) as Record<string, string>;
    r.fields = '';
    links[i] = {
      key: r.rowNo,
      name: f.CNAME ?? '',
      dob: f.DOB ?? null,
      gender: f.GENDER ?? null,
      mobile: f.MOBILE ?? null,
      aadhaarVaultId: r.aadhaarVaultId,
    };
    const prevId = r.existingCertificateId;
    const prev = prevId ? previous.get(prevId) : undefined;
    const input = certificateInputOf(f, {
      templateKey: ctx.templateKey,
      defaultDocType: ctx.defaultDocType,
      today: ctx.today,
      lockerUserId: null,
    });
    const docId = newDocId();
    const row: CertificateRow = {
      id: timeOrderedUuid(),
      issuerOrgId: ctx.org.id,
      docType: input.docType,
      docId,
      uri: `${ctx.org.code}-${input.docType}-${docId}`,
      number: input.number,
      version: prev ? prev.version + 1 : 1,
      verificationCode: newVerificationCode(),
      status: 'active',
      statusReason: null,
      statusChangedAt: null,
      supersedesId: prev ? prevId : null,
      supersededById: null,
      title: input.title,
      recipientName: input.recipient.name.trim(),
      recipientDob: input.recipient.dob ?? null,
      recipientGender: input.recipient.gender ?? null,
      recipientMobile: input.recipient.mobile ?? null,
      recipientEmail: input.recipient.email ?? null,
      recipientUidMasked: input.recipient.uidMasked ?? null,
      recipientAadhaarVaultId: r.aadhaarVaultId,
      lockerUserId: null,
      issueDate: input.issueDate,
      validFrom: null,
      expiryDate: null,
      issuedAt: now,
      data: input.data,
      templateKey: input.templateKey,
      templateSnapshot: snapshot,
      statusIndex: 0,
      signature: '',
      signingKid: key.kid,
      createdAt: now,
      sourceUploadId: ctx.uploadId,
      sourceRowNo: r.rowNo,
    };
    const signed = signedPayloadParts(signedRecordOf(row, ctx.org.code, prev?.uri ?? null));
    batch.push(signed.payload);
    if (batch.length === SIGN_BATCH) {
      signatures.push(signing.sign(batch));
      batch = [];
    }
    for (const name of COLUMN_NAMES) values[name][i] = CERTIFICATE_COLUMNS[name](row);
    data[i] = signed.data;
  }
  if (batch.length) signatures.push(signing.sign(batch));
  const signed = Promise.all(signatures);
  signed.catch(() => {}); // awaited below, unless the job stops first
  const lookup = linkLookupOf(links);
  // Linking decided now, from the accounts as they are now; the transaction checks that they
  // still are (a chunk being written meanwhile may create some), and decides again if not.
  // The lookup runs while the parameters are built.
  const candidates =
    n > 0 && deletes.length === 0 && prevIds.length === 0
      ? findCandidatesAhead(client, lookup)
      : null;
  candidates?.catch(() => {});
  // The parameters, a slice at a time, flat (not ropes that postgres.js would flatten while the
  // transaction waits); the signatures last, when the thread has made them.
  const columns = {} as CertificateColumns;
  for (const name of COLUMN_NAMES) {
    if (name === 'signature') continue;
    await yieldToIo();
    if (job.stopped) return null;
    columns[name] = flat(pgArray(values[name]));
  }
  await yieldToIo();
  const dataJson = flat(data.join(DATA_SEPARATOR));
  values.signature = (await signed).flat();
  columns.signature = flat(pgArray(values.signature));
  await yieldToIo();
  if (job.stopped) return null;
  const ids = values.id as string[];
  const replaced: number[] = [];
  for (let i = 0; i < n; i++) if (values.supersedes[i]) replaced.push(i);
  const issues = issueRows.map((r) => ({
    rowNo: r.rowNo,
    certNo: r.certNo,
    change: r.change,
    existingCertificateId: r.existingCertificateId,
  }));
  let ahead: PreparedChunk['ahead'] = null;
  if (candidates) {
    const { found, fingerprint } = await candidates;
    await yieldToIo();
    const decided = linkParamsOf({ issues }, decideFromCandidates(links, found));
    ahead = { fingerprint, links: decided };
  }
  return {
    from,
    to,
    count: rows.length,
    now,
    deletes,
    issues,
    previous: new Set(previous.keys()),
    links,
    lookup,
    columns,
    data: dataJson,
    signingKid: key.kid,
    corrected: {
      oldIds: pgArray(replaced.map((i) => values.supersedes[i]!)),
      newIds: pgArray(replaced.map((i) => ids[i]!)),
      count: replaced.length,
    },
    deleteIds: pgArray(deletes.map((r) => r.existingCertificateId)),
    snapshot: JSON.stringify(snapshot),
    ahead,
  };
}

type CertificateColumns = Record<
  | 'id'
  | 'docType'
  | 'docId'
  | 'uri'
  | 'number'
  | 'version'
  | 'code'
  | 'supersedes'
  | 'title'
  | 'name'
  | 'dob'
  | 'gender'
  | 'mobile'
  | 'email'
  | 'uid'
  | 'vault'
  | 'issueDate'
  | 'signature'
  | 'rowNo',
  string
>;

/** The per-certificate columns sent as arrays (see `writeStatement`). */
const CERTIFICATE_COLUMNS: Record<
  keyof CertificateColumns,
  (x: CertificateRow) => string | number | null
> = {
  id: (x: CertificateRow) => x.id,
  docType: (x: CertificateRow) => x.docType,
  docId: (x: CertificateRow) => x.docId,
  uri: (x: CertificateRow) => x.uri,
  number: (x: CertificateRow) => x.number,
  version: (x: CertificateRow) => x.version,
  code: (x: CertificateRow) => x.verificationCode,
  supersedes: (x: CertificateRow) => x.supersedesId,
  title: (x: CertificateRow) => x.title,
  name: (x: CertificateRow) => x.recipientName,
  dob: (x: CertificateRow) => x.recipientDob,
  gender: (x: CertificateRow) => x.recipientGender,
  mobile: (x: CertificateRow) => x.recipientMobile,
  email: (x: CertificateRow) => x.recipientEmail,
  uid: (x: CertificateRow) => x.recipientUidMasked,
  vault: (x: CertificateRow) => x.recipientAadhaarVaultId,
  issueDate: (x: CertificateRow) => x.issueDate,
  signature: (x: CertificateRow) => x.signature,
  rowNo: (x: CertificateRow) => x.sourceRowNo,
};

const COLUMN_NAMES = Object.keys(CERTIFICATE_COLUMNS) as (keyof CertificateColumns)[];

/**
 * Whether none of a chunk's rows has been published (by another run of the same publish) since it
 * was read, as SQL over its upload: its first row is after the resume point. A chunk holds every
 * row to publish from its first row to its last, read in row order after a chunk's end or the
 * resume point; rows do not change while an upload publishes.
 */
function stillPending(q: postgres.ReservedSql, p: Pick<PreparedChunk, 'from'>) {
  return q`(published_through_row < ${p.from}::int)`;
}

/**
 * Writes a prepared chunk in one transaction: revokes, links and creates accounts, inserts the
 * certificates, supersedes, queues the sign-in SMS and moves the resume point. Returns false,
 * having written nothing, when the chunk no longer matches the database (another run published
 * some of its rows meanwhile): the caller prepares it again.
 *
 * On one connection of its own, statements that do not wait for one another's results go out
 * together (postgres.js pipelines them; PostgreSQL still runs them one after the other), as named
 * prepared statements (no describe round trip): one round trip for a chunk that only adds
 * (`writeAhead`), three for one with deletes or corrections (`writeChunkIn`), where the original
 * took a dozen statements of two round trips each.
 */
async function writeChunk(
  client: postgres.Sql,
  ctx: PublishContext,
  p: PreparedChunk,
): Promise<boolean> {
  const q = await client.reserve();
  const tx = { open: false };
  try {
    if (p.ahead && (await writeAhead(q, tx, ctx, p, p.ahead))) return true;
    return await writeChunkIn(q, tx, ctx, p);
  } catch (error) {
    // After a failed statement PostgreSQL has already turned a queued COMMIT into a rollback;
    // otherwise the transaction is still open. Either way ROLLBACK leaves none.
    if (tx.open) await q`rollback`.catch(() => {});
    throw error;
  } finally {
    q.release();
  }
}

async function writeChunkIn(
  q: postgres.ReservedSql,
  tx: { open: boolean },
  ctx: PublishContext,
  p: PreparedChunk,
): Promise<boolean> {
  const org = ctx.org.id;
  const now = p.now.toISOString();
  const prevIds = p.issues
    .filter((r) => r.existingCertificateId)
    .map((r) => r.existingCertificateId!);

  // 1. The lock, then what the chunk was prepared from: still pending (see `stillPending`), still
  // active.
  tx.open = true;
  const [, , pendingRows, prevFound, candidates] = await Promise.all([
    q`begin`,
    q`select pg_advisory_xact_lock(hashtext(${`publish:${ctx.uploadId}`}))`,
    q<{ pending: boolean }[]>`
      select ${stillPending(q, p)} as pending from record_uploads where id = ${ctx.uploadId}`,
    prevIds.length
      ? q<{ id: string; status: string }[]>`
          select id, status from certificates
          where issuer_org_id = ${org} and id = any(${pgArray(prevIds)}::uuid[])
          for update`
      : [],
    p.links.length ? findCandidates(q, p.lookup) : [],
  ]);
  if (pendingRows[0]?.pending !== true) {
    await q`rollback`;
    tx.open = false;
    return false;
  }
  if (prevIds.length) {
    const status = new Map(prevFound.map((c) => [c.id, c.status]));
    if (prevIds.some((id) => status.has(id) !== p.previous.has(id))) {
      await q`rollback`;
      tx.open = false;
      return false;
    }
    for (const r of p.issues)
      if (r.change === 'changed' && status.get(r.existingCertificateId!) !== 'active')
        throw new PublishStopped('notActive', { row: r.rowNo, certNo: r.certNo });
  }
  const links = decideFromCandidates(p.links, candidates);

  // 2. The issuer's status-list lock (the positions in step 3 follow its highest, read after the
  // lock), and DELETE: revoke with a reason, nothing is removed (seed 000 §2.5 v); cached
  // renditions show the status at render time, so a status change drops them.
  const statusLock = p.issues.length
    ? q`select pg_advisory_xact_lock(hashtext(${`status-index:${org}`}))`
    : null;
  if (p.deletes.length) {
    const [, revoked] = await Promise.all([
      statusLock,
      q<{ id: string }[]>`
        with r as (
          update certificates set status = 'revoked', status_changed_at = ${now}::timestamptz,
            status_reason = ${`Deleted by the issuer (upload ${ctx.fileName})`}::text
          where issuer_org_id = ${org}::uuid and status in ('active', 'suspended')
            and id = any(${p.deleteIds}::uuid[])
          returning id),
        d as (
          delete from certificate_renditions where certificate_id = any(${p.deleteIds}::uuid[]))
        select id from r`,
    ]);
    const done = new Set(revoked.map((r) => r.id));
    const stale = p.deletes.find((r) => !done.has(r.existingCertificateId));
    if (stale) throw new PublishStopped('notActive', { row: stale.rowNo, certNo: stale.certNo });
  }

  // 3. The rest in one statement (see writeStatement).
  const written = writeStatement(q, ctx, p, linkParamsOf(p, links), 'skip');
  if (p.corrected.count === 0) {
    // Nothing left to check: COMMIT goes out with the statements.
    await Promise.all([statusLock, written, q`commit`]);
  } else {
    const [, [{ superseded } = { superseded: -1 }]] = await Promise.all([statusLock, written]);
    if (superseded !== p.corrected.count) throw new PublishStopped('changedMeanwhile');
    await q`commit`;
  }
  tx.open = false;
  return true;
}

/**
 * The transaction for a chunk whose linking was decided while preparing it: every statement,
 * COMMIT included, goes out at once (one round trip). Two checks come first, and fail (aborting
 * the transaction, so that the COMMIT rolls back) unless the rows are still unpublished and the
 * accounts the linking was decided from are unchanged; the new accounts are inserted without
 * `on conflict`, so that one taken meanwhile fails too. Returns false when anything failed and
 * the transaction is over: the chunk is then written by `writeChunkIn`, which decides inside the
 * transaction (and reports a failure that is not about what changed).
 */
async function writeAhead(
  q: postgres.ReservedSql,
  tx: { open: boolean },
  ctx: PublishContext,
  p: PreparedChunk,
  ahead: NonNullable<PreparedChunk['ahead']>,
): Promise<boolean> {
  tx.open = true;
  const statements = [
    q`begin`,
    q`select pg_advisory_xact_lock(hashtext(${`publish:${ctx.uploadId}`}))`,
    // Checks: a division by zero (22012) unless it holds.
    q`
      select 1 / ${stillPending(q, p)}::int as pending
      from record_uploads where id = ${ctx.uploadId}`,
    // With no account found, nothing read can have changed that the accounts' insert would not
    // refuse (see `findCandidatesAhead`).
    ahead.fingerprint ? candidatesUnchanged(q, p.lookup, ahead.fingerprint) : null,
    q`select pg_advisory_xact_lock(hashtext(${`status-index:${ctx.org.id}`}))`,
    writeStatement(q, ctx, p, ahead.links, 'fail'),
    q`commit`,
  ];
  const results = await Promise.allSettled(statements);
  // COMMIT answers (as a ROLLBACK if a statement failed) unless the connection failed.
  if (results[results.length - 1]!.status === 'fulfilled') tx.open = false;
  const failed = results.find((r) => r.status === 'rejected');
  if (!failed) return true;
  if (!tx.open) return false;
  throw failed.reason;
}

/**
 * The rest of a chunk's writes in one statement: the new accounts with their citizen role (u, m),
 * the certificates (c; each names the upload row it came from; their status-list positions
 * follow the issuer's highest, read under its lock, taken by an earlier statement), the versions
 * they replace (s, d), the sign-in SMS (o: one bulk message to the new accounts' numbers, in row
 * order; one text, as the issuer is the same), the notice to the existing accounts an award
 * reached (r: one bulk message, none when there are none), and the upload's counters and resume
 * point (k: the chunk's last row; the rows linked are counted from what c inserted). An account
 * that could not be created (a concurrent sign-up took its number: skipped by `on conflict`) is
 * in `gone`, and what was to link to it stays unlinked. Answers the number of versions replaced.
 */
function writeStatement(
  q: postgres.ReservedSql,
  ctx: PublishContext,
  p: PreparedChunk,
  links: LinkParams,
  onTakenAccount: 'skip' | 'fail',
) {
  const org = ctx.org.id;
  const now = p.now.toISOString();
  const message = accountCreatedMessage(ctx.org.name);
  const notice = awardLinkedMessage(ctx.org.name);
  const c = p.columns;
  const a = links.accounts;
  // Skipping taken accounts needs to know which were skipped (gone); failing instead (the
  // statement of `writeAhead`) means every account was created, and the checks are left out.
  const skip = onTakenAccount === 'skip';
  /** The recipient's account, null where that account was skipped. */
  const locker = skip
    ? q`case when locker_user_id in (select id from gone) then null else locker_user_id end`
    : q`locker_user_id`;
  return q<{ superseded: number }[]>`
    with u as (${accountsInsert(q, a, onTakenAccount)}),
    m as (${citizenRolesInsert(q, a)}),
    gone as (${
      skip
        ? q`select x.id from unnest(${a.id}::uuid[]) as x(id) where x.id not in (select id from u)`
        : q`select null::uuid as id where false`
    }),
    c as (
      insert into certificates (id, issuer_org_id, doc_type, doc_id, uri, number, version,
        verification_code, status, supersedes_id, title, recipient_name, recipient_dob,
        recipient_gender, recipient_mobile, recipient_email, recipient_uid_masked,
        recipient_aadhaar_vault_id, locker_user_id, issue_date, issued_at, data, template_key, template_snapshot, status_index, signature,
        signing_kid, created_at, source_upload_id, source_row_no)
      select id, ${org}::uuid, doc_type, doc_id, uri, number, version, verification_code,
        'active', supersedes_id, title, recipient_name, recipient_dob, recipient_gender,
        recipient_mobile, recipient_email, recipient_uid_masked, recipient_aadhaar_vault_id,
        ${locker},
        issue_date, ${now}::timestamptz, data, ${ctx.templateKey}::text,
        ${p.snapshot}::text::json,
        (select coalesce(max(status_index), -1) + 1 from certificates
         where issuer_org_id = ${org}::uuid) + (ord - 1)::int,
        signature, ${p.signingKid}::text, ${now}::timestamptz, ${ctx.uploadId}::uuid, row_no
      from rows from (
          unnest(${c.id}::uuid[], ${c.docType}::text[], ${c.docId}::text[], ${c.uri}::text[],
            ${c.number}::text[], ${c.version}::int[], ${c.code}::text[], ${c.supersedes}::uuid[],
            ${c.title}::text[], ${c.name}::text[], ${c.dob}::date[], ${c.gender}::gender[],
            ${c.mobile}::text[], ${c.email}::text[], ${c.uid}::text[], ${c.vault}::uuid[],
            ${links.lockers}::uuid[],
            ${c.issueDate}::date[], ${c.signature}::text[], ${c.rowNo}::int[]),
          unnest(string_to_array(${p.data}::text, ${DATA_SEPARATOR}::text)))
        with ordinality
        as t(id, doc_type, doc_id, uri, number, version, verification_code, supersedes_id,
             title, recipient_name, recipient_dob, recipient_gender, recipient_mobile,
             recipient_email, recipient_uid_masked, recipient_aadhaar_vault_id, locker_user_id,
             issue_date, signature, row_no,
             data, ord)
      returning locker_user_id, supersedes_id),
    s as (
      update certificates x set status = 'superseded', superseded_by_id = v.new_id,
        status_changed_at = ${now}::timestamptz,
        status_reason = 'Corrected: replaced by a newer version'
      from unnest(${p.corrected.oldIds}::uuid[], ${p.corrected.newIds}::uuid[]) as v(old_id, new_id)
      where x.id = v.old_id and x.status = 'active'
      returning x.id),
    d as (
      delete from certificate_renditions
      where certificate_id = any(${p.corrected.oldIds}::uuid[])),
    o as (
      insert into outbox (channel, recipients, subject, body, template)
      select ${message.channel}::notify_channel, array_agg(n.mobile order by n.ord),
        ${message.subject ?? null}::text, ${message.body}::text, ${message.template}::text
      from unnest(${a.id}::uuid[], ${a.mobile}::text[]) with ordinality as n(id, mobile, ord)
      where n.mobile is not null ${skip ? q`and n.id in (select id from u)` : q``}
      having count(*) > 0
      returning cardinality(recipients) as n),
    r as (
      insert into outbox (channel, recipients, subject, body, template)
      select ${notice.channel}::notify_channel, ${links.reached}::text[],
        ${notice.subject ?? null}::text, ${notice.body}::text, ${notice.template}::text
      where cardinality(${links.reached}::text[]) > 0
      returning cardinality(recipients) as n),
    k as (
      update record_uploads set published_rows = published_rows + ${p.count}::int,
        published_through_row = ${p.to}::int,
        linked_count = linked_count + (select count(locker_user_id) from c)::int,
        accounts_created = accounts_created + (select count(*) from u)::int,
        issued_count = issued_count + (select count(*) from c where supersedes_id is null)::int,
        superseded_count = superseded_count + (select count(*) from s)::int,
        revoked_count = revoked_count + ${p.deletes.length}::int,
        sign_in_sms_count = sign_in_sms_count + (select coalesce(sum(n), 0) from o)::int,
        arrived_sms_count = arrived_sms_count + (select coalesce(sum(n), 0) from r)::int
      where id = ${ctx.uploadId}::uuid)
    select count(*)::int as superseded from s`;
}

/** The job: publishes an upload in `publishing` state to the end, or records where it stopped. */
export async function runPublish(db: Db, uploadId: string): Promise<string> {
  const [upload] = await db.select().from(recordUploads).where(eq(recordUploads.id, uploadId));
  if (!upload || upload.status !== 'publishing') return 'skipped';
  let ctx: PublishContext | undefined;
  const threads = new Map<string, SigningThread>();
  try {
    const [org] = await db
      .select({
        id: organisations.id,
        code: organisations.code,
        name: organisations.name,
        status: organisations.status,
      })
      .from(organisations)
      .where(eq(organisations.id, upload.orgId));
    if (org?.status !== 'active') throw new PublishStopped('institutionInactive');
    const [profile] = await db
      .select({ docType: institutionProfiles.defaultDocType })
      .from(institutionProfiles)
      .where(eq(institutionProfiles.orgId, upload.orgId));
    ctx = {
      uploadId,
      fileName: upload.fileName,
      org,
      templateKey: assertTemplate(upload.templateKey),
      defaultDocType: profile?.docType ?? 'SKCER',
      today: todayInIndia(),
      signingThread: (key) => {
        let thread = threads.get(key.kid);
        if (!thread) {
          thread = recordSigningThread(signingKeyOf(key));
          threads.set(key.kid, thread);
        }
        return thread;
      },
    };
    const c = ctx;
    const client = (db as Db & { $client: postgres.Sql }).$client;
    // Each chunk commits on its own: progress is visible and a stop keeps what is done. While
    // PostgreSQL writes one chunk, the next one is read and signed here (a pipeline of two).
    type Job = PrepareJob & { result?: Promise<PreparedChunk | null> };
    const start = (after: number, previous?: Job): Job => {
      const job: Job = { stopped: false };
      const read = previous?.nextRead?.after === after ? previous.nextRead.rows : undefined;
      job.result = prepareChunk(db, client, c, after, job, read);
      job.result.catch(() => {}); // awaited in turn below
      return job;
    };
    let job = start(0);
    try {
      for (;;) {
        c.current = undefined;
        const chunk = await job.result!.catch((error: unknown) => {
          c.current = job.range;
          throw error;
        });
        if (!chunk) break;
        c.current = { from: chunk.from, to: chunk.to };
        job = start(chunk.to, job);
        if (!(await writeChunk(client, c, chunk))) {
          // Another run published some of these rows meanwhile: read them again.
          job.stopped = true;
          job = start(chunk.from - 1);
        }
      }
    } finally {
      job.stopped = true;
    }
    await db
      .update(recordUploads)
      .set({ status: 'published', publishedAt: new Date() })
      .where(and(eq(recordUploads.id, uploadId), eq(recordUploads.status, 'publishing')));
    return 'published';
  } catch (error) {
    await db
      .update(recordUploads)
      .set({ status: 'publish_failed', publishFailure: await failureOf(db, uploadId, error, ctx) })
      .where(eq(recordUploads.id, uploadId));
    return 'publish_failed';
  } finally {
    await Promise.all([...threads.values()].map((t) => t.close()));
  }
}

/**
 * Why a publish stopped, as stored: the reason's code (an unexpected error only by its log
 * reference), and where it stopped: the chunk's rows and how many rows were published before.
 */
async function failureOf(
  db: Db,
  uploadId: string,
  error: unknown,
  ctx: PublishContext | undefined,
): Promise<PublishFailure> {
  // A unique violation: from postgres.js itself, or wrapped by drizzle.
  const e = error as { code?: unknown; cause?: { code?: unknown } };
  const reason: Omit<PublishFailure, 'at'> =
    e.code === '23505' || e.cause?.code === '23505'
      ? { code: 'issuedMeanwhile' }
      : error instanceof PublishStopped
        ? { code: error.code, ...(error.values ? { values: error.values } : {}) }
        : {
            code: 'unexpected',
            values: { ref: toPublicError(error, 'records.publish').ref ?? '' },
          };
  if (!ctx?.current) return reason;
  const [{ published }] = (await db
    .select({ published: recordUploads.publishedRows })
    .from(recordUploads)
    .where(eq(recordUploads.id, uploadId))) as [{ published: number }];
  return { ...reason, at: { ...ctx.current, published } };
}
