import 'server-only';
import { count } from 'drizzle-orm';
import { getDb, type Db } from '@/db/client';
import { organisations, users } from '@/db/schema';
import { smsBudgetStatus } from '@/lib/auth/otp-limits';
import { pendingOutboxCount } from '@/lib/notify/inbox';

export async function adminOverview(db: Db = getDb()) {
  const [[u], [o], pending, smsBudget] = await Promise.all([
    db.select({ n: count() }).from(users),
    db.select({ n: count() }).from(organisations),
    pendingOutboxCount(db),
    smsBudgetStatus(db),
  ]);
  return { users: u?.n ?? 0, organisations: o?.n ?? 0, pendingMessages: pending, smsBudget };
}
