import 'server-only';
import { sql } from 'drizzle-orm';
import { pgArray, type DbOrTx } from '@/db/client';

export type PublishedCertificate = {
  id: string;
  number: string;
  version: number;
  status: 'active' | 'revoked' | 'suspended' | 'superseded';
};

/** The latest version of each of these certificate numbers of one issuer. */
export async function latestCertificates(
  db: DbOrTx,
  issuerOrgId: string,
  numbers: string[],
): Promise<Map<string, PublishedCertificate>> {
  const out = new Map<string, PublishedCertificate>();
  for (let i = 0; i < numbers.length; i += 20_000) {
    const rows = (await db.execute(sql`
      select distinct on (number) id, number, version, status
      from certificates
      where issuer_org_id = ${issuerOrgId}
        and number = any(${pgArray(numbers.slice(i, i + 20_000))}::text[])
      order by number, version desc`)) as unknown as PublishedCertificate[];
    for (const r of rows) out.set(r.number, r);
  }
  return out;
}

/** The upload rows the given certificates were published from: what an UPDATE is compared to. */
export async function sourceFieldsOf(
  db: DbOrTx,
  certificateIds: string[],
): Promise<Map<string, { fields: Record<string, string>; aadhaarVaultId: string | null }>> {
  const out = new Map<string, { fields: Record<string, string>; aadhaarVaultId: string | null }>();
  for (let i = 0; i < certificateIds.length; i += 20_000) {
    const rows = (await db.execute(sql`
      select c.id as "certificateId", r.fields, r.aadhaar_vault_id as "aadhaarVaultId"
      from certificates c
      join record_rows r on r.upload_id = c.source_upload_id and r.row_no = c.source_row_no
      where c.id = any(${pgArray(certificateIds.slice(i, i + 20_000))}::uuid[])`)) as unknown as {
      certificateId: string;
      fields: Record<string, string>;
      aadhaarVaultId: string | null;
    }[];
    for (const r of rows)
      out.set(r.certificateId, { fields: r.fields, aadhaarVaultId: r.aadhaarVaultId });
  }
  return out;
}
