import 'server-only';
import { sign } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { certificates } from '@/db/schema';
import { config } from '@/lib/config';
import { canonicalJson } from './canonical';
import { issuerByCode } from './issuer-directory';
import { activeKey, signingKeyOf } from './keys';

// Revocation for offline verifiers: a W3C Bitstring Status List per issuer and
// purpose. Bit i is 1 when the certificate at statusIndex i is revoked or superseded
// ("revocation") or suspended ("suspension"). Signed with the issuer's Ed25519 key over the
// canonical JSON of the credential (docs/digilocker-api.md describes the proof).

export const STATUS_PURPOSES = ['revocation', 'suspension'] as const;
export type StatusPurpose = (typeof STATUS_PURPOSES)[number];

/** The spec's minimum list length (16 KB) keeps a holder's index among many (herd privacy). */
const MIN_BITS = 131_072;

export function encodeBitstring(setBits: number[], length: number): string {
  const bytes = Buffer.alloc(Math.ceil(length / 8));
  // Bit 0 is the left-most bit of the first byte (Bitstring Status List v1.0).
  for (const i of setBits) bytes[i >> 3]! |= 0x80 >> (i & 7);
  return `u${gzipSync(bytes).toString('base64url')}`;
}

export function statusListUrl(issuerCode: string, purpose: StatusPurpose): string {
  return `${config.publicBaseUrl}/api/issuers/${encodeURIComponent(issuerCode)}/status-list/${purpose}`;
}

export type SignedStatusList = Record<string, unknown> & { proof: Record<string, string> };

export async function buildStatusList(
  db: DbOrTx,
  issuerCode: string,
  purpose: StatusPurpose,
  now = new Date(),
): Promise<SignedStatusList | null> {
  const org = await issuerByCode(db, issuerCode);
  if (!org) return null;
  const statuses =
    purpose === 'revocation' ? (['revoked', 'superseded'] as const) : (['suspended'] as const);
  const [set, [max]] = await Promise.all([
    db
      .select({ i: certificates.statusIndex })
      .from(certificates)
      .where(
        and(eq(certificates.issuerOrgId, org.id), inArray(certificates.status, [...statuses])),
      ),
    db
      .select({ m: sql<number>`coalesce(max(${certificates.statusIndex}), 0)` })
      .from(certificates)
      .where(eq(certificates.issuerOrgId, org.id)),
  ]);
  const length = Math.max(MIN_BITS, Math.ceil((Number(max?.m ?? 0) + 1) / 8) * 8);
  const id = statusListUrl(issuerCode, purpose);
  const credential = {
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    id,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: {
      id: `${config.publicBaseUrl}/api/issuers/${encodeURIComponent(issuerCode)}/jwks.json`,
      name: org.name,
      code: org.code,
    },
    validFrom: now.toISOString(),
    credentialSubject: {
      id: `${id}#list`,
      type: 'BitstringStatusList',
      statusPurpose: purpose,
      encodedList: encodeBitstring(
        set.map((r) => r.i),
        length,
      ),
    },
  };
  const key = await activeKey(db, org.id, 'ed25519');
  const proofValue = sign(null, Buffer.from(canonicalJson(credential)), signingKeyOf(key)).toString(
    'base64url',
  );
  return {
    ...credential,
    proof: {
      type: 'SanadEd25519Jcs2026',
      verificationMethod: key.kid,
      created: now.toISOString(),
      proofPurpose: 'assertionMethod',
      proofValue,
    },
  };
}
