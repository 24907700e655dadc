import Papa from 'papaparse';
import { stripInvisible } from '@/lib/text/visible';
import { maskAadhaarLike } from '@/lib/records/aadhaar-text';
import { rowOverLimit } from '@/lib/records/csv-chunks';
import { detectDelimiter } from '@/lib/records/delimiter';
import { MAX_ROW_CHARS } from '@/lib/records/limits';
import { analyseHeader, canonicalHeader, type HeaderAnalysis } from '@/lib/records/columns';

// The in-browser preview of an award CSV (issue "Institution repository", item 3). Pure, so it
// runs in unit tests; it reads the file as the server does (lib/records/read-csv.ts): the header
// is row 1, rows are numbered as a spreadsheet shows them, blank rows are skipped but counted.

export const SAMPLE_ROWS = 5;
export const LISTED_ROWS = 20;

export type Issue = { code: string; values?: Record<string, string | number> };
export type RowIssue = Issue & { column: string; value: string };
export type RowCheck = (
  cells: readonly string[],
  header: HeaderAnalysis,
) => { certNo: string; errors: RowIssue[] };

export type CsvPreview = {
  /** Header cells as written (trimmed). */
  columns: string[];
  header: HeaderAnalysis | null;
  rows: number;
  /** The first rows, Aadhaar masked. */
  sample: string[][];
  errorRows: number;
  /** The first rows with problems, Aadhaar masked. */
  listed: { rowNo: number; issues: RowIssue[] }[];
  /** Problems that stop the upload (the server would refuse the whole file). */
  blocking: Issue[];
  /** Some bytes were not valid in the file's encoding (e.g. an ANSI export read as UTF-8). */
  unreadable: boolean;
};

/** Aadhaar is never shown in clear (seed 000 §2.7): `XXXX XXXX 1234`. */
export function maskAadhaar(value: string): string {
  if (!value.trim()) return '';
  return `XXXX XXXX ${value.replace(/\D/g, '').slice(-4).padStart(4, 'X')}`;
}

/** AADHAAR_NO, and unknown columns that look like it (AADHAR, ADHAAR_NUMBER, UID…). */
export function isAadhaarColumn(name: string): boolean {
  const c = canonicalHeader(name);
  return /A{1,2}DH?A{1,2}R/.test(c) || /^UID/.test(c);
}

function maskIssue(issue: RowIssue): RowIssue {
  if (!isAadhaarColumn(issue.column)) return issue;
  const values = issue.values
    ? Object.fromEntries(
        Object.entries(issue.values).map(([k, v]) => [
          k,
          typeof v === 'string' && /\d{8}/.test(v.replace(/\s/g, '')) ? maskAadhaar(v) : v,
        ]),
      )
    : undefined;
  return { ...issue, value: maskAadhaar(issue.value), ...(values ? { values } : {}) };
}

/**
 * Cuts streamed text after the last line break outside quotes: each piece is whole records. A
 * quote opens a quoted cell only at the start of a cell, as papaparse reads it (a stray quote
 * inside a cell, as in 12" pipe, is text). `pending` is the length of the unfinished record.
 */
export function createRecordSplitter(delimiter = ',') {
  const DELIMITER = delimiter.charCodeAt(0);
  let buf = '';
  let scanned = 0;
  let inQuotes = false;
  let cellStart = true;
  return {
    push(text: string): string {
      buf += text;
      let cut = -1;
      let i = scanned;
      for (; i < buf.length; i++) {
        const c = buf.charCodeAt(i);
        if (inQuotes) {
          if (c !== 34) continue;
          if (i + 1 === buf.length) break; // a closing quote or the first of "": wait and see
          if (buf.charCodeAt(i + 1) === 34) i += 1;
          else inQuotes = false;
          cellStart = false;
        } else if (c === 34 && cellStart) {
          inQuotes = true;
        } else {
          cellStart = c === DELIMITER || c === 10 || c === 13;
          if (c === 10) cut = i + 1;
        }
      }
      scanned = i;
      if (cut < 0) return '';
      const out = buf.slice(0, cut);
      buf = buf.slice(cut);
      scanned -= cut;
      return out;
    },
    get pending(): number {
      return buf.length;
    },
    flush(): string {
      const out = buf;
      buf = '';
      scanned = 0;
      return out;
    },
  };
}

export function createPreviewBuilder({ check, maxRows }: { check: RowCheck; maxRows: number }) {
  let delimiter: string | undefined;
  let nextRowNo = 1;
  let header: HeaderAnalysis | null = null;
  let columns: string[] = [];
  let secret: number[] = [];
  let headerOk = false;
  let rows = 0;
  let failure: Issue | null = null;
  let unreadable = false;
  const sample: string[][] = [];
  const errorRowNos = new Set<number>();
  const listed = new Map<number, RowIssue[]>();
  const firstRowOf = new Map<string, number>();
  const repeated = new Map<string, number[]>();

  function addRecord(cells: string[], rowNo: number) {
    failure = rowOverLimit(cells, rowNo, header ? columns : cells);
    if (failure) return;
    if (!header) {
      header = analyseHeader(cells);
      columns = cells.map((c) => c.replace(/^\uFEFF/, '').trim());
      secret = columns.flatMap((c, i) => (isAadhaarColumn(c) ? [i] : []));
      headerOk = !header.missing.length && !header.duplicates.length && !header.blank.length;
      return;
    }
    if (cells.every((c) => c.trim() === '')) return;
    if (cells.some((c) => c.includes('\u0000'))) {
      failure = { code: 'binary' };
      return;
    }
    rows += 1;
    if (sample.length < SAMPLE_ROWS)
      sample.push(
        cells.map((c, i) => (secret.includes(i) ? maskAadhaar(c) : (maskAadhaarLike(c) ?? c))),
      );
    // Row checks only make sense under a usable header, and the server stops at maxRows.
    if (!headerOk || rows > maxRows) return;
    const { certNo, errors } = check(cells, header);
    if (certNo) {
      const first = firstRowOf.get(certNo);
      if (first === undefined) firstRowOf.set(certNo, rowNo);
      else repeated.set(certNo, [...(repeated.get(certNo) ?? [first]), rowNo]);
    }
    if (errors.length) {
      errorRowNos.add(rowNo);
      if (listed.size < LISTED_ROWS) listed.set(rowNo, errors.map(maskIssue));
    }
  }

  return {
    /** True once the file is known to be unusable; reading can stop. */
    get stopped() {
      return failure !== null;
    },
    /**
     * Stops the reading: a record runs on past MAX_ROW_CHARS (a quote never closed, or no line
     * break), which the server refuses too.
     */
    refuseLongRow() {
      failure ??= { code: 'rowTooLong', values: { row: nextRowNo, max: MAX_ROW_CHARS } };
    },
    /** Parses a piece of whole records (from the splitter). */
    addText(piece: string) {
      if (!piece || failure) return;
      if (piece.includes('\uFFFD')) unreadable = true;
      // As on the server (read-csv.ts): names are read without invisible characters.
      const text = stripInvisible(piece).replace(/\r?\n$/, '');
      if (text === '') {
        nextRowNo += 1; // a lone blank line
        return;
      }
      delimiter ??= detectDelimiter(text);
      const parsed = Papa.parse<string[]>(text, { delimiter, skipEmptyLines: false });
      const quote = parsed.errors.find((e) => e.code === 'MissingQuotes');
      if (quote) {
        failure = { code: 'unclosedQuote', values: { row: nextRowNo + (quote.row ?? 0) } };
        return;
      }
      for (const cells of parsed.data) {
        addRecord(cells, nextRowNo++);
        if (failure) return;
      }
    },
    result(): CsvPreview {
      const all = new Map([...listed].map(([r, issues]) => [r, [...issues]]));
      const errorRows = new Set(errorRowNos);
      // spec/records-csv.md: the same number twice in one file is an error for both rows.
      for (const [certNo, rowNos] of repeated) {
        const issue = {
          column: 'CERT_NO',
          value: certNo,
          code: 'duplicateInFile',
          values: { rows: rowNos.join(', ') },
        };
        for (const r of rowNos) {
          errorRows.add(r);
          all.set(r, [...(all.get(r) ?? []), issue]);
        }
      }
      const blocking: Issue[] = [];
      if (!header) blocking.push({ code: 'empty' });
      else {
        const h: HeaderAnalysis = header;
        if (h.blank.length)
          blocking.push({ code: 'blankHeader', values: { positions: h.blank.join(', ') } });
        if (h.duplicates.length)
          blocking.push({ code: 'duplicateHeaders', values: { columns: h.duplicates.join(', ') } });
        if (h.missing.length)
          blocking.push({ code: 'missingHeaders', values: { columns: h.missing.join(', ') } });
        if (failure) blocking.push(failure);
        else if (rows === 0) blocking.push({ code: 'noRows' });
        if (rows > maxRows) blocking.push({ code: 'tooManyRows', values: { max: maxRows, rows } });
      }
      return {
        columns,
        header,
        rows,
        sample,
        errorRows: errorRows.size,
        listed: [...all]
          .sort(([a], [b]) => a - b)
          .slice(0, LISTED_ROWS)
          .map(([rowNo, issues]) => ({ rowNo, issues })),
        blocking,
        unreadable,
      };
    },
  };
}

const TEXT_EXTENSIONS = ['csv', 'txt', 'tsv'];
const REFUSED_EXTENSIONS: Record<string, string> = {
  pdf: 'pdf',
  xls: 'spreadsheet',
  xlsx: 'spreadsheet',
  xlsm: 'spreadsheet',
  ods: 'spreadsheet',
};

/** Checks a picked file by name and size before reading a byte of it. */
export function checkPickedFile(
  file: { name: string; size: number },
  maxBytes: number,
): Issue | null {
  const ext = /\.([^.]+)$/.exec(file.name)?.[1]?.toLowerCase() ?? '';
  const refused = REFUSED_EXTENSIONS[ext];
  if (refused) return { code: refused };
  if (!TEXT_EXTENSIONS.includes(ext)) return { code: 'extension' };
  if (file.size > maxBytes) return { code: 'tooLarge' };
  return null;
}
