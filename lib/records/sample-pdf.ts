import 'server-only';
import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { institutionProfiles, organisations } from '@/db/schema';
import type { CertificateRow } from '@/lib/credentials/issue';
import { renderCertificatePdf } from '@/lib/credentials/pdf/render-certificate-pdf';
import { pdfInputOf } from '@/lib/credentials/renditions';
import { snapshotTemplate, type TemplateKey } from '@/lib/credentials/templates';
import { NotFoundError } from '@/lib/errors';
import { firstIssuingRow } from './queries';
import { certificateInputOf } from './to-certificate';
import { todayInIndia } from './validate-row';

// Template selection (seed 000 §2.5 iii): the operator sees each design filled with a real row
// of the file before publishing. Nothing is stored or signed; the code reads SAMPLE.

export async function renderSamplePdf(
  db: Db,
  scope: { orgId: string; uploadId: string },
  templateKey: TemplateKey,
): Promise<Buffer> {
  const row = await firstIssuingRow(scope, db);
  if (!row) throw new NotFoundError('This upload has no accepted row to show');
  const [org] = await db
    .select({
      id: organisations.id,
      name: organisations.name,
      code: organisations.code,
      kind: organisations.kind,
    })
    .from(organisations)
    .where(eq(organisations.id, scope.orgId));
  const [profile] = await db
    .select({ docType: institutionProfiles.defaultDocType })
    .from(institutionProfiles)
    .where(eq(institutionProfiles.orgId, scope.orgId));
  const input = certificateInputOf(row.fields, {
    templateKey,
    defaultDocType: profile?.docType ?? 'SKCER',
    today: todayInIndia(),
    lockerUserId: null,
  });
  const sample = {
    title: input.title,
    recipientName: input.recipient.name,
    number: input.number,
    verificationCode: 'SAMPLE',
    issueDate: input.issueDate,
    data: input.data,
    templateSnapshot: snapshotTemplate(templateKey, []),
  } as unknown as CertificateRow;
  return renderCertificatePdf(pdfInputOf({ row: sample, issuer: org!, prevUri: null }));
}
