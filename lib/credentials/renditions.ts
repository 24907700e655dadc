import 'server-only';
import { createHash } from 'node:crypto';
import { and, desc, eq, lte } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { certificateRenditions, certificates, issuerKeys, organisations } from '@/db/schema';
import { config } from '@/lib/config';
import { open } from '@/lib/crypto/secret-box';
import { NotFoundError } from '@/lib/errors';
import type { CertificateRow } from './issue';
import { renderCertificatePdf, type PdfCertificateInput } from './pdf/render-certificate-pdf';
import { statusListUrl } from './status-list';
import type { TemplateSnapshot } from './templates';
import { awardOf, liveStatus } from './verify-record';
import {
  buildCertificateXml,
  toDdMmYyyy,
  type XmlCertificateInput,
} from './xml/build-certificate-xml';
import { signCertificateXml } from './xml/sign-certificate-xml';

// XML and PDF are renditions of the record: made on first request (or by a job), cached, and
// reproducible — the same record and key give the same bytes (DESIGN.md, Signing).

export type CertificateContext = {
  row: CertificateRow;
  issuer: { id: string; name: string; code: string; kind: string };
  prevUri: string | null;
};

export async function loadCertificateContext(
  db: DbOrTx,
  certificateId: string,
): Promise<CertificateContext> {
  const [hit] = await db
    .select({ row: certificates, issuer: organisations })
    .from(certificates)
    .innerJoin(organisations, eq(certificates.issuerOrgId, organisations.id))
    .where(eq(certificates.id, certificateId));
  if (!hit) throw new NotFoundError('No such certificate');
  let prevUri: string | null = null;
  if (hit.row.supersedesId) {
    const [prev] = await db
      .select({ uri: certificates.uri })
      .from(certificates)
      .where(eq(certificates.id, hit.row.supersedesId));
    prevUri = prev?.uri ?? null;
  }
  return {
    row: hit.row,
    issuer: {
      id: hit.issuer.id,
      name: hit.issuer.name,
      code: hit.issuer.code,
      kind: hit.issuer.kind,
    },
    prevUri,
  };
}

export function verifyUrlOf(code: string): string {
  return `${config.publicBaseUrl}/verify/${encodeURIComponent(code)}`;
}

const XML_STATUS = {
  valid: 'A',
  expired: 'E',
  revoked: 'R',
  superseded: 'R',
  suspended: 'S',
  tampered: 'R',
} as const;

export function xmlInputOf(ctx: CertificateContext): XmlCertificateInput {
  const { row } = ctx;
  return {
    title: row.title,
    docType: row.docType,
    number: row.number,
    uri: row.uri,
    verificationCode: row.verificationCode,
    verifyUrl: verifyUrlOf(row.verificationCode),
    status: XML_STATUS[liveStatus(row, true)],
    version: row.version,
    prevUri: ctx.prevUri,
    statusIndex: row.statusIndex,
    statusListUrl: statusListUrl(ctx.issuer.code, 'revocation'),
    issueDate: row.issueDate,
    validFrom: row.validFrom,
    expiryDate: row.expiryDate,
    issuedAt: null,
    issuer: ctx.issuer,
    recipient: {
      name: row.recipientName,
      dob: row.recipientDob,
      gender: row.recipientGender,
      uidMasked: row.recipientUidMasked,
    },
    data: row.data,
  };
}

const DETAIL_LABELS: Record<string, string> = {
  jobRole: 'Job role',
  qpCode: 'QP code',
  nsqfLevel: 'NSQF level',
  grade: 'Grade',
  result: 'Result',
  cgpa: 'CGPA',
  percentage: 'Percentage',
  division: 'Division',
  completionDate: 'Completed on',
  score: 'Score',
  batchName: 'Batch',
  session: 'Session',
};

export function pdfInputOf(ctx: CertificateContext): PdfCertificateInput {
  const { row } = ctx;
  const award = awardOf(row.data);
  const details = Object.entries(DETAIL_LABELS)
    .map(([k, label]) => ({ label, value: row.data[k] }))
    .filter(
      (d): d is { label: string; value: string | number } =>
        (typeof d.value === 'string' && d.value.trim() !== '' && d.value !== award) ||
        typeof d.value === 'number',
    )
    .slice(0, 4)
    .map((d) => ({ label: d.label, value: String(d.value) }));
  return {
    title: row.title,
    issuerName: ctx.issuer.name,
    recipientName: row.recipientName,
    award,
    details,
    number: row.number,
    verificationCode: row.verificationCode,
    verifyUrl: verifyUrlOf(row.verificationCode),
    issueDate: toDdMmYyyy(row.issueDate),
    template: row.templateSnapshot as TemplateSnapshot,
  };
}

/** The RSA key that was active when the certificate was issued (so re-rendering is stable). */
async function xmlSigningKey(db: DbOrTx, ctx: CertificateContext) {
  const base = and(eq(issuerKeys.orgId, ctx.issuer.id), eq(issuerKeys.algorithm, 'rsa-sha256'));
  const [atIssue] = await db
    .select()
    .from(issuerKeys)
    .where(and(base, lte(issuerKeys.createdAt, ctx.row.issuedAt)))
    .orderBy(desc(issuerKeys.createdAt))
    .limit(1);
  const key =
    atIssue ??
    (await db.select().from(issuerKeys).where(base).orderBy(issuerKeys.createdAt).limit(1))[0];
  if (!key?.certificatePem) throw new Error(`issuer ${ctx.issuer.code} has no RSA key`);
  return {
    privateKeyPem: open(key.privateKeySealed).toString('utf8'),
    certificatePem: key.certificatePem,
  };
}

export async function renderRendition(
  db: DbOrTx,
  ctx: CertificateContext,
  kind: 'xml' | 'pdf',
): Promise<Buffer> {
  if (kind === 'xml')
    return Buffer.from(
      signCertificateXml(buildCertificateXml(xmlInputOf(ctx)), await xmlSigningKey(db, ctx)),
      'utf8',
    );
  return renderCertificatePdf(pdfInputOf(ctx));
}

/** Cached rendition, rendering and storing it on first request. */
export async function getRendition(
  db: DbOrTx,
  certificateId: string,
  kind: 'xml' | 'pdf',
): Promise<Buffer> {
  const [cached] = await db
    .select({ content: certificateRenditions.content })
    .from(certificateRenditions)
    .where(
      and(
        eq(certificateRenditions.certificateId, certificateId),
        eq(certificateRenditions.kind, kind),
      ),
    );
  if (cached) return cached.content;
  const ctx = await loadCertificateContext(db, certificateId);
  const content = await renderRendition(db, ctx, kind);
  await db
    .insert(certificateRenditions)
    .values({
      certificateId,
      kind,
      content,
      sha256: createHash('sha256').update(content).digest('hex'),
    })
    .onConflictDoNothing();
  return content;
}
