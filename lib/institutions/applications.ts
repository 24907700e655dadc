import 'server-only';
import { and, count, desc, eq, ne, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '@/db/client';
import {
  institutionApplications,
  institutionProfiles,
  institutionRegistry,
  organisations,
  users,
  type ContactPerson,
} from '@/db/schema';
import { recordAudit } from '@/lib/audit';
import { ensureIssuerKeys } from '@/lib/credentials/keys';
import { ConflictError, InvalidError, NotFoundError } from '@/lib/errors';
import { toLocale } from '@/lib/i18n/locales';
import { normaliseEmail, normaliseMobile } from '@/lib/identity/identifiers';
import { AGREEMENT_VERSION } from './agreement';
import { queueMessages, type ActorContext } from './context';
import { conflictOn } from './errors';
import {
  applicationApprovedMessages,
  applicationRejectedMessages,
  applicationSubmittedMessages,
  dedupe,
  type Recipient,
} from './notifications';
import { findOrCreatePerson, grantStaffRole } from './people';
import type { TRegisterInstitutionInput, TRejectApplicationInput } from './schemas';

// Registration (seed 000 §2.4 iii–vii): an application waits for a platform admin, who
// activates the institution or rejects the application with a reason.

function normaliseContact(c: ContactPerson): ContactPerson {
  return {
    name: c.name.trim(),
    designation: c.designation.trim(),
    mobile: normaliseMobile(c.mobile) ?? c.mobile,
    email: normaliseEmail(c.email) ?? c.email,
  };
}

const asRecipient = (c: ContactPerson): Recipient => ({
  name: c.name,
  mobile: c.mobile,
  email: c.email,
});

async function userById(tx: DbOrTx, id: string) {
  const [u] = await tx.select().from(users).where(eq(users.id, id));
  if (!u) throw new NotFoundError('No such user');
  return u;
}

export async function submitApplication(
  db: Db,
  ctx: ActorContext,
  input: TRegisterInstitutionInput,
): Promise<{ applicationId: string; orgId: string; messageIds: string[] }> {
  if (input.agreementVersion !== AGREEMENT_VERSION)
    throw conflictOn(
      'agreementVersion',
      'agreementChanged',
      'The agreement has changed; read the new version and accept it again',
    );
  const owner = normaliseContact(input.owner);
  const authorized = normaliseContact(input.authorized);
  return db.transaction(async (tx) => {
    // Locking the entry serialises applications for the same institution.
    const [entry] = await tx
      .select()
      .from(institutionRegistry)
      .where(eq(institutionRegistry.id, input.registryId))
      .for('update');
    if (!entry || entry.status !== 'listed')
      throw conflictOn('registryId', 'notListed', 'Choose an institution from the approved list');
    const [pending] = await tx
      .select({ id: institutionApplications.id })
      .from(institutionApplications)
      .where(
        and(
          eq(institutionApplications.registryId, entry.id),
          eq(institutionApplications.status, 'pending'),
        ),
      );
    if (pending)
      throw conflictOn(
        'registryId',
        'pendingApplication',
        'An application for this institution is already waiting for approval',
      );
    // The organisation holds the entry's code; after a rejection the same one applies again.
    const [existing] = await tx
      .select()
      .from(organisations)
      .where(eq(organisations.code, entry.code))
      .for('update');
    if (
      existing &&
      (existing.kind !== 'institution' ||
        existing.status === 'active' ||
        existing.status === 'suspended')
    )
      throw conflictOn(
        'registryId',
        'alreadyRegistered',
        'This institution is already registered; ask its account owner to add you as an authorized person',
      );
    let orgId: string;
    if (existing) {
      orgId = existing.id;
      await tx
        .update(organisations)
        .set({ status: 'pending', name: input.name })
        .where(eq(organisations.id, orgId));
    } else {
      const [org] = await tx
        .insert(organisations)
        .values({ kind: 'institution', name: input.name, code: entry.code, status: 'pending' })
        .returning({ id: organisations.id });
      orgId = org!.id;
    }
    await tx.update(institutionRegistry).set({ orgId }).where(eq(institutionRegistry.id, entry.id));
    const acceptedAt = new Date();
    const [app] = await tx
      .insert(institutionApplications)
      .values({
        registryId: entry.id,
        orgId,
        applicantUserId: ctx.actorUserId,
        name: input.name,
        address: input.address,
        website: input.website || null,
        owner,
        authorized,
        agreementVersion: AGREEMENT_VERSION,
        // Accepted with the submission: the server's clock, not the browser's.
        agreementAcceptedAt: acceptedAt,
      })
      .returning({ id: institutionApplications.id });
    await recordAudit(tx, {
      ...ctx,
      action: 'institution.apply',
      objectType: 'institution_application',
      objectId: app!.id,
      detail: { orgId, registryId: entry.id, agreementVersion: AGREEMENT_VERSION },
    });
    const applicant = await userById(tx, ctx.actorUserId);
    const info = { institution: input.name, acceptedAt };
    const messages = dedupe([
      ...applicationSubmittedMessages(
        { ...asRecipient(owner), role: 'owner' },
        info,
        applicant.locale,
      ),
      ...applicationSubmittedMessages(
        { ...asRecipient(authorized), role: 'authorized' },
        info,
        applicant.locale,
      ),
      ...applicationSubmittedMessages(
        {
          name: applicant.name ?? '',
          mobile: applicant.mobile,
          email: applicant.email,
          role: 'applicant',
        },
        info,
        applicant.locale,
      ),
    ]);
    return { applicationId: app!.id, orgId, messageIds: await queueMessages(tx, messages) };
  });
}

const applicationColumns = {
  id: institutionApplications.id,
  orgId: institutionApplications.orgId,
  name: institutionApplications.name,
  address: institutionApplications.address,
  website: institutionApplications.website,
  owner: institutionApplications.owner,
  authorized: institutionApplications.authorized,
  agreementVersion: institutionApplications.agreementVersion,
  agreementAcceptedAt: institutionApplications.agreementAcceptedAt,
  status: institutionApplications.status,
  decisionReason: institutionApplications.decisionReason,
  decidedAt: institutionApplications.decidedAt,
  createdAt: institutionApplications.createdAt,
  code: institutionRegistry.code,
  kind: institutionRegistry.kind,
  city: institutionRegistry.city,
  state: institutionRegistry.state,
  registryName: institutionRegistry.name,
};

/** The applications a user submitted, newest first. */
export async function listOwnApplications(db: Db, { userId }: { userId: string }) {
  return db
    .select(applicationColumns)
    .from(institutionApplications)
    .innerJoin(institutionRegistry, eq(institutionRegistry.id, institutionApplications.registryId))
    .where(eq(institutionApplications.applicantUserId, userId))
    .orderBy(desc(institutionApplications.createdAt))
    .limit(20);
}
export type OwnApplication = Awaited<ReturnType<typeof listOwnApplications>>[number];

/** Platform admin: pending applications (oldest first), or the latest decided ones. */
export async function listApplications(
  db: Db,
  { status, limit = 50 }: { status: 'pending' | 'decided'; limit?: number },
) {
  return db
    .select({
      ...applicationColumns,
      applicantName: users.name,
      applicantMobile: users.mobile,
      applicantEmail: users.email,
    })
    .from(institutionApplications)
    .innerJoin(institutionRegistry, eq(institutionRegistry.id, institutionApplications.registryId))
    .innerJoin(users, eq(users.id, institutionApplications.applicantUserId))
    .where(
      status === 'pending'
        ? eq(institutionApplications.status, 'pending')
        : ne(institutionApplications.status, 'pending'),
    )
    .orderBy(
      status === 'pending'
        ? institutionApplications.createdAt
        : desc(institutionApplications.decidedAt),
    )
    .limit(limit);
}
export type AdminApplication = Awaited<ReturnType<typeof listApplications>>[number];

export async function countPendingApplications(db: Db): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(institutionApplications)
    .where(eq(institutionApplications.status, 'pending'));
  return row?.n ?? 0;
}

/** Locks a pending application for a decision. */
async function pendingApplication(tx: DbOrTx, applicationId: string) {
  const [app] = await tx
    .select()
    .from(institutionApplications)
    .where(eq(institutionApplications.id, applicationId))
    .for('update');
  if (!app) throw new NotFoundError('No such application');
  if (app.status !== 'pending')
    throw new ConflictError('This application has already been decided');
  return app;
}

/**
 * Activates the institution: its profile, the owner's and authorized person's accounts and
 * roles, its signing keys, and the sign-in instructions to both (seed 000 §2.4 vii).
 */
export async function approveApplication(
  db: Db,
  ctx: ActorContext,
  { applicationId }: { applicationId: string },
): Promise<{ orgId: string; messageIds: string[] }> {
  return db.transaction(async (tx) => {
    const app = await pendingApplication(tx, applicationId);
    await tx
      .update(institutionApplications)
      .set({ status: 'approved', decidedBy: ctx.actorUserId, decidedAt: sql`now()` })
      .where(eq(institutionApplications.id, app.id));
    await tx
      .update(organisations)
      .set({ status: 'active', name: app.name })
      .where(eq(organisations.id, app.orgId));
    const profile = { registryId: app.registryId, address: app.address, website: app.website };
    await tx
      .insert(institutionProfiles)
      .values({ orgId: app.orgId, ...profile })
      .onConflictDoUpdate({
        target: institutionProfiles.orgId,
        set: { ...profile, updatedAt: sql`now()` },
      });
    const applicant = await userById(tx, app.applicantUserId);
    const locale = toLocale(applicant.locale);
    const owner = await findOrCreatePerson(tx, app.owner, locale);
    const authorized = await findOrCreatePerson(tx, app.authorized, locale);
    await grantStaffRole(tx, owner.id, app.orgId, 'institution_owner', app.owner);
    // Named twice ("same as owner"): the owner's role already allows everything an operator's does.
    if (authorized.id !== owner.id)
      await grantStaffRole(tx, authorized.id, app.orgId, 'institution_operator', app.authorized);
    await ensureIssuerKeys(tx, app.orgId);
    await recordAudit(tx, {
      ...ctx,
      action: 'institution.approve',
      objectType: 'organisation',
      objectId: app.orgId,
      detail: { applicationId: app.id, ownerUserId: owner.id, authorizedUserId: authorized.id },
    });
    const signIn = (c: ContactPerson, locale: string) =>
      applicationApprovedMessages({ ...asRecipient(c), signIn: true }, app.name, locale);
    const messages = dedupe([
      ...signIn(app.owner, owner.locale),
      ...signIn(app.authorized, authorized.locale),
      ...applicationApprovedMessages(
        {
          name: applicant.name ?? '',
          mobile: applicant.mobile,
          email: applicant.email,
          signIn: false,
        },
        app.name,
        applicant.locale,
      ),
    ]);
    return { orgId: app.orgId, messageIds: await queueMessages(tx, messages) };
  });
}

/** Rejects the application with a reason everyone named in it is told. */
export async function rejectApplication(
  db: Db,
  ctx: ActorContext,
  input: TRejectApplicationInput,
): Promise<{ messageIds: string[] }> {
  const reason = input.reason.trim();
  if (reason.length < 5)
    throw new InvalidError('Give the reason for rejecting', { reason: 'reason' });
  return db.transaction(async (tx) => {
    const app = await pendingApplication(tx, input.applicationId);
    await tx
      .update(institutionApplications)
      .set({
        status: 'rejected',
        decisionReason: reason,
        decidedBy: ctx.actorUserId,
        decidedAt: sql`now()`,
      })
      .where(eq(institutionApplications.id, app.id));
    await tx
      .update(organisations)
      .set({ status: 'rejected' })
      .where(and(eq(organisations.id, app.orgId), eq(organisations.status, 'pending')));
    await recordAudit(tx, {
      ...ctx,
      action: 'institution.reject',
      objectType: 'organisation',
      objectId: app.orgId,
      detail: { applicationId: app.id, reason },
    });
    const applicant = await userById(tx, app.applicantUserId);
    const info = { institution: app.name, reason };
    const messages = dedupe(
      [
        asRecipient(app.owner),
        asRecipient(app.authorized),
        { name: applicant.name ?? '', mobile: applicant.mobile, email: applicant.email },
      ].flatMap((r) => applicationRejectedMessages(r, info, applicant.locale)),
    );
    return { messageIds: await queueMessages(tx, messages) };
  });
}
