import { lt, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { otpCodes, rateLimitEvents } from '@/db/schema';

/** Forgets what only mattered for a short while: rate-limit events and sign-in codes. */
export async function pruneShortLivedRows(
  db: Db,
): Promise<{ rateLimitEvents: number; otpCodes: number }> {
  const events = await db
    .delete(rateLimitEvents)
    .where(lt(rateLimitEvents.at, sql`now() - interval '1 day'`))
    .returning({ id: rateLimitEvents.id });
  const codes = await db
    .delete(otpCodes)
    .where(lt(otpCodes.createdAt, sql`now() - interval '1 day'`))
    .returning({ id: otpCodes.id });
  return { rateLimitEvents: events.length, otpCodes: codes.length };
}
