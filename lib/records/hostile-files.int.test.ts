import fs from 'node:fs';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { certificates, organisations, recordUploads } from '@/db/schema';
import { ensureIssuerKeys } from '@/lib/credentials/keys';
import { recordSignatureValid } from '@/lib/credentials/verify-record';
import {
  HOSTILE_HEADER,
  runWorkChild,
  writeHugeCellFile,
  writeUnclosedQuoteFile,
  writeWideRowFile,
} from '@/scripts/bench/hostile-files';
import { recordsFixture } from '@/tests/records';
import { MAX_CELL_CHARS, MAX_COLUMNS } from './limits';
import { validateUpload } from './validate-upload';

// Hostile award files are refused as a whole with the reason, nothing of them is stored, and
// validating one keeps the worker's memory bounded. The big files are validated in a child
// process started the way the worker is, whose peak resident memory (VmHWM) is the measure: a
// high-water mark, so no sampling can miss the peak.

const f = recordsFixture('Hostile Files Institute');
const { db } = f;

const HEADER = HOSTILE_HEADER;
/** The worker's budget while validating any file (resident memory, MB). */
const PEAK_MB = 400;

const validateInChild = (file: string) => runWorkChild(['validate', file, f.org.id, f.operatorId]);

async function storedRows(uploadId: string): Promise<number> {
  const [r] = (await db.execute(
    sql`select count(*)::int as n from record_rows where upload_id = ${uploadId}`,
  )) as unknown as { n: number }[];
  return r!.n;
}

describe('hostile award files', () => {
  it('refuses a 50 MB file with a quote never closed, within the memory budget', async () => {
    const file = path.join(f.tmp, 'unclosed.csv');
    writeUnclosedQuoteFile(file, 50);
    const report = await validateInChild(file);
    expect(report.status).toBe('failed');
    expect(report.failure).toEqual({ code: 'unclosedQuote', values: { row: 4 } });
    expect(report.after.peak).toBeLessThan(PEAK_MB);
    expect(await storedRows(report.uploadId)).toBe(0);
  });

  it('refuses a file with one huge cell, within the memory budget', async () => {
    const file = path.join(f.tmp, 'huge-cell.csv');
    writeHugeCellFile(file, 40);
    const report = await validateInChild(file);
    expect(report.status).toBe('failed');
    expect(report.failure).toEqual({
      code: 'cellTooLong',
      values: { row: 3, column: 'CNAME', max: MAX_CELL_CHARS },
    });
    expect(report.after.peak).toBeLessThan(PEAK_MB);
    expect(await storedRows(report.uploadId)).toBe(0);
  });

  it('refuses a row with an Aadhaar number outside AADHAAR_NO and stores it only masked', async () => {
    const file =
      `${HEADER.trim()},REMARKS\n` +
      `ADD,2341 2341 2346,X,Course,R1,RR1,Name,14-08-2004,F,\n` +
      `ADD,H-2,X,Course,R2,RR2,Asha 234123412346,14-08-2004,F,\n` +
      `ADD,H-3,X,Course,R3,RR3,Name,14-08-2004,F,UID 2341-2341-2346\n`;
    const { id } = await f.upload(file, 'slips.csv');
    expect(await validateUpload(db, id)).toBe('validated');
    const rows = (await db.execute(
      sql`select row_to_json(r)::text as json from record_rows r where upload_id = ${id} order by row_no`,
    )) as unknown as { json: string }[];
    const stored = rows.map((r) => JSON.parse(r.json) as Record<string, unknown>);
    expect(stored.map((r) => [r.outcome, (r.errors as { code: string }[])[0]?.code])).toEqual([
      ['rejected', 'aadhaarElsewhere'],
      ['rejected', 'aadhaarElsewhere'],
      ['rejected', 'aadhaarElsewhere'],
    ]);
    expect(stored[0]!.cert_no).toBe('XXXX XXXX 2346');
    expect(stored[1]!.recipient_name).toBe('Asha XXXX XXXX 2346');
    expect(rows.map((r) => r.json).join('\n')).not.toMatch(/2341\D?2341/);
  });

  it('removes bidi and zero-width characters from names and the file name before storing and signing', async () => {
    await ensureIssuerKeys(db, f.org.id);
    const file = `${HEADER}ADD,H-BIDI,X,Course\u200B Name,R1,RR1,\u202EAs\u200Dha \u2066Sharma\u2069,14-08-2004,F\n`;
    const { id } = await f.upload(file, 'awards\u202Evsc.csv');
    expect(await validateUpload(db, id)).toBe('validated');
    expect(await f.publish(id)).toBe('published');
    const [u] = await db.select().from(recordUploads).where(eq(recordUploads.id, id));
    expect(u!.fileName).toBe('awardsvsc.csv');
    const [c] = await db.select().from(certificates).where(eq(certificates.sourceUploadId, id));
    expect(c!.recipientName).toBe('Asha Sharma');
    expect(c!.title + JSON.stringify(c!.data)).not.toMatch(
      /[\u200B-\u200F\u202A-\u202E\u2066-\u2069]/,
    );
    const [issuer] = await db.select().from(organisations).where(eq(organisations.id, f.org.id));
    expect(await recordSignatureValid(db, c!, issuer!.code)).toBe(true);
  });

  it('refuses a row of 100,000 columns and stores none of it', async () => {
    const file = path.join(f.tmp, 'wide.csv');
    writeWideRowFile(file);
    const { id } = await f.upload(fs.readFileSync(file), 'wide.csv');
    expect(await validateUpload(db, id)).toBe('failed');
    const [u] = await db.select().from(recordUploads).where(eq(recordUploads.id, id));
    expect(u!.failure).toEqual({
      code: 'tooManyColumns',
      values: { row: 2, found: 100_009, max: MAX_COLUMNS },
    });
    expect(await storedRows(id)).toBe(0);
  });
});
