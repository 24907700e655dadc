import 'server-only';
import { createTranslator } from 'next-intl';
import type { Db } from '@/db/client';
import type { RowError } from '@/db/schema';
import { ConflictError } from '@/lib/errors';
import { CATALOGS, toLocale } from '@/lib/i18n/locales';
import { maskAadhaarLike, maskedAadhaar } from './aadhaar-text';
import { canonicalHeader, isReportColumn, REPORT_COLUMNS } from './columns';
import { toCsv } from './export-csv';
import { getUpload, rowResults } from './queries';
import { readCsv } from './read-csv';
import { isAadhaarHeader } from './validate-row';

// The validation report (issue 4, item 4): the file as uploaded, each row with its result and
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

export async function buildReportCsv(
  db: Db,
  scope: { orgId: string; uploadId: string },
  opts: { onlyErrors: boolean; locale: string },
): Promise<{ fileName: string; csv: string }> {
  const upload = await getUpload({ orgId: scope.orgId, id: scope.uploadId }, db);
  if (upload.fileRemovedAt)
    throw new ConflictError(
      'The uploaded file was removed when its retention ended, so the report cannot be made ' +
        'any more. The results are still on the upload page; upload the file again for a report.',
    );
  const results = await rowResults(upload.id, db);
  const t = recordErrorTranslator(opts.locale);
  const labels =
    toLocale(opts.locale) === 'hi'
      ? { ok: 'स्वीकृत', bad: 'अस्वीकृत' }
      : { ok: 'accepted', bad: 'rejected' };
  const out: string[][] = [];
  let aadhaarAt: number[] = [];
  // The file's own columns; a report uploaded again loses the columns its report added, and
  // gets them anew.
  let kept: number[] = [];
  await readCsv(upload.fileKey, {
    maxRows: Number.MAX_SAFE_INTEGER,
    onHeader(cells) {
      const canonical = cells.map(canonicalHeader);
      kept = cells.flatMap((_, i) => (isReportColumn(canonical[i]!) ? [] : [i]));
      aadhaarAt = kept.filter((i) => isAadhaarHeader(canonical[i]!));
      out.push([
        REPORT_COLUMNS.row,
        ...kept.map((i) => cells[i]!),
        REPORT_COLUMNS.result,
        REPORT_COLUMNS.errors,
      ]);
      return null;
    },
    onBatch(batch) {
      for (const { rowNo, cells } of batch) {
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
        out.push([
          String(rowNo),
          ...shown,
          r?.outcome === 'accepted' ? labels.ok : labels.bad,
          (r?.errors ?? []).map((e) => rowErrorText(t, e)).join(' | '),
        ]);
      }
    },
  });
  const base = upload.fileName.replace(/\.csv$/i, '');
  return {
    fileName: `${base}-${opts.onlyErrors ? 'errors' : 'report'}.csv`,
    csv: toCsv(out, { bom: true }),
  };
}
