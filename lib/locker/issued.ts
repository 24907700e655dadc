import 'server-only';
import { and, count, desc, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { certificates, organisations } from '@/db/schema';
import type { MembershipLike } from '@/lib/auth/permissions';
import { awardOf, liveStatus, type LiveStatus } from '@/lib/credentials/verify-record';
import { NotFoundError } from '@/lib/errors';
import { readDocument } from './access';

// The citizen's issued documents (seed 001, "Issued Documents"): a page at a time, newest first,
// and one document's detail, read only through the access decision.

export const ISSUED_PAGE_SIZE = 20;

export type IssuedDocument = {
  id: string;
  title: string;
  docType: string;
  number: string;
  version: number;
  issueDate: string;
  issuerName: string;
  verificationCode: string;
  live: LiveStatus;
};

/** One page of the citizen's issued documents, newest first, with the page count. */
export async function listIssuedDocuments(
  db: Db,
  scope: { userId: string; page: number },
): Promise<{ rows: IssuedDocument[]; total: number; page: number; pages: number }> {
  const mine = eq(certificates.lockerUserId, scope.userId);
  const [counted] = await db.select({ n: count() }).from(certificates).where(mine);
  const total = counted?.n ?? 0;
  const pages = Math.max(1, Math.ceil(total / ISSUED_PAGE_SIZE));
  const page = Math.min(Math.max(1, Math.trunc(scope.page) || 1), pages);
  if (total === 0) return { rows: [], total, page, pages };
  // The index (locker_user_id, issued_at desc, id desc) gives the page without sorting.
  const rows = await db
    .select({
      id: certificates.id,
      title: certificates.title,
      docType: certificates.docType,
      number: certificates.number,
      version: certificates.version,
      issueDate: certificates.issueDate,
      status: certificates.status,
      expiryDate: certificates.expiryDate,
      issuerName: organisations.name,
      verificationCode: certificates.verificationCode,
    })
    .from(certificates)
    .innerJoin(organisations, eq(organisations.id, certificates.issuerOrgId))
    .where(mine)
    .orderBy(desc(certificates.issuedAt), desc(certificates.id))
    .limit(ISSUED_PAGE_SIZE)
    .offset((page - 1) * ISSUED_PAGE_SIZE);
  return {
    rows: rows.map(({ status, expiryDate, ...r }) => ({
      ...r,
      live: liveStatus({ status, expiryDate }, true),
    })),
    total,
    page,
    pages,
  };
}

export type IssuedDocumentDetail = IssuedDocument & {
  award: string | null;
  recipientName: string;
  validFrom: string | null;
  expiryDate: string | null;
  issuedAt: Date;
  uri: string;
  verificationCode: string;
  statusReason: string | null;
  statusChangedAt: Date | null;
  /** Where the newer version is read: its locker page when it is in this locker, else /verify. */
  newer: { href: string; inLocker: boolean } | null;
};

/**
 * One issued document, for its holder's locker page. Read through the access decision (action
 * 'view', logged); only the memberships that open the locker count, so staff of the issuing
 * institution are not let in here by their staff role. Someone else's id is NotFoundError.
 */
export async function getIssuedDocument(
  db: Db,
  req: { userId: string; memberships: readonly MembershipLike[]; id: string; ip?: string | null },
): Promise<IssuedDocumentDetail> {
  const grant = await readDocument(db, {
    reader: { kind: 'user', userId: req.userId, memberships: req.memberships },
    target: { certificateId: req.id },
    action: 'view',
    ip: req.ip,
  });
  if (grant.kind !== 'certificate' || grant.ownerUserId !== req.userId)
    throw new NotFoundError('No such document');
  const [row] = await db
    .select({ c: certificates, issuerName: organisations.name })
    .from(certificates)
    .innerJoin(organisations, eq(organisations.id, certificates.issuerOrgId))
    .where(and(eq(certificates.id, grant.id), eq(certificates.lockerUserId, req.userId)));
  if (!row) throw new NotFoundError('No such document');
  const c = row.c;
  let newer: IssuedDocumentDetail['newer'] = null;
  if (c.supersededById) {
    const [next] = await db
      .select({
        id: certificates.id,
        lockerUserId: certificates.lockerUserId,
        code: certificates.verificationCode,
      })
      .from(certificates)
      .where(eq(certificates.id, c.supersededById));
    if (next)
      newer =
        next.lockerUserId === req.userId
          ? { href: `/locker/documents/${next.id}`, inLocker: true }
          : { href: `/verify/${next.code}`, inLocker: false };
  }
  return {
    id: c.id,
    title: c.title,
    docType: c.docType,
    number: c.number,
    version: c.version,
    issueDate: c.issueDate,
    issuerName: row.issuerName,
    live: liveStatus(c, true),
    award: awardOf(c.data),
    recipientName: c.recipientName,
    validFrom: c.validFrom,
    expiryDate: c.expiryDate,
    issuedAt: c.issuedAt,
    uri: c.uri,
    verificationCode: c.verificationCode,
    statusReason: c.statusReason,
    statusChangedAt: c.statusChangedAt,
    newer,
  };
}
