import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { eq, inArray, sql } from 'drizzle-orm';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordUploads, users } from '@/db/schema';
import { getSenderBoss } from '@/lib/jobs/boss';
import { enqueue } from '@/lib/jobs/enqueue';
import { startWorkers } from '@/lib/jobs/worker';
import { createIssuer } from '@/tests/fixtures';
import { testDb, uniqueMobile } from '@/tests/helpers';
import { receiveUpload } from './intake';
import { sweepUploadsJob, validateUploadJob } from './jobs';

// The validation queue is fair across institutions: while one institution's validation runs (here
// held up on purpose: a row lock keeps it waiting, as a huge file would keep it busy), another
// institution's upload is validated, and the first institution's next upload waits its turn.

const { db, sql: pool } = testDb();
let tmp: string;
let operatorId: string;
let workers: Awaited<ReturnType<typeof startWorkers>>;

const HEADER = ['CERT_NO', 'ACADEMIC_COURSE_ID', 'COURSE_NAME', 'REGN_NO', 'RROLL', 'CNAME'];

async function uploadFor(orgId: string, certNo: string) {
  const csv = Papa.unparse([
    [...HEADER, 'DOB', 'GENDER'],
    [certNo, 'C-1', 'Course', `REG-${certNo}`, `R-${certNo}`, 'Asha Sharma', '14-08-2004', 'F'],
  ]);
  const { id } = await receiveUpload(db, {
    orgId,
    userId: operatorId,
    fileName: `${certNo}.csv`,
    body: Readable.from([Buffer.from(csv)]),
  });
  return id;
}

async function statuses(ids: string[]) {
  const rows = await db
    .select({ id: recordUploads.id, status: recordUploads.status })
    .from(recordUploads)
    .where(inArray(recordUploads.id, ids));
  return Object.fromEntries(rows.map((r) => [r.id, r.status]));
}

async function waitFor(what: string, check: () => Promise<boolean>, ms = 45_000) {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Whether a validation waits for the row lock this test holds on an upload. */
async function validationWaiting(): Promise<boolean> {
  const [row] = await pool`
    select exists (select 1 from pg_stat_activity
      where datname = current_database() and wait_event_type = 'Lock'
        and query ilike 'update "record_uploads" set "status"%') as waiting`;
  return row!.waiting as boolean;
}

/** Whether some session holds the institution's validation lock (validate-upload.ts). */
async function validationLockHeld(orgId: string): Promise<boolean> {
  const [row] = await pool`
    select exists (select 1 from pg_locks where locktype = 'advisory' and granted
      and ((classid::bigint << 32) | objid::bigint) = hashtext(${`validate-org:${orgId}`})::bigint
    ) as held`;
  return row!.held as boolean;
}

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sanad-queue-'));
  process.env.STORAGE_DIR = tmp;
  const [u] = await db
    .insert(users)
    .values({ name: 'Operator', mobile: uniqueMobile() })
    .returning();
  operatorId = u!.id;
  workers = await startWorkers({ databaseUrl: process.env.DATABASE_URL!, db, log: () => {} });
});

afterAll(async () => {
  await workers?.stop();
  await (await getSenderBoss()).stop({ graceful: false, wait: false }).catch(() => {});
  fs.rmSync(tmp, { recursive: true, force: true });
  await pool.end();
});

describe('the validation queue', () => {
  it("validates another institution's upload while one institution's validation runs", async () => {
    const a = await createIssuer(db, 'Slow Files Institute');
    const b = await createIssuer(db, 'Small Files Institute');
    const a1 = await uploadFor(a.id, 'A-1');
    const a2 = await uploadFor(a.id, 'A-2');
    const b1 = await uploadFor(b.id, 'B-1');

    // A's first validation takes its institution's lock, then waits on this row lock.
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    const holding = pool.begin(async (t) => {
      await t`select 1 from record_uploads where id = ${a1} for update`;
      await released;
    });
    try {
      await enqueue(validateUploadJob, { uploadId: a1 });
      await waitFor('the first validation to start', validationWaiting);
      await enqueue(validateUploadJob, { uploadId: a2 });
      await enqueue(validateUploadJob, { uploadId: b1 });

      await waitFor(
        'the other institution',
        async () => (await statuses([b1]))[b1] === 'validated',
      );
      // A's second upload waits while A's first is in progress, and took no slot meanwhile.
      expect(await statuses([a1, a2])).toEqual({ [a1]: 'received', [a2]: 'received' });
      expect(await validationLockHeld(a.id)).toBe(true);
    } finally {
      release();
      await holding;
    }
    // When A's first validation ends, it wakes A's next upload.
    await waitFor('both uploads of the first institution', async () => {
      const s = await statuses([a1, a2]);
      return s[a1] === 'validated' && s[a2] === 'validated';
    });
    const [row] = await db.select().from(recordUploads).where(eq(recordUploads.id, a2));
    expect(row).toMatchObject({ rowCount: 1, acceptedCount: 1 });
  });

  it('has the sweep queue uploads whose wake-up was lost, each institution in turn', async () => {
    const c = await createIssuer(db, 'Many Files Institute');
    const d = await createIssuer(db, 'One File Institute');
    const ids = [
      await uploadFor(c.id, 'C-1'),
      await uploadFor(c.id, 'C-2'),
      await uploadFor(c.id, 'C-3'),
      await uploadFor(d.id, 'D-1'),
    ];
    // Never queued, and older than the sweep's two minutes.
    await db
      .update(recordUploads)
      .set({ createdAt: sql`now() - interval '3 minutes'` })
      .where(inArray(recordUploads.id, ids));
    await sweepUploadsJob.handler({}, { db, log: () => {} });
    await waitFor('every upload', async () =>
      Object.values(await statuses(ids)).every((s) => s === 'validated'),
    );
  });
});
