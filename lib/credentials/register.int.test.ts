import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { closeDb } from '@/db/client';
import { actAs } from '@/tests/acting-user';
import { createIssuer, createPerson, skillCertificate } from '@/tests/fixtures';
import { testDb } from '@/tests/helpers';
import { changeCertificateStatus, issueCertificates, reissueCertificate } from './issue';
import { ensureIssuerKeys } from './keys';
import {
  REGISTER_CSV_HEADER,
  REGISTER_PAGE_SIZE,
  listRegister,
  registerCsvStream,
} from './register';

// The institution's certificate register: every certificate, counted and paged, searchable, and
// as a CSV that is safe to open in a spreadsheet; never another institution's.
const jar = vi.hoisted(() => new Map<string, string>());
vi.mock('next/headers', () => ({
  cookies: async () => ({
    get: (name: string) => (jar.has(name) ? { name, value: jar.get(name)! } : undefined),
  }),
}));
const { GET } = await import('@/app/api/institution/certificates.csv/route');

const { db, sql: pool } = testDb();
let mine: { id: string };
let theirs: { id: string };
let issued: Awaited<ReturnType<typeof issueCertificates>>;
const COUNT = REGISTER_PAGE_SIZE + 12;

beforeAll(async () => {
  mine = await createIssuer(db, 'Register Institute');
  theirs = await createIssuer(db, 'Another Institute');
  await ensureIssuerKeys(db, mine.id);
  await ensureIssuerKeys(db, theirs.id);
  issued = await issueCertificates(
    db,
    mine.id,
    Array.from({ length: COUNT }, (_, i) =>
      skillCertificate({
        number: `REG/2026/${String(i + 1).padStart(4, '0')}`,
        recipient: {
          name: i === 0 ? '=HYPERLINK("http://evil.example","Click")' : `Learner ${i + 1}`,
          dob: '2001-05-14',
          gender: 'F',
          mobile: '9876543210',
          uidMasked: 'XXXXXXXX2346',
        },
      }),
    ),
  );
  await issueCertificates(db, theirs.id, [skillCertificate({ number: 'REG/2026/9999' })]);
});
afterAll(async () => {
  await closeDb();
  await pool.end();
});

/** The bytes as text, keeping the BOM (Response.text() would drop it). */
async function readStream(stream: ReadableStream<Uint8Array>): Promise<string> {
  const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
}

describe('the certificate register', () => {
  it('has every certificate, counted, a page at a time in number order', async () => {
    const first = await listRegister(db, { issuerOrgId: mine.id, page: 1 });
    expect(first).toMatchObject({ total: COUNT, matching: COUNT, page: 1, pages: 2 });
    expect(first.rows).toHaveLength(REGISTER_PAGE_SIZE);
    expect(first.rows[0]!.number).toBe('REG/2026/0001');
    const second = await listRegister(db, { issuerOrgId: mine.id, page: 2 });
    expect(second.rows.map((r) => r.number)).toEqual(
      Array.from(
        { length: 12 },
        (_, i) => `REG/2026/${String(REGISTER_PAGE_SIZE + i + 1).padStart(4, '0')}`,
      ),
    );
    // A page past the end shows the last one.
    expect((await listRegister(db, { issuerOrgId: mine.id, page: 99 })).page).toBe(2);
  });

  it('finds by number or name, and says how many of all match', async () => {
    const byNumber = await listRegister(db, { issuerOrgId: mine.id, q: '2026/0007', page: 1 });
    expect(byNumber).toMatchObject({ matching: 1, total: COUNT });
    expect(byNumber.rows.map((r) => r.number)).toEqual(['REG/2026/0007']);
    const byName = await listRegister(db, { issuerOrgId: mine.id, q: 'learner 1', page: 1 });
    expect(byName.matching).toBe(10); // Learner 10 to 19
    // Another institution's certificate is not in this register, even by its exact number.
    expect(
      (await listRegister(db, { issuerOrgId: mine.id, q: 'REG/2026/9999', page: 1 })).matching,
    ).toBe(0);
  });

  it('shows each version with its live status', async () => {
    await reissueCertificate(db, mine.id, issued[1]!, skillCertificate());
    await changeCertificateStatus(
      db,
      { issuerOrgId: mine.id, certificateId: issued[2]!.id },
      { status: 'revoked', reason: 'Issued in error' },
    );
    const two = await listRegister(db, { issuerOrgId: mine.id, q: '2026/0002', page: 1 });
    expect(two.rows.map((r) => [r.version, r.live])).toEqual([
      [1, 'superseded'],
      [2, 'valid'],
    ]);
    expect(
      (await listRegister(db, { issuerOrgId: mine.id, q: '2026/0003', page: 1 })).rows[0]!.live,
    ).toBe('revoked');
  });
});

describe('the register as CSV', () => {
  it('streams every certificate in batches, formula-safe, with Aadhaar masked', async () => {
    const text = await readStream(registerCsvStream(db, { issuerOrgId: mine.id }, 7));
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text).toContain('\r\n');
    const { data } = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true });
    expect(data[0]).toEqual(REGISTER_CSV_HEADER);
    const rows = data.slice(1);
    expect(rows).toHaveLength(COUNT + 1); // and the second version of 0002
    const col = (name: string) => REGISTER_CSV_HEADER.indexOf(name);
    expect(rows.map((r) => r[col('CERT_NO')])).toEqual(
      [...rows.map((r) => r[col('CERT_NO')]!)].sort(),
    );
    // The name that was a formula is text in a spreadsheet.
    expect(rows[0]![col('CNAME')]).toBe(`'=HYPERLINK("http://evil.example","Click")`);
    expect(rows.every((r) => r[col('AADHAAR_NO')] === 'XXXX XXXX 2346')).toBe(true);
    expect(text).not.toMatch(/\d{12}/);
    expect(
      rows.filter((r) => r[col('STATUS')] === 'revoked').map((r) => r[col('CERT_NO')]),
    ).toEqual(['REG/2026/0003']);
    expect(text).not.toContain('REG/2026/9999');
  });

  it('streams only what matches the search', async () => {
    const text = await readStream(registerCsvStream(db, { issuerOrgId: mine.id, q: '0002' }, 1));
    const { data } = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true });
    expect(data.slice(1).map((r) => [r[0], r[1]])).toEqual([
      ['REG/2026/0002', '1'],
      ['REG/2026/0002', '2'],
    ]);
  });

  it('is downloaded for the institution the person acts for, and only by its staff', async () => {
    const operator = await createPerson(db, [
      { role: 'institution_operator', orgId: theirs.id },
      { role: 'institution_operator', orgId: mine.id },
    ]);
    actAs(operator.id);
    jar.set('sanad_institution', theirs.id);
    let res = await GET(new Request('http://x/api/institution/certificates.csv'), {
      params: Promise.resolve({}),
    });
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename=certificate-register-\d{4}-\d{2}-\d{2}\.csv$/,
    );
    let text = await readStream(res.body!);
    expect(text).toContain('REG/2026/9999');
    expect(text).not.toContain('REG/2026/0001');

    jar.set('sanad_institution', mine.id);
    res = await GET(new Request('http://x/api/institution/certificates.csv?q=0001'), {
      params: Promise.resolve({}),
    });
    text = await readStream(res.body!);
    expect(text).toContain('REG/2026/0001');
    expect(text).not.toContain('REG/2026/9999');

    const citizen = await createPerson(db);
    actAs(citizen.id);
    res = await GET(new Request('http://x/api/institution/certificates.csv'), {
      params: Promise.resolve({}),
    });
    expect(res.status).toBe(403);
    actAs(null);
    res = await GET(new Request('http://x/api/institution/certificates.csv'), {
      params: Promise.resolve({}),
    });
    expect(res.status).toBe(401);
  });
});
