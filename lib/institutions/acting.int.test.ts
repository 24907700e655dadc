import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { closeDb } from '@/db/client';
import { auditLog, memberships } from '@/db/schema';
import { actAs } from '@/tests/acting-user';
import { createIssuer, createPerson } from '@/tests/fixtures';
import { testDb } from '@/tests/helpers';

// The institution a person who works for several acts for: chosen with the switcher (a cookie),
// checked against their memberships on every use.
const jar = vi.hoisted(() => new Map<string, string>());
vi.mock('next/headers', () => ({
  cookies: async () => ({
    get: (name: string) => (jar.has(name) ? { name, value: jar.get(name)! } : undefined),
    set: (name: string, value: string) => void jar.set(name, value),
  }),
}));

const { chooseInstitutionAction } = await import('@/app/institution/(area)/actions');
const { getCurrentUser } = await import('@/lib/auth/session');
const { ACTING_INSTITUTION_COOKIE, actingInstitution, institutionsFor } = await import('./acting');

const { db, sql: pool } = testDb();
let first: { id: string; name: string };
let second: { id: string; name: string };
let elsewhere: { id: string };
let person: { id: string };

beforeAll(async () => {
  first = await createIssuer(db, 'First Institute');
  second = await createIssuer(db, 'Second Institute');
  elsewhere = await createIssuer(db, 'Someone Else’s Institute');
  person = await createPerson(db, [{ role: 'institution_operator', orgId: first.id }]);
  // Granted later: the first institution stays the first.
  await db.insert(memberships).values({
    userId: person.id,
    orgId: second.id,
    role: 'institution_owner',
    createdAt: new Date(Date.now() + 1000),
  });
});
afterAll(async () => {
  await closeDb();
  await pool.end();
});

const current = async () => (await getCurrentUser())!;

describe('the institution a person acts for', () => {
  it('is the first by default, the chosen one after switching, and never one they left', async () => {
    actAs(person.id);
    jar.clear();
    expect(institutionsFor(await current(), 'institution.view')).toEqual([
      { id: first.id, name: 'First Institute' },
      { id: second.id, name: 'Second Institute' },
    ]);
    expect((await actingInstitution(await current(), 'records.upload')).id).toBe(first.id);

    expect(await chooseInstitutionAction(second.id)).toEqual({ ok: true, data: null });
    expect(jar.get(ACTING_INSTITUTION_COOKIE)).toBe(second.id);
    expect((await actingInstitution(await current(), 'records.upload')).id).toBe(second.id);
    // Revoking needs the owner's role, which they hold in the chosen institution.
    expect((await actingInstitution(await current(), 'certificates.revoke')).id).toBe(second.id);

    // A cookie naming an institution they do not work for counts for nothing.
    jar.set(ACTING_INSTITUTION_COOKIE, elsewhere.id);
    expect((await actingInstitution(await current(), 'records.upload')).id).toBe(first.id);
  });

  it('refuses to switch to an institution they do not work for, and logs it', async () => {
    actAs(person.id);
    jar.clear();
    const refused = await chooseInstitutionAction(elsewhere.id);
    expect(refused).toMatchObject({ ok: false, error: { status: 403 } });
    expect(jar.has(ACTING_INSTITUTION_COOKIE)).toBe(false);
    const denied = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'institution.choose'), eq(auditLog.objectId, elsewhere.id)));
    expect(denied).toMatchObject([{ actorUserId: person.id, outcome: 'denied' }]);
    expect(await chooseInstitutionAction('not-an-id')).toMatchObject({
      ok: false,
      error: { status: 400 },
    });
    actAs(null);
    expect(await chooseInstitutionAction(first.id)).toMatchObject({
      ok: false,
      error: { status: 401 },
    });
  });
});
