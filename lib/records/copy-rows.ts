import 'server-only';
import type { Tx } from '@/db/client';
import type { RowError } from '@/db/schema';

// Rows are written with COPY (about 3× a batched INSERT here, DESIGN.md floors), through the
// transaction's own connection, as they are validated: memory stays flat for 200,000 rows.
// The lines are made where the rows are checked (either thread of validate-upload.ts).

export type RowToStore = {
  uploadId: string;
  rowNo: number;
  operation: 'ADD' | 'UPDATE' | 'DELETE';
  certNo: string;
  recipientName: string | null;
  outcome: 'accepted' | 'rejected';
  errors: RowError[];
  fields: Record<string, string>;
  aadhaarVaultId: string | null;
  change: 'new' | 'changed' | 'deleted' | 'unchanged' | null;
};

/** COPY text format: backslash, tab, newline and carriage return escaped; null as \N. */
export function copyField(v: string | number | null): string {
  if (v === null) return '\\N';
  const s = String(v);
  return /[\\\t\n\r]/.test(s)
    ? s.replace(/[\\\t\n\r]/g, (c) =>
        c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
      )
    : s;
}

type CopyClient = {
  (
    strings: TemplateStringsArray,
    ...values: unknown[]
  ): {
    writable(): Promise<NodeJS.WritableStream>;
  };
};

/** drizzle's postgres-js transaction wraps the postgres.js transaction client. */
function clientOf(tx: Tx): CopyClient {
  return (tx as unknown as { session: { client: CopyClient } }).session.client;
}

/**
 * A COPY into record_rows, fed pieces of COPY text (whole lines, about 16 K characters each: see
 * `CopyLines`).
 */
export type CopyWriter = {
  write(text: string): void;
  /** Resolves once the rows written so far fit in COPY_BUFFER_CHARS (at once when they do). */
  room(): Promise<void>;
  end(): Promise<void>;
};

/**
 * Rows waiting for PostgreSQL that the reading of the file may run ahead by: when the database is
 * slower than the parsing (a busy server), the text would otherwise pile up in this process.
 */
const COPY_BUFFER_CHARS = 8 << 20;

export async function openCopy(tx: Tx): Promise<CopyWriter> {
  const query = clientOf(tx)`copy record_rows (upload_id, row_no, operation, cert_no,
    recipient_name, outcome, errors, fields, aadhaar_vault_id, change) from stdin`;
  // The query resolves with the stream; 'finish' fires when the server has taken every row.
  const stream = await query.writable();
  let failed: Error | null = null;
  stream.on('error', (e: Error) => (failed = e));
  return {
    write(text) {
      stream.write(text);
    },
    room() {
      const w = stream as NodeJS.WritableStream & { writableLength: number };
      if (failed || w.writableLength <= COPY_BUFFER_CHARS) return Promise.resolve();
      return new Promise((resolve) => {
        const done = () => {
          stream.off('drain', done);
          stream.off('error', done);
          resolve();
        };
        stream.on('drain', done);
        stream.on('error', done);
      });
    },
    async end() {
      if (failed) throw failed;
      await endWithin(stream, COPY_END_TIMEOUT_MS);
    },
  };
}

/** How long the end of a COPY waits for the server to confirm the rows. */
const COPY_END_TIMEOUT_MS = 120_000;

/**
 * Ends a COPY stream and waits until the server has taken every row, for at most `ms`.
 * postgres.js 3.4.9 never settles a COPY whose connection fails (or which the server refuses)
 * after its end (porsager/postgres#1173): without a bound, the job would wait forever.
 */
export function endWithin(stream: NodeJS.WritableStream, ms: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`The database did not confirm the stored rows within ${ms / 1000} s`)),
      ms,
    );
    stream.on('error', (error: Error) => {
      clearTimeout(timer);
      reject(error);
    });
    stream.on('finish', () => {
      clearTimeout(timer);
      resolve();
    });
    stream.end();
  });
}

/**
 * Rows as COPY text in pieces of about 16 K characters. Larger writes cost far more per byte: a
 * string of 64 K two-byte characters (any Devanagari name makes it two-byte) is flattened into
 * V8's large-object space, a fresh mapping each time; with 1 MB writes the conversions took a
 * fifth of a 100,000-row validation. Its rows must be valid (postgres.js does not report a refusal
 * after the end, which then only times out: see `endWithin`): strings are well-formed and
 * NUL-free.
 */
export class CopyLines {
  private readonly pieces: string[] = [];
  private buf = '';

  add(row: RowToStore): void {
    this.buf += recordRowLine(row);
    if (this.buf.length > 1 << 14) {
      this.pieces.push(this.buf);
      this.buf = '';
    }
  }

  /** Every piece, the last one included. */
  done(): string[] {
    if (this.buf) this.pieces.push(this.buf);
    this.buf = '';
    return this.pieces;
  }
}

/**
 * JSON text in COPY text format: JSON.stringify escapes tab, newline and carriage return itself,
 * so only its backslashes need doubling.
 */
function copyJson(json: string): string {
  return json.includes('\\') ? json.replace(/\\/g, '\\\\') : json;
}

/**
 * A row's COPY line, written directly (once per row of a 100,000-row file): ids, numbers and
 * enum values need no escaping, the JSON columns only their backslashes.
 */
export function recordRowLine(r: RowToStore): string {
  return `${r.uploadId}\t${r.rowNo}\t${r.operation}\t${copyField(r.certNo)}\t${copyField(r.recipientName)}\t${r.outcome}\t${copyJson(JSON.stringify(r.errors))}\t${copyJson(JSON.stringify(r.fields))}\t${r.aadhaarVaultId ?? '\\N'}\t${r.change ?? '\\N'}\n`;
}
