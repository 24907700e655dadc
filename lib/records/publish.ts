import 'server-only';
import { sign } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { pgArray, type Db, type Tx } from '@/db/client';
import { certificates, institutionProfiles, organisations, recordUploads } from '@/db/schema';
import { recordAudit } from '@/lib/audit';
import { signedPayload } from '@/lib/credentials/canonical';
import { newDocId, newVerificationCode } from '@/lib/credentials/codes';
import { dropRenditions, signedRecordOf, type CertificateRow } from '@/lib/credentials/issue';
import { activeKey, signingKeyOf } from '@/lib/credentials/keys';
import { isTemplateKey, snapshotTemplate } from '@/lib/credentials/templates';
import { AppError, ConflictError, InvalidError, NotFoundError, toPublicError } from '@/lib/errors';
import { addManyToOutbox } from '@/lib/notify/outbox';
import { linkRecipients } from './link-accounts';
import { accountCreatedMessage } from './messages';
import { certificateInputOf } from './to-certificate';

// Publishing (seed 000 §2.5 iv–v; issue 4, item 7): accepted rows become certificates in chunks,
// each chunk one transaction that also marks its rows published. A stop leaves whole chunks
// done and the rest untouched, so running again resumes without duplicates.

const CHUNK = 2000;

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
        publishError: null,
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
  fields: Record<string, string>;
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
  /** Rows are taken in order: the next chunk starts after this row. */
  after: number;
};

function assertTemplate(key: string | null) {
  if (!key || !isTemplateKey(key)) throw new ConflictError('The upload has no certificate design');
  return key;
}

/** Today in India, as YYYY-MM-DD (the default date of issue). */
function todayInIndia(): string {
  return new Date(Date.now() + 5.5 * 3600_000).toISOString().slice(0, 10);
}

/**
 * Inserts certificate rows with one statement per 1,000 (arrays through unnest): drizzle's
 * insert builder spent more time assembling 32,000 parameters than PostgreSQL spent inserting.
 * Not COPY: postgres.js loses an error (a unique violation) that arrives after the COPY ends.
 */
async function insertCertificates(tx: Tx, rows: CertificateRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) {
    const r = rows.slice(i, i + 1000);
    const col = <T>(f: (x: CertificateRow) => T) => pgArray(r.map((x) => f(x) as never));
    await tx.execute(sql`
      insert into certificates (id, issuer_org_id, doc_type, doc_id, uri, number, version,
        verification_code, status, supersedes_id, title, recipient_name, recipient_dob,
        recipient_gender, recipient_mobile, recipient_email, recipient_uid_masked, locker_user_id,
        issue_date, issued_at, data, template_key, template_snapshot, status_index, signature,
        signing_kid, created_at)
      select id, issuer_org_id, doc_type, doc_id, uri, number, version, verification_code,
        'active', supersedes_id, title, recipient_name, recipient_dob, recipient_gender,
        recipient_mobile, recipient_email, recipient_uid_masked, locker_user_id, issue_date,
        ${r[0]!.issuedAt.toISOString()}::timestamptz, data::jsonb, template_key,
        ${JSON.stringify(r[0]!.templateSnapshot)}::jsonb, status_index, signature, signing_kid,
        ${r[0]!.createdAt.toISOString()}::timestamptz
      from unnest(${col((x) => x.id)}::uuid[], ${col((x) => x.issuerOrgId)}::uuid[],
        ${col((x) => x.docType)}::text[], ${col((x) => x.docId)}::text[], ${col((x) => x.uri)}::text[],
        ${col((x) => x.number)}::text[], ${col((x) => x.version)}::int[],
        ${col((x) => x.verificationCode)}::text[], ${col((x) => x.supersedesId)}::uuid[],
        ${col((x) => x.title)}::text[], ${col((x) => x.recipientName)}::text[],
        ${col((x) => x.recipientDob)}::date[], ${col((x) => x.recipientGender)}::gender[],
        ${col((x) => x.recipientMobile)}::text[], ${col((x) => x.recipientEmail)}::text[],
        ${col((x) => x.recipientUidMasked)}::text[], ${col((x) => x.lockerUserId)}::uuid[],
        ${col((x) => x.issueDate)}::date[], ${col((x) => JSON.stringify(x.data))}::text[],
        ${col((x) => x.templateKey)}::text[], ${col((x) => x.statusIndex)}::int[],
        ${col((x) => x.signature)}::text[], ${col((x) => x.signingKid)}::text[])
        as t(id, issuer_org_id, doc_type, doc_id, uri, number, version, verification_code,
             supersedes_id, title, recipient_name, recipient_dob, recipient_gender,
             recipient_mobile, recipient_email, recipient_uid_masked, locker_user_id, issue_date,
             data, template_key, status_index, signature, signing_kid)`);
  }
}

async function publishChunk(tx: Tx, ctx: PublishContext): Promise<number> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`publish:${ctx.uploadId}`}))`);
  const rows = (await tx.execute(sql`
    select row_no as "rowNo", cert_no as "certNo", fields, aadhaar_vault_id as "aadhaarVaultId",
           change, existing_certificate_id as "existingCertificateId"
    from record_rows
    where upload_id = ${ctx.uploadId} and outcome = 'accepted'
      and change in ('new', 'changed', 'deleted') and published_at is null
      and row_no > ${ctx.after}
    order by row_no limit ${CHUNK}`)) as unknown as PendingRow[];
  if (rows.length === 0) return 0;
  ctx.current = { from: rows[0]!.rowNo, to: rows[rows.length - 1]!.rowNo };
  ctx.after = ctx.current.to;
  const now = new Date();

  // DELETE: revoke with a reason; nothing is removed (seed 000 §2.5 v).
  const deletes = rows.filter((r) => r.change === 'deleted');
  if (deletes.length) {
    const revoked = (await tx.execute(sql`
      update certificates set status = 'revoked', status_changed_at = ${now.toISOString()},
        status_reason = ${`Deleted by the issuer (upload ${ctx.fileName})`}
      where issuer_org_id = ${ctx.org.id} and status in ('active', 'suspended')
        and id = any(${pgArray(deletes.map((r) => r.existingCertificateId))}::uuid[])
      returning id`)) as unknown as { id: string }[];
    const done = new Set(revoked.map((r) => r.id));
    const stale = deletes.find((r) => !done.has(r.existingCertificateId!));
    if (stale)
      throw new ConflictError(
        `Row ${stale.rowNo}: certificate ${stale.certNo} is no longer active; upload the file again to check it`,
      );
    await dropRenditions(tx, [...done]);
  }

  // ADD and UPDATE: link the recipient, then sign and insert the certificate records.
  const issues = rows.filter((r) => r.change !== 'deleted');
  const links = await linkRecipients(
    tx,
    issues.map((r) => ({
      key: r.rowNo,
      name: r.fields.CNAME ?? '',
      dob: r.fields.DOB ?? null,
      gender: r.fields.GENDER ?? null,
      mobile: r.fields.MOBILE ?? null,
      email: r.fields.EMAIL ?? null,
      aadhaarVaultId: r.aadhaarVaultId,
    })),
  );
  const previous = new Map<string, CertificateRow>();
  const prevIds = issues
    .filter((r) => r.existingCertificateId)
    .map((r) => r.existingCertificateId!);
  if (prevIds.length) {
    const found = await tx
      .select()
      .from(certificates)
      .where(and(eq(certificates.issuerOrgId, ctx.org.id), inArray(certificates.id, prevIds)))
      .for('update');
    for (const c of found) previous.set(c.id, c);
  }
  const key = await activeKey(tx, ctx.org.id, 'ed25519');
  const privateKey = signingKeyOf(key);
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`status-index:${ctx.org.id}`}))`);
  const [{ next }] = (await tx.execute(
    sql`select coalesce(max(status_index), -1) + 1 as next from certificates where issuer_org_id = ${ctx.org.id}`,
  )) as unknown as [{ next: number }];
  const snapshot = snapshotTemplate(ctx.templateKey, []);
  const made = issues.map((r, i) => {
    const prev = r.existingCertificateId ? previous.get(r.existingCertificateId) : undefined;
    if (r.change === 'changed' && prev?.status !== 'active')
      throw new ConflictError(
        `Row ${r.rowNo}: certificate ${r.certNo} is no longer active; upload the file again to check it`,
      );
    const input = certificateInputOf(r.fields, {
      templateKey: ctx.templateKey,
      defaultDocType: ctx.defaultDocType,
      today: ctx.today,
      lockerUserId: links.linked.get(r.rowNo) ?? null,
    });
    const docId = newDocId();
    const row: CertificateRow = {
      id: crypto.randomUUID(),
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
      supersedesId: prev?.id ?? null,
      supersededById: null,
      title: input.title,
      recipientName: input.recipient.name.trim(),
      recipientDob: input.recipient.dob ?? null,
      recipientGender: input.recipient.gender ?? null,
      recipientMobile: input.recipient.mobile ?? null,
      recipientEmail: input.recipient.email ?? null,
      recipientUidMasked: input.recipient.uidMasked ?? null,
      lockerUserId: input.recipient.lockerUserId ?? null,
      issueDate: input.issueDate,
      validFrom: null,
      expiryDate: null,
      issuedAt: now,
      data: input.data,
      templateKey: input.templateKey,
      templateSnapshot: snapshot,
      statusIndex: Number(next) + i,
      signature: '',
      signingKid: key.kid,
      createdAt: now,
    };
    row.signature = sign(
      null,
      signedPayload(signedRecordOf(row, ctx.org.code, prev?.uri ?? null)),
      privateKey,
    ).toString('base64');
    return { rowNo: r.rowNo, row };
  });
  await insertCertificates(
    tx,
    made.map((m) => m.row),
  );
  const corrected = made.filter((m) => m.row.supersedesId);
  if (corrected.length) {
    const superseded = (await tx.execute(sql`
      update certificates c set status = 'superseded', superseded_by_id = v.new_id,
        status_changed_at = ${now.toISOString()}, status_reason = 'Corrected: replaced by a newer version'
      from unnest(${pgArray(corrected.map((m) => m.row.supersedesId))}::uuid[],
                  ${pgArray(corrected.map((m) => m.row.id))}::uuid[]) as v(old_id, new_id)
      where c.id = v.old_id and c.status = 'active'
      returning c.id`)) as unknown as { id: string }[];
    if (superseded.length !== corrected.length)
      throw new ConflictError('A certificate changed while publishing; publish again to resume');
    await dropRenditions(
      tx,
      corrected.map((m) => m.row.supersedesId!),
    );
  }
  if (links.created.length)
    await addManyToOutbox(
      tx,
      links.created
        .filter((a) => a.mobile)
        .map((a) => accountCreatedMessage({ mobile: a.mobile!, issuer: ctx.org.name })),
    );

  const certByRow = new Map(made.map((m) => [m.rowNo, m.row.id]));
  await tx.execute(sql`
    update record_rows r set certificate_id = v.certificate_id, linked_user_id = v.user_id,
      published_at = ${now.toISOString()}
    from unnest(${pgArray(rows.map((r) => r.rowNo))}::int[],
                ${pgArray(rows.map((r) => certByRow.get(r.rowNo) ?? null))}::uuid[],
                ${pgArray(rows.map((r) => links.linked.get(r.rowNo) ?? null))}::uuid[])
         as v(row_no, certificate_id, user_id)
    where r.upload_id = ${ctx.uploadId} and r.row_no = v.row_no`);
  await tx
    .update(recordUploads)
    .set({
      publishedRows: sql`${recordUploads.publishedRows} + ${rows.length}`,
      linkedCount: sql`${recordUploads.linkedCount} + ${links.linked.size}`,
      accountsCreated: sql`${recordUploads.accountsCreated} + ${links.created.length}`,
    })
    .where(eq(recordUploads.id, ctx.uploadId));
  return rows.length;
}

/** The job: publishes an upload in `publishing` state to the end, or records where it stopped. */
export async function runPublish(db: Db, uploadId: string): Promise<string> {
  const [upload] = await db.select().from(recordUploads).where(eq(recordUploads.id, uploadId));
  if (!upload || upload.status !== 'publishing') return 'skipped';
  let ctx: PublishContext | undefined;
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
    if (org?.status !== 'active')
      throw new ConflictError('Only an active institution can publish records');
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
      after: 0,
    };
    const c = ctx;
    while ((await db.transaction((tx) => publishChunk(tx, c))) > 0) {
      // each chunk commits on its own: progress is visible and a stop keeps what is done
    }
    await db
      .update(recordUploads)
      .set({ status: 'published', publishedAt: new Date() })
      .where(and(eq(recordUploads.id, uploadId), eq(recordUploads.status, 'publishing')));
    return 'published';
  } catch (error) {
    // Expected errors carry their own message; anything else is logged with a reference.
    const unique = (error as { cause?: { code?: string } }).cause?.code === '23505';
    const reason = unique
      ? 'A certificate with one of these numbers was issued in the meantime; upload the file again to check it.'
      : error instanceof AppError
        ? error.message
        : toPublicError(error, 'records.publish').message;
    const [{ publishedRows }] = (await db
      .select({ publishedRows: recordUploads.publishedRows })
      .from(recordUploads)
      .where(eq(recordUploads.id, uploadId))) as [{ publishedRows: number }];
    const n = (v: number) => v.toLocaleString('en-IN');
    const message = ctx?.current
      ? `Stopped at rows ${n(ctx.current.from)}–${n(ctx.current.to)}: ${reason} ${n(publishedRows)} rows were published before; publishing again resumes from row ${n(ctx.current.from)}.`
      : reason;
    await db
      .update(recordUploads)
      .set({ status: 'publish_failed', publishError: message })
      .where(eq(recordUploads.id, uploadId));
    return 'publish_failed';
  }
}
