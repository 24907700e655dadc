import 'server-only';
import type { Db } from '@/db/client';
import type { MembershipLike } from '@/lib/auth/permissions';
import { NotFoundError } from '@/lib/errors';
import { readDocument } from '@/lib/locker/access';
import { signerNameOf } from './names';
import { signaturesOfFile, type SignatureSummary } from './sign-document';

// What /locker/uploads/{id}/sign shows: the owner's file (through the access decision, so
// someone else's id is "not found" and logged), its signatures and where a code can go.

export type SignPage = {
  file: { id: string; name: string; size: number; isPdf: boolean };
  signatures: SignatureSummary[];
  signerName: string | null;
};

export async function openForSigning(
  db: Db,
  req: {
    userId: string;
    memberships: readonly MembershipLike[];
    ip: string;
    fileId: string;
  },
): Promise<SignPage> {
  const doc = await readDocument(db, {
    reader: { kind: 'user', userId: req.userId, memberships: req.memberships },
    target: { fileId: req.fileId },
    action: 'view',
    ip: req.ip,
  });
  if (doc.kind !== 'file' || doc.ownerUserId !== req.userId) throw new NotFoundError();
  const [signatures, [me]] = await Promise.all([
    signaturesOfFile(db, { userId: req.userId, fileId: doc.id }),
    db.query.users.findMany({
      where: (u, { eq }) => eq(u.id, req.userId),
      columns: { name: true },
    }),
  ]);
  return {
    file: { id: doc.id, name: doc.name, size: doc.size, isPdf: doc.fileKind === 'pdf' },
    signatures,
    signerName: signerNameOf(me?.name),
  };
}

/** The account's own mobile and email, partly hidden (the page may be seen over a shoulder). */
export function maskedChannels(user: {
  mobile: string | null;
  email: string | null;
}): { via: 'mobile' | 'email'; masked: string }[] {
  const out: { via: 'mobile' | 'email'; masked: string }[] = [];
  if (user.mobile) out.push({ via: 'mobile', masked: `+91 ••••••${user.mobile.slice(-4)}` });
  if (user.email) {
    const [local = '', domain = ''] = user.email.split('@');
    out.push({ via: 'email', masked: `${local.slice(0, 1)}•••@${domain}` });
  }
  return out;
}
