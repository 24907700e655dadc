// Size limits of an award CSV's rows, the same in the browser preview and on the server
// (docs/records-csv.md, "Limits"). They bound what one row can cost: a file that breaks one is
// refused as a whole, before any of it is stored.

/** Most columns in any row, the header included (the NAD template with 40 subjects has 540). */
export const MAX_COLUMNS = 1000;

/** Most characters in one cell: what a spreadsheet cell holds (Excel's limit). */
export const MAX_CELL_CHARS = 32_767;

/**
 * Most characters of one row. The parser keeps an unfinished row until its end arrives, so this
 * bounds the memory of a row that never ends (a quote that is never closed, a file without line
 * breaks).
 */
export const MAX_ROW_CHARS = 1 << 20;
