import 'server-only';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { pgArray, type Db, type Tx } from '@/db/client';
import { institutionProfiles, recordUploads, type RowError } from '@/db/schema';
import { config } from '@/lib/config';
import { storeVaultEntries } from '@/lib/vault/aadhaar';
import type { VaultEntry } from '@/lib/vault/aadhaar-entry';
import { analyseHeader, type HeaderAnalysis } from './columns';
import { openCopy } from './copy-rows';
import { latestCertificates, sourceFieldsOf } from './published';
import { readCsv, type CsvBatch, type FileFailure } from './read-csv';
import { provisionalChange, validateBatch, type BatchResult, type Light } from './validate-batch';
import { prepareRowContext } from './validate-row';
import { validationThread, type ValidationThread } from './validation-thread';

// Server-side validation of an upload (seed 000 §2.5 ii; spec/records-csv.md "Rules"): every
// row gets a result, and every accepted row is compared with what is published. Rows stream into the database as they are parsed; the few rows that the checks
// across rows change (duplicates, published numbers, corrections) are updated afterwards. A
// rerun for the same upload replaces its rows, so a retried job is harmless.
//
// Speed (100,000 rows; the target is 5 s): the rows are checked on two threads. The main
// thread reads and parses the file and hands each batch of rows to a helper thread while that
// has fewer than two waiting; otherwise it checks the batch itself. PostgreSQL takes the COPY
// beside them.

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

class FileRefused extends Error {
  constructor(readonly failure: FileFailure) {
    super(failure.code);
  }
}

type Fix = {
  rowNo: number;
  extra: RowError[];
  change: 'new' | 'changed' | 'deleted' | 'unchanged' | null;
  changedFields: string[] | null;
  existing: string | null;
};

/** Checks across rows and against what is published; returns the rows whose result changes. */
async function crossChecks(tx: Tx, uploadId: string, orgId: string, rows: Light[]): Promise<Fix[]> {
  const byNumber = new Map<string, number[]>();
  for (const r of rows) {
    if (!r.certNo) continue;
    const list = byNumber.get(r.certNo);
    if (list) list.push(r.rowNo);
    else byNumber.set(r.certNo, [r.rowNo]);
  }
  const published = await latestCertificates(tx, orgId, [...byNumber.keys()]);
  const fixes: Fix[] = [];
  const updates: { rowNo: number; existing: string }[] = [];
  for (const r of rows) {
    const extra: RowError[] = [];
    const same = byNumber.get(r.certNo);
    // The same certificate number twice in one file is an error for both rows.
    if (same && same.length > 1)
      extra.push({
        column: 'CERT_NO',
        value: r.certNo,
        code: 'duplicateInFile',
        values: { rows: same.join(', ') },
      });
    const current = r.certNo ? published.get(r.certNo) : undefined;
    if (r.certNo && r.op === 'ADD' && current)
      extra.push({ column: 'CERT_NO', value: r.certNo, code: 'alreadyPublished' });
    if (r.certNo && r.op !== 'ADD' && !current)
      extra.push({ column: 'CERT_NO', value: r.certNo, code: 'notPublished' });
    if (r.certNo && r.op !== 'ADD' && current && current.status !== 'active')
      extra.push({
        column: 'CERT_NO',
        value: r.certNo,
        code: 'notActive',
        values: { status: current.status },
      });
    if (extra.length) {
      fixes.push({ rowNo: r.rowNo, extra, change: null, changedFields: null, existing: null });
    } else if (r.ok && r.op === 'DELETE') {
      fixes.push({
        rowNo: r.rowNo,
        extra,
        change: 'deleted',
        changedFields: null,
        existing: current!.id,
      });
    } else if (r.ok && r.op === 'UPDATE') {
      updates.push({ rowNo: r.rowNo, existing: current!.id });
    }
  }
  // A correction is compared field by field with the row it was published from.
  for (let i = 0; i < updates.length; i += 5000) {
    const slice = updates.slice(i, i + 5000);
    const mine = (await tx.execute(sql`
      select row_no as "rowNo", fields, aadhaar_vault_id as "aadhaarVaultId" from record_rows
      where upload_id = ${uploadId} and row_no = any(${pgArray(slice.map((u) => u.rowNo))}::int[])`)) as unknown as {
      rowNo: number;
      fields: Record<string, string>;
      aadhaarVaultId: string | null;
    }[];
    const byRow = new Map(mine.map((m) => [m.rowNo, m]));
    const sources = await sourceFieldsOf(
      tx,
      slice.map((u) => u.existing),
    );
    for (const u of slice) {
      const now = byRow.get(u.rowNo)!;
      const source = sources.get(u.existing);
      const changed = source
        ? diffFields(source.fields, now.fields).concat(
            (source.aadhaarVaultId ?? null) !== (now.aadhaarVaultId ?? null) ? ['AADHAAR_NO'] : [],
          )
        : [];
      fixes.push({
        rowNo: u.rowNo,
        extra: [],
        change: source && changed.length === 0 ? 'unchanged' : 'changed',
        changedFields: changed,
        existing: u.existing,
      });
    }
  }
  return fixes;
}

async function applyFixes(tx: Tx, uploadId: string, fixes: Fix[]): Promise<void> {
  for (let i = 0; i < fixes.length; i += 5000) {
    const f = fixes.slice(i, i + 5000);
    await tx.execute(sql`
      update record_rows r set
        errors = r.errors || v.extra::jsonb,
        outcome = case when jsonb_array_length(r.errors || v.extra::jsonb) > 0
                       then 'rejected' else 'accepted' end,
        change = case when jsonb_array_length(r.errors || v.extra::jsonb) > 0
                      then null else v.change end,
        changed_fields = v.changed::jsonb,
        existing_certificate_id = v.existing
      from unnest(${pgArray(f.map((x) => x.rowNo))}::int[],
                  ${pgArray(f.map((x) => JSON.stringify(x.extra)))}::text[],
                  ${pgArray(f.map((x) => x.change))}::text[],
                  ${pgArray(f.map((x) => (x.changedFields ? JSON.stringify(x.changedFields) : null)))}::text[],
                  ${pgArray(f.map((x) => x.existing))}::uuid[])
           as v(row_no, extra, change, changed, existing)
      where r.upload_id = ${uploadId} and r.row_no = v.row_no`);
  }
}

/**
 * The upload's counts from the rows' provisional results and the fixes, as `applyFixes` leaves
 * the rows: a fix with extra errors rejects its row; otherwise an accepted row's change is the
 * fix's, or the one its operation gave.
 */
function tally(rows: Light[], fixes: Fix[]) {
  const fixed = new Map(fixes.map((f) => [f.rowNo, f]));
  const c = {
    rows: rows.length,
    accepted: 0,
    rejected: 0,
    new: 0,
    changed: 0,
    deleted: 0,
    unchanged: 0,
  };
  for (const r of rows) {
    const f = fixed.get(r.rowNo);
    if (!r.ok || (f && f.extra.length > 0)) {
      c.rejected += 1;
      continue;
    }
    c.accepted += 1;
    const change = f ? f.change : provisionalChange(r.op);
    if (change) c[change] += 1;
  }
  return c;
}

/** Files from this size on are checked on two threads. */
const HELPER_FROM_BYTES = 2 * 1024 * 1024;

/** Validations running in this process: only one of them gets a helper thread. */
let running = 0;

export type ValidationStatus = 'validated' | 'failed' | 'skipped' | 'busy';

/**
 * Validates a received upload; returns the final status, `skipped` when there is nothing to do,
 * or `busy` when another upload of the same institution is being validated (that validation
 * queues this one when it ends: jobs.ts).
 * `helperThread` starts the second thread (null: every row is checked on the calling thread); by
 * default, only for a big file when this process validates no other.
 */
export async function validateUpload(
  db: Db,
  uploadId: string,
  opts: { helperThread?: () => ValidationThread | null } = {},
): Promise<ValidationStatus> {
  const [found] = await db
    .select({ orgId: recordUploads.orgId, status: recordUploads.status })
    .from(recordUploads)
    .where(eq(recordUploads.id, uploadId));
  if (found?.status !== 'received' && found?.status !== 'validating') return 'skipped';
  const [profile] = await db
    .select({ docType: institutionProfiles.defaultDocType })
    .from(institutionProfiles)
    .where(eq(institutionProfiles.orgId, found.orgId));

  let helper: ValidationThread | null = null;
  let counted = false;
  try {
    return await db.transaction(async (tx) => {
      // One validation per institution at a time, on every worker, so that one institution's
      // files (a big or hostile one, or many) take one worker slot and leave the others to other
      // institutions. Held to the end of the transaction; a second runner of the same upload (a
      // retried job, the sweep) is turned away too.
      const [lock] = (await tx.execute(
        sql`select pg_try_advisory_xact_lock(hashtext(${`validate-org:${found.orgId}`})) as free`,
      )) as unknown as { free: boolean }[];
      if (!lock?.free) return 'busy';
      running += 1;
      counted = true;
      // On the pool, not in the transaction: the upload page shows the work at once.
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
      // Started now: it loads while the earlier rows are deleted and the file's first rows are
      // read. A small file is checked before the thread would have loaded (about half a second).
      helper = (
        opts.helperThread ??
        (upload.sizeBytes >= HELPER_FROM_BYTES && running === 1 ? validationThread : () => null)
      )();
      // The rows are replaced, and publishing (were it ever to follow a second validation)
      // starts from the first of them.
      await tx.execute(sql`delete from record_rows where upload_id = ${uploadId}`);
      await tx.execute(
        sql`update record_uploads set published_through_row = 0 where id = ${uploadId}`,
      );
      const copy = await openCopy(tx);
      // Each batch's rows for the checks across rows, in file order, and the vault entries (by id).
      const lights: Light[][] = [];
      const vault = new Map<string, VaultEntry>();
      const vaultIds = new Map<string, string>();
      const answers: Promise<void>[] = [];
      let header: HeaderAnalysis | null = null;
      let ctx: ReturnType<typeof prepareRowContext> | null = null;
      const apply = (index: number, r: BatchResult) => {
        for (const piece of r.pieces) copy.write(piece);
        lights[index] = r.light;
        for (const e of r.vault) if (!vault.has(e.id)) vault.set(e.id, e);
      };
      const checkHere = (index: number, batch: CsvBatch) =>
        apply(index, validateBatch(batch, ctx!, uploadId, vaultIds));
      const reading = readCsv(upload.fileKey, {
        maxRows: config.recordsMaxRows,
        pace: () => copy.room(),
        onHeader(cells) {
          header = analyseHeader(cells);
          ctx = prepareRowContext(header, profile?.docType ?? 'SKCER');
          helper?.start({ header: cells, defaultDocType: ctx.defaultDocType, uploadId });
          return headerFailure(header);
        },
        onBatch(batch) {
          const index = lights.push([]) - 1;
          if (helper && helper.pending < 2)
            // A thread that failed leaves its batches to this one.
            answers.push(
              helper.check(batch).then(
                (r) => apply(index, r),
                () => checkHere(index, batch),
              ),
            );
          else checkHere(index, batch);
        },
      });
      // The COPY is always ended, after the last answer, before the transaction goes on or rolls
      // back: a connection in COPY mode cannot do either.
      let read: Awaited<typeof reading>;
      try {
        read = await reading;
        await Promise.all(answers);
      } finally {
        await Promise.allSettled(answers);
        await copy.end();
      }
      if (!read.ok) throw new FileRefused(read.failure);
      const light = lights.flat();
      await storeVaultEntries(tx, [...vault.values()]);
      const fixes = await crossChecks(tx, uploadId, found.orgId, light);
      await applyFixes(tx, uploadId, fixes);

      // Counted here rather than by a scan of the rows just written (half a second for 100,000).
      const c = tally(light, fixes);
      const h = header as unknown as HeaderAnalysis;
      await tx
        .update(recordUploads)
        .set({
          status: 'validated',
          validatedAt: new Date(),
          columns: { recognised: h.recognised, unknown: h.unknown, missing: h.missing },
          rowCount: c.rows,
          validatedRows: c.rows,
          acceptedCount: c.accepted,
          rejectedCount: c.rejected,
          newCount: c.new,
          changedCount: c.changed,
          deletedCount: c.deleted,
          unchangedCount: c.unchanged,
        })
        .where(eq(recordUploads.id, uploadId));
      return 'validated';
    });
  } catch (error) {
    if (!(error instanceof FileRefused)) throw error;
    await db
      .update(recordUploads)
      .set({ status: 'failed', failure: error.failure, validatedAt: new Date() })
      .where(eq(recordUploads.id, uploadId));
    return 'failed';
  } finally {
    if (counted) running -= 1;
    await (helper as ValidationThread | null)?.close();
  }
}

/** The institution's oldest upload still waiting for validation, other than this one. */
export async function nextWaitingUpload(db: Db, uploadId: string): Promise<string | null> {
  const [next] = (await db.execute(sql`
    select id from record_uploads
    where org_id = (select org_id from record_uploads where id = ${uploadId})
      and status = 'received' and id <> ${uploadId}
    order by created_at limit 1`)) as unknown as { id: string }[];
  return next?.id ?? null;
}
