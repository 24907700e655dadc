import 'server-only';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { authSessions, users } from '@/db/schema';
import { recordAudit } from '@/lib/audit';
import { NotFoundError } from '@/lib/errors';
import { describeDevice } from './device';
import { endAllSessions, listLiveSessions, sessionVerdict } from './sessions';

type Ctx = { userId: string; sessionId: string; ip: string; userAgent: string | null };

/** The Account page: how the person signs in, and where they are signed in now. */
export async function accountOverview(
  db: Db,
  { userId, sessionId, staff }: { userId: string; sessionId: string; staff: boolean },
) {
  const [[me], sessions] = await Promise.all([
    db
      .select({ mobile: users.mobile, email: users.email, emailVerifiedAt: users.emailVerifiedAt })
      .from(users)
      .where(eq(users.id, userId)),
    listLiveSessions(db, { userId }),
  ]);
  if (!me) throw new NotFoundError();
  const now = Date.now();
  return {
    ...me,
    sessions: sessions
      .filter((s) => sessionVerdict({ ...s, userId, endedAt: null }, staff, now) === 'ok')
      .map((s) => ({
        id: s.id,
        current: s.id === sessionId,
        method: s.method,
        createdAt: s.createdAt,
        lastSeenAt: s.lastSeenAt,
        ...describeDevice(s.userAgent),
      })),
  };
}

/** Ends one of the person's own sign-ins (another browser); someone else's id is not found. */
export async function endOwnSession(db: Db, ctx: Ctx, sessionId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const ended = await tx
      .update(authSessions)
      .set({ endedAt: sql`now()`, endReason: 'sign_out' })
      .where(
        and(
          eq(authSessions.id, sessionId),
          eq(authSessions.userId, ctx.userId),
          isNull(authSessions.endedAt),
        ),
      )
      .returning({ id: authSessions.id });
    if (ended.length === 0) throw new NotFoundError('This sign-in has already ended');
    await recordAudit(tx, {
      actorUserId: ctx.userId,
      action: 'auth.session_ended',
      objectType: 'session',
      objectId: sessionId,
      ip: ctx.ip,
      userAgent: ctx.userAgent,
    });
  });
}

/** Ends every sign-in of the person, this one included. */
export async function signOutEverywhere(db: Db, ctx: Ctx): Promise<number> {
  return db.transaction(async (tx) => {
    const n = await endAllSessions(tx, ctx.userId, 'sign_out_everywhere');
    await recordAudit(tx, {
      actorUserId: ctx.userId,
      action: 'auth.sign_out_everywhere',
      objectType: 'user',
      objectId: ctx.userId,
      ip: ctx.ip,
      userAgent: ctx.userAgent,
      detail: { sessions: n },
    });
    return n;
  });
}
