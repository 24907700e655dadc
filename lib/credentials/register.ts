import 'server-only';
import { and, asc, count, eq, gt, ilike, or, type SQL } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { likePattern } from '@/db/like';
import { certificates } from '@/db/schema';
import { toCsv } from '@/lib/records/export-csv';
import { liveStatus } from './verify-record';

// The institution's certificate register: every certificate it has issued (each version is a
// certificate of its own), in certificate-number order, a page at a time or as one CSV file.
// Every query takes the issuer as its scope (STYLE.md 3).

export const REGISTER_PAGE_SIZE = 50;
const CSV_BATCH = 1000;

export type RegisterScope = { issuerOrgId: string; q?: string };

function registerWhere(scope: RegisterScope): SQL | undefined {
  const q = scope.q?.trim();
  const pattern = q ? likePattern(q) : null;
  return and(
    eq(certificates.issuerOrgId, scope.issuerOrgId),
    pattern
      ? or(ilike(certificates.number, pattern), ilike(certificates.recipientName, pattern))
      : undefined,
  );
}

const pageColumns = {
  id: certificates.id,
  number: certificates.number,
  version: certificates.version,
  title: certificates.title,
  recipientName: certificates.recipientName,
  status: certificates.status,
  expiryDate: certificates.expiryDate,
  issueDate: certificates.issueDate,
};

/** How many certificates the register holds (or match `q`). */
export async function countRegister(db: Db, scope: RegisterScope): Promise<number> {
  const [r] = await db.select({ n: count() }).from(certificates).where(registerWhere(scope));
  return r?.n ?? 0;
}

/** One page of the register, with the number of certificates that match and in all. */
export async function listRegister(db: Db, scope: RegisterScope & { page: number }) {
  const searching = Boolean(scope.q?.trim());
  const [matching, all] = await Promise.all([
    countRegister(db, scope),
    searching ? countRegister(db, { issuerOrgId: scope.issuerOrgId }) : null,
  ]);
  const pages = Math.max(1, Math.ceil(matching / REGISTER_PAGE_SIZE));
  const page = Math.min(Math.max(1, Math.trunc(scope.page) || 1), pages);
  const rows = await db
    .select(pageColumns)
    .from(certificates)
    .where(registerWhere(scope))
    .orderBy(asc(certificates.number), asc(certificates.version))
    .limit(REGISTER_PAGE_SIZE)
    .offset((page - 1) * REGISTER_PAGE_SIZE);
  return {
    rows: rows.map((r) => ({ ...r, live: liveStatus(r, true) })),
    matching,
    total: all ?? matching,
    page,
    pages,
  };
}

export const REGISTER_CSV_HEADER = [
  'CERT_NO',
  'VERSION',
  'STATUS',
  'STATUS_REASON',
  'DOC_TYPE',
  'TITLE',
  'CNAME',
  'GENDER',
  'DOB',
  'MOBILE',
  'EMAIL',
  'AADHAAR_NO',
  'DOI',
  'EXPIRY_DATE',
  'ISSUED_AT',
  'VERIFICATION_CODE',
  'URI',
];

const csvColumns = {
  ...pageColumns,
  statusReason: certificates.statusReason,
  docType: certificates.docType,
  recipientGender: certificates.recipientGender,
  recipientDob: certificates.recipientDob,
  recipientMobile: certificates.recipientMobile,
  recipientEmail: certificates.recipientEmail,
  recipientUidMasked: certificates.recipientUidMasked,
  issuedAt: certificates.issuedAt,
  verificationCode: certificates.verificationCode,
  uri: certificates.uri,
};

type After = { number: string; version: number } | null;

function readBatch(db: Db, scope: RegisterScope, after: After, size: number) {
  return db
    .select(csvColumns)
    .from(certificates)
    .where(
      and(
        registerWhere(scope),
        after
          ? or(
              gt(certificates.number, after.number),
              and(eq(certificates.number, after.number), gt(certificates.version, after.version)),
            )
          : undefined,
      ),
    )
    .orderBy(asc(certificates.number), asc(certificates.version))
    .limit(size);
}

type CsvRow = Awaited<ReturnType<typeof readBatch>>[number];

/** Only the last four digits of an Aadhaar number ever leave Sanad. */
function maskedAadhaar(masked: string | null): string {
  const last4 = masked?.replace(/\D/g, '').slice(-4);
  return last4 ? `XXXX XXXX ${last4}` : '';
}

function csvLine(r: CsvRow): string[] {
  return [
    r.number,
    String(r.version),
    liveStatus(r, true),
    r.statusReason ?? '',
    r.docType,
    r.title,
    r.recipientName,
    r.recipientGender ?? '',
    r.recipientDob ?? '',
    r.recipientMobile ?? '',
    r.recipientEmail ?? '',
    maskedAadhaar(r.recipientUidMasked),
    r.issueDate,
    r.expiryDate ?? '',
    r.issuedAt.toISOString(),
    r.verificationCode,
    r.uri,
  ];
}

/**
 * The register (or the certificates matching `q`) as a CSV stream: read and sent a thousand at a
 * time (keyset on number and version), so a large register never sits whole in memory. Cells
 * are neutralised against spreadsheet formulas and start with a BOM for Excel (export-csv.ts).
 */
export function registerCsvStream(
  db: Db,
  scope: RegisterScope,
  batch = CSV_BATCH,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let after: After = null;
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(toCsv([REGISTER_CSV_HEADER], { bom: true })));
      }
      const rows = await readBatch(db, scope, after, batch);
      if (rows.length > 0) controller.enqueue(encoder.encode(`\r\n${toCsv(rows.map(csvLine))}`));
      const last = rows.at(-1);
      if (!last || rows.length < batch) return controller.close();
      after = { number: last.number, version: last.version };
    },
  });
}

/** `certificate-register-2026-10-30.csv`: the day it was taken. */
export function registerFileName(now = new Date()): string {
  return `certificate-register-${now.toISOString().slice(0, 10)}.csv`;
}
