import 'server-only';
import { desc, eq, ilike, inArray, or } from 'drizzle-orm';
import { getDb, type Db } from '@/db/client';
import { likePattern } from '@/db/like';
import { memberships, organisations, users } from '@/db/schema';
import { recordAudit } from '@/lib/audit';
import { ConflictError, InvalidError, NotFoundError } from '@/lib/errors';
import type { Locale } from '@/lib/i18n/locales';
import type { TGrantRoleInput, TProfileInput } from './schemas';

type Ctx = { actorUserId: string; ip: string; userAgent: string | null };

export async function setUserLocale(
  userId: string,
  locale: Locale,
  db: Db = getDb(),
): Promise<void> {
  await db.update(users).set({ locale }).where(eq(users.id, userId));
}

export async function getProfile(userId: string, db: Db = getDb()) {
  const [u] = await db.select().from(users).where(eq(users.id, userId));
  if (!u) throw new NotFoundError();
  return u;
}

/**
 * A user edits their own profile; the scope is the signed-in user's id, never a form field. The
 * mobile number and email they sign in with change only with a code (link-identifier.ts).
 */
export async function updateOwnProfile(
  userId: string,
  input: TProfileInput,
  db: Db = getDb(),
): Promise<void> {
  await db
    .update(users)
    .set({ name: input.name, dob: input.dob, gender: input.gender })
    .where(eq(users.id, userId));
}

export type UserWithRoles = {
  id: string;
  name: string | null;
  mobile: string | null;
  email: string | null;
  status: 'active' | 'disabled';
  statusReason: string | null;
  roles: { membershipId: string; role: string; orgId: string | null; orgName: string | null }[];
};

/** Platform admin: users matching a search, with their memberships. */
export async function searchUsers(query: string, db: Db = getDb()): Promise<UserWithRoles[]> {
  const q = query.trim();
  const pattern = likePattern(q);
  const found = await db
    .select({
      id: users.id,
      name: users.name,
      mobile: users.mobile,
      email: users.email,
      status: users.status,
      statusReason: users.statusReason,
    })
    .from(users)
    .where(
      q
        ? or(ilike(users.name, pattern), ilike(users.mobile, pattern), ilike(users.email, pattern))
        : undefined,
    )
    .orderBy(desc(users.createdAt))
    .limit(50);
  if (found.length === 0) return [];
  const rows = await db
    .select({
      membershipId: memberships.id,
      userId: memberships.userId,
      role: memberships.role,
      orgId: memberships.orgId,
      orgName: organisations.name,
    })
    .from(memberships)
    .leftJoin(organisations, eq(memberships.orgId, organisations.id))
    .where(
      inArray(
        memberships.userId,
        found.map((u) => u.id),
      ),
    );
  return found.map((u) => ({ ...u, roles: rows.filter((r) => r.userId === u.id) }));
}

export async function listOrganisations(db: Db = getDb()) {
  return db.select().from(organisations).orderBy(organisations.kind, organisations.name);
}

const ORG_KIND_FOR_ROLE: Record<string, string | null> = {
  citizen: null,
  institution_owner: 'institution',
  institution_operator: 'institution',
  course_author: 'state',
  course_mentor: 'state',
  state_admin: 'state',
  verifier: 'verifier',
  platform_admin: 'platform',
};

/** Platform admin grants a role; the organisation must be of the kind the role belongs to. */
export async function grantRole(input: TGrantRoleInput, ctx: Ctx, db: Db = getDb()): Promise<void> {
  const wantKind = ORG_KIND_FOR_ROLE[input.role] ?? null;
  const orgId = input.orgId || null;
  if (wantKind === null && orgId)
    throw new InvalidError('A citizen role has no organisation', { orgId: 'required' });
  if (wantKind !== null) {
    if (!orgId)
      throw new InvalidError('Choose the organisation for this role', { orgId: 'required' });
    const [org] = await db
      .select({ kind: organisations.kind })
      .from(organisations)
      .where(eq(organisations.id, orgId));
    if (!org || org.kind !== wantKind)
      throw new InvalidError(`This role belongs to a ${wantKind} organisation`, {
        orgId: 'required',
      });
  }
  await db.transaction(async (tx) => {
    const [u] = await tx.select({ id: users.id }).from(users).where(eq(users.id, input.userId));
    if (!u) throw new NotFoundError('No such user');
    const inserted = await tx
      .insert(memberships)
      .values({ userId: input.userId, role: input.role, orgId })
      .onConflictDoNothing()
      .returning({ id: memberships.id });
    if (inserted.length === 0) throw new ConflictError('The user already has this role');
    await recordAudit(tx, {
      ...ctx,
      action: 'membership.grant',
      objectType: 'user',
      objectId: input.userId,
      detail: { role: input.role, orgId },
    });
  });
}

/** Platform admin removes a membership; it takes effect on the user's next request. */
export async function revokeMembership(
  membershipId: string,
  ctx: Ctx,
  db: Db = getDb(),
): Promise<void> {
  await db.transaction(async (tx) => {
    const [m] = await tx.delete(memberships).where(eq(memberships.id, membershipId)).returning();
    if (!m) throw new NotFoundError('No such role');
    await recordAudit(tx, {
      ...ctx,
      action: 'membership.revoke',
      objectType: 'user',
      objectId: m.userId,
      detail: { role: m.role, orgId: m.orgId },
    });
  });
}
