import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  aadhaarVault,
  certificateRenditions,
  certificates,
  memberships,
  organisations,
  outbox,
  recordRows,
  recordUploads,
  users,
} from '@/db/schema';
import { pgArray } from '@/db/client';
import { ensureIssuerKeys } from '@/lib/credentials/keys';
import { getRendition } from '@/lib/credentials/renditions';
import { issueCertificate } from '@/lib/credentials/issue';
import { recordSignatureValid } from '@/lib/credentials/verify-record';
import { createIssuer, skillCertificate } from '@/tests/fixtures';
import { testDb, uniqueMobile } from '@/tests/helpers';
import Papa from 'papaparse';
import { removeOldUploadFiles } from '@/lib/maintenance/upload-files';
import { storedSize } from '@/lib/storage';
import { requestSignInCode, verifySignInCode } from '@/lib/auth/otp';
import { toCsv } from './export-csv';
import { receiveUpload } from './intake';
import { requestPublish, runPublish } from './publish';
import { reportCsv } from './report';
import { generateAwardRows, sampleHeader } from './sample';
import { validateUpload } from './validate-upload';
import { validationThread, type ValidationThread } from './validation-thread';

// Upload → validate → publish against real PostgreSQL.

const { db, sql: pool } = testDb();
let issuer: { id: string; code: string; name: string };
let operatorId: string;
let tmp: string;

const HEADER = [
  'OPERATION',
  'CERT_NO',
  'ACADEMIC_COURSE_ID',
  'COURSE_NAME',
  'REGN_NO',
  'RROLL',
  'CNAME',
  'DOB',
  'GENDER',
  'MOBILE',
  'AADHAAR_NO',
  'JOB_ROLE',
  'REMARKS',
];

type Rec = Partial<Record<(typeof HEADER)[number], string>>;

function row(r: Rec): string[] {
  return HEADER.map((h) => r[h] ?? '');
}

function base(certNo: string, extra: Rec = {}): Rec {
  return {
    OPERATION: 'ADD',
    CERT_NO: certNo,
    ACADEMIC_COURSE_ID: 'ELE-Q4601',
    COURSE_NAME: 'Assistant Electrician',
    REGN_NO: `REG-${certNo}`,
    RROLL: `R-${certNo}`,
    CNAME: 'Meena Kumari',
    DOB: '14-08-2004',
    GENDER: 'F',
    JOB_ROLE: 'Assistant Electrician',
    ...extra,
  };
}

async function upload(rows: string[][], name = 'awards.csv', raw?: Buffer, orgId = issuer.id) {
  // Written as an exporter would: no formula escaping (that is for files we hand out).
  const body = raw ?? Buffer.from(Papa.unparse([HEADER, ...rows]));
  return receiveUpload(db, {
    orgId,
    userId: operatorId,
    fileName: name,
    body: Readable.from([body]),
  });
}

async function uploaded(id: string) {
  const [u] = await db.select().from(recordUploads).where(eq(recordUploads.id, id));
  if (u!.status === 'validated') {
    // Validation tallies its counts in memory: they must match the rows as stored.
    const [c] = (await db.execute(sql`
      select count(*)::int as "rowCount",
        count(*) filter (where outcome = 'accepted')::int as "acceptedCount",
        count(*) filter (where outcome = 'rejected')::int as "rejectedCount",
        count(*) filter (where change = 'new')::int as "newCount",
        count(*) filter (where change = 'changed')::int as "changedCount",
        count(*) filter (where change = 'deleted')::int as "deletedCount",
        count(*) filter (where change = 'unchanged')::int as "unchangedCount"
      from record_rows where upload_id = ${id}`)) as unknown as Record<string, number>[];
    expect(u).toMatchObject(c!);
  }
  return u!;
}

/**
 * An upload's rows, each with the certificate published from it (null fields while unpublished,
 * and for a DELETE row) and whether it is published (at or before the upload's resume point).
 */
async function rowsOf(id: string) {
  const rows = await db
    .select({ row: recordRows, cert: certificates, through: recordUploads.publishedThroughRow })
    .from(recordRows)
    .innerJoin(recordUploads, eq(recordUploads.id, recordRows.uploadId))
    .leftJoin(
      certificates,
      and(
        eq(certificates.sourceUploadId, recordRows.uploadId),
        eq(certificates.sourceRowNo, recordRows.rowNo),
      ),
    )
    .where(eq(recordRows.uploadId, id))
    .orderBy(recordRows.rowNo);
  return rows.map(({ row, cert, through }) => ({
    ...row,
    certificateId: cert?.id ?? null,
    linkedUserId: cert?.lockerUserId ?? null,
    published: row.outcome === 'accepted' && row.change !== 'unchanged' && row.rowNo <= through,
  }));
}

/**
 * The sign-in SMS that publishing queued for these numbers: one entry per number and bulk
 * message that holds it (a chunk's new accounts share one bulk message).
 */
/** The bulk SMS of a kind (the sign-in SMS of new accounts, by default) to these numbers. */
async function accountSms(mobiles: string[], template = 'records.account_created') {
  const messages = await db
    .select()
    .from(outbox)
    .where(
      and(eq(outbox.template, template), sql`${outbox.recipients} && ${pgArray(mobiles)}::text[]`),
    );
  return messages.flatMap((m) =>
    m.recipients!.filter((to) => mobiles.includes(to)).map((to) => ({ to, message: m })),
  );
}

async function publish(id: string, templateKey = 'classic') {
  await requestPublish(db, {
    orgId: issuer.id,
    uploadId: id,
    actorUserId: operatorId,
    templateKey,
  });
  return runPublish(db, id);
}

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sanad-records-'));
  process.env.STORAGE_DIR = tmp;
  issuer = await createIssuer(db, 'Pipeline Skills Institute');
  await ensureIssuerKeys(db, issuer.id);
  const [u] = await db
    .insert(users)
    .values({ name: 'Operator', mobile: uniqueMobile() })
    .returning();
  operatorId = u!.id;
});
afterAll(async () => {
  fs.rmSync(tmp, { recursive: true, force: true });
  await pool.end();
});

describe('validation', () => {
  it('gives every row a result with every reason, and keeps Aadhaar out of the rows', async () => {
    const { id, duplicate } = await upload([
      row(base('V-1', { MOBILE: '9812345678', AADHAAR_NO: '2341 2341 2346' })),
      row(base('V-2', { DOB: '31-02-2004', GENDER: 'X', MOBILE: '12345' })),
      row(base('V-3', { CNAME: '', AADHAAR_NO: '234123412347' })),
      row(base('V-4', { REMARKS: '=HYPERLINK("http://evil","x")' })),
      row(base('V-4')),
    ]);
    expect(duplicate).toBe(false);
    expect(await validateUpload(db, id)).toBe('validated');
    const u = await uploaded(id);
    expect(u).toMatchObject({
      status: 'validated',
      rowCount: 5,
      acceptedCount: 1,
      rejectedCount: 4,
    });
    const rows = await rowsOf(id);
    expect(rows.map((r) => r.rowNo)).toEqual([2, 3, 4, 5, 6]);
    expect(rows[0]).toMatchObject({ outcome: 'accepted', change: 'new' });
    expect(rows[0]!.aadhaarVaultId).toBeTruthy();
    expect(rows[1]!.errors.map((e) => e.column).sort()).toEqual(['DOB', 'GENDER', 'MOBILE']);
    expect(rows[2]!.errors.map((e) => e.code).sort()).toEqual(['aadhaarChecksum', 'required']);
    expect(rows[3]!.errors.map((e) => e.code)).toEqual(['duplicateInFile']);
    expect(rows[3]!.fields.REMARKS).toBe('=HYPERLINK("http://evil","x")');
    expect(rows[4]!.errors.map((e) => e.code)).toEqual(['duplicateInFile']);
    const stored = JSON.stringify(rows);
    expect(stored).not.toContain('234123412346');
    expect(stored).not.toContain('2341 2341 2346');
    expect(stored).not.toContain('234123412347');
    const [vault] = await db
      .select()
      .from(aadhaarVault)
      .where(eq(aadhaarVault.id, rows[0]!.aadhaarVaultId!));
    expect(vault!.last4).toBe('2346');
    expect(vault!.sealed).not.toContain('2346');
  });

  it('recognises the same file uploaded twice', async () => {
    const rows = [row(base('D-1'))];
    const first = await upload(rows);
    const second = await upload(rows, 'again.csv');
    expect(second).toEqual({ id: first.id, duplicate: true });
  });

  it.each([
    ['a PDF renamed .csv', Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj'), 'pdf'],
    ['an xlsx', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 6, 0]), 'spreadsheet'],
    ['an unclosed quote', Buffer.from(`${HEADER.join(',')}\nADD,"X-1,unclosed\n`), 'unclosedQuote'],
    ['duplicate headers', Buffer.from('CERT_NO,CERT_NO,CNAME\n1,2,3\n'), 'duplicateHeaders'],
    ['missing headers', Buffer.from('CERT_NO,CNAME\nX,Y\n'), 'missingHeaders'],
    ['only a header', Buffer.from(`${HEADER.join(',')}\n`), 'noRows'],
  ])('refuses %s as a whole', async (_name, raw, code) => {
    const { id } = await upload([], `${code}.csv`, raw);
    expect(await validateUpload(db, id)).toBe('failed');
    const u = await uploaded(id);
    expect(u.status).toBe('failed');
    expect(u.failure?.code).toBe(code);
    expect(await rowsOf(id)).toHaveLength(0);
  });

  it('refuses an empty body, a file over the size limit, and too many rows', async () => {
    await expect(upload([], 'empty.csv', Buffer.alloc(0))).rejects.toThrow(/empty/);
    // The refused empty file is not left behind in storage.
    const emptyKey = `records/${issuer.id}/${createHash('sha256').update('').digest('hex')}.csv`;
    expect(await storedSize(emptyKey)).toBeNull();
    process.env.RECORDS_MAX_BYTES = '100';
    try {
      const big = upload([], 'big.csv', Buffer.alloc(101, 65));
      await expect(big).rejects.toThrow(/larger than/);
      await expect(big).rejects.toMatchObject({ status: 413, key: 'tooLarge' });
    } finally {
      delete process.env.RECORDS_MAX_BYTES;
    }
    process.env.RECORDS_MAX_ROWS = '2';
    try {
      const { id } = await upload([row(base('L-1')), row(base('L-2')), row(base('L-3'))]);
      expect(await validateUpload(db, id)).toBe('failed');
      expect((await uploaded(id)).failure).toEqual({ code: 'tooManyRows', values: { max: 2 } });
    } finally {
      delete process.env.RECORDS_MAX_ROWS;
    }
  });

  it('refuses uploads from an institution that is not active', async () => {
    const pending = await createIssuer(db, 'Pending Institute');
    await db
      .update(organisations)
      .set({ status: 'pending' })
      .where(eq(organisations.id, pending.id));
    await expect(
      receiveUpload(db, {
        orgId: pending.id,
        userId: operatorId,
        fileName: 'x.csv',
        body: Readable.from([Buffer.from('CERT_NO\n1\n')]),
      }),
    ).rejects.toThrow(/active institution/);
  });

  it('reads UTF-16 and BOM files', async () => {
    const text = toCsv([HEADER, row(base('U-1', { CNAME: 'आशा शर्मा' }))]);
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.from(le);
    be.swap16();
    const bom = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from(text.replace('U-1', 'U-2')),
    ]);
    for (const [raw, cert] of [
      [le, 'U-1'],
      [
        Buffer.concat([
          be.subarray(0, 2),
          Buffer.from(text.replace('U-1', 'U-3'), 'utf16le').swap16(),
        ]),
        'U-3',
      ],
      [bom, 'U-2'],
    ] as const) {
      const { id } = await upload([], `${cert}.csv`, raw);
      expect(await validateUpload(db, id)).toBe('validated');
      const [r] = await rowsOf(id);
      expect(r).toMatchObject({
        certNo: cert,
        outcome: 'accepted',
        recipientName: 'आशा शर्मा',
      });
    }
  });
});

describe('publishing and linking', () => {
  it('publishes ADD, links by mobile, creates accounts, and sends the sign-in SMS', async () => {
    const existingMobile = uniqueMobile();
    const [existing] = await db
      .insert(users)
      .values({ name: 'RAVI  kumar.', mobile: existingMobile, dob: '2003-01-02', gender: 'M' })
      .returning();
    const newMobile = uniqueMobile();
    const { id } = await upload([
      row(
        base('P-1', {
          CNAME: 'Ravi Kumar',
          DOB: '02-01-2003',
          GENDER: 'M',
          MOBILE: existingMobile,
        }),
      ),
      row(base('P-2', { CNAME: 'Sita Devi', MOBILE: newMobile })),
      row(base('P-3', { CNAME: 'Nobody Known' })),
      row(base('P-4', { CNAME: 'Someone Else', DOB: '01-01-2000', MOBILE: existingMobile })),
    ]);
    await validateUpload(db, id);
    expect(await publish(id)).toBe('published');
    const u = await uploaded(id);
    expect(u).toMatchObject({
      status: 'published',
      publishedRows: 4,
      accountsCreated: 1,
      linkedCount: 2,
    });
    const rows = await rowsOf(id);
    expect(rows.every((r) => r.certificateId && r.published)).toBe(true);
    expect(rows[0]!.linkedUserId).toBe(existing!.id);
    expect(rows[2]!.linkedUserId).toBeNull();
    expect(rows[3]!.linkedUserId).toBeNull(); // the mobile belongs to someone else
    const [created] = await db.select().from(users).where(eq(users.mobile, newMobile));
    expect(created).toMatchObject({ name: 'Sita Devi', dob: '2004-08-14', gender: 'F' });
    expect(rows[1]!.linkedUserId).toBe(created!.id);
    const roles = await db.select().from(memberships).where(eq(memberships.userId, created!.id));
    expect(roles.map((m) => m.role)).toEqual(['citizen']);
    const sms = await accountSms([newMobile]);
    expect(sms).toHaveLength(1);
    expect(sms[0]!.message).toMatchObject({ channel: 'sms', recipient: null, status: 'pending' });
    expect(sms[0]!.message.body).toContain('https://sanad.test/sign-in');
    // The holder of the existing account is told an award reached their locker; nobody else is.
    const notices = await accountSms([existingMobile, newMobile], 'records.award_linked');
    expect(notices.map((n) => n.to)).toEqual([existingMobile]);
    expect(notices[0]!.message.recipients).toEqual([existingMobile]);
    expect(notices[0]!.message.body).toMatch(/has published a certificate to your Sanad locker/);
    expect(notices[0]!.message.body).toMatch(/सनद लॉकर/);
    const [cert] = await db
      .select()
      .from(certificates)
      .where(eq(certificates.id, rows[1]!.certificateId!));
    expect(cert).toMatchObject({
      number: 'P-2',
      lockerUserId: created!.id,
      status: 'active',
      version: 1,
    });
    expect(cert!.uri.startsWith(`${issuer.code}-SKCER-`)).toBe(true);
  });

  it('links by Aadhaar + name + DOB + gender before mobile', async () => {
    const { id: first } = await upload([
      row(base('A-1', { CNAME: 'Kavita Rao', AADHAAR_NO: '234123412346', MOBILE: uniqueMobile() })),
    ]);
    await validateUpload(db, first);
    await publish(first);
    const [r1] = await rowsOf(first);
    // A second award with the same Aadhaar and no mobile reaches the same locker.
    const { id: second } = await upload([
      row(base('A-2', { CNAME: 'KAVITA  RAO', AADHAAR_NO: '234123412346' })),
    ]);
    await validateUpload(db, second);
    await publish(second);
    const [r2] = await rowsOf(second);
    expect(r2!.linkedUserId).toBe(r1!.linkedUserId);
    const [u] = await db.select().from(users).where(eq(users.id, r1!.linkedUserId!));
    expect(u!.aadhaarVaultId).toBe(r1!.aadhaarVaultId);
  });

  it('creates an account from Aadhaar alone, and leaves a row with neither unlinked', async () => {
    const { id } = await upload([
      row(base('N-1', { CNAME: 'Lalita Bai', AADHAAR_NO: '499118665246' })),
      row(base('N-2', { CNAME: 'No Contact' })),
    ]);
    await validateUpload(db, id);
    expect(await publish(id)).toBe('published');
    const [r1, r2] = await rowsOf(id);
    expect(r1!.linkedUserId).toBeTruthy();
    const [u] = await db.select().from(users).where(eq(users.id, r1!.linkedUserId!));
    expect(u).toMatchObject({
      name: 'Lalita Bai',
      mobile: null,
      aadhaarVaultId: r1!.aadhaarVaultId,
    });
    expect(r2!.linkedUserId).toBeNull();
    const [cert] = await db
      .select()
      .from(certificates)
      .where(eq(certificates.id, r1!.certificateId!));
    expect(cert!.recipientUidMasked).toBe('XXXXXXXX5246');
  });

  it("keeps a row's EMAIL on the certificate as a contact, never as a way into the locker", async () => {
    const email = `holder.${uniqueMobile()}@example.org`;
    const header = [...HEADER, 'EMAIL'];
    const withEmail = (r: Rec) => header.map((h) => ({ ...r, EMAIL: email })[h] ?? '');
    const raw = Buffer.from(
      Papa.unparse([
        header,
        withEmail(base('M-1', { CNAME: 'Mail One', MOBILE: uniqueMobile() })),
        withEmail(base('M-2', { CNAME: 'Mail Two', MOBILE: uniqueMobile() })),
      ]),
    );
    const { id } = await upload([], 'emails.csv', raw);
    await validateUpload(db, id);
    expect(await publish(id)).toBe('published');
    const rows = await rowsOf(id);
    const holders = await db
      .select()
      .from(users)
      .where(
        inArray(
          users.id,
          rows.map((r) => r.linkedUserId!),
        ),
      );
    expect(holders).toHaveLength(2);
    expect(holders.every((u) => u.email === null && u.emailVerifiedAt === null)).toBe(true);
    const certs = await db
      .select({ email: certificates.recipientEmail })
      .from(certificates)
      .where(
        inArray(
          certificates.id,
          rows.map((r) => r.certificateId!),
        ),
      );
    expect(certs.map((c) => c.email)).toEqual([email, email]);
    // Whoever owns the address signs in to a locker of their own, empty of these awards.
    await requestSignInCode(db, { identifier: email, ip: '10.9.9.9' });
    const [msg] = await db.select().from(outbox).where(eq(outbox.recipient, email));
    const { userId } = await verifySignInCode(db, {
      identifier: email,
      code: /\b(\d{6})\b/.exec(msg!.body)![1]!,
      ip: '10.9.9.9',
    });
    expect(holders.map((u) => u.id)).not.toContain(userId);
    const mine = await db.select().from(certificates).where(eq(certificates.lockerUserId, userId));
    expect(mine).toEqual([]);
  });

  it('UPDATE supersedes with a new version, unchanged rows are skipped, DELETE revokes', async () => {
    const mobile = uniqueMobile();
    const { id } = await upload([
      row(base('C-1', { MOBILE: mobile })),
      row(base('C-2', { MOBILE: mobile })),
      row(base('C-3')),
    ]);
    await validateUpload(db, id);
    await publish(id);
    const before = await rowsOf(id);
    // The XML and PDF as a partner or the holder fetched them: cached, saying "active".
    const [c1, c2, c3] = before.map((r) => r.certificateId!);
    const xmlStatus = async (certificateId: string) =>
      /<Certificate [^>]*status="([A-Z])"/.exec(
        (await getRendition(db, certificateId, 'xml')).toString('utf8'),
      )?.[1];
    const cached = async (ids: string[]) =>
      (
        await db
          .select({ id: certificateRenditions.certificateId, kind: certificateRenditions.kind })
          .from(certificateRenditions)
          .where(inArray(certificateRenditions.certificateId, ids))
      )
        .map((r) => `${ids.indexOf(r.id) + 1}:${r.kind}`)
        .sort();
    for (const c of [c1!, c2!, c3!]) {
      expect(await xmlStatus(c)).toBe('A');
      await getRendition(db, c, 'pdf');
    }
    expect(await cached([c1!, c2!, c3!])).toEqual([
      '1:pdf',
      '1:xml',
      '2:pdf',
      '2:xml',
      '3:pdf',
      '3:xml',
    ]);

    const { id: fix } = await upload([
      row(base('C-1', { OPERATION: 'U', MOBILE: mobile, JOB_ROLE: 'Senior Electrician' })),
      row(base('C-2', { OPERATION: 'UPDATE', MOBILE: mobile })),
      row(base('C-3', { OPERATION: 'D' })),
      row(base('C-9', { OPERATION: 'UPDATE' })),
      row(base('C-1', { OPERATION: 'ADD', CERT_NO: 'C-1x' })),
    ]);
    await validateUpload(db, fix);
    const u = await uploaded(fix);
    expect(u).toMatchObject({
      changedCount: 1,
      unchangedCount: 1,
      deletedCount: 1,
      newCount: 1,
      rejectedCount: 1,
    });
    const rows = await rowsOf(fix);
    expect(rows[0]!.changedFields).toEqual(['JOB_ROLE']);
    expect(rows[3]!.errors.map((e) => e.code)).toEqual(['notPublished']);
    expect(await publish(fix, 'modern')).toBe('published');

    const after = await rowsOf(fix);
    const [old] = await db
      .select()
      .from(certificates)
      .where(eq(certificates.id, before[0]!.certificateId!));
    const [next] = await db
      .select()
      .from(certificates)
      .where(eq(certificates.id, after[0]!.certificateId!));
    expect(old).toMatchObject({ status: 'superseded', supersededById: next!.id });
    expect(next).toMatchObject({
      version: 2,
      supersedesId: old!.id,
      status: 'active',
      templateKey: 'modern',
    });
    expect((next!.data as { jobRole?: string }).jobRole).toBe('Senior Electrician');
    expect(after[1]!.certificateId).toBeNull();
    const [unchanged] = await db
      .select()
      .from(certificates)
      .where(eq(certificates.id, before[1]!.certificateId!));
    expect(unchanged!.status).toBe('active');
    const [deleted] = await db
      .select()
      .from(certificates)
      .where(eq(certificates.id, before[2]!.certificateId!));
    expect(deleted!.status).toBe('revoked');
    expect(deleted!.statusReason).toBe('Deleted by the issuer (upload awards.csv)');
    expect(deleted!.statusChangedAt).toBeInstanceOf(Date);
    // The cached renditions of the revoked and the superseded certificate are dropped, so no
    // partner or holder is handed a stored XML or PDF that still says "active"; made again,
    // they say revoked. The unchanged certificate keeps its own.
    expect(await cached([c1!, c2!, c3!])).toEqual(['2:pdf', '2:xml']);
    expect(await xmlStatus(c3!)).toBe('R');
    expect(await xmlStatus(c1!)).toBe('R');
    expect(await xmlStatus(c2!)).toBe('A');

    // ADD of a published number, and UPDATE of a revoked one, are row errors next time.
    const { id: again } = await upload([
      row(base('C-1', { JOB_ROLE: 'x' })),
      row(base('C-3', { OPERATION: 'UPDATE', REMARKS: 'x' })),
    ]);
    await validateUpload(db, again);
    const rows3 = await rowsOf(again);
    expect(rows3.map((r) => r.errors.map((e) => e.code))).toEqual([
      ['alreadyPublished'],
      ['notActive'],
    ]);
  });

  it('reports where a publish stopped and resumes without duplicates', async () => {
    const rows = Array.from({ length: 2500 }, (_, i) => row(base(`R-${i}`)));
    const { id } = await upload(rows);
    await validateUpload(db, id);
    // A certificate issued elsewhere with the number of row 2,200 makes the second chunk fail.
    const blocker = await issueCertificate(db, issuer.id, skillCertificate({ number: 'R-2198' }));
    expect(await publish(id)).toBe('publish_failed');
    const stopped = await uploaded(id);
    expect(stopped.publishedRows).toBe(2000);
    expect(stopped.publishFailure).toEqual({
      code: 'issuedMeanwhile',
      at: { from: 2002, to: 2501, published: 2000 },
    });
    await db.delete(certificates).where(eq(certificates.id, blocker.id));
    expect(await publish(id)).toBe('published');
    expect(await runPublish(db, id)).toBe('skipped');
    const certs = await db
      .select({ number: certificates.number })
      .from(certificates)
      .where(eq(certificates.issuerOrgId, issuer.id));
    const numbers = certs.map((c) => c.number).filter((n) => n.startsWith('R-'));
    expect(numbers).toHaveLength(2500);
    expect(new Set(numbers).size).toBe(2500);
    expect((await uploaded(id)).publishedRows).toBe(2500);
  });
});

describe('publishing in bulk', () => {
  async function uploadSample(rows: string[][], name: string) {
    const body = Buffer.from(Papa.unparse([sampleHeader(), ...rows]));
    return receiveUpload(db, {
      orgId: issuer.id,
      userId: operatorId,
      fileName: name,
      body: Readable.from([body]),
    });
  }

  async function certificatesOf(uploadId: string) {
    const rows = await rowsOf(uploadId);
    const certs = await db
      .select()
      .from(certificates)
      .where(
        inArray(
          certificates.id,
          rows.map((r) => r.certificateId!),
        ),
      );
    return { rows, byId: new Map(certs.map((c) => [c.id, c])) };
  }

  it('signs every certificate verifiably, links across chunks and numbers the status list in order', async () => {
    const header = sampleHeader();
    const col = (name: string) => header.indexOf(name);
    const rows = generateAwardRows({
      count: 2300,
      seed: 7,
      certPrefix: 'BULK/',
      withMobile: 0.9,
      withAadhaar: 0.5,
    });
    // The same person twice, in the first chunk and in the second: one account, both linked.
    for (const c of ['CNAME', 'DOB', 'GENDER', 'MOBILE']) rows[2100]![col(c)] = rows[10]![col(c)]!;
    rows[2100]![col('AADHAAR_NO')] = '';
    rows[10]![col('MOBILE')] ||= '9876501234';
    rows[2100]![col('MOBILE')] = rows[10]![col('MOBILE')]!;
    // Text that needs escaping on its way to PostgreSQL.
    rows[3]![col('CNAME')] = `Anna D'Souza "Annie"`;
    rows[4]![col('TRAINING_CENTRE')] = 'Back\\slash, {braces} "quoted" NULL';
    const { id } = await uploadSample(rows, 'bulk.csv');
    expect(await validateUpload(db, id)).toBe('validated');
    const [{ before }] = (await pool`
      select coalesce(max(status_index), -1) as before from certificates
      where issuer_org_id = ${issuer.id}`) as unknown as [{ before: number }];
    expect(await publish(id)).toBe('published');

    const u = await uploaded(id);
    const { rows: published, byId } = await certificatesOf(id);
    expect(u.publishedRows).toBe(2300);
    expect(published.every((r) => r.published && r.certificateId)).toBe(true);
    expect(byId.size).toBe(2300);
    // Signatures verify against the stored rows.
    for (const c of byId.values())
      expect(await recordSignatureValid(db, c, issuer.code), c.number).toBe(true);
    // The recipient's locker is the row's linked account; the counters agree with the rows.
    for (const r of published)
      expect(byId.get(r.certificateId!)!.lockerUserId).toBe(r.linkedUserId);
    const linked = published.filter((r) => r.linkedUserId);
    expect(u.linkedCount).toBe(linked.length);
    expect(published[2100]!.linkedUserId).toBeTruthy();
    expect(published[2100]!.linkedUserId).toBe(published[10]!.linkedUserId);
    const accounts = new Set(linked.map((r) => r.linkedUserId!));
    expect(u.accountsCreated).toBe(accounts.size);
    const roles = await db
      .select({ userId: memberships.userId })
      .from(memberships)
      .where(and(inArray(memberships.userId, [...accounts]), eq(memberships.role, 'citizen')));
    expect(roles).toHaveLength(accounts.size);
    const mobiles = (
      await db
        .select({ mobile: users.mobile })
        .from(users)
        .where(inArray(users.id, [...accounts]))
    )
      .map((x) => x.mobile)
      .filter((m): m is string => m !== null);
    // The sign-in SMS goes to each new account that has a mobile (some have Aadhaar only).
    const sms = await accountSms(mobiles);
    expect(mobiles.length).toBeGreaterThan(1000);
    expect(sms.map((m) => m.to).sort()).toEqual([...mobiles].sort());
    // The summary counts exactly those.
    expect(u).toMatchObject({ issuedCount: 2300, signInSmsCount: sms.length });
    // One bulk message per chunk, not one row per account.
    expect(new Set(sms.map((m) => m.message.id)).size).toBeLessThan(10);
    // Status-list positions: one each, in row order, right after the issuer's previous ones.
    const positions = published.map((r) => byId.get(r.certificateId!)!.statusIndex);
    expect(positions).toEqual(published.map((_, i) => Number(before) + 1 + i));
    // What was stored is what the file said.
    const anna = byId.get(published[3]!.certificateId!)!;
    expect(anna.recipientName).toBe(`Anna D'Souza "Annie"`);
    expect(
      (byId.get(published[4]!.certificateId!)!.data as { trainingCentre?: string }).trainingCentre,
    ).toBe('Back\\slash, {braces} "quoted" NULL');
  });

  it('corrections verify too, and name the version they replace', async () => {
    const mobile = uniqueMobile();
    const { id } = await upload([row(base('S-1', { MOBILE: mobile })), row(base('S-2'))]);
    await validateUpload(db, id);
    await publish(id);
    const { id: fix } = await upload([
      row(base('S-1', { OPERATION: 'UPDATE', MOBILE: mobile, JOB_ROLE: 'Wireman' })),
      row(base('S-2', { OPERATION: 'DELETE' })),
    ]);
    await validateUpload(db, fix);
    expect(await publish(fix)).toBe('published');
    const [corrected] = await rowsOf(fix);
    const [next] = await db
      .select()
      .from(certificates)
      .where(eq(certificates.id, corrected!.certificateId!));
    expect(next).toMatchObject({
      version: 2,
      status: 'active',
      lockerUserId: corrected!.linkedUserId,
    });
    expect(corrected!.linkedUserId).toBeTruthy();
    expect(await recordSignatureValid(db, next!, issuer.code)).toBe(true);
  });

  it('leaves a row unlinked when its new account cannot be created', async () => {
    // A disabled account holds the number: it is no candidate, and it blocks a second account.
    const taken = uniqueMobile();
    await db.insert(users).values({ name: 'Old Account', mobile: taken, status: 'disabled' });
    const fresh = uniqueMobile();
    const { id } = await upload([
      row(base('X-1', { CNAME: 'Blocked Person', MOBILE: taken })),
      row(base('X-2', { CNAME: 'Fresh Person', MOBILE: fresh })),
    ]);
    await validateUpload(db, id);
    expect(await publish(id)).toBe('published');
    const [blocked, ok] = await rowsOf(id);
    expect(blocked!.linkedUserId).toBeNull();
    expect(ok!.linkedUserId).toBeTruthy();
    const [c1] = await db
      .select()
      .from(certificates)
      .where(eq(certificates.id, blocked!.certificateId!));
    const [c2] = await db
      .select()
      .from(certificates)
      .where(eq(certificates.id, ok!.certificateId!));
    expect(c1!.lockerUserId).toBeNull();
    expect(c2!.lockerUserId).toBe(ok!.linkedUserId);
    expect(await uploaded(id)).toMatchObject({ accountsCreated: 1, linkedCount: 1 });
    expect(await accountSms([taken])).toHaveLength(0);
    expect(await accountSms([fresh])).toHaveLength(1);
  });

  it('two runs of the same publish share the work without duplicates', async () => {
    const rows = Array.from({ length: 4500 }, (_, i) => row(base(`T-${i}`)));
    const { id } = await upload(rows);
    await validateUpload(db, id);
    await requestPublish(db, {
      orgId: issuer.id,
      uploadId: id,
      actorUserId: operatorId,
      templateKey: 'classic',
    });
    expect(await Promise.all([runPublish(db, id), runPublish(db, id)])).toEqual([
      'published',
      'published',
    ]);
    const u = await uploaded(id);
    expect(u).toMatchObject({ status: 'published', publishedRows: 4500 });
    const certs = await db
      .select({ number: certificates.number })
      .from(certificates)
      .where(eq(certificates.issuerOrgId, issuer.id));
    const numbers = certs.map((c) => c.number).filter((n) => n.startsWith('T-'));
    expect(numbers).toHaveLength(4500);
    expect(new Set(numbers).size).toBe(4500);
  });

  /** A file of 3,000 generated rows: enough for hundreds of batches, with Aadhaar numbers. */
  const threadSizedRows = (seed: number, certPrefix: string) =>
    generateAwardRows({ count: 3000, seed, certPrefix, withMobile: 0.9, withAadhaar: 0.5 });

  it('checks rows alike on one thread, on two, and when the second thread fails', async () => {
    // Mistakes spread through the batches.
    const rows = threadSizedRows(11, 'TWO/');
    const col = (name: string) => sampleHeader().indexOf(name);
    for (let i = 0; i < rows.length; i += 97) rows[i]![col('DOB')] = '31-02-2001';
    for (let i = 5; i < rows.length; i += 89) rows[i]![col('MOBILE')] = '12345';
    rows[2999]![col('CERT_NO')] = rows[3]![col('CERT_NO')]!; // a duplicate across batches
    const body = Buffer.from(Papa.unparse([sampleHeader(), ...rows]));
    const failing: ValidationThread = {
      pending: 0,
      start() {},
      check: () => Promise.reject(new Error('the thread stopped')),
      close: async () => {},
    };
    // The real thread, counting the batches it checked.
    let answered = 0;
    const counted = (): ValidationThread => {
      const thread = validationThread();
      return {
        get pending() {
          return thread.pending;
        },
        start: (job) => thread.start(job),
        check: (batch) => thread.check(batch).then((r) => ((answered += 1), r)),
        close: () => thread.close(),
      };
    };
    const results = [];
    for (const helperThread of [counted, () => null, () => failing]) {
      // One institution per run: the same file twice for one is recognised as a re-upload.
      const org = await createIssuer(db);
      const { id } = await upload([], 'two-threads.csv', body, org.id);
      expect(await validateUpload(db, id, { helperThread })).toBe('validated');
      const stored = await db
        .select({
          rowNo: recordRows.rowNo,
          outcome: recordRows.outcome,
          errors: recordRows.errors,
          fields: recordRows.fields,
          change: recordRows.change,
          vault: recordRows.aadhaarVaultId,
        })
        .from(recordRows)
        .where(eq(recordRows.uploadId, id))
        .orderBy(recordRows.rowNo);
      const u = await uploaded(id);
      results.push({ stored, counts: [u.rowCount, u.acceptedCount, u.rejectedCount] });
    }
    const [two, one, fellBack] = results as [
      (typeof results)[0],
      (typeof results)[0],
      (typeof results)[0],
    ];
    expect(two.stored).toHaveLength(3000);
    expect(two.counts[2]).toBeGreaterThan(60);
    expect(two.stored.find((r) => r.rowNo === 3001)!.errors).toEqual([
      expect.objectContaining({ code: 'duplicateInFile', values: { rows: '5, 3001' } }),
    ]);
    expect(answered).toBeGreaterThan(0);
    expect(one).toEqual(two);
    expect(fellBack).toEqual(two);
  });

  it('refuses a file with an unclosed quote after the helper thread has checked rows of it', async () => {
    const rows = threadSizedRows(12, 'BRK/');
    const body = Buffer.from(
      `${Papa.unparse([sampleHeader(), ...rows])}\r\nADD,"BRK/unclosed,x\r\n`,
    );
    const org = await createIssuer(db);
    const { id } = await upload([], 'broken.csv', body, org.id);
    expect(await validateUpload(db, id, { helperThread: validationThread })).toBe('failed');
    const [u] = await db.select().from(recordUploads).where(eq(recordUploads.id, id));
    expect(u!.failure).toMatchObject({ code: 'unclosedQuote' });
    // Nothing half-written: the COPY rolled back with the transaction.
    expect(await db.select().from(recordRows).where(eq(recordRows.uploadId, id))).toEqual([]);
  });
});

describe('keeping award files', () => {
  it('removes the files of settled uploads past their retention, and keeps everything else', async () => {
    const { id: old } = await upload([row(base('K-1', { CNAME: 'Kept Rows' }))], 'old.csv');
    await validateUpload(db, old);
    const { id: waiting } = await upload([row(base('K-2'))], 'waiting.csv'); // not checked yet
    const { id: recent } = await upload([row(base('K-3'))], 'recent.csv');
    await validateUpload(db, recent);
    await db
      .update(recordUploads)
      .set({ createdAt: sql`now() - interval '91 days'` })
      .where(inArray(recordUploads.id, [old, waiting]));
    const keyOf = async (id: string) => (await uploaded(id)).fileKey;

    expect(await removeOldUploadFiles(db, 90)).toBeGreaterThanOrEqual(1);
    expect(await storedSize(await keyOf(old))).toBeNull();
    expect((await uploaded(old)).fileRemovedAt).toBeInstanceOf(Date);
    for (const kept of [waiting, recent]) {
      expect(await storedSize(await keyOf(kept))).toBeGreaterThan(0);
      expect((await uploaded(kept)).fileRemovedAt).toBeNull();
    }
    // A second run finds nothing more of these.
    await removeOldUploadFiles(db, 90);
    expect(await storedSize(await keyOf(waiting))).toBeGreaterThan(0);

    // The report needs the file and says why it cannot be made; the rows still publish.
    await expect(
      reportCsv(db, { orgId: issuer.id, uploadId: old }, { onlyErrors: false, locale: 'en' }),
    ).rejects.toThrow(/file was removed when its retention ended/);
    expect(await publish(old)).toBe('published');
    expect(await rowsOf(old)).toMatchObject([{ published: true }]);
    const { body } = await reportCsv(
      db,
      { orgId: issuer.id, uploadId: recent },
      { onlyErrors: false, locale: 'en' },
    );
    const report = { csv: await new Response(body).text() };
    expect(report.csv).toContain('K-3');
  });
});
