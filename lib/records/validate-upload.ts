import 'server-only';
import { and, eq, inArray } from 'drizzle-orm';
import type { Db, Tx } from '@/db/client';
import { institutionProfiles, recordRows, recordUploads, type RowError } from '@/db/schema';
import { config } from '@/lib/config';
import { vaultAadhaarNumbers } from '@/lib/vault/aadhaar';
import { analyseHeader, type HeaderAnalysis } from './columns';
import { copyRows } from './copy-rows';
import { latestCertificates, sourceFieldsOf } from './published';
import { readCsv, type FileFailure } from './read-csv';
import { prepareRowContext, validateRow, type ValidatedRow } from './validate-row';

// Server-side validation of an upload (seed 000 §2.5 ii; spec/records-csv.md "Rules"): every
// row gets a result, and every accepted row is compared with what is published (issue 4,
// item 5). Re-running it for the same upload replaces its rows, so a retried job is harmless.

type Row = ValidatedRow & { rowNo: number };

function headerFailure(h: HeaderAnalysis): FileFailure | null {
  if (h.blank.length) return { code: 'blankHeader', values: { positions: h.blank.join(', ') } };
  if (h.duplicates.length)
    return { code: 'duplicateHeaders', values: { columns: h.duplicates.join(', ') } };
  if (h.missing.length)
    return { code: 'missingHeaders', values: { columns: h.missing.join(', ') } };
  return null;
}

/** Fields compared for "changed": everything but the operation itself. */
function diffFields(before: Record<string, string>, after: Record<string, string>): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  keys.delete('OPERATION');
  return [...keys].filter((k) => (before[k] ?? '') !== (after[k] ?? '')).sort();
}

async function fail(db: Db, uploadId: string, failure: FileFailure): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.delete(recordRows).where(eq(recordRows.uploadId, uploadId));
    await tx
      .update(recordUploads)
      .set({ status: 'failed', failure, validatedAt: new Date() })
      .where(eq(recordUploads.id, uploadId));
  });
}

/** Validates a received upload; returns the final status. */
export async function validateUpload(db: Db, uploadId: string): Promise<string> {
  const [upload] = await db
    .update(recordUploads)
    .set({ status: 'validating', validatedRows: 0, failure: null })
    .where(
      and(
        eq(recordUploads.id, uploadId),
        inArray(recordUploads.status, ['received', 'validating']),
      ),
    )
    .returning();
  if (!upload) return 'skipped';

  const [profile] = await db
    .select({ docType: institutionProfiles.defaultDocType })
    .from(institutionProfiles)
    .where(eq(institutionProfiles.orgId, upload.orgId));
  let header: HeaderAnalysis | null = null;
  const rows: Row[] = [];
  const read = await readCsv(upload.fileKey, {
    maxRows: config.recordsMaxRows,
    onHeader(cells) {
      header = analyseHeader(cells);
      return headerFailure(header);
    },
    onBatch(batch) {
      const ctx = prepareRowContext(header!, profile?.docType ?? 'SKCER');
      for (const { rowNo, cells } of batch) rows.push({ rowNo, ...validateRow(cells, ctx) });
    },
  });
  if (!read.ok) {
    await fail(db, uploadId, read.failure);
    return 'failed';
  }
  const h = header as unknown as HeaderAnalysis;

  // The same certificate number twice in one file is an error for both rows.
  const byNumber = new Map<string, Row[]>();
  for (const r of rows) {
    if (!r.certNo) continue;
    const list = byNumber.get(r.certNo);
    if (list) list.push(r);
    else byNumber.set(r.certNo, [r]);
  }
  for (const [certNo, list] of byNumber) {
    if (list.length < 2) continue;
    for (const r of list)
      r.errors.push({
        column: 'CERT_NO',
        value: certNo,
        code: 'duplicateInFile',
        values: { rows: list.map((o) => o.rowNo).join(', ') },
      });
  }

  // Against what is published: ADD needs a new number, UPDATE/DELETE an active one.
  const published = await latestCertificates(db, upload.orgId, [...byNumber.keys()]);
  const sources = await sourceFieldsOf(
    db,
    [...published.values()].filter((c) => c.status === 'active').map((c) => c.id),
  );
  const vaultIds = await vaultAadhaarNumbers(
    db,
    rows.filter((r) => r.aadhaar).map((r) => r.aadhaar!),
  );

  const out = rows.map((r) => {
    const current = published.get(r.certNo);
    const errors: RowError[] = r.errors;
    if (r.certNo) {
      if (r.operation === 'ADD' && current)
        errors.push({ column: 'CERT_NO', value: r.certNo, code: 'alreadyPublished' });
      if (r.operation !== 'ADD' && !current)
        errors.push({ column: 'CERT_NO', value: r.certNo, code: 'notPublished' });
      if (r.operation !== 'ADD' && current && current.status !== 'active')
        errors.push({
          column: 'CERT_NO',
          value: r.certNo,
          code: 'notActive',
          values: { status: current.status },
        });
    }
    const aadhaarVaultId = r.aadhaar ? (vaultIds.get(r.aadhaar) ?? null) : null;
    const accepted = errors.length === 0;
    let change: 'new' | 'changed' | 'deleted' | 'unchanged' | null = null;
    let changedFields: string[] | null = null;
    if (accepted) {
      if (r.operation === 'ADD') change = 'new';
      else if (r.operation === 'DELETE') change = 'deleted';
      else {
        const source = sources.get(current!.id);
        changedFields = source
          ? diffFields(source.fields, r.fields).concat(
              (source.aadhaarVaultId ?? null) !== aadhaarVaultId ? ['AADHAAR_NO'] : [],
            )
          : [];
        change = source && changedFields.length === 0 ? 'unchanged' : 'changed';
      }
    }
    return {
      uploadId,
      rowNo: r.rowNo,
      operation: r.operation,
      certNo: r.certNo,
      recipientName: r.fields.CNAME ?? null,
      outcome: accepted ? ('accepted' as const) : ('rejected' as const),
      errors,
      fields: r.fields,
      aadhaarVaultId,
      change,
      changedFields,
      existingCertificateId: r.operation !== 'ADD' && accepted ? current!.id : null,
    };
  });

  const count = (pred: (o: (typeof out)[number]) => boolean) => out.filter(pred).length;
  await db.transaction(async (tx: Tx) => {
    await tx.delete(recordRows).where(eq(recordRows.uploadId, uploadId));
    await copyRows(tx, out);
    await tx
      .update(recordUploads)
      .set({
        status: 'validated',
        validatedAt: new Date(),
        columns: { recognised: h.recognised, unknown: h.unknown, missing: h.missing },
        rowCount: out.length,
        validatedRows: out.length,
        acceptedCount: count((o) => o.outcome === 'accepted'),
        rejectedCount: count((o) => o.outcome === 'rejected'),
        newCount: count((o) => o.change === 'new'),
        changedCount: count((o) => o.change === 'changed'),
        deletedCount: count((o) => o.change === 'deleted'),
        unchangedCount: count((o) => o.change === 'unchanged'),
      })
      .where(eq(recordUploads.id, uploadId));
  });
  return 'validated';
}
