import { and, eq } from 'drizzle-orm';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { closeDb } from '@/db/client';
import { auditLog, memberships } from '@/db/schema';
import { actAs } from '@/tests/acting-user';
import { createIssuer, createPerson } from '@/tests/fixtures';
import { testDb } from '@/tests/helpers';
import { removeOrgPerson } from './people';

// The owner removes a person from the institution: their staff roles there go, on their next
// request; their account and locker stay; the institution never loses its last owner.
vi.mock('@/lib/jobs/enqueue', () => ({ enqueueSoon: async () => {} }));
const { removeOrgPersonAction } = await import('@/app/institution/(area)/people/actions');
const { getCurrentUser } = await import('@/lib/auth/session');

const { db, sql: pool } = testDb();
let org: { id: string };
let owner: { id: string };
let operator: { id: string };

beforeEach(async () => {
  org = await createIssuer(db, 'People Institute');
  owner = await createPerson(db, [{ role: 'institution_owner', orgId: org.id }]);
  operator = await createPerson(db, [{ role: 'institution_operator', orgId: org.id }]);
});
afterAll(async () => {
  await closeDb();
  await pool.end();
});

const rolesOf = async (userId: string) =>
  (await db.select().from(memberships).where(eq(memberships.userId, userId)))
    .map((m) => `${m.role}${m.orgId ? `@${m.orgId}` : ''}`)
    .sort();

describe('removing a person from an institution', () => {
  it('takes their staff role away on their next request; their locker stays; it is audited', async () => {
    actAs(operator.id);
    expect((await getCurrentUser())!.areas).toContain('institution');

    actAs(owner.id);
    expect(await removeOrgPersonAction({ orgId: org.id, userId: operator.id })).toEqual({
      ok: true,
      data: null,
    });
    expect(await rolesOf(operator.id)).toEqual(['citizen']);
    actAs(operator.id);
    const next = await getCurrentUser();
    expect(next!.areas).toEqual(['locker']);

    const [entry] = await db
      .select()
      .from(auditLog)
      .where(
        and(eq(auditLog.action, 'institution.person.remove'), eq(auditLog.objectId, operator.id)),
      );
    expect(entry).toMatchObject({
      actorUserId: owner.id,
      outcome: 'ok',
      detail: { orgId: org.id, roles: ['institution_operator'] },
    });
  });

  it('refuses to remove the last owner, even by themselves, and changes nothing', async () => {
    actAs(owner.id);
    const r = await removeOrgPersonAction({ orgId: org.id, userId: owner.id });
    expect(r).toMatchObject({
      ok: false,
      error: { status: 409, key: 'conflict', fieldErrors: { form: 'lastOwner' } },
    });
    expect(await rolesOf(owner.id)).toEqual(['citizen', `institution_owner@${org.id}`]);
  });

  it('lets an owner leave when another owner stays', async () => {
    const second = await createPerson(db, [{ role: 'institution_owner', orgId: org.id }]);
    actAs(owner.id);
    expect(await removeOrgPersonAction({ orgId: org.id, userId: owner.id })).toMatchObject({
      ok: true,
    });
    expect(await rolesOf(owner.id)).toEqual(['citizen']);
    expect(await rolesOf(second.id)).toContain(`institution_owner@${org.id}`);
  });

  it('never leaves an institution without an owner when two remove each other at once', async () => {
    const second = await createPerson(db, [{ role: 'institution_owner', orgId: org.id }]);
    const results = await Promise.allSettled([
      removeOrgPerson(db, { actorUserId: owner.id }, { orgId: org.id, userId: second.id }),
      removeOrgPerson(db, { actorUserId: second.id }, { orgId: org.id, userId: owner.id }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const owners = await db
      .select()
      .from(memberships)
      .where(and(eq(memberships.orgId, org.id), eq(memberships.role, 'institution_owner')));
    expect(owners).toHaveLength(1);
  });

  it('is for the owner only, within their own institution', async () => {
    actAs(operator.id);
    expect(await removeOrgPersonAction({ orgId: org.id, userId: owner.id })).toMatchObject({
      ok: false,
      error: { status: 403 },
    });
    const elsewhere = await createIssuer(db, 'Elsewhere Institute');
    const otherOwner = await createPerson(db, [{ role: 'institution_owner', orgId: elsewhere.id }]);
    actAs(otherOwner.id);
    // Naming this institution: not their own.
    expect(await removeOrgPersonAction({ orgId: org.id, userId: operator.id })).toMatchObject({
      ok: false,
      error: { status: 403 },
    });
    // Naming their own: the person does not work there.
    expect(await removeOrgPersonAction({ orgId: elsewhere.id, userId: operator.id })).toMatchObject(
      { ok: false, error: { status: 404 } },
    );
    expect(await rolesOf(operator.id)).toEqual(['citizen', `institution_operator@${org.id}`]);
  });

  it('says what is wrong with bad input', async () => {
    actAs(owner.id);
    expect(await removeOrgPersonAction({ orgId: org.id, userId: 'nobody' })).toMatchObject({
      ok: false,
      error: { status: 400, fieldErrors: { userId: expect.any(String) } },
    });
  });
});
