import type { z } from 'zod';
import type { JobDefinition } from './define';
import { getSenderBoss } from './boss';

/** Validates the payload against the job's schema and sends it to the queue. */
export async function enqueue<S extends z.ZodType>(
  job: JobDefinition<S>,
  payload: z.infer<S>,
  options: { singletonKey?: string; startAfterSeconds?: number } = {},
): Promise<string | null> {
  const data = job.schema.parse(payload) as object;
  const boss = await getSenderBoss();
  return boss.send(job.name, data, {
    retryLimit: job.retryLimit ?? 3,
    retryBackoff: true,
    ...(options.singletonKey ? { singletonKey: options.singletonKey } : {}),
    ...(options.startAfterSeconds ? { startAfter: options.startAfterSeconds } : {}),
  });
}

/** Best effort: a lost wake-up is caught by the periodic sweep. */
export async function enqueueSoon<S extends z.ZodType>(
  job: JobDefinition<S>,
  payload: z.infer<S>,
): Promise<void> {
  try {
    await enqueue(job, payload);
  } catch (error) {
    console.warn(
      `[jobs] could not enqueue ${job.name}; the sweep will pick it up:`,
      (error as Error).message,
    );
  }
}
