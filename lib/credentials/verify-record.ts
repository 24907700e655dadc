import 'server-only';
import { createPublicKey } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { preparedFor, type Db, type DbOrTx } from '@/db/client';
import { certificates, organisations } from '@/db/schema';
import { signedPayloadJson } from './canonical';
import { normaliseVerificationCode } from './codes';
import { keyByKid } from './keys';
import { recordVerifierOf, type RecordVerifier } from './record-signer';
import { signedRecordOf, type CertificateRow, type SignedColumns } from './issue';

export type LiveStatus = 'valid' | 'revoked' | 'expired' | 'suspended' | 'superseded' | 'tampered';

export type PublicCertificate = {
  status: LiveStatus;
  signatureValid: boolean;
  title: string;
  number: string;
  uri: string;
  version: number;
  verificationCode: string;
  recipientName: string;
  award: string | null;
  issueDate: string;
  validFrom: string | null;
  expiryDate: string | null;
  issuedAt: string;
  statusReason: string | null;
  statusChangedAt: string | null;
  issuer: { name: string; code: string };
  successorCode: string | null;
};

// Public keys never change for a kid: cache their verifiers per process.
const verifiers = new Map<string, RecordVerifier | null>();

async function verifierFor(db: DbOrTx, kid: string): Promise<RecordVerifier | null> {
  if (!verifiers.has(kid)) {
    const row = await keyByKid(db, kid);
    const key = row ? createPublicKey(row.publicKeyPem) : null;
    verifiers.set(kid, key?.asymmetricKeyType === 'ed25519' ? recordVerifierOf(key) : null);
  }
  return verifiers.get(kid)!;
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** What the award is, for people: the course, job role or degree the data names. */
export function awardOf(data: Record<string, unknown>): string | null {
  for (const k of ['award', 'courseName', 'jobRole', 'programme']) {
    const v = data[k];
    if (typeof v === 'string' && v.trim()) return v;
  }
  return null;
}

/** Checks a stored record's signature with the issuer's registered key (never a supplied one). */
export async function recordSignatureValid(
  db: DbOrTx,
  row: SignedColumns & Pick<CertificateRow, 'signingKid' | 'signature' | 'supersedesId'>,
  issuerCode: string,
): Promise<boolean> {
  const check = await verifierFor(db, row.signingKid);
  if (!check) return false;
  let supersedesUri: string | null = null;
  if (row.supersedesId) {
    const [prev] = await db
      .select({ uri: certificates.uri })
      .from(certificates)
      .where(eq(certificates.id, row.supersedesId));
    supersedesUri = prev?.uri ?? null;
  }
  try {
    return check(signedPayloadJson(signedRecordOf(row, issuerCode, supersedesUri)), row.signature);
  } catch {
    return false;
  }
}

export function liveStatus(
  row: Pick<CertificateRow, 'status' | 'expiryDate'>,
  signatureValid: boolean,
): LiveStatus {
  if (!signatureValid) return 'tampered';
  if (row.status === 'active')
    return row.expiryDate && row.expiryDate < today() ? 'expired' : 'valid';
  return row.status;
}

// Only what the public answer and the signature check need: the recipient's contact details and
// the rest never enter the public path (and the smaller row is cheaper to read on every scan).
const VERIFY_COLUMNS = {
  id: certificates.id,
  docType: certificates.docType,
  uri: certificates.uri,
  number: certificates.number,
  version: certificates.version,
  verificationCode: certificates.verificationCode,
  status: certificates.status,
  statusReason: certificates.statusReason,
  statusChangedAt: certificates.statusChangedAt,
  supersedesId: certificates.supersedesId,
  supersededById: certificates.supersededById,
  title: certificates.title,
  recipientName: certificates.recipientName,
  recipientDob: certificates.recipientDob,
  recipientGender: certificates.recipientGender,
  recipientUidMasked: certificates.recipientUidMasked,
  issueDate: certificates.issueDate,
  validFrom: certificates.validFrom,
  expiryDate: certificates.expiryDate,
  issuedAt: certificates.issuedAt,
  data: certificates.data,
  templateKey: certificates.templateKey,
  signature: certificates.signature,
  signingKid: certificates.signingKid,
};

const byCode = (db: DbOrTx) =>
  preparedFor(db as Db, 'certificate_by_code', (d) =>
    d
      .select({ c: VERIFY_COLUMNS, issuerName: organisations.name, issuerCode: organisations.code })
      .from(certificates)
      .innerJoin(organisations, eq(certificates.issuerOrgId, organisations.id))
      .where(eq(certificates.verificationCode, sql.placeholder('code')))
      .limit(1)
      .prepare('certificate_by_code'),
  );

/** The public answer for a verification code; never cached, so a revocation shows at once. */
export async function verifyByCode(
  db: DbOrTx,
  code: string,
): Promise<{ certificateId: string; result: PublicCertificate } | null> {
  const normalised = normaliseVerificationCode(code);
  const [hit] = await byCode(db).execute({ code: normalised });
  if (!hit) return null;
  const row = hit.c;
  const signatureValid = await recordSignatureValid(db, row, hit.issuerCode);
  let successorCode: string | null = null;
  if (row.supersededById) {
    const [next] = await db
      .select({ code: certificates.verificationCode })
      .from(certificates)
      .where(eq(certificates.id, row.supersededById));
    successorCode = next?.code ?? null;
  }
  return {
    certificateId: row.id,
    result: {
      status: liveStatus(row, signatureValid),
      signatureValid,
      title: row.title,
      number: row.number,
      uri: row.uri,
      version: row.version,
      verificationCode: row.verificationCode,
      recipientName: row.recipientName,
      award: awardOf(row.data),
      issueDate: row.issueDate,
      validFrom: row.validFrom,
      expiryDate: row.expiryDate,
      issuedAt: row.issuedAt.toISOString(),
      statusReason: row.status === 'active' ? null : row.statusReason,
      statusChangedAt: row.statusChangedAt?.toISOString() ?? null,
      issuer: { name: hit.issuerName, code: hit.issuerCode },
      successorCode,
    },
  };
}
