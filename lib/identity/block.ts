import 'server-only';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { users } from '@/db/schema';
import { recordAudit } from '@/lib/audit';
import { endAllSessions } from '@/lib/auth/sessions';
import { InvalidError, NotFoundError } from '@/lib/errors';
import type { TBlockUserInput } from './schemas';

type Ctx = { actorUserId: string; ip: string; userAgent: string | null };

/**
 * The platform admin blocks a person: every sign-in of theirs ends at once, and they cannot sign
 * in again until unblocked. Their locker, roles and certificates stay as they are.
 */
export async function blockUser(db: Db, ctx: Ctx, input: TBlockUserInput): Promise<void> {
  if (input.userId === ctx.actorUserId)
    throw new InvalidError('You cannot block yourself', { userId: 'notYourself' });
  await db.transaction(async (tx) => {
    const [u] = await tx
      .update(users)
      .set({ status: 'disabled', statusReason: input.reason, statusChangedAt: sql`now()` })
      .where(eq(users.id, input.userId))
      .returning({ id: users.id });
    if (!u) throw new NotFoundError('No such person');
    const sessions = await endAllSessions(tx, input.userId, 'blocked');
    await recordAudit(tx, {
      ...ctx,
      action: 'user.block',
      objectType: 'user',
      objectId: input.userId,
      detail: { reason: input.reason, sessionsEnded: sessions },
    });
  });
}

export async function unblockUser(db: Db, ctx: Ctx, userId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const [u] = await tx
      .update(users)
      .set({ status: 'active', statusReason: null, statusChangedAt: sql`now()` })
      .where(eq(users.id, userId))
      .returning({ id: users.id });
    if (!u) throw new NotFoundError('No such person');
    await recordAudit(tx, { ...ctx, action: 'user.unblock', objectType: 'user', objectId: userId });
  });
}
