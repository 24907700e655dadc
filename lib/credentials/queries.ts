import 'server-only';
import { and, desc, eq, sql } from 'drizzle-orm';
import { getDb, preparedFor, type Db } from '@/db/client';
import { certificates } from '@/db/schema';
import { NotFoundError } from '@/lib/errors';
import { liveStatus } from './verify-record';

// Queries take their scope as a required argument (STYLE.md 3): an issuer's certificates, or a
// citizen's own.

const listColumns = {
  id: certificates.id,
  number: certificates.number,
  title: certificates.title,
  recipientName: certificates.recipientName,
  status: certificates.status,
  expiryDate: certificates.expiryDate,
  issueDate: certificates.issueDate,
  version: certificates.version,
  verificationCode: certificates.verificationCode,
  docType: certificates.docType,
};

/** The issuer's latest certificates (the whole register is in register.ts). */
export async function listIssuerCertificates(
  scope: { issuerOrgId: string; limit: number },
  db: Db = getDb(),
) {
  const rows = await db
    .select(listColumns)
    .from(certificates)
    .where(eq(certificates.issuerOrgId, scope.issuerOrgId))
    .orderBy(desc(certificates.createdAt), desc(certificates.number))
    .limit(scope.limit);
  return rows.map((r) => ({ ...r, live: liveStatus(r, true) }));
}

export async function getIssuerCertificate(
  scope: { issuerOrgId: string; id: string },
  db: Db = getDb(),
) {
  const [row] = await db
    .select()
    .from(certificates)
    .where(and(eq(certificates.id, scope.id), eq(certificates.issuerOrgId, scope.issuerOrgId)));
  if (!row) throw new NotFoundError('No such certificate');
  const history = await db
    .select(listColumns)
    .from(certificates)
    .where(
      and(eq(certificates.issuerOrgId, scope.issuerOrgId), eq(certificates.number, row.number)),
    )
    .orderBy(desc(certificates.version));
  return {
    row,
    live: liveStatus(row, true),
    history: history.map((h) => ({ ...h, live: liveStatus(h, true) })),
  };
}

/** One indexed lookup by verification code (the benchmark's baseline page uses it). */
export async function certificateStatusByCode(
  code: string,
  db: Db = getDb(),
): Promise<string | null> {
  const stmt = preparedFor(db, 'certificate_status_by_code', (d) =>
    d
      .select({ status: certificates.status })
      .from(certificates)
      .where(eq(certificates.verificationCode, sql.placeholder('code')))
      .prepare('certificate_status_by_code'),
  );
  const [row] = await stmt.execute({ code });
  return row?.status ?? null;
}
