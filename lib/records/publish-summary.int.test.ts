import { randomInt } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { pgArray } from '@/db/client';
import { auditLog, certificates, organisations, recordUploads, users } from '@/db/schema';
import { ensureIssuerKeys } from '@/lib/credentials/keys';
import { verhoeffValid } from '@/lib/identity/verhoeff';
import { createIssuer } from '@/tests/fixtures';
import { uniqueMobile } from '@/tests/helpers';
import { recordsFixture } from '@/tests/records';
import { requestPublish, runPublish } from './publish';
import { validateUpload } from './validate-upload';

// The publish summary counts what happened, exactly: certificates new, superseded and revoked,
// and the recipients of the sign-in and "certificate arrived" SMS that were queued (an account
// made from an Aadhaar number alone gets no SMS). A stop is stored as a code with its values.

const f = recordsFixture('Summary Skills Institute');
const { db } = f;

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
  'REMARKS',
];
type Rec = Partial<Record<(typeof HEADER)[number], string>>;
const prefix = `S${randomInt(1e6)}`;
const line = (n: number, r: Rec) =>
  HEADER.map(
    (h) =>
      ({
        OPERATION: 'ADD',
        CERT_NO: `${prefix}-${n}`,
        ACADEMIC_COURSE_ID: 'ELE-Q4601',
        COURSE_NAME: 'Assistant Electrician',
        REGN_NO: `REG-${n}`,
        RROLL: `R-${n}`,
        CNAME: `Student ${n}`,
        DOB: '14-08-2004',
        GENDER: 'F',
        ...r,
      })[h] ?? '',
  );

/** An Aadhaar number no other test uses: 11 random digits and the Verhoeff check digit. */
function uniqueAadhaar(): string {
  const head = `${randomInt(2, 10)}${String(randomInt(0, 1e10)).padStart(10, '0')}`;
  return [...'0123456789'].map((d) => head + d).find(verhoeffValid)!;
}

async function publishFile(rows: string[][], name: string) {
  const { id } = await f.upload(Papa.unparse([HEADER, ...rows]), name);
  expect(await validateUpload(db, id)).toBe('validated');
  const status = await f.publish(id);
  const [u] = await db.select().from(recordUploads).where(eq(recordUploads.id, id));
  return { status, upload: u! };
}

/** Recipients among `mobiles` of the SMS of a kind in the outbox. */
async function queued(template: string, mobiles: string[]): Promise<number> {
  const [r] = (await db.execute(sql`
    select count(*)::int as n from outbox o, unnest(o.recipients) as to_
    where o.template = ${template} and to_ = any(${pgArray(mobiles)}::text[])`)) as unknown as {
    n: number;
  }[];
  return r!.n;
}

beforeAll(async () => {
  await ensureIssuerKeys(db, f.org.id);
});

describe('the publish summary', () => {
  it('counts new, superseded and revoked certificates and the SMS queued, exactly', async () => {
    const [m1, m2, m3] = [uniqueMobile(), uniqueMobile(), uniqueMobile()];
    // An existing account that one row matches: it is told by SMS, not signed up.
    await db
      .insert(users)
      .values({ name: 'Student 4', mobile: m3, dob: '2004-08-14', gender: 'F' });
    const first = await publishFile(
      [
        line(1, { MOBILE: m1 }),
        line(2, { MOBILE: m2 }),
        line(3, { AADHAAR_NO: uniqueAadhaar() }),
        line(4, { MOBILE: m3 }),
        line(5, {}),
      ],
      'summary-1.csv',
    );
    expect(first.status).toBe('published');
    expect(first.upload).toMatchObject({
      publishedRows: 5,
      issuedCount: 5,
      supersededCount: 0,
      revokedCount: 0,
      linkedCount: 4,
      accountsCreated: 3,
      signInSmsCount: 2,
      arrivedSmsCount: 1,
    });
    expect(await queued('records.account_created', [m1, m2, m3])).toBe(2);
    expect(await queued('records.award_linked', [m1, m2, m3])).toBe(1);

    const second = await publishFile(
      [
        line(1, { OPERATION: 'UPDATE', MOBILE: m1, REMARKS: 'corrected' }),
        line(2, { OPERATION: 'DELETE' }),
      ],
      'summary-2.csv',
    );
    expect(second.upload).toMatchObject({
      publishedRows: 2,
      issuedCount: 0,
      supersededCount: 1,
      revokedCount: 1,
      signInSmsCount: 0,
      arrivedSmsCount: 1,
    });
    expect(await queued('records.award_linked', [m1])).toBe(1);
  });

  it('stores why a publish stopped as a code with its values, and where', async () => {
    const { upload: ok } = await publishFile([line(20, {})], 'summary-3.csv');
    expect(ok.status).toBe('published');
    const { id } = await f.upload(
      Papa.unparse([HEADER, line(20, { OPERATION: 'UPDATE', REMARKS: 'x' })]),
      'summary-4.csv',
    );
    expect(await validateUpload(db, id)).toBe('validated');
    // Revoked between the check and the publish.
    await db
      .update(certificates)
      .set({ status: 'revoked' })
      .where(and(eq(certificates.issuerOrgId, f.org.id), eq(certificates.number, `${prefix}-20`)));
    expect(await f.publish(id)).toBe('publish_failed');
    const [u] = await db.select().from(recordUploads).where(eq(recordUploads.id, id));
    expect(u!.publishFailure).toEqual({
      code: 'notActive',
      values: { row: 2, certNo: `${prefix}-20` },
      at: { from: 2, to: 2, published: 0 },
    });
  });
});

describe('asking for a publish', () => {
  const validated = async (rows: string[][], name: string) => {
    const { id } = await f.upload(Papa.unparse([HEADER, ...rows]), name);
    expect(await validateUpload(db, id)).toBe('validated');
    return id;
  };
  const ask = (uploadId: string, o: { orgId?: string; templateKey?: string } = {}) =>
    requestPublish(db, {
      orgId: o.orgId ?? f.org.id,
      uploadId,
      actorUserId: f.operatorId,
      templateKey: o.templateKey ?? 'classic',
    });
  const statusOf = async (id: string) =>
    (await db.select().from(recordUploads).where(eq(recordUploads.id, id)))[0]!;

  it('refuses an unknown design, another institution’s upload, and one already published', async () => {
    const id = await validated([line(30, {})], 'ask-1.csv');
    await expect(ask(id, { templateKey: 'no-such-design' })).rejects.toMatchObject({
      message: 'Pick a certificate design',
      fieldErrors: { templateKey: 'required' },
    });
    const other = await createIssuer(db, 'Other Skills Institute');
    await expect(ask(id, { orgId: other.id })).rejects.toThrow('No such upload');
    expect((await statusOf(id)).status).toBe('validated');
    expect(await f.publish(id)).toBe('published');
    await expect(ask(id)).rejects.toThrow('This upload cannot be published now (it is published)');
  });

  it('refuses an upload that changes nothing, and an institution that is not active', async () => {
    const rejectedOnly = await validated([line(31, { DOB: '31-04-2004' })], 'ask-2.csv');
    await expect(ask(rejectedOnly)).rejects.toThrow(
      'Nothing to publish: no row adds, changes or deletes a certificate',
    );
    const id = await validated([line(32, {})], 'ask-3.csv');
    await db
      .update(organisations)
      .set({ status: 'suspended' })
      .where(eq(organisations.id, f.org.id));
    try {
      await expect(ask(id)).rejects.toThrow('Only an active institution can publish records');
    } finally {
      await db
        .update(organisations)
        .set({ status: 'active' })
        .where(eq(organisations.id, f.org.id));
    }
    expect(await statusOf(id)).toMatchObject({ status: 'validated', publishStartedAt: null });
  });

  it('publishes a DELETE-only upload, and stops at a DELETE of a certificate revoked meanwhile', async () => {
    await publishFile([line(33, {}), line(34, {})], 'ask-4.csv');
    const del = await validated([line(33, { OPERATION: 'DELETE' })], 'ask-5.csv');
    expect(await f.publish(del)).toBe('published');
    const stale = await validated([line(34, { OPERATION: 'D' })], 'ask-6.csv');
    await db
      .update(certificates)
      .set({ status: 'revoked' })
      .where(and(eq(certificates.issuerOrgId, f.org.id), eq(certificates.number, `${prefix}-34`)));
    expect(await f.publish(stale)).toBe('publish_failed');
    expect((await statusOf(stale)).publishFailure).toEqual({
      code: 'notActive',
      values: { row: 2, certNo: `${prefix}-34` },
      at: { from: 2, to: 2, published: 0 },
    });
  });

  it('resumes a failed publish in the design it started with, audited as a resume', async () => {
    await publishFile([line(35, {})], 'ask-7.csv');
    const id = await validated([line(35, { OPERATION: 'UPDATE', REMARKS: 'x' })], 'ask-8.csv');
    await db
      .update(certificates)
      .set({ status: 'suspended' })
      .where(and(eq(certificates.issuerOrgId, f.org.id), eq(certificates.number, `${prefix}-35`)));
    await ask(id, { templateKey: 'modern' });
    expect(await runPublish(db, id)).toBe('publish_failed');
    await db
      .update(certificates)
      .set({ status: 'active' })
      .where(and(eq(certificates.issuerOrgId, f.org.id), eq(certificates.number, `${prefix}-35`)));
    await ask(id, { templateKey: 'classic' });
    expect(await statusOf(id)).toMatchObject({
      status: 'publishing',
      templateKey: 'modern',
      publishFailure: null,
    });
    expect(await runPublish(db, id)).toBe('published');
    const audits = await db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(eq(auditLog.objectId, id))
      .orderBy(auditLog.at);
    expect(audits.map((a) => a.action).filter((a) => a.startsWith('records.publish'))).toEqual([
      'records.publish',
      'records.publish.resume',
    ]);
    const [cert] = await db
      .select()
      .from(certificates)
      .where(and(eq(certificates.sourceUploadId, id), eq(certificates.number, `${prefix}-35`)));
    expect(cert).toMatchObject({ version: 2, templateKey: 'modern', status: 'active' });
  });
});
