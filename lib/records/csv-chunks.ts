import Papa from 'papaparse';
import { MAX_CELL_CHARS, MAX_COLUMNS, MAX_ROW_CHARS } from './limits';

// CSV text that arrives in pieces, parsed into rows with bounded memory. papaparse's own stream
// reader carries an unfinished row into the next piece without limit, and parses it again from
// its start every time: a quote that is never closed made it hold and copy the rest of a 50 MB
// file over and over (600 MB and 27 s). This loop does the same per piece with papaparse's parser,
// but gives up on a row once it passes MAX_ROW_CHARS, and only then looks at why.

export type FileFailure = { code: string; values?: Record<string, string | number> };

type ParseResult = Papa.ParseResult<string[]>;
type Handle = { parse(input: string, baseIndex: number, ignoreLastRow: boolean): ParseResult };
/** The parser papaparse's stream readers drive (exported by papaparse, not in its types). */
const ParserHandle = (Papa as unknown as { ParserHandle: new (config: object) => Handle })
  .ParserHandle;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A cell's column for a message: the header's name, or its position. */
function columnName(header: readonly string[] | null, index: number): string {
  return header?.[index]?.trim() || String(index + 1);
}

/** Why a complete row breaks a limit, or null. */
export function rowOverLimit(
  cells: readonly string[],
  rowNo: number,
  header: readonly string[] | null,
): FileFailure | null {
  if (cells.length > MAX_COLUMNS)
    return {
      code: 'tooManyColumns',
      values: { row: rowNo, found: cells.length, max: MAX_COLUMNS },
    };
  for (let i = 0; i < cells.length; i++)
    if (cells[i]!.length > MAX_CELL_CHARS)
      return {
        code: 'cellTooLong',
        values: { row: rowNo, column: columnName(header, i), max: MAX_CELL_CHARS },
      };
  return null;
}

/**
 * Reads on through a quoted cell that is still open, keeping nothing: the number of characters
 * up to its closing quote, or null when the text ends first.
 */
async function lengthOfOpenCell(rest: AsyncIterator<string>): Promise<number | null> {
  let length = 0;
  let quoteAtEnd = false; // the last piece ended on a quote: closing, or the first of ""
  for (;;) {
    const next = await rest.next();
    if (next.done) return quoteAtEnd ? length : null;
    const s = next.value;
    let i = 0;
    if (quoteAtEnd) {
      if (s[0] !== '"') return length;
      quoteAtEnd = false;
      i = 1;
    }
    for (;;) {
      const q = s.indexOf('"', i);
      if (q < 0) break;
      if (q === s.length - 1) {
        quoteAtEnd = true;
        break;
      }
      if (s[q + 1] !== '"') return length + q;
      i = q + 2;
    }
    length += s.length;
    await nextTurn();
  }
}

/**
 * Why a row that runs past MAX_ROW_CHARS is refused: too many columns, a cell too long (read on
 * to the end of a quoted cell to tell that from a quote never closed), or the row itself.
 */
async function overlongRow(
  partial: string,
  rowNo: number,
  header: readonly string[] | null,
  opts: { delimiter: string; newline: Papa.ParseConfig['newline'] },
  rest: AsyncIterator<string>,
): Promise<FileFailure> {
  const probe = new Papa.Parser({ delimiter: opts.delimiter, newline: opts.newline }).parse(
    partial,
    0,
    false,
  ) as ParseResult;
  const cells = probe.data[0] ?? [];
  const open = probe.errors.some((e) => e.code === 'MissingQuotes');
  const limit = rowOverLimit(
    cells.length > MAX_COLUMNS || !open ? cells : cells.slice(0, -1),
    rowNo,
    header,
  );
  if (limit) return limit;
  const last = cells.length - 1;
  let lastLength = cells[last]?.length ?? 0;
  if (open) {
    const more = await lengthOfOpenCell(rest);
    if (more === null) return { code: 'unclosedQuote', values: { row: rowNo } };
    lastLength += more;
  }
  if (lastLength > MAX_CELL_CHARS)
    return {
      code: 'cellTooLong',
      values: { row: rowNo, column: columnName(header, last), max: MAX_CELL_CHARS },
    };
  return { code: 'rowTooLong', values: { row: rowNo, max: MAX_ROW_CHARS } };
}

/**
 * Parses CSV text given in pieces and hands over the complete rows of each piece with the number
 * of the first (the first row is 1), every row within the limits (limits.ts). `onRows` may stop
 * the reading with a failure. A turn of the event loop follows every piece, so that what the
 * rows feed (a COPY) goes out meanwhile. Answers the failure that stopped it, or null.
 */
export async function parseCsvChunks(
  pieces: AsyncIterable<string>,
  opts: {
    delimiter: string;
    onRows: (rows: string[][], firstRowNo: number) => FileFailure | null;
    /** Awaited after each piece's rows: what they feed may hold the reading back. */
    pace?: () => Promise<void>;
  },
): Promise<FileFailure | null> {
  const handle = new ParserHandle({ delimiter: opts.delimiter, header: false });
  let header: string[] | null = null;
  let rowNo = 1;
  let partial = '';
  let base = 0;
  let newline: Papa.ParseConfig['newline'] = '\n';

  const deliver = (rows: string[][]): FileFailure | null => {
    for (let i = 0; i < rows.length; i++) {
      const failure = rowOverLimit(rows[i]!, rowNo + i, header ?? rows[0]!);
      if (failure) return failure;
    }
    header ??= rows[0] ?? null;
    const first = rowNo;
    rowNo += rows.length;
    return rows.length ? opts.onRows(rows, first) : null;
  };

  const it = pieces[Symbol.asyncIterator]();
  try {
    for (;;) {
      const next = await it.next();
      if (next.done) break;
      const text = partial + next.value;
      const result = handle.parse(text, base, true);
      newline = (result.meta.linebreak || newline) as typeof newline;
      partial = text.substring(result.meta.cursor - base);
      base = result.meta.cursor;
      const failure = deliver(result.data);
      if (failure) return failure;
      if (partial.length > MAX_ROW_CHARS)
        return await overlongRow(
          partial,
          rowNo,
          header,
          { delimiter: opts.delimiter, newline },
          it,
        );
      await nextTurn();
      await opts.pace?.();
    }
  } finally {
    // Stopped early: the source (the stored file's stream) is closed now, not when collected.
    await it.return?.();
  }
  const last = handle.parse(partial, base, false);
  const quote = last.errors.find((e) => e.code === 'MissingQuotes');
  const complete = quote ? last.data.slice(0, quote.row ?? 0) : last.data;
  const failure = deliver(complete);
  if (failure) return failure;
  if (quote) return { code: 'unclosedQuote', values: { row: rowNo } };
  return null;
}
