// CSV files Sanad hands out (template, sample, upload reports) keep uploaded cells as text
// exactly as given (spec/records-csv.md), so a name such as "=HYPERLINK(…)" must not become a
// live formula when a clerk opens our file in a spreadsheet: OWASP's CSV-injection advice is a
// leading apostrophe on cells that start with a formula character. A line break or tab counts
// too (a spreadsheet skips it and reads the formula after it), and so do the full-width forms
// of = + - @, which spreadsheets in East Asian locales read as formulas. Pure: the upload
// checks (validate-row.ts) take the apostrophe off again, so a report uploads back as it is.

const FORMULA_START = /^[=+\-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20]/;

/** The cell as text a spreadsheet will not evaluate. */
export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** A cell as Sanad's own CSV gave it back: the apostrophe `neutraliseCell` added taken off. */
export function unneutraliseCell(value: string): string {
  return value.charCodeAt(0) === 39 && FORMULA_START.test(value.slice(1, 2))
    ? value.slice(1)
    : value;
}
