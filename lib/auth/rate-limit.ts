import { and, count, eq, gt, sql } from 'drizzle-orm';
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
  // Concurrent requests for one key queue here (until the caller's transaction ends), so a burst
  // cannot slip past the count.
  await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`${bucket}:${key}`}))`);
  const since = sql`now() - make_interval(secs => ${windowSeconds})`;
  const [row] = await db
    .select({ n: count() })
    .from(rateLimitEvents)
    .where(
      and(
        eq(rateLimitEvents.bucket, bucket),
        eq(rateLimitEvents.key, key),
        gt(rateLimitEvents.at, since),
      ),
    );
  if ((row?.n ?? 0) >= limit) return false;
  await db.insert(rateLimitEvents).values({ bucket, key });
  return true;
}
