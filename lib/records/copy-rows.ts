import 'server-only';
import type { Tx } from '@/db/client';
import type { RowError } from '@/db/schema';

// 100,000 validated rows are written with COPY (about 3× a batched INSERT here, DESIGN.md
// floors), through the transaction's own connection.

export type RowToStore = {
  uploadId: string;
  rowNo: number;
  operation: 'ADD' | 'UPDATE' | 'DELETE';
  certNo: string;
  recipientName: string | null;
  outcome: 'accepted' | 'rejected';
  errors: RowError[];
  fields: Record<string, string>;
  aadhaarVaultId: string | null;
  change: 'new' | 'changed' | 'deleted' | 'unchanged' | null;
  changedFields: string[] | null;
  existingCertificateId: string | null;
};

/** COPY text format: backslash, tab, newline and carriage return escaped; null as \N. */
function field(v: string | number | null): string {
  if (v === null) return '\\N';
  return String(v).replace(/[\\\t\n\r]/g, (c) =>
    c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
  );
}

type CopyClient = {
  (
    strings: TemplateStringsArray,
    ...values: unknown[]
  ): {
    writable(): Promise<NodeJS.WritableStream>;
  };
};

export async function copyRows(tx: Tx, rows: RowToStore[]): Promise<void> {
  if (rows.length === 0) return;
  // drizzle's postgres-js transaction wraps the postgres.js transaction client.
  const client = (tx as unknown as { session: { client: CopyClient } }).session.client;
  const stream = await client`copy record_rows (upload_id, row_no, operation, cert_no,
    recipient_name, outcome, errors, fields, aadhaar_vault_id, change, changed_fields,
    existing_certificate_id) from stdin`.writable();
  const done = new Promise<void>((resolve, reject) => {
    stream.on('finish', () => resolve());
    stream.on('error', reject);
  });
  let buf = '';
  for (const r of rows) {
    buf +=
      [
        r.uploadId,
        r.rowNo,
        r.operation,
        r.certNo,
        r.recipientName,
        r.outcome,
        JSON.stringify(r.errors),
        JSON.stringify(r.fields),
        r.aadhaarVaultId,
        r.change,
        r.changedFields ? JSON.stringify(r.changedFields) : null,
        r.existingCertificateId,
      ]
        .map(field)
        .join('\t') + '\n';
    if (buf.length > 1 << 20) {
      if (!stream.write(buf)) await new Promise((r2) => stream.once('drain', r2));
      buf = '';
    }
  }
  stream.end(buf);
  await done;
}
