import 'server-only';
import { z } from 'zod';
import { sql } from 'drizzle-orm';
import { defineJob } from '@/lib/jobs/define';
import { config } from '@/lib/config';
import { enqueue, enqueueSoon } from '@/lib/jobs/enqueue';
import { runPublish } from './publish';
import { nextWaitingUpload, validateUpload, type ValidationStatus } from './validate-upload';

/**
 * Validates one received upload; a rerun replaces its rows. Each worker process validates up to
 * `RECORDS_VALIDATION_SLOTS` files at a time, one per institution (see `validateUpload`): the
 * job of an upload whose institution has one in progress ends at once, leaving the slot to other
 * institutions, and the validation in progress wakes the institution's next upload when it ends.
 * The sweep catches an upload whose wake-up is lost.
 */
export const validateUploadJob = defineJob({
  name: 'records.validate',
  schema: z.object({ uploadId: z.uuid() }),
  retryLimit: 2,
  slots: () => config.recordsValidationSlots,
  async handler({ uploadId }, { db, log }) {
    let status: ValidationStatus | 'error' = 'error';
    try {
      status = await validateUpload(db, uploadId);
      log(`upload ${uploadId}: ${status}`);
    } finally {
      if (status !== 'busy') {
        const next = await nextWaitingUpload(db, uploadId);
        if (next) await enqueueSoon(validateUploadJob, { uploadId: next });
      }
    }
  },
});

/** Publishes the accepted rows of one upload; a rerun resumes after the last committed chunk. */
export const publishUploadJob = defineJob({
  name: 'records.publish',
  schema: z.object({ uploadId: z.uuid() }),
  retryLimit: 2,
  async handler({ uploadId }, { db, log }) {
    const status = await runPublish(db, uploadId);
    log(`upload ${uploadId}: ${status}`);
  },
});

/**
 * Every minute: uploads whose wake-up was lost or whose worker died part-way (still received,
 * validating or publishing after two minutes) are started again; both jobs are idempotent. A
 * validation goes through the queue, so that it takes a slot like any other.
 */
export const sweepUploadsJob = defineJob({
  name: 'records.sweep',
  schema: z.object({}).passthrough(),
  cron: '* * * * *',
  retryLimit: 0,
  async handler(_payload, { db }) {
    // The oldest of each institution, so that one institution's many waiting uploads cannot
    // keep another's out of the twenty.
    const stale = (await db.execute(sql`
      select distinct on (org_id, status = 'publishing') id, status from record_uploads
      where status in ('received', 'validating', 'publishing')
        and coalesce(publish_started_at, created_at) < now() - interval '2 minutes'
      order by org_id, status = 'publishing', created_at
      limit 20`)) as unknown as { id: string; status: string }[];
    for (const u of stale) {
      if (u.status === 'publishing') await runPublish(db, u.id);
      else await enqueue(validateUploadJob, { uploadId: u.id });
    }
  },
});

export async function scheduleValidation(uploadId: string): Promise<void> {
  await enqueueSoon(validateUploadJob, { uploadId });
}

export async function schedulePublish(uploadId: string): Promise<void> {
  await enqueueSoon(publishUploadJob, { uploadId });
}
