import { isIP } from 'node:net';
import { and, count, eq, gt, sql } from 'drizzle-orm';
import { rateLimitEvents } from '@/db/schema';
import type { DbOrTx } from '@/db/client';

/** How many events `key` had in `bucket` within the last `windowSeconds`. */
export async function countEvents(
  db: DbOrTx,
  bucket: string,
  key: string,
  windowSeconds: number,
): Promise<number> {
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
  return row?.n ?? 0;
}

export async function addEvent(db: DbOrTx, bucket: string, key: string): Promise<void> {
  await db.insert(rateLimitEvents).values({ bucket, key });
}

/**
 * Sliding-window limit kept in PostgreSQL so that every app server sees the same counts.
 * Returns false (and records nothing) when the key is over its limit. With `exact` (the
 * default) concurrent requests for one key queue until the caller's transaction ends, so a burst
 * cannot slip past the count; a busy shared key (a global budget) may do without.
 */
export async function takeRateLimit(
  db: DbOrTx,
  bucket: string,
  key: string,
  limit: number,
  windowSeconds: number,
  { exact = true }: { exact?: boolean } = {},
): Promise<boolean> {
  if (exact) await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`${bucket}:${key}`}))`);
  if ((await countEvents(db, bucket, key, windowSeconds)) >= limit) return false;
  await addEvent(db, bucket, key);
  return true;
}

/**
 * The key a client address is limited by. An IPv6 client usually holds a whole /64 and can
 * change its address at will inside it, so IPv6 addresses count per /64 network.
 */
export function addressKey(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1]!;
  if (isIP(ip) !== 6) return ip;
  const [head, tail = ''] = ip.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = [
    ...left,
    ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'),
    ...right,
  ];
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
