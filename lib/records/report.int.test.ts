import { asc, eq } from 'drizzle-orm';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { recordRows, recordUploads } from '@/db/schema';
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
