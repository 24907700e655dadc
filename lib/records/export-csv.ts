import Papa from 'papaparse';
import { neutraliseCell } from './neutralise';

// CSV files Sanad hands out (template, sample, upload results), every cell neutralised against
// formula injection (neutralise.ts).

export { neutraliseCell };

/**
 * Rows to CSV text with CRLF line ends (RFC 4180, what Excel writes). With `bom`, a UTF-8 byte
 * order mark goes first: without it Excel on Windows reads the file as ANSI and Hindi turns to
 * mojibake.
 */
export function toCsv(rows: readonly (readonly string[])[], opts: { bom?: boolean } = {}): string {
  const csv = Papa.unparse(
    rows.map((row) => row.map(neutraliseCell)),
    { newline: '\r\n', escapeFormulae: false },
  );
  return opts.bom ? `\uFEFF${csv}` : csv;
}

/** A CSV download response: UTF-8, saved under `fileName` rather than shown in the browser. */
export function csvDownload(csv: string, fileName: string): Response {
  return new Response(csv, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${fileName}"`,
    },
  });
}
