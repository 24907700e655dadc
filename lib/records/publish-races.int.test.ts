import { randomInt } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { certificates, recordUploads } from '@/db/schema';
import { ensureIssuerKeys } from '@/lib/credentials/keys';
import { createIssuer } from '@/tests/fixtures';
import { recordsFixture } from '@/tests/records';
import { requestPublish, runPublish } from './publish';
import { validateUpload } from './validate-upload';

// What a chunk is written from is prepared outside the transaction, so its transaction checks,
// under the upload's publish lock, that it still holds: the rows are still unpublished (another
// run of the same publish may have written them) and the certificates it replaces are as read.
// These tests hold that lock themselves, so that a run waits with its chunk prepared, change the
// database meanwhile, and then let it go on.

const f = recordsFixture('Racing Skills Institute');
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
  'REMARKS',
];
type Rec = Partial<Record<(typeof HEADER)[number], string>>;
const prefix = `P${randomInt(1e6)}`;
const certNo = (n: number) => `${prefix}-${n}`;
const line = (n: number, r: Rec = {}) =>
  HEADER.map(
    (h) =>
      ({
        OPERATION: 'ADD',
        CERT_NO: certNo(n),
        ACADEMIC_COURSE_ID: 'ELE-Q4601',
        COURSE_NAME: 'Assistant Electrician',
        REGN_NO: `REG-${n}`,
        RROLL: `R-${n}`,
        CNAME: `Student ${n}`,
        DOB: '14-08-2004',
        GENDER: 'M',
        ...r,
      })[h] ?? '',
  );

async function validated(rows: string[][], name: string): Promise<string> {
  const { id } = await f.upload(Papa.unparse([HEADER, ...rows]), name);
  expect(await validateUpload(db, id)).toBe('validated');
  return id;
}

const ask = (uploadId: string) =>
  requestPublish(db, {
    orgId: f.org.id,
    uploadId,
    actorUserId: f.operatorId,
    templateKey: 'classic',
  });

const uploadOf = async (id: string) =>
  (await db.select().from(recordUploads).where(eq(recordUploads.id, id)))[0]!;

/** The institution's certificates of these numbers, by number then version. */
const certsOf = (...ns: number[]) =>
  db
    .select()
    .from(certificates)
    .where(
      and(eq(certificates.issuerOrgId, f.org.id), inArray(certificates.number, ns.map(certNo))),
    )
    .orderBy(certificates.number, certificates.version);

/** Sessions of this database waiting for an advisory lock. */
async function lockWaiters(): Promise<number> {
  const [r] = await f.sql<{ n: number }[]>`
    select count(*)::int as n from pg_locks
    where locktype = 'advisory' and not granted
      and database = (select oid from pg_database where datname = current_database())`;
  return r!.n;
}

/**
 * Holds the publish lock of each upload while a publish of it starts, until each waits for it
 * with its chunk prepared; then `meanwhile` runs and the locks are let go at once. The runs'
 * results, and whether they all waited for the lock.
 */
async function whileRunsWait(uploadIds: string[], meanwhile: () => Promise<unknown>) {
  const hold = await f.sql.reserve();
  let waited = false;
  let started: Promise<string>[] = [];
  try {
    for (const id of new Set(uploadIds))
      await hold`select pg_advisory_lock(hashtext(${`publish:${id}`}))`;
    started = uploadIds.map((id) => runPublish(db, id));
    for (let i = 0; i < 100 && !waited; i++) {
      waited = (await lockWaiters()) >= uploadIds.length;
      if (!waited) await new Promise((r) => setTimeout(r, 50));
    }
    await meanwhile();
  } finally {
    await hold`select pg_advisory_unlock_all()`;
    hold.release();
  }
  return { results: await Promise.all(started), waited };
}

beforeAll(async () => {
  await ensureIssuerKeys(db, f.org.id);
});

describe('two publishes of one upload at once', () => {
  it('write its corrections, deletes and additions once: the later run finds them done', async () => {
    const first = await validated([line(1), line(2), line(3), line(4)], 'race-1.csv');
    expect(await f.publish(first)).toBe('published');
    const id = await validated(
      [
        line(1, { OPERATION: 'UPDATE', REMARKS: 'corrected' }),
        line(2, { OPERATION: 'UPDATE', REMARKS: 'corrected' }),
        line(3, { OPERATION: 'DELETE' }),
        line(5),
      ],
      'race-2.csv',
    );
    await ask(id);
    const { results, waited } = await whileRunsWait([id, id], async () => {});
    expect(waited).toBe(true);
    expect(results).toEqual(['published', 'published']);
    expect(await uploadOf(id)).toMatchObject({
      status: 'published',
      publishFailure: null,
      publishedRows: 4,
      issuedCount: 1,
      supersededCount: 2,
      revokedCount: 1,
    });
    const certs = await certsOf(1, 2, 3, 4, 5);
    expect(certs.map((c) => [c.number, c.version, c.status])).toEqual([
      [certNo(1), 1, 'superseded'],
      [certNo(1), 2, 'active'],
      [certNo(2), 1, 'superseded'],
      [certNo(2), 2, 'active'],
      [certNo(3), 1, 'revoked'],
      [certNo(4), 1, 'active'],
      [certNo(5), 1, 'active'],
    ]);
    expect(certs.filter((c) => c.sourceUploadId === id)).toHaveLength(3);
  });
});

describe('two uploads of one institution published at once', () => {
  it('number their certificates in the status list without sharing a position', async () => {
    const adds = (from: number) => Array.from({ length: 300 }, (_, i) => line(from + i));
    const first = await validated([line(40), line(41)], 'race-9.csv');
    expect(await f.publish(first)).toBe('published');
    const a = await validated(
      [line(40, { OPERATION: 'UPDATE', REMARKS: 'corrected' }), ...adds(1000)],
      'race-10.csv',
    );
    const b = await validated(
      [line(41, { OPERATION: 'UPDATE', REMARKS: 'corrected' }), ...adds(2000)],
      'race-11.csv',
    );
    await ask(a);
    await ask(b);
    const { results, waited } = await whileRunsWait([a, b], async () => {});
    expect(waited).toBe(true);
    expect(results).toEqual(['published', 'published']);
    const [r] = (await db.execute(sql`
      select count(*)::int as n, count(distinct status_index)::int as positions
      from certificates where issuer_org_id = ${f.org.id}`)) as unknown as {
      n: number;
      positions: number;
    }[];
    expect(r!.positions).toBe(r!.n);
    expect(await uploadOf(a)).toMatchObject({ issuedCount: 300, supersededCount: 1 });
    expect(await uploadOf(b)).toMatchObject({ issuedCount: 300, supersededCount: 1 });
  });
});

describe('a chunk whose certificates changed while it waited', () => {
  it('is prepared again when a certificate it replaces turned up meanwhile', async () => {
    const first = await validated([line(10), line(11)], 'race-3.csv');
    expect(await f.publish(first)).toBe('published');
    const [old10, old11] = await certsOf(10, 11);
    const id = await validated(
      [
        line(10, { OPERATION: 'UPDATE', REMARKS: 'corrected' }),
        line(11, { OPERATION: 'UPDATE', REMARKS: 'corrected' }),
      ],
      'race-4.csv',
    );
    // One of the two out of the institution's reach while the chunk is prepared, back before it
    // is written.
    const elsewhere = await createIssuer(db, 'Elsewhere Skills Institute');
    const moveTo = (orgId: string) =>
      db.update(certificates).set({ issuerOrgId: orgId }).where(eq(certificates.id, old10!.id));
    await moveTo(elsewhere.id);
    await ask(id);
    const { results, waited } = await whileRunsWait([id], () => moveTo(f.org.id));
    expect(waited).toBe(true);
    expect(results).toEqual(['published']);
    const certs = await certsOf(10, 11);
    expect(certs.map((c) => [c.number, c.version, c.status, c.supersedesId])).toEqual([
      [certNo(10), 1, 'superseded', null],
      [certNo(10), 2, 'active', old10!.id],
      [certNo(11), 1, 'superseded', null],
      [certNo(11), 2, 'active', old11!.id],
    ]);
    expect(await uploadOf(id)).toMatchObject({ issuedCount: 0, supersededCount: 2 });
  });

  it('stops, writing nothing, when fewer certificates were replaced than the chunk corrects', async () => {
    const first = await validated([line(20), line(21)], 'race-5.csv');
    expect(await f.publish(first)).toBe('published');
    const id = await validated(
      [
        line(20, { OPERATION: 'UPDATE', REMARKS: 'corrected' }),
        line(21, { OPERATION: 'UPDATE', REMARKS: 'corrected' }),
      ],
      'race-6.csv',
    );
    // Both corrections aimed at one certificate: only one version can replace it.
    const [c20] = await certsOf(20);
    await db.execute(
      sql`update record_rows set existing_certificate_id = ${c20!.id} where upload_id = ${id}`,
    );
    expect(await f.publish(id)).toBe('publish_failed');
    expect((await uploadOf(id)).publishFailure).toEqual({
      code: 'changedMeanwhile',
      at: { from: 2, to: 3, published: 0 },
    });
    expect((await certsOf(20, 21)).map((c) => [c.number, c.version, c.status])).toEqual([
      [certNo(20), 1, 'active'],
      [certNo(21), 1, 'active'],
    ]);
  });

  it('revokes nothing when one of its deletes finds its certificate revoked already', async () => {
    const first = await validated([line(30), line(31)], 'race-7.csv');
    expect(await f.publish(first)).toBe('published');
    const id = await validated(
      [line(30, { OPERATION: 'DELETE' }), line(31, { OPERATION: 'DELETE' })],
      'race-8.csv',
    );
    await db
      .update(certificates)
      .set({ status: 'revoked' })
      .where(and(eq(certificates.issuerOrgId, f.org.id), eq(certificates.number, certNo(31))));
    expect(await f.publish(id)).toBe('publish_failed');
    expect(await uploadOf(id)).toMatchObject({
      status: 'publish_failed',
      publishedRows: 0,
      revokedCount: 0,
      publishFailure: {
        code: 'notActive',
        values: { row: 3, certNo: certNo(31) },
        at: { from: 2, to: 3, published: 0 },
      },
    });
    expect((await certsOf(30)).map((c) => [c.status, c.statusReason])).toEqual([['active', null]]);
  });
});
