import 'server-only';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { authSessions } from '@/db/schema';
import { config } from '@/lib/config';

// Server-side sign-ins. The session cookie is a signed JWT that carries only the session id;
// each request checks the row (lib/auth/session.ts), so a sign-in ends on the server when the
// person signs out, signs out everywhere, is blocked, or it passes its lifetime: an absolute
// one (shorter for anyone with a staff role) and an idle one.

export type SessionEnd = 'sign_out' | 'sign_out_everywhere' | 'blocked' | 'expired' | 'idle';

/** last_seen_at is written at most this often, so reading pages does not write every time. */
const TOUCH_SECONDS = 60;

export async function startSession(
  db: DbOrTx,
  s: { userId: string; method: string; ip: string; userAgent?: string | null },
): Promise<string> {
  const [row] = await db
    .insert(authSessions)
    .values({
      userId: s.userId,
      method: s.method,
      ip: s.ip,
      userAgent: s.userAgent?.slice(0, 300) ?? null,
    })
    .returning({ id: authSessions.id });
  return row!.id;
}

export type SessionRow = {
  userId: string;
  createdAt: Date;
  lastSeenAt: Date;
  endedAt: Date | null;
};

/**
 * Whether a session row still signs in, for a person who holds a staff role or not. Pure, so
 * the rule is tested without a clock.
 */
export function sessionVerdict(
  s: SessionRow,
  staff: boolean,
  now: number,
): 'ok' | 'ended' | 'expired' | 'idle' {
  if (s.endedAt) return 'ended';
  const maxHours = staff ? config.staffSessionMaxHours : config.sessionMaxHours;
  if (now - s.createdAt.getTime() >= maxHours * 3600_000) return 'expired';
  if (now - s.lastSeenAt.getTime() >= config.sessionIdleMinutes * 60_000) return 'idle';
  return 'ok';
}

export async function endSession(db: DbOrTx, sessionId: string, reason: SessionEnd) {
  await db
    .update(authSessions)
    .set({ endedAt: sql`now()`, endReason: reason })
    .where(and(eq(authSessions.id, sessionId), isNull(authSessions.endedAt)));
}

/** Ends every live session of the person; returns how many ended. */
export async function endAllSessions(
  db: DbOrTx,
  userId: string,
  reason: SessionEnd,
): Promise<number> {
  const ended = await db
    .update(authSessions)
    .set({ endedAt: sql`now()`, endReason: reason })
    .where(and(eq(authSessions.userId, userId), isNull(authSessions.endedAt)))
    .returning({ id: authSessions.id });
  return ended.length;
}

/** Marks the session used now, unless that was written in the last minute. */
export async function touchSession(db: DbOrTx, sessionId: string, lastSeenAt: Date, now: number) {
  if (now - lastSeenAt.getTime() < TOUCH_SECONDS * 1000) return;
  await db
    .update(authSessions)
    .set({ lastSeenAt: sql`now()` })
    .where(eq(authSessions.id, sessionId));
}

export type LiveSession = {
  id: string;
  method: string;
  createdAt: Date;
  lastSeenAt: Date;
  ip: string | null;
  userAgent: string | null;
};

/** The person's sign-ins that have not ended, newest first (Account page). */
export async function listLiveSessions(db: DbOrTx, { userId }: { userId: string }) {
  return db
    .select({
      id: authSessions.id,
      method: authSessions.method,
      createdAt: authSessions.createdAt,
      lastSeenAt: authSessions.lastSeenAt,
      ip: authSessions.ip,
      userAgent: authSessions.userAgent,
    })
    .from(authSessions)
    .where(and(eq(authSessions.userId, userId), isNull(authSessions.endedAt)))
    .orderBy(desc(authSessions.lastSeenAt))
    .limit(50);
}
