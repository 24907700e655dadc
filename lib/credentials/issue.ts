import 'server-only';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '@/db/client';
import { certificateRenditions, certificates, organisations } from '@/db/schema';
import { recordAudit, type AuditEntry } from '@/lib/audit';
import { ConflictError, InvalidError, NotFoundError } from '@/lib/errors';
import { signedPayloadJson, type SignedRecord } from './canonical';
import { newDocId, newVerificationCode } from './codes';
import { activeKey, signingKeyOf } from './keys';
import { recordSignerOf } from './record-signer';
import { snapshotTemplate, type Signatory, type TemplateKey } from './templates';

export type CertificateRow = typeof certificates.$inferSelect;

export type CertificateInput = {
  docType: string;
  number: string;
  title: string;
  recipient: {
    name: string;
    dob?: string | null;
    gender?: 'M' | 'F' | 'T' | null;
    mobile?: string | null;
    email?: string | null;
    uidMasked?: string | null;
    lockerUserId?: string | null;
  };
  issueDate: string;
  validFrom?: string | null;
  expiryDate?: string | null;
  /** Type-specific content: `{ kind: 'skill' | 'academic' | 'course', … }` (docs/certificate-xml.md). */
  data: Record<string, unknown> & { kind: string };
  templateKey: TemplateKey;
  signatories?: Signatory[];
};

/** The exact fields the Ed25519 signature covers, rebuilt from a stored row. */
/** The columns the record signature covers, with what a verification needs to find the key. */
export type SignedColumns = Pick<
  CertificateRow,
  | 'docType'
  | 'uri'
  | 'number'
  | 'version'
  | 'verificationCode'
  | 'title'
  | 'recipientName'
  | 'recipientDob'
  | 'recipientGender'
  | 'recipientUidMasked'
  | 'issueDate'
  | 'validFrom'
  | 'expiryDate'
  | 'issuedAt'
  | 'data'
  | 'templateKey'
>;

export function signedRecordOf(
  row: SignedColumns,
  issuerCode: string,
  supersedesUri: string | null,
): SignedRecord {
  return {
    issuerCode,
    docType: row.docType,
    uri: row.uri,
    number: row.number,
    version: row.version,
    verificationCode: row.verificationCode,
    title: row.title,
    recipient: {
      name: row.recipientName,
      dob: row.recipientDob,
      gender: row.recipientGender,
      uidMasked: row.recipientUidMasked,
    },
    issueDate: row.issueDate,
    validFrom: row.validFrom,
    expiryDate: row.expiryDate,
    issuedAt: row.issuedAt.toISOString(),
    data: row.data,
    templateKey: row.templateKey,
    supersedes: supersedesUri,
  };
}

function validate(input: CertificateInput): void {
  if (!/^[A-Z]{1,5}$/.test(input.docType))
    throw new InvalidError('A document type is 1 to 5 capital letters, e.g. SKCER');
  if (!input.number.trim() || input.number.length > 64)
    throw new InvalidError('A certificate number is 1 to 64 characters');
  if (!input.recipient.name.trim())
    throw new InvalidError('A certificate needs the recipient name');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.issueDate))
    throw new InvalidError('The issue date must be YYYY-MM-DD');
}

/**
 * Issues certificates for one issuer in one transaction: each gets a DigiLocker URI, a
 * verification code, a status-list position and an Ed25519 signature over its canonical form.
 * `(issuer, number, version)` is unique, so re-running the same issue cannot duplicate.
 */
export async function issueCertificates(
  db: Db,
  issuerOrgId: string,
  inputs: CertificateInput[],
  opts: { supersedes?: Map<string, CertificateRow> } = {},
): Promise<CertificateRow[]> {
  inputs.forEach(validate);
  return db.transaction(async (tx) => {
    const [org] = await tx.select().from(organisations).where(eq(organisations.id, issuerOrgId));
    if (!org) throw new NotFoundError('No such issuer');
    if (org.status !== 'active')
      throw new ConflictError('Only an active issuer can issue certificates');
    const key = await activeKey(tx, issuerOrgId, 'ed25519');
    const signRecord = recordSignerOf(signingKeyOf(key));

    // Status-list positions are allocated in order per issuer.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`status-index:${issuerOrgId}`}))`);
    const [{ next }] = (await tx.execute(
      sql`select coalesce(max(status_index), -1) + 1 as next from certificates where issuer_org_id = ${issuerOrgId}`,
    )) as unknown as [{ next: number }];

    const issuedAt = new Date();
    const rows = inputs.map((input, i) => {
      const previous = opts.supersedes?.get(input.number) ?? null;
      const docId = newDocId();
      const row = {
        id: crypto.randomUUID(),
        issuerOrgId,
        docType: input.docType,
        docId,
        uri: `${org.code}-${input.docType}-${docId}`,
        number: input.number,
        version: previous ? previous.version + 1 : 1,
        verificationCode: newVerificationCode(),
        status: 'active' as const,
        statusReason: null,
        statusChangedAt: null,
        supersedesId: previous?.id ?? null,
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
        validFrom: input.validFrom ?? null,
        expiryDate: input.expiryDate ?? null,
        issuedAt,
        data: input.data,
        templateKey: input.templateKey,
        templateSnapshot: snapshotTemplate(input.templateKey, input.signatories ?? []),
        statusIndex: Number(next) + i,
        signingKid: key.kid,
        createdAt: issuedAt,
        signature: '',
      };
      row.signature = signRecord(
        signedPayloadJson(signedRecordOf(row, org.code, previous?.uri ?? null)),
      );
      return row;
    });

    const inserted: CertificateRow[] = [];
    for (let i = 0; i < rows.length; i += 1000) {
      inserted.push(
        ...(await tx
          .insert(certificates)
          .values(rows.slice(i, i + 1000))
          .returning()),
      );
    }
    const superseded = rows.filter((r) => r.supersedesId);
    for (const r of superseded) {
      const done = await tx
        .update(certificates)
        .set({
          status: 'superseded',
          supersededById: r.id,
          statusChangedAt: issuedAt,
          statusReason: 'Corrected: replaced by a newer version',
        })
        .where(and(eq(certificates.id, r.supersedesId!), eq(certificates.status, 'active')))
        .returning({ id: certificates.id });
      if (done.length === 0)
        throw new ConflictError(`Certificate ${r.number} is not active and cannot be corrected`);
    }
    if (superseded.length > 0)
      await dropRenditions(
        tx,
        superseded.map((r) => r.supersedesId!),
      );
    return inserted;
  });
}

export async function issueCertificate(
  db: Db,
  issuerOrgId: string,
  input: CertificateInput,
): Promise<CertificateRow> {
  const [row] = await issueCertificates(db, issuerOrgId, [input]);
  return row!;
}

/** A corrected version: a new record (new URI and code) that supersedes the old one. */
export async function reissueCertificate(
  db: Db,
  issuerOrgId: string,
  previous: CertificateRow,
  input: CertificateInput,
): Promise<CertificateRow> {
  if (previous.issuerOrgId !== issuerOrgId) throw new NotFoundError('No such certificate');
  const [row] = await issueCertificates(db, issuerOrgId, [{ ...input, number: previous.number }], {
    supersedes: new Map([[previous.number, previous]]),
  });
  return row!;
}

/** Cached renditions show the status at render time; a status change drops them. */
export async function dropRenditions(db: DbOrTx, certificateIds: string[]): Promise<void> {
  if (certificateIds.length === 0) return;
  await db
    .delete(certificateRenditions)
    .where(inArray(certificateRenditions.certificateId, certificateIds));
}

/** Revoke (or suspend) with a reason; the issuer scope is required, never a bare id. */
const STATUS_CHANGE_ACTIONS = {
  revoked: 'certificate.revoke',
  suspended: 'certificate.suspend',
  active: 'certificate.reinstate',
} as const;

/**
 * Revokes, suspends or reinstates one certificate of one issuer. With `audit`, the audit entry
 * (`certificate.<status>`, with the reason and the previous status) is written in the same
 * transaction: a status change is never left without its entry, nor an entry without its change.
 */
export async function changeCertificateStatus(
  db: Db,
  scope: { issuerOrgId: string; certificateId: string },
  change: { status: 'revoked' | 'suspended' | 'active'; reason: string },
  audit?: Pick<AuditEntry, 'actorUserId' | 'ip' | 'userAgent'>,
): Promise<CertificateRow> {
  if (change.status !== 'active' && !change.reason.trim())
    throw new InvalidError('Give a reason', { reason: 'required' });
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(certificates)
      .where(
        and(
          eq(certificates.id, scope.certificateId),
          eq(certificates.issuerOrgId, scope.issuerOrgId),
        ),
      )
      .for('update');
    if (!current) throw new NotFoundError('No such certificate');
    const allowed =
      (change.status === 'revoked' &&
        (current.status === 'active' || current.status === 'suspended')) ||
      (change.status === 'suspended' && current.status === 'active') ||
      (change.status === 'active' && current.status === 'suspended');
    if (!allowed)
      throw new ConflictError(`A ${current.status} certificate cannot become ${change.status}`);
    const [row] = await tx
      .update(certificates)
      .set({
        status: change.status,
        statusReason: change.reason.trim() || null,
        statusChangedAt: new Date(),
      })
      .where(eq(certificates.id, current.id))
      .returning();
    await dropRenditions(tx, [current.id]);
    if (audit)
      await recordAudit(tx, {
        ...audit,
        action: STATUS_CHANGE_ACTIONS[change.status],
        objectType: 'certificate',
        objectId: current.id,
        detail: { reason: change.reason.trim(), from: current.status },
      });
    return row!;
  });
}
