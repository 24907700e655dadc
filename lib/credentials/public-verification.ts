import 'server-only';
import { eq, or } from 'drizzle-orm';
import { getDb, type Db } from '@/db/client';
import { certificates, organisations } from '@/db/schema';
import { recordVerification } from '@/lib/telemetry/verification-events';
import { issuerCertificatesByCode } from './issuer-directory';
import { ZVerificationCode } from './verification-code';
import { liveStatus, verifyByCode, type LiveStatus, type PublicCertificate } from './verify-record';
import { MAX_XML_BYTES, verifyCertificateXml, type XmlRejection } from './xml/verify-xml-signature';

// What /verify, /verify/{code}, GET /api/verify/{code} and the upload form call. Each check is
// counted by channel (seed 002, Telemetry): QR scan, typed code, API, uploaded file.

export async function checkCode(
  code: string,
  channel: 'qr' | 'typed' | 'api',
  db: Db = getDb(),
): Promise<PublicCertificate | null> {
  const hit = await verifyByCode(db, code);
  recordVerification({
    certificateId: hit?.certificateId ?? null,
    channel,
    result: hit?.result.status ?? 'not-found',
  });
  return hit?.result ?? null;
}

/**
 * /verify/{code}: the path segment as sent (percent-encoded, perhaps malformed), checked and
 * counted. A segment that is not a code at all is not found, and not counted.
 */
export async function checkCodeFromPath(
  segment: string,
  channel: 'qr' | 'typed',
): Promise<PublicCertificate | null> {
  let code: string;
  try {
    code = decodeURIComponent(segment);
  } catch {
    return null;
  }
  const parsed = ZVerificationCode.safeParse(code);
  return parsed.success ? checkCode(parsed.data, channel) : null;
}

export type UploadCheck =
  | { genuine: false; reason: XmlRejection }
  | {
      genuine: true;
      issuerName: string;
      issuerCode: string;
      title: string;
      number: string;
      recipientName: string;
      live: { status: LiveStatus; verificationCode: string } | null;
    };

/** "Verify a document": is this XML genuinely signed, by whom, and what is its live status? */
export async function checkUploadedXml(bytes: Buffer, db: Db = getDb()): Promise<UploadCheck> {
  if (bytes.length > MAX_XML_BYTES) return { genuine: false, reason: 'too-large' };
  const r = await verifyCertificateXml(bytes, (code) => issuerCertificatesByCode(db, code));
  if (!r.valid) {
    recordVerification({ channel: 'upload', result: `invalid:${r.reason}` });
    return { genuine: false, reason: r.reason };
  }
  const f = r.fields;
  // Live status from the database: revoked beats a good signature (spec, safe verification 4).
  const conditions = [
    f.uri ? eq(certificates.uri, f.uri) : undefined,
    f.verificationCode ? eq(certificates.verificationCode, f.verificationCode) : undefined,
  ].filter(Boolean);
  const [row] = conditions.length
    ? await db
        .select({ c: certificates })
        .from(certificates)
        .innerJoin(organisations, eq(certificates.issuerOrgId, organisations.id))
        .where(or(...conditions))
        .limit(1)
    : [];
  const sameIssuer = row
    ? (
        await db
          .select({ code: organisations.code })
          .from(organisations)
          .where(eq(organisations.id, row.c.issuerOrgId))
      )[0]?.code === f.issuerCode
    : false;
  const live =
    row && sameIssuer
      ? { status: liveStatus(row.c, true), verificationCode: row.c.verificationCode }
      : null;
  recordVerification({
    certificateId: row?.c.id ?? null,
    channel: 'upload',
    result: live?.status ?? 'genuine-unknown-record',
  });
  return {
    genuine: true,
    issuerName: f.issuerName,
    issuerCode: f.issuerCode,
    title: f.title,
    number: f.number,
    recipientName: f.recipientName,
    live,
  };
}
