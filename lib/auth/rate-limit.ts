import { and, count, eq, gt, lt, sql } from 'drizzle-orm';
import { rateLimitEvents } from '@/db/schema';
import type { DbOrTx } from '@/db/client';

/**
 * Sliding-window limit kept in PostgreSQL so that every app server sees the same counts.
 * Returns false (and records nothing) when the key is over its limit.
 */
export async function takeRateLimit(
  db: DbOrTx,
  bucket: string,
  key: string,
  limit: number,
  windowSeconds: number,
): Promise<boolean> {
  const since = sql`now() - make_interval(secs => ${windowSeconds})`;
  const [row] = await db
    .select({ n: count() })
    .from(rateLimitEvents)
    .where(and(eq(rateLimitEvents.bucket, bucket), eq(rateLimitEvents.key, key), gt(rateLimitEvents.at, since)));
  if ((row?.n ?? 0) >= limit) return false;
  await db.insert(rateLimitEvents).values({ bucket, key });
  return true;
}

/** Housekeeping: forget events older than a day. */
export async function pruneRateLimits(db: DbOrTx): Promise<void> {
  await db.delete(rateLimitEvents).where(lt(rateLimitEvents.at, sql`now() - interval '1 day'`));
}
