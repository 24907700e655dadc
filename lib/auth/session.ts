import 'server-only';
import { cache } from 'react';
import { asc, eq } from 'drizzle-orm';
import { getServerSession } from 'next-auth';
import { getDb } from '@/db/client';
import { authSessions, memberships, organisations, users } from '@/db/schema';
import { ForbiddenError, UnauthenticatedError } from '@/lib/errors';
import { authOptions } from './next-auth';
import { areasFor, grantingMemberships, type Action, type Area, type Role } from './permissions';
import { endSession, sessionVerdict, touchSession } from './sessions';

export type CurrentMembership = {
  id: string;
  role: Role;
  orgId: string | null;
  orgName: string | null;
  orgKind: string | null;
  orgStatus: string | null;
};

export type CurrentUser = {
  id: string;
  /** The server-side sign-in this request belongs to. */
  sessionId: string;
  name: string | null;
  mobile: string | null;
  email: string | null;
  memberships: CurrentMembership[];
  areas: Area[];
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Loads the signed-in user and their memberships fresh from the database, once per request. The
 * cookie alone is not enough: its session row must still be live (not signed out, not past its
 * lifetime, the account not blocked).
 */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = (await getServerSession(authOptions)) as {
    userId?: string;
    sessionId?: string;
  } | null;
  const userId = session?.userId;
  const sessionId = session?.sessionId;
  if (!userId || !sessionId || !UUID.test(userId) || !UUID.test(sessionId)) return null;
  const db = getDb();
  const [row] = await db
    .select({
      user: users,
      session: {
        userId: authSessions.userId,
        createdAt: authSessions.createdAt,
        lastSeenAt: authSessions.lastSeenAt,
        endedAt: authSessions.endedAt,
      },
    })
    .from(authSessions)
    .innerJoin(users, eq(users.id, authSessions.userId))
    .where(eq(authSessions.id, sessionId));
  if (!row || row.session.userId !== userId || row.user.status !== 'active') return null;
  const user = row.user;
  const rows = await db
    .select({
      id: memberships.id,
      role: memberships.role,
      orgId: memberships.orgId,
      orgName: organisations.name,
      orgKind: organisations.kind,
      orgStatus: organisations.status,
    })
    .from(memberships)
    .leftJoin(organisations, eq(memberships.orgId, organisations.id))
    .where(eq(memberships.userId, userId))
    // In the order they were granted: "the first institution" is a stable choice.
    .orderBy(asc(memberships.createdAt), asc(memberships.id));
  const now = Date.now();
  const verdict = sessionVerdict(
    row.session,
    rows.some((m) => m.role !== 'citizen'),
    now,
  );
  if (verdict !== 'ok') {
    if (verdict !== 'ended') await endSession(db, sessionId, verdict);
    return null;
  }
  await touchSession(db, sessionId, row.session.lastSeenAt, now);
  return {
    id: user.id,
    sessionId,
    name: user.name,
    mobile: user.mobile,
    email: user.email,
    memberships: rows,
    areas: areasFor(rows),
  };
});

export async function requireUser(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) throw new UnauthenticatedError();
  return user;
}

/**
 * "May this user do this (within this organisation)?" Returns the granting memberships or
 * throws Forbidden. Every server action, route handler and query path calls this.
 */
export function authorize(user: CurrentUser, action: Action, orgId?: string): CurrentMembership[] {
  const granted = grantingMemberships(user.memberships, action, orgId);
  if (granted.length === 0) throw new ForbiddenError();
  return granted;
}

export async function requirePermission(
  action: Action,
  orgId?: string,
): Promise<{
  user: CurrentUser;
  memberships: CurrentMembership[];
}> {
  const user = await requireUser();
  return { user, memberships: authorize(user, action, orgId) };
}
