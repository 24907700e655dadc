import 'server-only';
import { createTranslator } from 'next-intl';
import type { Db } from '@/db/client';
import type { RowError } from '@/db/schema';
import { ConflictError } from '@/lib/errors';
import { CATALOGS, toLocale } from '@/lib/i18n/locales';
import { canonicalHeader } from './columns';
import { toCsv } from './export-csv';
import { getUpload, rowResults } from './queries';
import { readCsv } from './read-csv';
import { isAadhaarHeader } from './validate-row';

// The validation report (issue 4, item 4): the file as uploaded, each row with its result and
// every reason, to fix in a spreadsheet and upload again. Aadhaar numbers are masked and every
// cell is neutralised against formula injection (export-csv.ts).

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
      ? { row: 'पंक्ति', result: 'परिणाम', errors: 'त्रुटियाँ', ok: 'स्वीकृत', bad: 'अस्वीकृत' }
      : { row: 'ROW', result: 'RESULT', errors: 'ERRORS', ok: 'accepted', bad: 'rejected' };
  const out: string[][] = [];
  let aadhaarAt: number[] = [];
  await readCsv(upload.fileKey, {
    maxRows: Number.MAX_SAFE_INTEGER,
    onHeader(cells) {
      aadhaarAt = cells.flatMap((c, i) => (isAadhaarHeader(canonicalHeader(c)) ? [i] : []));
      out.push([labels.row, ...cells, labels.result, labels.errors]);
      return null;
    },
    onBatch(batch) {
      for (const { rowNo, cells } of batch) {
        const r = results.get(rowNo);
        if (opts.onlyErrors && r?.outcome !== 'rejected') continue;
        const shown = [...cells];
        for (const i of aadhaarAt) {
          const digits = (shown[i] ?? '').replace(/\D/g, '');
          if (digits) shown[i] = `XXXX XXXX ${digits.slice(-4)}`;
        }
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
