import 'server-only';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '@/db/client';
import { institutionApplications, memberships, users } from '@/db/schema';
import { recordAudit } from '@/lib/audit';
import { NotFoundError } from '@/lib/errors';
import type { Locale } from '@/lib/i18n/locales';
import { normaliseEmail, normaliseMobile } from '@/lib/identity/identifiers';
import { requireActiveInstitution } from './active';
import { queueMessages, type ActorContext } from './context';
import { conflictOn } from './errors';
import { personAddedMessages } from './notifications';
import type { TAddAuthorizedPersonInput, TContactPerson } from './schemas';

const STAFF_ROLES = ['institution_owner', 'institution_operator'] as const;

export type Person = {
  id: string;
  name: string | null;
  mobile: string | null;
  email: string | null;
  locale: string;
  created: boolean;
};

/**
 * The account of a named contact, found by mobile number or created (as a first sign-in with
 * that number would). The mobile number signs in only by a code sent to it, so its holder is the
 * account's holder. The email the institution typed is never written onto the account: it is a
 * contact detail (kept on the staff role by `grantStaffRole`), since whoever owns it has not
 * proved to be this person. An existing account keeps its data; only an empty name is filled in.
 */
export async function findOrCreatePerson(
  tx: DbOrTx,
  contact: TContactPerson,
  locale: Locale,
): Promise<Person> {
  const mobile = normaliseMobile(contact.mobile);
  if (!mobile) throw new Error('contact mobile was not validated');
  const [found] = await tx.select().from(users).where(eq(users.mobile, mobile));
  if (found) {
    if (!found.name)
      await tx.update(users).set({ name: contact.name }).where(eq(users.id, found.id));
    return { ...found, name: found.name ?? contact.name, created: false };
  }
  const [created] = await tx
    .insert(users)
    .values({ name: contact.name, mobile, locale })
    .onConflictDoNothing()
    .returning();
  if (created) return { ...created, created: true };
  // Someone signed up with this number a moment ago.
  const [raced] = await tx.select().from(users).where(eq(users.mobile, mobile));
  if (!raced) throw new Error('could not create the account');
  return { ...raced, created: false };
}

/**
 * Gives a person a staff role in the institution, with their designation and the contact email
 * the institution gave for them, on top of the citizen role everyone has.
 */
export async function grantStaffRole(
  tx: DbOrTx,
  userId: string,
  orgId: string,
  role: (typeof STAFF_ROLES)[number],
  contact: { designation?: string | null; email?: string | null } = {},
): Promise<void> {
  await tx
    .insert(memberships)
    .values([
      { userId, role: 'citizen', orgId: null },
      {
        userId,
        role,
        orgId,
        designation: contact.designation?.trim() || null,
        contactEmail: contact.email ? normaliseEmail(contact.email) : null,
      },
    ])
    .onConflictDoNothing();
}

export type OrgPerson = {
  userId: string;
  name: string | null;
  mobile: string | null;
  email: string | null;
  designation: string | null;
  roles: string[];
};

/** The institution's people: owners and authorized persons. */
export async function listOrgPeople(db: Db, { orgId }: { orgId: string }): Promise<OrgPerson[]> {
  const rows = await db
    .select({
      userId: users.id,
      name: users.name,
      mobile: users.mobile,
      email: users.email,
      contactEmail: memberships.contactEmail,
      role: memberships.role,
      designation: memberships.designation,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.orgId, orgId), inArray(memberships.role, [...STAFF_ROLES])))
    .orderBy(asc(memberships.createdAt));
  // Staff roles granted before migration 0012 have no designation of their own: for the people
  // named in the approved application, it is the one given there.
  const [app] = await db
    .select({
      owner: institutionApplications.owner,
      authorized: institutionApplications.authorized,
    })
    .from(institutionApplications)
    .where(
      and(eq(institutionApplications.orgId, orgId), eq(institutionApplications.status, 'approved')),
    );
  const designationOf = (mobile: string | null) =>
    [app?.owner, app?.authorized].find((c) => c && mobile && normaliseMobile(c.mobile) === mobile)
      ?.designation ?? null;
  const byUser = new Map<string, OrgPerson>();
  for (const r of rows) {
    const p = byUser.get(r.userId);
    if (p) {
      p.roles.push(r.role);
      p.designation ??= r.designation;
      p.email ??= r.contactEmail;
    } else
      byUser.set(r.userId, {
        userId: r.userId,
        name: r.name,
        mobile: r.mobile,
        // The one the institution gave, else the one the person proved for signing in.
        email: r.contactEmail ?? r.email,
        designation: r.designation ?? designationOf(r.mobile),
        roles: [r.role],
      });
  }
  return [...byUser.values()];
}

/** The owner adds a further authorized person (operator) to their own institution. */
export async function addAuthorizedPerson(
  db: Db,
  ctx: ActorContext,
  input: TAddAuthorizedPersonInput,
): Promise<{ userId: string; messageIds: string[] }> {
  return db.transaction(async (tx) => {
    const org = await requireActiveInstitution(tx, input.orgId);
    const [actor] = await tx
      .select({ name: users.name, locale: users.locale })
      .from(users)
      .where(eq(users.id, ctx.actorUserId));
    const person = await findOrCreatePerson(tx, input, (actor?.locale ?? 'en') as Locale);
    const [already] = await tx
      .select({ id: memberships.id })
      .from(memberships)
      .where(
        and(
          eq(memberships.userId, person.id),
          eq(memberships.orgId, org.id),
          inArray(memberships.role, [...STAFF_ROLES]),
        ),
      );
    if (already)
      throw conflictOn('mobile', 'alreadyMember', 'This person already works for the institution');
    await grantStaffRole(tx, person.id, org.id, 'institution_operator', input);
    await recordAudit(tx, {
      ...ctx,
      action: 'institution.person.add',
      objectType: 'user',
      objectId: person.id,
      detail: { orgId: org.id, role: 'institution_operator', designation: input.designation },
    });
    const messages = personAddedMessages(
      // To the contact details the owner gave; sign-in is by the mobile number.
      { name: input.name, mobile: person.mobile, email: normaliseEmail(input.email) },
      { institution: org.name, by: actor?.name ?? org.name },
      person.locale,
    );
    return { userId: person.id, messageIds: await queueMessages(tx, messages) };
  });
}

/**
 * The owner removes a person from the institution: every staff role they hold there goes, while
 * their account, their citizen role and their locker stay. It takes effect on the person's next
 * request (roles are read fresh on each). The institution always keeps an owner.
 */
export async function removeOrgPerson(
  db: Db,
  ctx: ActorContext,
  input: { orgId: string; userId: string },
): Promise<{ roles: string[] }> {
  return db.transaction(async (tx) => {
    // One removal at a time per institution: two owners removing each other at the same moment
    // would otherwise both see the other as the owner who stays.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`org-people:${input.orgId}`}))`);
    const staff = await tx
      .select({ userId: memberships.userId, role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.orgId, input.orgId), inArray(memberships.role, [...STAFF_ROLES])));
    const roles = staff.filter((m) => m.userId === input.userId).map((m) => m.role);
    if (roles.length === 0)
      throw new NotFoundError('This person does not work for the institution');
    const ownersAfter = staff.filter(
      (m) => m.role === 'institution_owner' && m.userId !== input.userId,
    );
    if (roles.includes('institution_owner') && ownersAfter.length === 0)
      throw conflictOn(
        'form',
        'lastOwner',
        'The institution needs an owner: make someone else an owner before removing the last one',
      );
    await tx
      .delete(memberships)
      .where(
        and(
          eq(memberships.userId, input.userId),
          eq(memberships.orgId, input.orgId),
          inArray(memberships.role, [...STAFF_ROLES]),
        ),
      );
    await recordAudit(tx, {
      ...ctx,
      action: 'institution.person.remove',
      objectType: 'user',
      objectId: input.userId,
      detail: { orgId: input.orgId, roles },
    });
    return { roles };
  });
}
