import type { z } from 'zod';
import type { Db } from '@/db/client';

// STYLE.md 8: a job has a name, a zod payload schema and an idempotent handler.

export type JobContext = { db: Db; log: (message: string) => void };

export type JobDefinition<S extends z.ZodType> = {
  name: string;
  schema: S;
  /** Cron schedule (UTC) for jobs that also run periodically. */
  cron?: string;
  /** pg-boss retry settings; handlers must tolerate a rerun. */
  retryLimit?: number;
  /** Jobs of this kind one worker process runs at the same time (default 1). */
  slots?: () => number;
  handler: (payload: z.infer<S>, ctx: JobContext) => Promise<void>;
};

export function defineJob<S extends z.ZodType>(def: JobDefinition<S>): JobDefinition<S> {
  return def;
}
