import { lt, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { authSessions, otpCodes, partnerTransactions, rateLimitEvents } from '@/db/schema';

/**
 * Forgets what only mattered for a short while: rate-limit events (the longest window is a day),
 * sign-in codes, partner transaction ids (a replay is refused by `ts` after 5 minutes anyway),
 * and sign-in sessions a month after they began (none lives longer than a day; the audit log
 * keeps the sign-ins themselves).
 */
export async function pruneShortLivedRows(db: Db): Promise<{
  rateLimitEvents: number;
  otpCodes: number;
  partnerTransactions: number;
  sessions: number;
}> {
  const events = await db
    .delete(rateLimitEvents)
    .where(lt(rateLimitEvents.at, sql`now() - interval '25 hours'`))
    .returning({ id: rateLimitEvents.id });
  const codes = await db
    .delete(otpCodes)
    .where(lt(otpCodes.createdAt, sql`now() - interval '1 day'`))
    .returning({ id: otpCodes.id });
  const txns = await db
    .delete(partnerTransactions)
    .where(lt(partnerTransactions.receivedAt, sql`now() - interval '1 day'`))
    .returning({ id: partnerTransactions.id });
  const sessions = await db
    .delete(authSessions)
    .where(lt(authSessions.createdAt, sql`now() - interval '30 days'`))
    .returning({ id: authSessions.id });
  return {
    sessions: sessions.length,
    rateLimitEvents: events.length,
    otpCodes: codes.length,
    partnerTransactions: txns.length,
  };
}
