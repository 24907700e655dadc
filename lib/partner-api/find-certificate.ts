import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { certificates, organisations, recordRows, users } from '@/db/schema';
import { aadhaarVaultId } from '@/lib/vault/aadhaar-entry';
import { holderMatches, readUid, type HolderClaims } from './holder';

export type FoundCertificate = {
  id: string;
  uri: string;
  recipientName: string;
  recipientDob: string | null;
  recipientGender: string | null;
};

export type HolderSearch = {
  docType: string;
  number: string;
  fullName: string;
  dob: string;
  /** The UID element as sent: only its vault id is ever compared. */
  uid: string;
};

/**
 * Pull URI: the active certificate of this type and number whose holder the request describes.
 * A certificate whose holder does not match is not found, exactly as an unknown number is.
 * 'ambiguous' when the same holder has this type and number at more than one issuer.
 */
export async function findByHolder(
  db: DbOrTx,
  s: HolderSearch,
): Promise<FoundCertificate | 'none' | 'ambiguous'> {
  const uid = readUid(s.uid);
  const claims: HolderClaims = {
    name: s.fullName,
    dob: s.dob,
    uid:
      uid === null || uid === 'md5'
        ? null
        : uid === 'unreadable'
          ? 'unreadable'
          : { vaultId: aadhaarVaultId(uid.digits).id },
  };
  const rows = await db
    .select({
      id: certificates.id,
      uri: certificates.uri,
      recipientName: certificates.recipientName,
      recipientDob: certificates.recipientDob,
      recipientGender: certificates.recipientGender,
      rowAadhaar: recordRows.aadhaarVaultId,
      accountAadhaar: users.aadhaarVaultId,
    })
    .from(certificates)
    // Through the issuers, so that each lookup uses the (issuer, number) index.
    .innerJoin(organisations, eq(certificates.issuerOrgId, organisations.id))
    .leftJoin(
      recordRows,
      and(
        eq(recordRows.uploadId, certificates.sourceUploadId),
        eq(recordRows.rowNo, certificates.sourceRowNo),
      ),
    )
    .leftJoin(users, eq(users.id, certificates.lockerUserId))
    .where(
      and(
        eq(certificates.docType, s.docType),
        eq(certificates.number, s.number),
        eq(certificates.status, 'active'),
      ),
    )
    .limit(50);
  const matches = rows.filter((r) =>
    holderMatches(claims, {
      name: r.recipientName,
      dob: r.recipientDob,
      // The Aadhaar the award row carried; for other certificates, the holder's account's.
      aadhaarVaultId: r.rowAadhaar ?? r.accountAadhaar,
    }),
  );
  if (matches.length === 0) return 'none';
  if (matches.length > 1) return 'ambiguous';
  const m = matches[0]!;
  return {
    id: m.id,
    uri: m.uri,
    recipientName: m.recipientName,
    recipientDob: m.recipientDob,
    recipientGender: m.recipientGender,
  };
}

/** Pull Doc: the certificate with this URI, whatever its status. */
export async function findByUri(db: DbOrTx, uri: string): Promise<{ id: string } | null> {
  const [row] = await db
    .select({ id: certificates.id })
    .from(certificates)
    .where(eq(certificates.uri, uri));
  return row ?? null;
}
