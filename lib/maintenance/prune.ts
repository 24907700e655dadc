import { lt, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { otpCodes, partnerTransactions, rateLimitEvents } from '@/db/schema';

/**
 * Forgets what only mattered for a short while: rate-limit events, sign-in codes, and partner
 * transaction ids (a replay is refused by `ts` after 5 minutes anyway).
 */
export async function pruneShortLivedRows(
  db: Db,
): Promise<{ rateLimitEvents: number; otpCodes: number; partnerTransactions: number }> {
  const events = await db
    .delete(rateLimitEvents)
    .where(lt(rateLimitEvents.at, sql`now() - interval '1 day'`))
    .returning({ id: rateLimitEvents.id });
  const codes = await db
    .delete(otpCodes)
    .where(lt(otpCodes.createdAt, sql`now() - interval '1 day'`))
    .returning({ id: otpCodes.id });
  const txns = await db
    .delete(partnerTransactions)
    .where(lt(partnerTransactions.receivedAt, sql`now() - interval '1 day'`))
    .returning({ id: partnerTransactions.id });
  return {
    rateLimitEvents: events.length,
    otpCodes: codes.length,
    partnerTransactions: txns.length,
  };
}
