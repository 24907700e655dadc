import { z } from 'zod';
import { defineJob } from './define';
import { createTransports } from '@/lib/notify/transports';
import { deliverMessage, dueMessageIds } from '@/lib/notify/deliver';
import { config } from '@/lib/config';
import { pruneShortLivedRows } from '@/lib/maintenance/prune';
import { removeOldUploadFiles } from '@/lib/maintenance/upload-files';
import { publishUploadJob, sweepUploadsJob, validateUploadJob } from '@/lib/records/jobs';

/** Delivers one outbox message (email or SMS). */
export const deliverOutboxMessage = defineJob({
  name: 'outbox.deliver',
  schema: z.object({ messageId: z.uuid() }),
  retryLimit: 0, // the outbox row keeps its own attempts and back-off
  async handler({ messageId }, { db }) {
    await deliverMessage(db, messageId, createTransports());
  },
});

/** Every minute: deliver what is due (retries after back-off, messages whose wake-up was lost). */
export const sweepOutbox = defineJob({
  name: 'outbox.sweep',
  schema: z.object({}).passthrough(),
  cron: '* * * * *',
  retryLimit: 0,
  async handler(_payload, { db }) {
    const transports = createTransports();
    const channels = (Object.keys(transports) as ('email' | 'sms')[]).filter((c) => transports[c]);
    for (const id of await dueMessageIds(db, channels)) {
      await deliverMessage(db, id, transports);
    }
  },
});

/**
 * Hourly: drop rate-limit events and sign-in codes older than a day, and award files past their
 * retention (`UPLOAD_FILE_RETENTION_DAYS`).
 */
export const pruneShortLived = defineJob({
  name: 'maintenance.prune',
  schema: z.object({}).passthrough(),
  cron: '17 * * * *',
  retryLimit: 1,
  async handler(_payload, { db, log }) {
    const removed = await pruneShortLivedRows(db);
    const files = await removeOldUploadFiles(db, config.uploadFileRetentionDays);
    log(
      `pruned ${removed.rateLimitEvents} rate-limit events and ${removed.otpCodes} sign-in codes; ` +
        `removed ${files} award files older than ${config.uploadFileRetentionDays} days`,
    );
  },
});

export const JOBS = [
  deliverOutboxMessage,
  sweepOutbox,
  pruneShortLived,
  validateUploadJob,
  publishUploadJob,
  sweepUploadsJob,
] as const;
export type JobName = (typeof JOBS)[number]['name'];
