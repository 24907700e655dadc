import { describe, expect, it } from 'vitest';
import { parseCsvChunks, type FileFailure } from './csv-chunks';
import { MAX_CELL_CHARS, MAX_COLUMNS, MAX_ROW_CHARS } from './limits';

// The bounded chunk parser: rows come out as papaparse reads them, whatever the piece size, and
// a row past the limits stops the reading with the reason, without holding the rest of the file.

const HEADER = 'CERT_NO,CNAME,REMARKS\n';

/** The text in pieces of `size` characters (64 K: what a file stream gives). */
async function* piecesOf(text: string, size = 65_536): AsyncIterable<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

/** Lazily made pieces: `count` pieces of `piece` after `head`, never the whole text at once. */
async function* generated(head: string, piece: string, count: number, tail = '') {
  yield head;
  for (let i = 0; i < count; i++) yield piece;
  if (tail) yield tail;
}

async function parse(pieces: AsyncIterable<string>) {
  const rows: { rowNo: number; cells: string[] }[] = [];
  const failure = await parseCsvChunks(pieces, {
    delimiter: ',',
    onRows(batch, first) {
      batch.forEach((cells, i) => rows.push({ rowNo: first + i, cells }));
      return null;
    },
  });
  return { rows, failure };
}

describe('parseCsvChunks', () => {
  it('gives the same rows whatever the size of the pieces', async () => {
    const text = `${HEADER}A-1,"Asha, ""Sharma""",x\nA-2,"two\nlines",y\n\nA-3,Ravi,z`;
    const whole = await parse(piecesOf(text, text.length));
    expect(whole.failure).toBeNull();
    expect(whole.rows.map((r) => r.rowNo)).toEqual([1, 2, 3, 4, 5]);
    expect(whole.rows[1]!.cells).toEqual(['A-1', 'Asha, "Sharma"', 'x']);
    for (const size of [1, 2, 3, 7])
      expect((await parse(piecesOf(text, size))).rows, `pieces of ${size}`).toEqual(whole.rows);
  });

  it('stops at the row that opens a quote never closed, whatever follows it', async () => {
    const { rows, failure } = await parse(
      generated(`${HEADER}A-1,Asha,x\nA-2,"Ravi,y\n`, 'A-9,Meena,z\n'.repeat(5000), 40),
    );
    expect(failure).toEqual({ code: 'unclosedQuote', values: { row: 3 } });
    expect(rows.map((r) => r.rowNo)).toEqual([1, 2]);
  });

  it('names the row of a short unclosed quote at the end of the file', async () => {
    const { failure } = await parse(piecesOf(`${HEADER}A-1,Asha,x\nA-2,"Ravi,y\n`));
    expect(failure).toEqual({ code: 'unclosedQuote', values: { row: 3 } });
  });

  it('refuses a quoted cell longer than a spreadsheet cell, even one that closes', async () => {
    const big = 'y'.repeat(1 << 20);
    const { failure } = await parse(generated(`${HEADER}A-1,"`, big, 3, '",z\nA-2,Ravi,z\n'));
    expect(failure).toEqual({
      code: 'cellTooLong',
      values: { row: 2, column: 'CNAME', max: MAX_CELL_CHARS },
    });
    // Within the row limit, the same holds for a cell that is read whole.
    const small = await parse(piecesOf(`${HEADER}A-1,Asha,"${'r'.repeat(MAX_CELL_CHARS + 1)}"\n`));
    expect(small.failure).toEqual({
      code: 'cellTooLong',
      values: { row: 2, column: 'REMARKS', max: MAX_CELL_CHARS },
    });
  });

  it('refuses a row with more columns than the limit, the header too', async () => {
    const wide = Array.from({ length: 100_000 }, (_, i) => `C${i}`).join(',');
    expect((await parse(piecesOf(`${wide}\nA,B\n`))).failure).toEqual({
      code: 'tooManyColumns',
      values: { row: 1, found: 100_000, max: MAX_COLUMNS },
    });
    const row = Array(MAX_COLUMNS + 1)
      .fill('v')
      .join(',');
    expect((await parse(piecesOf(`${HEADER}${row}\n`))).failure).toEqual({
      code: 'tooManyColumns',
      values: { row: 2, found: MAX_COLUMNS + 1, max: MAX_COLUMNS },
    });
  });

  it('refuses a row that never ends, without quotes', async () => {
    const cells = `${'v'.repeat(1000)},`;
    const { failure } = await parse(generated(HEADER, cells.repeat(200), 10));
    expect(failure).toEqual({
      code: 'tooManyColumns',
      values: expect.objectContaining({ row: 2 }),
    });
    const long = await parse(generated(HEADER, `${'w'.repeat(30_000)},`.repeat(10), 10));
    expect(long.failure).toEqual({ code: 'rowTooLong', values: { row: 2, max: MAX_ROW_CHARS } });
  });

  it('lets the caller stop the reading, and closes the source when it stops', async () => {
    const stop: FileFailure = { code: 'binary' };
    let closed = false;
    async function* source() {
      try {
        yield `${HEADER}A-1,Asha,x\n`;
        yield 'A-2,Ravi,y\n';
      } finally {
        closed = true;
      }
    }
    const failure = await parseCsvChunks(source(), { delimiter: ',', onRows: () => stop });
    expect(failure).toBe(stop);
    expect(closed).toBe(true);
  });
});
