import 'server-only';
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { accessLog, certificates, lockerFiles } from '@/db/schema';
import { grantingMemberships, type MembershipLike } from '@/lib/auth/permissions';
import { GoneError, NotFoundError } from '@/lib/errors';

// The one access decision for a citizen's documents: every read of a locker item by anyone (the
// holder, issuer staff, a share link, a DigiLocker partner pull, a verifier under consent) asks
// here, and the same call writes the access log. A refusal is logged against the document's
// owner and answered as "not found", so that an id in a URL tells a stranger nothing.

export type AccessReader =
  /** A signed-in person: the holder, or staff of the issuing organisation. */
  | { kind: 'user'; userId: string; memberships: readonly MembershipLike[] }
  /** Someone holding a share link, already looked up by its token (lib/locker/share-links.ts). */
  | { kind: 'share_link'; link: ShareLinkGrant }
  /** An authenticated DigiLocker-side partner whose request matched the holder. */
  | { kind: 'partner'; partnerId: string; purpose?: string | null }
  /** A verifier organisation reading under a consent the citizen gave. */
  | {
      kind: 'verifier';
      orgId: string;
      ownerUserId: string;
      purpose?: string | null;
    };

export type ShareLinkGrant = {
  id: string;
  userId: string;
  certificateId: string | null;
  fileId: string | null;
  expiresAt: Date;
  revokedAt: Date | null;
  purpose: string | null;
};

export type AccessTarget = { certificateId: string } | { fileId: string };

/** What is read: the detail page, a rendition, an uploaded file or its signed form. */
export type AccessAction = 'view' | 'pdf' | 'xml' | 'both' | 'file' | 'signed' | 'signature';

export type CertificateGrant = {
  kind: 'certificate';
  id: string;
  ownerUserId: string | null;
  issuerOrgId: string;
  number: string;
  version: number;
  title: string;
  status: string;
  verificationCode: string;
};
export type FileGrant = {
  kind: 'file';
  id: string;
  ownerUserId: string;
  name: string;
  fileKind: string;
  size: number;
  sha256: string;
  storageKey: string;
};
export type AccessGrant = CertificateGrant | FileGrant;

export type AccessRequest = {
  reader: AccessReader;
  target: AccessTarget;
  action: AccessAction;
  ip?: string | null;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function load(db: DbOrTx, target: AccessTarget): Promise<AccessGrant | null> {
  if ('certificateId' in target) {
    if (!UUID.test(target.certificateId)) return null;
    const [c] = await db
      .select({
        id: certificates.id,
        ownerUserId: certificates.lockerUserId,
        issuerOrgId: certificates.issuerOrgId,
        number: certificates.number,
        version: certificates.version,
        title: certificates.title,
        status: certificates.status,
        verificationCode: certificates.verificationCode,
      })
      .from(certificates)
      .where(eq(certificates.id, target.certificateId));
    return c ? { kind: 'certificate', ...c } : null;
  }
  if (!UUID.test(target.fileId)) return null;
  const [f] = await db
    .select({
      id: lockerFiles.id,
      ownerUserId: lockerFiles.userId,
      name: lockerFiles.name,
      fileKind: lockerFiles.kind,
      size: lockerFiles.size,
      sha256: lockerFiles.sha256,
      storageKey: lockerFiles.storageKey,
    })
    .from(lockerFiles)
    .where(eq(lockerFiles.id, target.fileId));
  return f ? { kind: 'file', ...f } : null;
}

type Verdict =
  | { allowed: true; actorKind: LogActor; actorOrgId?: string | null }
  | { allowed: false; actorKind: LogActor; reason: string; gone?: boolean };

type LogActor = (typeof accessLog.$inferInsert)['actorKind'];

/** The rules, pure: who may read this document. */
export function decide(reader: AccessReader, doc: AccessGrant, now = new Date()): Verdict {
  switch (reader.kind) {
    case 'user': {
      if (doc.ownerUserId === reader.userId) {
        return grantingMemberships(reader.memberships, 'locker.view').length > 0
          ? { allowed: true, actorKind: 'holder' }
          : { allowed: false, actorKind: 'holder', reason: 'no-locker-role' };
      }
      if (doc.kind === 'certificate') {
        const staff =
          grantingMemberships(reader.memberships, 'institution.view', doc.issuerOrgId).length > 0 ||
          grantingMemberships(reader.memberships, 'courses.view', doc.issuerOrgId).length > 0;
        if (staff) return { allowed: true, actorKind: 'issuer_staff', actorOrgId: doc.issuerOrgId };
      }
      return { allowed: false, actorKind: 'anonymous', reason: 'not-holder-or-issuer' };
    }
    case 'share_link': {
      const link = reader.link;
      const sameDoc =
        doc.kind === 'certificate' ? link.certificateId === doc.id : link.fileId === doc.id;
      if (!sameDoc || link.userId !== doc.ownerUserId)
        return { allowed: false, actorKind: 'share_link', reason: 'link-not-for-document' };
      if (link.revokedAt)
        return { allowed: false, actorKind: 'share_link', reason: 'link-revoked', gone: true };
      if (link.expiresAt.getTime() <= now.getTime())
        return { allowed: false, actorKind: 'share_link', reason: 'link-expired', gone: true };
      return { allowed: true, actorKind: 'share_link' };
    }
    case 'partner':
      // Authenticated and matched to the holder by the pull API; only issued documents.
      return doc.kind === 'certificate'
        ? { allowed: true, actorKind: 'partner' }
        : { allowed: false, actorKind: 'partner', reason: 'not-an-issued-document' };
    case 'verifier':
      return doc.ownerUserId === reader.ownerUserId
        ? { allowed: true, actorKind: 'verifier', actorOrgId: reader.orgId }
        : { allowed: false, actorKind: 'verifier', reason: 'not-under-consent' };
  }
}

/**
 * Decides whether `reader` may read `target` and logs the read (allowed or refused) against the
 * document's owner. Returns the document on success; throws NotFoundError (or GoneError for a
 * revoked or expired share link) otherwise, after logging.
 */
export async function readDocument(db: DbOrTx, req: AccessRequest): Promise<AccessGrant> {
  const doc = await load(db, req.target);
  if (!doc) throw new NotFoundError('No such document');
  const verdict = decide(req.reader, doc);
  // An issued award not yet linked to any locker belongs to no citizen: nothing to log for one.
  if (doc.ownerUserId) {
    const r = req.reader;
    await db.insert(accessLog).values({
      ownerUserId: doc.ownerUserId,
      certificateId: doc.kind === 'certificate' ? doc.id : null,
      fileId: doc.kind === 'file' ? doc.id : null,
      documentLabel: doc.kind === 'certificate' ? `${doc.title} (${doc.number})` : doc.name,
      actorKind: verdict.actorKind,
      actorUserId: r.kind === 'user' ? r.userId : null,
      actorOrgId: verdict.allowed ? (verdict.actorOrgId ?? null) : null,
      shareLinkId: r.kind === 'share_link' ? r.link.id : null,
      partnerId: r.kind === 'partner' ? r.partnerId : null,
      purpose:
        r.kind === 'share_link'
          ? r.link.purpose
          : r.kind === 'partner' || r.kind === 'verifier'
            ? (r.purpose ?? null)
            : null,
      action: req.action,
      outcome: verdict.allowed ? 'allowed' : 'refused',
      reason: verdict.allowed ? null : verdict.reason,
      ip: req.ip ?? null,
    });
  }
  if (!verdict.allowed) {
    if (verdict.gone) throw new GoneError();
    throw new NotFoundError('No such document');
  }
  return doc;
}
