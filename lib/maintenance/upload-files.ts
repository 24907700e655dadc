import { and, asc, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { recordUploads } from '@/db/schema';
import { removeStored } from '@/lib/storage';

/** Upload states whose stored file nothing reads again but the report (rows carry the rest). */
const SETTLED = ['validated', 'failed', 'publish_failed', 'published'] as const;

/**
 * Removes the stored award files uploaded more than `days` ago, a batch at a time, and marks
 * their uploads. An award file holds Aadhaar numbers and other personal data, and once its rows
 * are checked and stored, only the error report reads it again (to give the clerk their own
 * cells back): keeping it for good would keep that data for no purpose. The rows, results and
 * certificates stay; publishing a validated upload needs only its rows. Uploads still being
 * received or checked keep their files. Answers how many files were removed.
 */
export async function removeOldUploadFiles(db: Db, days: number, batch = 500): Promise<number> {
  let removed = 0;
  for (;;) {
    const due = await db
      .select({ id: recordUploads.id, fileKey: recordUploads.fileKey })
      .from(recordUploads)
      .where(
        and(
          isNull(recordUploads.fileRemovedAt),
          inArray(recordUploads.status, [...SETTLED]),
          lt(recordUploads.createdAt, sql`now() - make_interval(days => ${days})`),
        ),
      )
      .orderBy(asc(recordUploads.createdAt))
      .limit(batch);
    // The file first: a stop in between leaves a mark-less upload whose file is gone, which the
    // next run marks (removing a missing file is not an error), never a marked one with a file.
    for (const u of due) await removeStored(u.fileKey);
    if (due.length > 0)
      await db
        .update(recordUploads)
        .set({ fileRemovedAt: sql`now()` })
        .where(
          inArray(
            recordUploads.id,
            due.map((u) => u.id),
          ),
        );
    removed += due.length;
    if (due.length < batch) return removed;
  }
}
