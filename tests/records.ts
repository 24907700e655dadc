import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll } from 'vitest';
import { users } from '@/db/schema';
import { receiveUpload } from '@/lib/records/intake';
import { requestPublish, runPublish } from '@/lib/records/publish';
import { createIssuer } from './fixtures';
import { testDb, uniqueMobile } from './helpers';

/**
 * An institution and its operator for a test file of award uploads, with the uploaded files kept
 * in a temporary folder: made before the file's tests, removed after them.
 */
export function recordsFixture(institution: string) {
  const { db, sql } = testDb();
  const f = {
    db,
    sql,
    tmp: '',
    org: { id: '', code: '', name: '' },
    operatorId: '',
    /** Receives a file for the institution, as the upload route does. */
    upload: (body: Buffer | string, fileName: string) =>
      receiveUpload(db, {
        orgId: f.org.id,
        userId: f.operatorId,
        fileName,
        body: Readable.from([Buffer.from(body)]),
      }),
    /** Asks for a publish of the upload in the classic design and runs it; its final status. */
    publish: async (uploadId: string) => {
      await requestPublish(db, {
        orgId: f.org.id,
        uploadId,
        actorUserId: f.operatorId,
        templateKey: 'classic',
      });
      return runPublish(db, uploadId);
    },
  };
  beforeAll(async () => {
    f.tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sanad-records-'));
    process.env.STORAGE_DIR = f.tmp;
    f.org = await createIssuer(db, institution);
    const [u] = await db
      .insert(users)
      .values({ name: 'Operator', mobile: uniqueMobile() })
      .returning();
    f.operatorId = u!.id;
  });
  afterAll(async () => {
    fs.rmSync(f.tmp, { recursive: true, force: true });
    await sql.end();
  });
  return f;
}
