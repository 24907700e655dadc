import { describe, expect, it } from 'vitest';
import { MANDATORY_COLUMNS } from '@/lib/records/columns';
import { MAX_CELL_CHARS, MAX_COLUMNS, MAX_ROW_CHARS } from '@/lib/records/limits';
import {
  checkPickedFile,
  createPreviewBuilder,
  createRecordSplitter,
  maskAadhaar,
  type RowCheck,
} from './csv-preview';
import { readCsvFile } from './read-csv-file';
import { serverRowCheck } from './row-check';
import { toUploadOutcome } from './send-upload';

const HEADER = [...MANDATORY_COLUMNS, 'AADHAAR_NO', 'HOSTEL'];
const row = (n: number, extra: Partial<Record<string, string>> = {}) =>
  HEADER.map((col) => {
    const v: Record<string, string> = {
      CERT_NO: `C-${n}`,
      ACADEMIC_COURSE_ID: 'SGJ-Q2101',
      COURSE_NAME: 'Assistant Electrician',
      REGN_NO: `REG${n}`,
      RROLL: `R-${n}`,
      CNAME: 'Asha Sharma',
      DOB: '14-08-2004',
      GENDER: 'F',
      AADHAAR_NO: '234123412346',
      HOSTEL: 'B',
      ...extra,
    };
    return v[col] ?? '';
  }).join(',');

const csv = (...lines: string[]) => lines.join('\r\n') + '\r\n';
const noErrors: RowCheck = (cells) => ({ certNo: cells[0] ?? '', errors: [] });

/** Feeds text in pieces of `size` characters, as the file reader does. */
function preview(text: string, opts: { size?: number; check?: RowCheck; maxRows?: number } = {}) {
  const splitter = createRecordSplitter();
  const builder = createPreviewBuilder({
    check: opts.check ?? noErrors,
    maxRows: opts.maxRows ?? 1000,
  });
  const size = opts.size ?? 7;
  for (let i = 0; i < text.length; i += size)
    builder.addText(splitter.push(text.slice(i, i + size)));
  builder.addText(splitter.flush());
  return builder.result();
}

describe('record splitter', () => {
  it('cuts only after line breaks outside quotes', () => {
    const s = createRecordSplitter();
    expect(s.push('a,"x\ny",b\nc,')).toBe('a,"x\ny",b\n');
    expect(s.push('d')).toBe('');
    expect(s.push('\ne,"q')).toBe('c,d\n');
    expect(s.flush()).toBe('e,"q');
  });

  it('reads a quote inside a cell as text, as papaparse does, and counts what is pending', () => {
    const s = createRecordSplitter(';');
    expect(s.push('a;12" pipe;b\nc;"x"')).toBe('a;12" pipe;b\n');
    expect(s.pending).toBe(5);
    expect(s.push('"y";d\n')).toBe('c;"x""y";d\n');
    expect(s.pending).toBe(0);
  });
});

describe('CSV preview', () => {
  it('counts every row, sorts the columns and keeps the first five rows', () => {
    const lines = [HEADER.join(',')];
    for (let n = 1; n <= 12; n++) lines.push(row(n));
    const p = preview(csv(...lines));
    expect(p.rows).toBe(12);
    expect(p.header?.missing).toEqual([]);
    expect(p.header?.unknown).toEqual(['HOSTEL']);
    expect(p.sample).toHaveLength(5);
    expect(p.blocking).toEqual([]);
  });

  it('gives the same result whatever the chunk size, quoted line breaks included', () => {
    const text = csv(HEADER.join(','), row(1, { CNAME: '"Asha\nSharma"' }), '', row(2));
    const whole = preview(text, { size: text.length });
    for (const size of [1, 3, 64]) expect(preview(text, { size })).toEqual(whole);
    expect(whole.rows).toBe(2);
    expect(whole.sample[0]![HEADER.indexOf('CNAME')]).toBe('Asha\nSharma');
  });

  it('never keeps an Aadhaar number in clear, in rows or in errors', () => {
    const aadhaarError: RowCheck = (cells) => ({
      certNo: cells[0]!,
      errors: [{ column: 'AADHAAR_NO', value: '234123412346', code: 'aadhaarChecksum' }],
    });
    const p = preview(csv(HEADER.join(','), row(1)), { check: aadhaarError });
    expect(JSON.stringify(p)).not.toContain('234123412346');
    expect(p.sample[0]![HEADER.indexOf('AADHAAR_NO')]).toBe('XXXX XXXX 2346');
    expect(p.listed[0]!.issues[0]!.value).toBe('XXXX XXXX 2346');
    expect(maskAadhaar('')).toBe('');
  });

  it('masks an Aadhaar number in any other column, and reads names without invisible marks', () => {
    const p = preview(
      csv(
        HEADER.join(','),
        row(1, { HOSTEL: 'Room 2341 2341 2346', CNAME: 'As\u200Bha \u202EShar' }),
      ),
      { check: serverRowCheck() },
    );
    expect(p.sample[0]![HEADER.indexOf('HOSTEL')]).toBe('Room XXXX XXXX 2346');
    expect(p.sample[0]![HEADER.indexOf('CNAME')]).toBe('Asha Shar');
    expect(p.listed[0]!.issues).toEqual([
      { column: 'HOSTEL', value: 'Room XXXX XXXX 2346', code: 'aadhaarElsewhere' },
    ]);
    expect(JSON.stringify(p)).not.toMatch(/2341 2341/);
  });

  it('blocks missing, duplicated and blank headers like the server', () => {
    const p = preview(csv('CERT_NO,CNAME,cname,', 'A,B,C,D'));
    expect(p.blocking.map((b) => b.code)).toEqual([
      'blankHeader',
      'duplicateHeaders',
      'missingHeaders',
    ]);
    expect(p.header?.missing).toContain('DOB');
  });

  it('blocks an empty file, a header without rows, an unclosed quote and too many rows', () => {
    expect(preview('').blocking).toEqual([{ code: 'empty' }]);
    expect(preview(csv(HEADER.join(','), '')).blocking).toEqual([{ code: 'noRows' }]);
    const quote = preview(csv(HEADER.join(','), row(1), 'C-2,"open'));
    expect(quote.blocking).toEqual([{ code: 'unclosedQuote', values: { row: 3 } }]);
    const many = preview(csv(HEADER.join(','), row(1), row(2), row(3)), { maxRows: 2 });
    expect(many.rows).toBe(3);
    expect(many.blocking).toEqual([{ code: 'tooManyRows', values: { max: 2, rows: 3 } }]);
  });

  it('blocks a row over the size limits like the server', () => {
    const wide = preview(csv(HEADER.join(','), `${row(1)},${Array(MAX_COLUMNS).fill('v')}`));
    expect(wide.blocking).toEqual([
      {
        code: 'tooManyColumns',
        values: { row: 2, found: HEADER.length + MAX_COLUMNS, max: MAX_COLUMNS },
      },
    ]);
    const long = preview(csv(HEADER.join(','), row(1, { HOSTEL: 'h'.repeat(MAX_CELL_CHARS + 1) })));
    expect(long.blocking).toEqual([
      { code: 'cellTooLong', values: { row: 2, column: 'HOSTEL', max: MAX_CELL_CHARS } },
    ]);
  });

  it('checks rows with the server rules, numbered as a spreadsheet, duplicates on both rows', () => {
    const text = csv(HEADER.join(','), row(1), row(2, { DOB: '31-02-2004' }), '', row(1));
    const p = preview(text, { check: serverRowCheck() });
    expect(p.rows).toBe(3);
    expect(p.errorRows).toBe(3);
    expect(p.listed.map((l) => [l.rowNo, l.issues.map((i) => i.code)])).toEqual([
      [2, ['duplicateInFile']],
      [3, ['dateNotReal']],
      [5, ['duplicateInFile']],
    ]);
    expect(p.listed[0]!.issues[0]!.values).toEqual({ rows: '2, 5' });
  });

  it('lists only the first twenty rows with problems but counts them all', () => {
    const lines = [HEADER.join(',')];
    for (let n = 1; n <= 30; n++) lines.push(row(n, { GENDER: 'Q' }));
    const p = preview(csv(...lines), { check: serverRowCheck() });
    expect(p.errorRows).toBe(30);
    expect(p.listed).toHaveLength(20);
    expect(p.listed[19]!.rowNo).toBe(21);
  });
});

describe('picking a file', () => {
  it('refuses spreadsheets, PDFs, other types and files over the limit by name and size', () => {
    const pick = (name: string, size = 10) => checkPickedFile({ name, size }, 100)?.code ?? null;
    expect(pick('awards.CSV')).toBeNull();
    expect(pick('awards.txt')).toBeNull();
    expect(pick('awards.xlsx')).toBe('spreadsheet');
    expect(pick('awards.pdf')).toBe('pdf');
    expect(pick('awards')).toBe('extension');
    expect(pick('awards.csv', 101)).toBe('tooLarge');
  });
});

describe('reading a file', () => {
  const read = (parts: BlobPart[]) =>
    readCsvFile(new Blob(parts), { check: serverRowCheck(), maxRows: 1000 });

  it('refuses a PDF before parsing', async () => {
    expect(await read(['%PDF-1.7\n...'])).toEqual({ ok: false, code: 'pdf' });
  });

  it('reads UTF-8 with a BOM and UTF-16LE (Excel "Unicode text", tab separated)', async () => {
    const text = csv(HEADER.join(','), row(1, { CNAME: 'आशा शर्मा' }));
    const utf8 = await read([new Uint8Array([0xef, 0xbb, 0xbf]), text]);
    const tsv = csv(HEADER.join('\t'), row(1, { CNAME: 'आशा शर्मा' }).replaceAll(',', '\t'));
    const le = new Uint8Array(2 + tsv.length * 2);
    le.set([0xff, 0xfe]);
    for (let i = 0; i < tsv.length; i++) {
      le[2 + i * 2] = tsv.charCodeAt(i) & 0xff;
      le[3 + i * 2] = tsv.charCodeAt(i) >> 8;
    }
    const utf16 = await read([le]);
    for (const r of [utf8, utf16]) {
      expect(r.ok && r.preview.rows).toBe(1);
      expect(r.ok && r.preview.errorRows).toBe(0);
      expect(r.ok && r.preview.sample[0]![HEADER.indexOf('CNAME')]).toBe('आशा शर्मा');
    }
    expect(utf16.ok && utf16.encoding).toBe('utf-16le');
  });

  it('stops at a record that runs on past the row limit, without holding the file', async () => {
    const rest = Array(40).fill(`${row(9)}\r\n`.repeat(2000));
    const r = await read([csv(HEADER.join(','), row(1)), 'C-2,"never closed,', ...rest]);
    expect(r.ok && r.preview.blocking).toEqual([
      { code: 'rowTooLong', values: { row: 3, max: MAX_ROW_CHARS } },
    ]);
  });
});

describe('upload answers', () => {
  it('reads new, duplicate and refused uploads', () => {
    expect(toUploadOutcome(201, '{"id":"u1","duplicate":false}')).toEqual({
      ok: true,
      id: 'u1',
      duplicate: false,
    });
    expect(toUploadOutcome(200, '{"id":"u1","duplicate":true}')).toMatchObject({ duplicate: true });
    expect(toUploadOutcome(409, '{"error":"conflict","message":"Not active"}')).toEqual({
      ok: false,
      status: 409,
      error: 'conflict',
      message: 'Not active',
    });
    expect(toUploadOutcome(413, '<html>')).toMatchObject({ ok: false, error: 'tooLarge' });
  });
});
