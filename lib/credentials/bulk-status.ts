import 'server-only';
import Papa from 'papaparse';
import { sql } from 'drizzle-orm';
import { pgArray, type DbOrTx } from '@/db/client';
import { InvalidError, TooLargeError } from '@/lib/errors';
import { neutraliseCell } from '@/lib/records/neutralise';
import { normaliseVerificationCode } from './codes';
import { liveStatus } from './verify-record';

// Public status checks in bulk: a verifier (or anyone) sends up to 10,000 verification codes or
// document URIs and gets each one's live status. Public information only, so no consent: the
// status and nothing about the holder. One indexed query for the whole request.

export const BULK_STATUS_MAX = 10_000;

export type BulkStatus =
  'valid' | 'revoked' | 'superseded' | 'expired' | 'suspended' | 'not-found' | 'invalid';

export type BulkStatusRow = {
  /** What was asked, as sent (trimmed). */
  query: string;
  status: BulkStatus;
  verificationCode: string | null;
  uri: string | null;
  number: string | null;
  issueDate: string | null;
  issuerCode: string | null;
};

const CODE = /^[A-Za-z0-9-]{6,64}$/;
// `{IssuerId}-{DocType}-{DocId}`: the issuer's code holds dots, the rest letters and digits.
const URI = /^[A-Za-z0-9.]{3,100}-[A-Za-z]{1,10}-[A-Za-z0-9]{1,64}$/;

/** The live status of each code or URI, in the order asked; duplicates answered each time. */
export async function bulkStatus(db: DbOrTx, queries: readonly string[]): Promise<BulkStatusRow[]> {
  if (queries.length > BULK_STATUS_MAX)
    throw new TooLargeError(
      `At most ${BULK_STATUS_MAX.toLocaleString('en-IN')} codes in one request; this one has ${queries.length.toLocaleString('en-IN')}`,
    );
  const asked = queries.map((q) => String(q ?? '').trim());
  const uris = new Set<string>();
  const codes = new Set<string>();
  for (const q of asked) {
    if (URI.test(q) && q.includes('.')) uris.add(q);
    else if (CODE.test(q)) codes.add(normaliseVerificationCode(q));
  }
  const found = new Map<string, Omit<BulkStatusRow, 'query'>>();
  if (uris.size + codes.size > 0) {
    const rows = (await db.execute(sql`
      select c.verification_code as "code", c.uri, c.number, c.status, c.expiry_date as "expiryDate",
             c.issue_date as "issueDate", o.code as "issuerCode"
      from certificates c join organisations o on o.id = c.issuer_org_id
      where c.verification_code = any(${pgArray([...codes])}::text[])
         or c.uri = any(${pgArray([...uris])}::text[])
    `)) as unknown as {
      code: string;
      uri: string;
      number: string;
      status: 'active' | 'revoked' | 'superseded' | 'suspended';
      expiryDate: string | null;
      issueDate: string;
      issuerCode: string;
    }[];
    for (const r of rows) {
      const answer = {
        status: liveStatus(r, true) as BulkStatus,
        verificationCode: r.code,
        uri: r.uri,
        number: r.number,
        issueDate: r.issueDate,
        issuerCode: r.issuerCode,
      };
      found.set(`code:${r.code}`, answer);
      found.set(`uri:${r.uri}`, answer);
    }
  }
  const none = {
    verificationCode: null,
    uri: null,
    number: null,
    issueDate: null,
    issuerCode: null,
  };
  return asked.map((query) => {
    const isUri = URI.test(query) && query.includes('.');
    if (!isUri && !CODE.test(query)) return { query, status: 'invalid', ...none };
    const hit = isUri
      ? found.get(`uri:${query}`)
      : found.get(`code:${normaliseVerificationCode(query)}`);
    return hit ? { query, ...hit } : { query, status: 'not-found', ...none };
  });
}

/**
 * The codes of a CSV a verifier uploads: the column named `code` (or `verification_code`,
 * `uri`), else the first column; a header row is optional. Refuses what is not such a file.
 */
export function codesFromCsv(text: string): string[] {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), {
    skipEmptyLines: 'greedy',
  });
  if (parsed.errors.some((e) => e.type === 'Quotes'))
    throw new InvalidError('The file is not a readable CSV: a quote is never closed');
  const rows = parsed.data;
  if (rows.length === 0) throw new InvalidError('The file has no codes');
  const head = rows[0]!.map((h) => h.trim().toLowerCase());
  const named = head.findIndex((h) => ['code', 'verification_code', 'uri'].includes(h));
  const column = named >= 0 ? named : 0;
  const body = named >= 0 || !CODE.test(rows[0]![0]?.trim() ?? '') ? rows.slice(1) : rows;
  const codes = body.map((r) => (r[column] ?? '').trim()).filter((c) => c !== '');
  if (codes.length === 0) throw new InvalidError('The file has no codes');
  if (codes.length > BULK_STATUS_MAX)
    throw new TooLargeError(
      `At most ${BULK_STATUS_MAX.toLocaleString('en-IN')} codes in one file; this one has ${codes.length.toLocaleString('en-IN')}`,
    );
  return codes;
}

/** The answer as CSV, safe to open in a spreadsheet. */
export function bulkStatusCsv(rows: readonly BulkStatusRow[]): string {
  const header = ['query', 'status', 'verification_code', 'uri', 'number', 'issue_date', 'issuer'];
  return Papa.unparse(
    [
      header,
      ...rows.map((r) =>
        [r.query, r.status, r.verificationCode, r.uri, r.number, r.issueDate, r.issuerCode].map(
          (v) => neutraliseCell(v ?? ''),
        ),
      ),
    ],
    { newline: '\r\n' },
  );
}
