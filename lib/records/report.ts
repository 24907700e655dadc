import 'server-only';
import { once } from 'node:events';
import { PassThrough, Readable } from 'node:stream';
import { createTranslator } from 'next-intl';
import type { Db } from '@/db/client';
import type { RowError } from '@/db/schema';
import { ConflictError, toPublicError } from '@/lib/errors';
import { CATALOGS, toLocale } from '@/lib/i18n/locales';
import { maskAadhaarLike, maskedAadhaar } from './aadhaar-text';
import { canonicalHeader, isReportColumn, REPORT_COLUMNS } from './columns';
import { toCsv } from './export-csv';
import { getUpload, rowResultsBetween } from './queries';
import { readCsv, type CsvBatch } from './read-csv';
import { isAadhaarHeader } from './validate-row';

// The validation report: the file as uploaded, each row with its result and
// every reason, to fix in a spreadsheet and upload again as it is: the added columns
// (REPORT_COLUMNS) are passed over by the validation, and so is the apostrophe that neutralises
// a cell against formula injection (export-csv.ts). Aadhaar numbers are masked.

export function rowErrorText(
  t: (key: string, values?: Record<string, string | number>) => string,
  e: RowError,
): string {
  return t(e.code, { column: e.column, value: e.value, ...e.values });
}

export function recordErrorTranslator(locale: string) {
  const l = toLocale(locale);
  const t = createTranslator({ locale: l, messages: CATALOGS[l], namespace: 'recordErrors' });
  return (key: string, values?: Record<string, string | number>) =>
    (t as unknown as (k: string, v?: Record<string, string | number>) => string)(key, values);
}

/** Rows of the file waiting for their results; they are written a few thousand at a time. */
const RESULTS_AT_ONCE = 2000;

/**
 * The report of an upload as a stream of CSV text (UTF-8 with a byte order mark), written while
 * the stored file is read: a 50 MB file's report never sits in memory whole, and each piece of
 * rows is joined with its results read for its row range. Refused before anything is written
 * when the file is gone.
 */
export async function reportCsv(
  db: Db,
  scope: { orgId: string; uploadId: string },
  opts: { onlyErrors: boolean; locale: string },
): Promise<{ fileName: string; body: ReadableStream<Uint8Array> }> {
  const upload = await getUpload({ orgId: scope.orgId, id: scope.uploadId }, db);
  if (upload.fileRemovedAt)
    throw new ConflictError(
      'The uploaded file was removed when its retention ended, so the report cannot be made ' +
        'any more. The results are still on the upload page; upload the file again for a report.',
    );
  const t = recordErrorTranslator(opts.locale);
  const labels =
    toLocale(opts.locale) === 'hi'
      ? { ok: 'स्वीकृत', bad: 'अस्वीकृत' }
      : { ok: 'accepted', bad: 'rejected' };
  const out = new PassThrough();
  let aadhaarAt: number[] = [];
  // The file's own columns; a report uploaded again loses the columns its report added, and
  // gets them anew.
  let kept: number[] = [];
  let waiting: CsvBatch = [];

  /** Writes the waiting rows with their results; waits while the reader is behind. */
  const flush = async (all: boolean) => {
    if (waiting.length === 0 || (!all && waiting.length < RESULTS_AT_ONCE)) return;
    const rows = waiting;
    waiting = [];
    const results = await rowResultsBetween(
      upload.id,
      { from: rows[0]!.rowNo, to: rows[rows.length - 1]!.rowNo },
      db,
    );
    const lines: string[][] = [];
    for (const { rowNo, cells } of rows) {
      const r = results.get(rowNo);
      if (opts.onlyErrors && r?.outcome !== 'rejected') continue;
      // Aadhaar numbers only masked: in their column, and anywhere else (where they made the
      // row refused).
      const shown = kept.map((i) => {
        const cell = cells[i] ?? '';
        if (aadhaarAt.includes(i)) {
          const digits = cell.replace(/\D/g, '');
          return digits ? maskedAadhaar(digits) : cell;
        }
        return maskAadhaarLike(cell) ?? cell;
      });
      lines.push([
        String(rowNo),
        ...shown,
        r?.outcome === 'accepted' ? labels.ok : labels.bad,
        (r?.errors ?? []).map((e) => rowErrorText(t, e)).join(' | '),
      ]);
    }
    if (lines.length && !out.write(`\r\n${toCsv(lines)}`)) await once(out, 'drain');
  };

  const write = async () => {
    await readCsv(upload.fileKey, {
      maxRows: Number.MAX_SAFE_INTEGER,
      onHeader(cells) {
        const canonical = cells.map(canonicalHeader);
        kept = cells.flatMap((_, i) => (isReportColumn(canonical[i]!) ? [] : [i]));
        aadhaarAt = kept.filter((i) => isAadhaarHeader(canonical[i]!));
        const header = [
          REPORT_COLUMNS.row,
          ...kept.map((i) => cells[i]!),
          REPORT_COLUMNS.result,
          REPORT_COLUMNS.errors,
        ];
        out.write(toCsv([header], { bom: true }));
        return null;
      },
      onBatch(batch) {
        waiting = waiting.concat(batch);
      },
      pace: () => flush(false),
    });
    await flush(true);
    out.end();
  };
  write().catch((error: unknown) => {
    toPublicError(error, 'records.report'); // logged with a reference
    out.destroy(error as Error);
  });
  const base = upload.fileName.replace(/\.csv$/i, '');
  return {
    fileName: `${base}-${opts.onlyErrors ? 'errors' : 'report'}.csv`,
    body: Readable.toWeb(out) as ReadableStream<Uint8Array>,
  };
}
