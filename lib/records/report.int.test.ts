import { asc, eq } from 'drizzle-orm';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { recordRows, recordUploads } from '@/db/schema';
import { ConflictError } from '@/lib/errors';
import { recordsFixture } from '@/tests/records';
import { reportCsv } from './report';
import { validateUpload } from './validate-upload';

// The upload report: a NAD file has its own RESULT column, so the report's columns are named apart
// (SANAD_ROW, SANAD_RESULT, SANAD_ERRORS), and a report, corrected in a spreadsheet and uploaded
// again as it is, validates to the same rows. Aadhaar numbers never appear in it in clear.

const f = recordsFixture('Report Skills Institute');
const { db } = f;

const HEADER = [
  'CERT_NO',
  'ACADEMIC_COURSE_ID',
  'COURSE_NAME',
  'REGN_NO',
  'RROLL',
  'CNAME',
  'DOB',
  'GENDER',
  'MOBILE',
  'RESULT',
  'REMARKS',
];
const line = (n: number, extra: Partial<Record<string, string>> = {}) => {
  const v: Record<string, string> = {
    CERT_NO: `RT-${n}`,
    ACADEMIC_COURSE_ID: 'ELE-Q4601',
    COURSE_NAME: 'Assistant Electrician',
    REGN_NO: `REG-${n}`,
    RROLL: `R-${n}`,
    CNAME: 'Meena Kumari',
    DOB: '14-08-2004',
    GENDER: 'F',
    MOBILE: '+91 98123 45678',
    RESULT: 'PASS',
    REMARKS: '-',
    ...extra,
  };
  return HEADER.map((h) => v[h]!);
};

async function uploadAndValidate(body: Buffer | string, fileName: string) {
  const { id } = await f.upload(body, fileName);
  expect(await validateUpload(db, id)).toBe('validated');
  const [upload] = await db.select().from(recordUploads).where(eq(recordUploads.id, id));
  const rows = await db
    .select()
    .from(recordRows)
    .where(eq(recordRows.uploadId, id))
    .orderBy(asc(recordRows.rowNo));
  return { id, upload: upload!, rows };
}

async function report(uploadId: string, locale = 'en') {
  const { body } = await reportCsv(
    db,
    { orgId: f.org.id, uploadId },
    { onlyErrors: false, locale },
  );
  return { csv: await new Response(body).text() };
}

describe('the upload report', () => {
  it('names its columns apart from the file’s, and a corrected report uploads back as it is', async () => {
    const file = Papa.unparse([
      HEADER,
      line(1),
      line(2, { DOB: '31-02-2004' }),
      line(3, { REMARKS: 'Aadhaar 2341 2341 2346', CNAME: '=HYPERLINK("http://x","y")' }),
    ]);
    const first = await uploadAndValidate(file, 'nad-export.csv');
    expect(first.rows.map((r) => r.outcome)).toEqual(['accepted', 'rejected', 'rejected']);
    expect(first.rows[2]!.errors).toEqual([
      { column: 'REMARKS', value: 'Aadhaar XXXX XXXX 2346', code: 'aadhaarElsewhere' },
    ]);

    for (const locale of ['en', 'hi']) {
      const { csv } = await report(first.id, locale);
      const [head, ...rest] = Papa.parse<string[]>(csv.replace(/^\uFEFF/, '')).data;
      expect(head).toEqual(['SANAD_ROW', ...HEADER, 'SANAD_RESULT', 'SANAD_ERRORS']);
      expect(rest[2]![HEADER.indexOf('REMARKS') + 1]).toBe('Aadhaar XXXX XXXX 2346');
      expect(csv).not.toMatch(/2341\D?2341/);
    }

    // Corrected in a spreadsheet: the date fixed, the Aadhaar number taken out, nothing else.
    const { csv } = await report(first.id);
    const [head, ...rest] = Papa.parse<string[]>(csv.replace(/^\uFEFF/, '')).data;
    const at = (name: string) => head!.indexOf(name);
    rest[1]![at('DOB')] = '28-02-2004';
    rest[2]![at('REMARKS')] = 'Transferred';
    const corrected = `\uFEFF${Papa.unparse([head!, ...rest], { newline: '\r\n' })}`;

    const again = await uploadAndValidate(corrected, 'nad-export-report.csv');
    expect(again.upload.columns).toEqual({ recognised: HEADER, unknown: [], missing: [] });
    expect(again.rows.map((r) => [r.outcome, r.errors])).toEqual([
      ['accepted', []],
      ['accepted', []],
      ['accepted', []],
    ]);
    // The same fields as the first time: no apostrophe kept, no column of the report.
    expect(again.rows[0]!.fields).toEqual(first.rows[0]!.fields);
    expect(again.rows[0]!.fields).toMatchObject({ MOBILE: '9812345678', REMARKS: '-' });
    expect(again.rows[2]!.fields.CNAME).toBe('=HYPERLINK("http://x","y")');

    // A report of the report adds its columns once.
    const second = await report(again.id);
    const [head2] = Papa.parse<string[]>(second.csv.replace(/^\uFEFF/, '')).data;
    expect(head2).toEqual(['SANAD_ROW', ...HEADER, 'SANAD_RESULT', 'SANAD_ERRORS']);
  });
});

describe('the report’s cells', () => {
  const H = [...HEADER, 'AADHAAR_NO'];
  const file = (rows: Record<string, string>[]) =>
    Papa.unparse([H, ...rows.map((extra) => [...line(0, extra), extra.AADHAAR_NO ?? ''])]);
  const parse = (csv: string) => Papa.parse<string[]>(csv.replace(/^\uFEFF/, '')).data;
  const rowsOf = async (id: string, o: { onlyErrors: boolean; locale: string }) => {
    const { fileName, body } = await reportCsv(db, { orgId: f.org.id, uploadId: id }, o);
    // As bytes: Response.text() would drop the byte order mark.
    const csv = Buffer.from(await new Response(body).arrayBuffer()).toString('utf8');
    return { fileName, csv, rows: parse(csv) };
  };
  const cells = (v: Record<string, string>) => H.map((h) => v[h] ?? '');
  const base = (n: number) => ({
    CERT_NO: `RC-${n}`,
    ACADEMIC_COURSE_ID: 'ELE-Q4601',
    COURSE_NAME: 'Assistant Electrician',
    REGN_NO: `REG-${n}`,
    RROLL: `R-${n}`,
    CNAME: 'Meena Kumari',
    DOB: '14-08-2004',
    GENDER: 'F',
    MOBILE: '+91 98123 45678',
    RESULT: 'PASS',
    REMARKS: '-',
  });
  const given = [
    {
      ...base(1),
      CNAME: '=HYPERLINK("http://x","y")',
      RESULT: '@SUM(A1)',
      AADHAAR_NO: '2341 2341 2346',
    },
    { ...base(2), DOB: '31-02-2004', AADHAAR_NO: '234123412347' },
    { ...base(3), REMARKS: 'Aadhaar 2341-2341-2346', GENDER: 'X' },
    { ...base(4), REMARKS: '+1 more', AADHAAR_NO: '' },
  ];
  // Row numbers are the file's lines (the header is line 1). What a spreadsheet gets: formula characters neutralised by an apostrophe, every Aadhaar
  // number masked, every reason of a refused row.
  const expected = [
    [
      '2',
      ...cells({
        ...given[0],
        CNAME: `'=HYPERLINK("http://x","y")`,
        RESULT: "'@SUM(A1)",
        MOBILE: "'+91 98123 45678",
        REMARKS: "'-",
        AADHAAR_NO: 'XXXX XXXX 2346',
      }),
      'accepted',
      '',
    ],
    [
      '3',
      ...cells({
        ...given[1],
        MOBILE: "'+91 98123 45678",
        REMARKS: "'-",
        AADHAAR_NO: 'XXXX XXXX 2347',
      }),
      'rejected',
      'DOB is “31-02-2004”, but that day does not exist in the calendar. Check the day and the month. | ' +
        'AADHAAR_NO (XXXX XXXX 2347) is not a valid Aadhaar number: a digit is probably mistyped. Check it against the Aadhaar card.',
    ],
    [
      '4',
      ...cells({
        ...given[2],
        MOBILE: "'+91 98123 45678",
        REMARKS: 'Aadhaar XXXX XXXX 2346',
        GENDER: 'X',
      }),
      'rejected',
      'GENDER is “X”. Write M, F or T (Male, Female, Transgender or Other are also accepted). | ' +
        'REMARKS holds what looks like an Aadhaar number (Aadhaar XXXX XXXX 2346: 12 digits with a valid Aadhaar check digit). Sanad keeps Aadhaar numbers only from the AADHAAR_NO column, so this record is refused and the number is not stored. Move it to AADHAAR_NO, or correct it if it is not an Aadhaar number.',
    ],
    [
      '5',
      ...cells({ ...given[3], MOBILE: "'+91 98123 45678", REMARKS: "'+1 more" }),
      'accepted',
      '',
    ],
  ];

  it('masks Aadhaar, neutralises formulas in data rows, and gives every reason', async () => {
    const { id } = await uploadAndValidate(file(given), 'cells.csv');
    const { fileName, csv, rows } = await rowsOf(id, { onlyErrors: false, locale: 'en' });
    expect(fileName).toBe('cells-report.csv');
    // A byte order mark first, so that Excel reads UTF-8.
    expect(csv.startsWith('\uFEFFSANAD_ROW,')).toBe(true);
    expect(rows).toEqual([['SANAD_ROW', ...H, 'SANAD_RESULT', 'SANAD_ERRORS'], ...expected]);
  });

  it('with errors only, holds the refused rows alone, as in the full report', async () => {
    // Another file (the same bytes would be recognised as uploaded already): one more
    // accepted row at the end.
    const { id } = await uploadAndValidate(file([...given, base(5)]), 'Cells.csv.CSV');
    const { fileName, rows } = await rowsOf(id, { onlyErrors: true, locale: 'en' });
    expect(fileName).toBe('Cells.csv-errors.csv');
    expect(rows).toEqual([
      ['SANAD_ROW', ...H, 'SANAD_RESULT', 'SANAD_ERRORS'],
      expected[1],
      expected[2],
    ]);
  });

  it('speaks Hindi to a Hindi reader', async () => {
    const { id } = await uploadAndValidate(file(given.slice(0, 2)), 'hindi.csv');
    const { rows } = await rowsOf(id, { onlyErrors: false, locale: 'hi' });
    expect(rows.map((r) => r.slice(-2))).toEqual([
      ['SANAD_RESULT', 'SANAD_ERRORS'],
      ['स्वीकृत', ''],
      [
        'अस्वीकृत',
        'DOB में “31-02-2004” लिखा है, पर यह तारीख़ कैलेंडर में होती ही नहीं। दिन और महीना जाँचें। | ' +
          'AADHAAR_NO (XXXX XXXX 2347) सही आधार संख्या नहीं है: शायद कोई अंक ग़लत लिखा गया है। आधार कार्ड से मिलाकर देखें।',
      ],
    ]);
  });
});

describe('the report of unusual rows and files', () => {
  const H = [...HEADER, 'AADHAAR_NO'];
  const parse = (csv: string) => Papa.parse<string[]>(csv.replace(/^\uFEFF/, '')).data;

  it('writes a short row’s missing cells empty, and an Aadhaar cell without digits as it is', async () => {
    // The short row ends after MOBILE: RESULT, REMARKS and AADHAAR_NO are missing.
    const file = [
      H.join(','),
      [...line(1), 'not given'].join(','),
      line(2).slice(0, 9).join(','),
    ].join('\r\n');
    const { id, rows } = await uploadAndValidate(file, 'unusual.csv');
    expect(rows.map((r) => [r.outcome, r.errors.map((e) => e.code)])).toEqual([
      ['rejected', ['aadhaarFormat']],
      ['rejected', ['cellCount']],
    ]);
    const { csv } = await report(id);
    const [head, first, second] = parse(csv);
    expect(head).toEqual(['SANAD_ROW', ...H, 'SANAD_RESULT', 'SANAD_ERRORS']);
    // No digits to mask: the cell is shown as written (neither dropped nor made a masked number).
    expect(first!.slice(H.indexOf('AADHAAR_NO') + 1, -2)).toEqual(['not given']);
    expect(first!.at(-2)).toBe('rejected');
    // The missing cells are empty, the Aadhaar column among them.
    expect(second!.slice(10, -2)).toEqual(['', '', '']);
    expect(second!.slice(-2, -1)).toEqual(['rejected']);
    expect(second).toHaveLength(H.length + 3);
  });

  it('joins each row with its own result past the first few thousand rows', async () => {
    // Longer than one piece of results (RESULTS_AT_ONCE): the rows are written in several pieces.
    const n = 2300;
    const rows = Array.from({ length: n }, (_, i) =>
      line(1000 + i, i === 2100 ? { DOB: '31-02-2004' } : {}),
    );
    const { id } = await uploadAndValidate(Papa.unparse([HEADER, ...rows]), 'long.csv');
    const all = parse((await report(id)).csv).filter((r) => r.length > 1);
    expect(all).toHaveLength(n + 1);
    expect(all.slice(1).map((r) => r[0])).toEqual(rows.map((_, i) => String(i + 2)));
    expect(all.slice(1).map((r) => r[1])).toEqual(rows.map((r) => r[0]));
    const refused = all.filter((r) => r.at(-2) === 'rejected');
    expect(refused.map((r) => [r[0], r[1]])).toEqual([['2102', 'RT-3100']]);
  });

  it('ends with the storage’s error, rather than hanging, when the stored file cannot be read', async () => {
    const { id } = await uploadAndValidate(Papa.unparse([HEADER, line(8)]), 'unreadable.csv');
    const [u] = await db.select().from(recordUploads).where(eq(recordUploads.id, id));
    await db
      .update(recordUploads)
      .set({ fileKey: u!.fileKey.replace(/[^/]+$/, 'no-such-file') })
      .where(eq(recordUploads.id, id));
    const { body } = await reportCsv(
      db,
      { orgId: f.org.id, uploadId: id },
      { onlyErrors: false, locale: 'en' },
    );
    const reader = body.getReader();
    await expect(
      (async () => {
        for (;;) if ((await reader.read()).done) return 'ended';
      })(),
    ).rejects.toMatchObject({ code: 'ENOENT' });
  }, 10_000);

  it('is refused, with the reason, once the uploaded file was removed', async () => {
    const { id } = await uploadAndValidate(Papa.unparse([HEADER, line(7)]), 'removed.csv');
    await db
      .update(recordUploads)
      .set({ fileRemovedAt: new Date() })
      .where(eq(recordUploads.id, id));
    const made = reportCsv(
      db,
      { orgId: f.org.id, uploadId: id },
      { onlyErrors: false, locale: 'en' },
    );
    await expect(made).rejects.toBeInstanceOf(ConflictError);
    await expect(made).rejects.toMatchObject({
      status: 409,
      message:
        'The uploaded file was removed when its retention ended, so the report cannot be made ' +
        'any more. The results are still on the upload page; upload the file again for a report.',
    });
  });
});
