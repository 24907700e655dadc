import { randomBytes } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { closeDb } from '@/db/client';
import {
  institutionApplications,
  institutionProfiles,
  institutionRegistry,
  issuerKeys,
  memberships,
  organisations,
  outbox,
  users,
} from '@/db/schema';
import { ConflictError, InvalidError } from '@/lib/errors';
import { createPerson, createPlatformAdmin } from '@/tests/fixtures';
import { actAs } from '@/tests/acting-user';
import { testDb, uniqueIp, uniqueMobile } from '@/tests/helpers';
import { requestSignInCode, verifySignInCode } from '@/lib/auth/otp';
import { AGREEMENT_VERSION } from './agreement';
import {
  addRegistryEntry,
  declineRegistryEntry,
  listOrgPeople,
  listRequestedEntry,
  rejectApplication,
  requestRegistryEntry,
  requireActiveInstitution,
  submitApplication,
} from './index';
import type { TContactPerson, TRegisterInstitutionInput } from './schemas';

vi.mock('@/lib/jobs/enqueue', () => ({ enqueueSoon: async () => {} }));

const { approveApplicationAction, rejectApplicationAction } =
  await import('@/app/admin/institutions/actions');
const { addAuthorizedPersonAction } = await import('@/app/institution/(area)/people/actions');

const { db, sql: pool } = testDb();
const hex = () => randomBytes(4).toString('hex');

const person = (roles: Parameters<typeof createPerson>[1] = []) => createPerson(db, roles);

const contact = (name: string): TContactPerson => ({
  name,
  designation: 'Principal',
  mobile: `+91 ${uniqueMobile()}`,
  email: `${name.toLowerCase().replace(/\s/g, '.')}.${hex()}@Example.org`,
});

async function listedEntry() {
  const code = `in.sanad.t${hex()}`;
  const { id } = await addRegistryEntry(
    db,
    { actorUserId: admin.id },
    { name: `Test ITI ${code}`, code, kind: 'institute', city: 'Pune', state: 'Maharashtra' },
  );
  return { id, code };
}

function application(registryId: string, over: Partial<TRegisterInstitutionInput> = {}) {
  return {
    registryId,
    name: 'Government ITI, Test Nagar',
    address: 'Plot 4, MIDC Road, Test Nagar, Pune 411001',
    website: 'https://iti.example.org',
    owner: contact('Sunil Deshmukh'),
    authorized: contact('Kavita Joshi'),
    agreementVersion: AGREEMENT_VERSION,
    acceptAgreement: true as const,
    ...over,
  };
}

const outboxFor = (ids: string[]) => db.select().from(outbox).where(inArray(outbox.id, ids));

let admin: Awaited<ReturnType<typeof person>>;
let applicant: Awaited<ReturnType<typeof person>>;

beforeAll(async () => {
  admin = await createPlatformAdmin(db);
  applicant = await person();
});
afterAll(async () => {
  await closeDb();
  await pool.end();
});

describe('registration application', () => {
  it('creates a pending institution, the application and the messages in one go', async () => {
    const entry = await listedEntry();
    const input = application(entry.id);
    const before = Date.now();
    const r = await submitApplication(db, { actorUserId: applicant.id }, input);

    const [org] = await db.select().from(organisations).where(eq(organisations.id, r.orgId));
    expect(org).toMatchObject({ kind: 'institution', status: 'pending', code: entry.code });
    const [app] = await db
      .select()
      .from(institutionApplications)
      .where(eq(institutionApplications.id, r.applicationId));
    expect(app).toMatchObject({ status: 'pending', agreementVersion: '2026-11' });
    expect(app!.owner.mobile).toMatch(/^[6-9]\d{9}$/); // stored normalised
    expect(app!.owner.email).toBe(app!.owner.email.toLowerCase());
    expect(app!.agreementAcceptedAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    const [reg] = await db
      .select()
      .from(institutionRegistry)
      .where(eq(institutionRegistry.id, entry.id));
    expect(reg!.orgId).toBe(r.orgId);

    const sent = await outboxFor(r.messageIds);
    const to = sent.map((m) => m.recipient);
    expect(to).toEqual(
      expect.arrayContaining([
        app!.owner.mobile,
        app!.owner.email,
        app!.authorized.mobile,
        app!.authorized.email,
        applicant.mobile,
        applicant.email,
      ]),
    );
    expect(sent.every((m) => m.template === 'institution.application.submitted')).toBe(true);
    // The welcome email carries the agreement for the record (seed 000 §2.4 vi).
    expect(sent.find((m) => m.channel === 'email')!.body).toContain(AGREEMENT_VERSION);
    await expect(requireActiveInstitution(db, r.orgId)).rejects.toThrow(ConflictError);
  });

  it('refuses a second pending application for the same institution', async () => {
    const entry = await listedEntry();
    await submitApplication(db, { actorUserId: applicant.id }, application(entry.id));
    const other = await person();
    await expect(
      submitApplication(db, { actorUserId: other.id }, application(entry.id)),
    ).rejects.toMatchObject({ key: 'conflict', fieldErrors: { registryId: 'pendingApplication' } });
    const apps = await db
      .select()
      .from(institutionApplications)
      .where(eq(institutionApplications.registryId, entry.id));
    expect(apps).toHaveLength(1);
  });

  it('refuses an out-of-date agreement and an entry that is not listed', async () => {
    const entry = await listedEntry();
    await expect(
      submitApplication(
        db,
        { actorUserId: applicant.id },
        application(entry.id, { agreementVersion: '2020-01' }),
      ),
    ).rejects.toMatchObject({ fieldErrors: { agreementVersion: 'agreementChanged' } });
    const { id } = await requestRegistryEntry(
      db,
      { actorUserId: applicant.id },
      {
        name: `Requested ${hex()}`,
        kind: 'institute',
        city: 'Nashik',
        state: 'Maharashtra',
        note: '',
      },
    );
    await expect(
      submitApplication(db, { actorUserId: applicant.id }, application(id)),
    ).rejects.toMatchObject({ fieldErrors: { registryId: 'notListed' } });
  });
});

describe('admin decision', () => {
  it('only a platform admin can decide', async () => {
    const entry = await listedEntry();
    const { applicationId } = await submitApplication(
      db,
      { actorUserId: applicant.id },
      application(entry.id),
    );
    actAs(applicant.id);
    expect(await approveApplicationAction({ applicationId })).toMatchObject({
      ok: false,
      error: { key: 'forbidden' },
    });
    expect(
      await rejectApplicationAction({ applicationId, reason: 'Not a real institution' }),
    ).toMatchObject({ ok: false, error: { key: 'forbidden' } });
    actAs(null);
    expect(await approveApplicationAction({ applicationId })).toMatchObject({
      ok: false,
      error: { key: 'unauthenticated' },
    });
    const [app] = await db
      .select()
      .from(institutionApplications)
      .where(eq(institutionApplications.id, applicationId));
    expect(app!.status).toBe('pending');
  });

  it('approving activates the institution, its people, its keys, and tells them', async () => {
    const entry = await listedEntry();
    const input = application(entry.id);
    const { applicationId, orgId } = await submitApplication(
      db,
      { actorUserId: applicant.id },
      input,
    );
    actAs(admin.id);
    expect(await approveApplicationAction({ applicationId })).toEqual({ ok: true, data: null });

    expect(await requireActiveInstitution(db, orgId)).toMatchObject({ status: 'active' });
    const [profile] = await db
      .select()
      .from(institutionProfiles)
      .where(eq(institutionProfiles.orgId, orgId));
    expect(profile).toMatchObject({ registryId: entry.id, website: 'https://iti.example.org' });

    const people = await listOrgPeople(db, { orgId });
    const owner = people.find((p) => p.name === 'Sunil Deshmukh')!;
    const authorized = people.find((p) => p.name === 'Kavita Joshi')!;
    expect(owner).toMatchObject({ roles: ['institution_owner'], designation: 'Principal' });
    expect(authorized.roles).toEqual(['institution_operator']);
    // Kept with the staff role itself (migration 0012), not only in the application.
    const [ownerRole] = await db
      .select({ designation: memberships.designation })
      .from(memberships)
      .where(and(eq(memberships.userId, owner.userId), eq(memberships.orgId, orgId)));
    expect(ownerRole).toEqual({ designation: 'Principal' });
    const citizens = await db
      .select()
      .from(memberships)
      .where(
        and(
          inArray(memberships.userId, [owner.userId, authorized.userId]),
          eq(memberships.role, 'citizen'),
        ),
      );
    expect(citizens).toHaveLength(2);

    const keys = await db
      .select()
      .from(issuerKeys)
      .where(and(eq(issuerKeys.orgId, orgId), eq(issuerKeys.status, 'active')));
    expect(keys.map((k) => k.algorithm).sort()).toEqual(['ed25519', 'rsa-sha256']);

    const sms = await db
      .select()
      .from(outbox)
      .where(
        and(eq(outbox.template, 'institution.application.approved'), eq(outbox.channel, 'sms')),
      );
    for (const mobile of [owner.mobile!, authorized.mobile!]) {
      const m = sms.find((x) => x.recipient === mobile);
      expect(m?.body).toContain('https://sanad.test/sign-in');
      expect(m?.body).toContain(mobile);
    }

    // Decided once; and the institution cannot be registered again.
    expect(await approveApplicationAction({ applicationId })).toMatchObject({
      ok: false,
      error: { key: 'conflict' },
    });
    await expect(
      submitApplication(db, { actorUserId: applicant.id }, application(entry.id)),
    ).rejects.toMatchObject({ fieldErrors: { registryId: 'alreadyRegistered' } });
  });

  it('an existing account keeps its data and gains the roles', async () => {
    const entry = await listedEntry();
    const existing = await person();
    const { applicationId, orgId } = await submitApplication(
      db,
      { actorUserId: existing.id },
      application(entry.id, {
        owner: { ...contact('Someone Else'), mobile: existing.mobile! },
      }),
    );
    actAs(admin.id);
    expect((await approveApplicationAction({ applicationId })).ok).toBe(true);
    const [u] = await db.select().from(users).where(eq(users.id, existing.id));
    expect(u).toMatchObject({ name: existing.name, email: existing.email });
    const people = await listOrgPeople(db, { orgId });
    expect(people.find((p) => p.userId === existing.id)?.roles).toEqual(['institution_owner']);
  });

  it('rejecting needs a reason, which the applicant and contacts are told', async () => {
    const entry = await listedEntry();
    const { applicationId, orgId } = await submitApplication(
      db,
      { actorUserId: applicant.id },
      application(entry.id),
    );
    actAs(admin.id);
    expect(await rejectApplicationAction({ applicationId, reason: ' ' })).toMatchObject({
      ok: false,
      error: { key: 'invalid', fieldErrors: { reason: 'reason' } },
    });
    await expect(
      rejectApplication(db, { actorUserId: admin.id }, { applicationId, reason: '' }),
    ).rejects.toThrow(InvalidError);

    const reason = 'Could not reach the nodal officer on the given number';
    expect(await rejectApplicationAction({ applicationId, reason })).toEqual({
      ok: true,
      data: null,
    });
    const [org] = await db.select().from(organisations).where(eq(organisations.id, orgId));
    expect(org!.status).toBe('rejected');
    const [app] = await db
      .select()
      .from(institutionApplications)
      .where(eq(institutionApplications.id, applicationId));
    expect(app).toMatchObject({ status: 'rejected', decisionReason: reason, decidedBy: admin.id });
    const told = await db
      .select()
      .from(outbox)
      .where(
        and(
          eq(outbox.template, 'institution.application.rejected'),
          eq(outbox.recipient, applicant.mobile!),
        ),
      );
    expect(told.some((m) => m.body.includes(reason))).toBe(true);

    // After a rejection the institution may apply again, as the same organisation.
    const again = await submitApplication(db, { actorUserId: applicant.id }, application(entry.id));
    expect(again.orgId).toBe(orgId);
    const [pendingAgain] = await db.select().from(organisations).where(eq(organisations.id, orgId));
    expect(pendingAgain!.status).toBe('pending');
  });
});

/** Someone who signs in by mobile only: the account an unproven email would have landed on. */
async function emaillessPerson() {
  const p = await person();
  await db.update(users).set({ email: null, emailVerifiedAt: null }).where(eq(users.id, p.id));
  return { ...p, email: null };
}

describe('people of an institution', () => {
  async function activeInstitution() {
    const entry = await listedEntry();
    const input = application(entry.id);
    const { applicationId, orgId } = await submitApplication(
      db,
      { actorUserId: applicant.id },
      input,
    );
    actAs(admin.id);
    await approveApplicationAction({ applicationId });
    const people = await listOrgPeople(db, { orgId });
    const idOf = (role: string) => people.find((p) => p.roles.includes(role))!.userId;
    return { orgId, ownerId: idOf('institution_owner'), operatorId: idOf('institution_operator') };
  }

  it('the owner adds an authorized person, who is told how to sign in', async () => {
    const inst = await activeInstitution();
    const newcomer = { ...contact('Ramesh Pawar'), designation: 'Clerk', orgId: inst.orgId };
    actAs(inst.ownerId);
    expect(await addAuthorizedPersonAction(newcomer)).toEqual({ ok: true, data: null });

    const mobile = newcomer.mobile.replace(/^\+91 /, '');
    const people = await listOrgPeople(db, { orgId: inst.orgId });
    const added = people.find((p) => p.mobile === mobile);
    expect(added).toMatchObject({
      name: 'Ramesh Pawar',
      roles: ['institution_operator'],
      designation: 'Clerk',
    });
    const [citizen] = await db
      .select()
      .from(memberships)
      .where(and(eq(memberships.userId, added!.userId), eq(memberships.role, 'citizen')));
    expect(citizen).toBeDefined();
    const [sms] = await db
      .select()
      .from(outbox)
      .where(and(eq(outbox.template, 'institution.person.added'), eq(outbox.recipient, mobile)));
    expect(sms!.body).toContain('/sign-in');

    expect(await addAuthorizedPersonAction(newcomer)).toMatchObject({
      ok: false,
      error: { key: 'conflict', fieldErrors: { mobile: 'alreadyMember' } },
    });
  });

  it("adding a person with someone's mobile and one's own email never opens their account", async () => {
    const inst = await activeInstitution();
    const victim = await emaillessPerson();
    const [before] = await db.select().from(users).where(eq(users.id, victim.id));
    // The owner names the victim's number, and an email address the owner controls.
    const ownersEmail = `owner.${hex()}@example.org`;
    actAs(inst.ownerId);
    expect(
      await addAuthorizedPersonAction({
        ...contact('Victim Person'),
        mobile: victim.mobile!,
        email: ownersEmail,
        orgId: inst.orgId,
      }),
    ).toEqual({ ok: true, data: null });
    // The victim's account is untouched: its sign-in email stays theirs (or absent).
    const [after] = await db.select().from(users).where(eq(users.id, victim.id));
    expect(after).toMatchObject({ email: before!.email, emailVerifiedAt: before!.emailVerifiedAt });
    const owned = await db.select().from(users).where(eq(users.email, ownersEmail));
    expect(owned).toEqual([]);
    // The given email is the contact email of the staff role, and the people page shows it.
    const [role] = await db
      .select()
      .from(memberships)
      .where(and(eq(memberships.userId, victim.id), eq(memberships.orgId, inst.orgId)));
    expect(role!.contactEmail).toBe(ownersEmail);
    const people = await listOrgPeople(db, { orgId: inst.orgId });
    expect(people.find((p) => p.userId === victim.id)?.email).toBe(ownersEmail);
    // Signing in with that email proves only the email: it opens a new, empty locker.
    await requestSignInCode(db, { identifier: ownersEmail, ip: uniqueIp() });
    const [mail] = await db
      .select()
      .from(outbox)
      .where(and(eq(outbox.recipient, ownersEmail), eq(outbox.template, 'auth.otp')));
    const code = /\b(\d{6})\b/.exec(mail!.body)![1]!;
    const signedIn = await verifySignInCode(db, { identifier: ownersEmail, code, ip: uniqueIp() });
    expect(signedIn.created).toBe(true);
    expect(signedIn.userId).not.toBe(victim.id);
  });

  it("approving an application that names someone else's mobile keeps their sign-in email", async () => {
    const entry = await listedEntry();
    const victim = await emaillessPerson();
    const applicantsEmail = `applicant.${hex()}@example.org`;
    const { applicationId, orgId } = await submitApplication(
      db,
      { actorUserId: applicant.id },
      application(entry.id, {
        authorized: { ...contact('Named Person'), mobile: victim.mobile!, email: applicantsEmail },
      }),
    );
    actAs(admin.id);
    expect((await approveApplicationAction({ applicationId })).ok).toBe(true);
    const [after] = await db.select().from(users).where(eq(users.id, victim.id));
    expect(after!.email).toBeNull();
    expect(await db.select().from(users).where(eq(users.email, applicantsEmail))).toEqual([]);
    const people = await listOrgPeople(db, { orgId });
    expect(people.find((p) => p.userId === victim.id)?.email).toBe(applicantsEmail);
  });

  it('a new account made for a named person has no sign-in email, only the mobile', async () => {
    const inst = await activeInstitution();
    const newcomer = { ...contact('Fresh Person'), orgId: inst.orgId };
    actAs(inst.ownerId);
    expect((await addAuthorizedPersonAction(newcomer)).ok).toBe(true);
    const [u] = await db
      .select()
      .from(users)
      .where(eq(users.mobile, newcomer.mobile.replace(/^\+91 /, '')));
    expect(u).toMatchObject({ email: null, emailVerifiedAt: null, name: 'Fresh Person' });
  });

  it('an owner of another institution, or an operator, cannot add people here', async () => {
    const here = await activeInstitution();
    const elsewhere = await activeInstitution();
    const newcomer = { ...contact('Intruder Person'), orgId: here.orgId };

    actAs(elsewhere.ownerId);
    expect(await addAuthorizedPersonAction(newcomer)).toMatchObject({
      ok: false,
      error: { key: 'forbidden' },
    });
    actAs(here.operatorId);
    expect(await addAuthorizedPersonAction(newcomer)).toMatchObject({
      ok: false,
      error: { key: 'forbidden' },
    });
    const [u] = await db
      .select()
      .from(users)
      .where(eq(users.mobile, newcomer.mobile.replace(/^\+91 /, '')));
    expect(u).toBeUndefined();
  });
});

describe('the approved list', () => {
  it('a requested entry is listed under a real code, or declined with a reason', async () => {
    const ctx = { actorUserId: applicant.id };
    const a = await requestRegistryEntry(db, ctx, {
      name: `Nashik Skill Centre ${hex()}`,
      kind: 'training_provider',
      city: 'Nashik',
      state: 'Maharashtra',
      note: 'https://nsc.example.org',
    });
    const code = `in.sanad.nsc${hex()}`;
    const listed = await listRequestedEntry(
      db,
      { actorUserId: admin.id },
      {
        id: a.id,
        name: 'Nashik Skill Centre',
        code,
        kind: 'training_provider',
        city: 'Nashik',
        state: 'Maharashtra',
      },
    );
    const [entry] = await db
      .select()
      .from(institutionRegistry)
      .where(eq(institutionRegistry.id, a.id));
    expect(entry).toMatchObject({ status: 'listed', code });
    expect((await outboxFor(listed.messageIds)).map((m) => m.template)).toContain(
      'institution.registry.listed',
    );

    const b = await requestRegistryEntry(db, ctx, {
      name: `Unknown Academy ${hex()}`,
      kind: 'institute',
      city: 'Pune',
      state: 'Maharashtra',
      note: '',
    });
    const declined = await declineRegistryEntry(
      db,
      { actorUserId: admin.id },
      { id: b.id, reason: 'Not an awarding body' },
    );
    expect((await outboxFor(declined.messageIds))[0]!.body).toContain('Not an awarding body');
    await expect(
      addRegistryEntry(
        db,
        { actorUserId: admin.id },
        { name: 'Duplicate', code, kind: 'board', city: '', state: '' },
      ),
    ).rejects.toMatchObject({ fieldErrors: { code: 'codeTaken' } });
  });
});
