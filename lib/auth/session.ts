import 'server-only';
import { cache } from 'react';
import { asc, eq } from 'drizzle-orm';
import { getServerSession } from 'next-auth';
import { getDb } from '@/db/client';
import { memberships, organisations, users } from '@/db/schema';
import { ForbiddenError, UnauthenticatedError } from '@/lib/errors';
import { authOptions } from './next-auth';
import { areasFor, grantingMemberships, type Action, type Area, type Role } from './permissions';

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
  name: string | null;
  mobile: string | null;
  email: string | null;
  memberships: CurrentMembership[];
  areas: Area[];
};

/** Loads the signed-in user and their memberships fresh from the database, once per request. */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = await getServerSession(authOptions);
  const userId = (session as { userId?: string } | null)?.userId;
  if (!userId || !/^[0-9a-f-]{36}$/i.test(userId)) return null;
  const db = getDb();
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user || user.status !== 'active') return null;
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
  return {
    id: user.id,
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
