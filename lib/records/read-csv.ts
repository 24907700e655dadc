import 'server-only';
import { Transform, type Readable } from 'node:stream';
import { openStored } from '@/lib/storage';
import { stripInvisible } from '@/lib/text/visible';
import { parseCsvChunks, type FileFailure } from './csv-chunks';
import { detectDelimiter } from './delimiter';
import { sniffCsv } from './sniff';

// Streaming read of a stored award CSV: sniff the encoding from the first
// bytes, decode to text, and hand papaparse's rows over in batches. Rows are numbered as a
// spreadsheet shows them: the header is row 1, the first data row is row 2.

export type { FileFailure };

export type CsvBatch = { rowNo: number; cells: string[] }[];

/** Swaps byte pairs so that UTF-16BE can be decoded as UTF-16LE (Node has no utf16be). */
function swapBytes(): Transform {
  let carry: Buffer | null = null;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      const buf: Buffer = carry ? Buffer.concat([carry, chunk]) : Buffer.from(chunk);
      const even = buf.length - (buf.length % 2);
      carry = even < buf.length ? buf.subarray(even) : null;
      const out = Buffer.from(buf.subarray(0, even));
      out.swap16();
      done(null, out);
    },
  });
}

async function readHead(key: string): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of openStored(key, { start: 0, end: 64 * 1024 - 1 }))
    parts.push(chunk as Buffer);
  return Buffer.concat(parts);
}

/** A text stream of the file without its byte-order mark, or why the file is not a CSV. */
export async function openCsvText(
  key: string,
): Promise<{ ok: true; text: Readable; delimiter: string } | { ok: false; failure: FileFailure }> {
  const head = await readHead(key);
  const sniff = sniffCsv(head);
  if (!sniff.ok) return { ok: false, failure: { code: sniff.code } };
  const body = Buffer.from(head.subarray(sniff.bomLength));
  if (sniff.encoding === 'utf-16be') body.swap16();
  const delimiter = detectDelimiter(body.toString(sniff.encoding === 'utf-8' ? 'utf8' : 'utf16le'));
  const raw = openStored(key, { start: sniff.bomLength });
  if (sniff.encoding === 'utf-8') {
    raw.setEncoding('utf8');
    return { ok: true, text: raw, delimiter };
  }
  const le = sniff.encoding === 'utf-16be' ? raw.pipe(swapBytes()) : raw;
  le.setEncoding('utf16le');
  return { ok: true, text: le, delimiter };
}

/**
 * Parses the stored CSV and calls `onBatch` with its rows after the header. Stops with a
 * failure for an unclosed quote, a NUL byte, more than `maxRows` data rows, or a row past the
 * size limits (limits.ts). Rows whose cells are all empty are skipped but still counted, so row
 * numbers match the spreadsheet. Bidirectional controls and zero-width characters are removed
 * from the text first (lib/text/visible.ts), so no cell holds them.
 */
export async function readCsv(
  key: string,
  opts: {
    maxRows: number;
    onHeader: (header: string[]) => FileFailure | null;
    onBatch: (batch: CsvBatch) => void;
    /** Awaited between pieces of the file (see parseCsvChunks). */
    pace?: () => Promise<void>;
  },
): Promise<{ ok: true; rows: number } | { ok: false; failure: FileFailure }> {
  const opened = await openCsvText(key);
  if (!opened.ok) return opened;
  let dataRows = 0;
  let header: string[] | null = null;

  const failure = await parseCsvChunks(visibleText(opened.text), {
    delimiter: opened.delimiter,
    pace: opts.pace,
    onRows(rows, firstRowNo) {
      const batch: CsvBatch = [];
      for (let r = 0; r < rows.length; r++) {
        const cells = rows[r]!;
        const rowNo = firstRowNo + r;
        if (header === null) {
          header = cells;
          const refused = opts.onHeader(cells);
          if (refused) return refused;
          continue;
        }
        if (cells.every((c) => c.trim() === '')) continue;
        if (cells.some((c) => c.includes('\u0000'))) return { code: 'binary' };
        dataRows += 1;
        if (dataRows > opts.maxRows) return { code: 'tooManyRows', values: { max: opts.maxRows } };
        // Badly decoded text can hold lone surrogates, which PostgreSQL's jsonb refuses.
        for (let i = 0; i < cells.length; i++) {
          const c = cells[i] as string & { isWellFormed(): boolean; toWellFormed(): string };
          if (!c.isWellFormed()) cells[i] = c.toWellFormed();
        }
        batch.push({ rowNo, cells });
      }
      if (batch.length) opts.onBatch(batch);
      return null;
    },
  });
  if (failure) return { ok: false, failure };
  if (header === null) return { ok: false, failure: { code: 'empty' } };
  if (dataRows === 0) return { ok: false, failure: { code: 'noRows' } };
  return { ok: true, rows: dataRows };
}

async function* visibleText(text: Readable): AsyncIterable<string> {
  for await (const piece of text) yield stripInvisible(piece as string);
}
