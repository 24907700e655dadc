import Papa from 'papaparse';

// CSV files Sanad hands out (template, sample, upload results). Uploaded cells are kept as text
// exactly as given (spec/records-csv.md), so a name such as "=HYPERLINK(…)" must not become a
// live formula when a clerk opens our file in Excel: OWASP's CSV-injection advice is a leading
// apostrophe on cells that start with a formula character.

const FORMULA_START = /^[=+\-@\t\r]/;

/** The cell as text a spreadsheet will not evaluate. */
export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

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
