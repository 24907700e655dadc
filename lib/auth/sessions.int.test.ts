import { eq, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { auditLog, authSessions, users } from '@/db/schema';
import { createPerson, createPlatformAdmin } from '@/tests/fixtures';
import { testDb, uniqueIp } from '@/tests/helpers';

// The session cookie is only a pointer: whether it still signs in is decided by the row.
const cookie = vi.hoisted(() => ({ value: null as { userId: string; sessionId: string } | null }));
vi.mock('next-auth', () => ({ getServerSession: async () => cookie.value }));

const { getCurrentUser } = await import('./session');
const { endAllSessions, endSession, listLiveSessions, startSession, touchSession } =
  await import('./sessions');
const { authOptions } = await import('./next-auth');
const { endOwnSession, signOutEverywhere, accountOverview } = await import('./account');
const { blockUser, unblockUser } = await import('@/lib/identity/block');

const { db, sql: pool } = testDb();
afterAll(() => pool.end());

async function signedIn(userId: string) {
  const sessionId = await startSession(db, { userId, method: 'sms', ip: uniqueIp() });
  return { userId, sessionId };
}

async function whoIs(c: { userId: string; sessionId: string }) {
  cookie.value = c;
  return (await getCurrentUser())?.id ?? null;
}

const ctx = (userId: string, sessionId: string) => ({
  userId,
  sessionId,
  ip: uniqueIp(),
  userAgent: 'vitest',
});

describe('server-side sessions', () => {
  it('signing out ends the session on the server: a copy of the cookie no longer works', async () => {
    const me = await createPerson(db);
    const c = await signedIn(me.id);
    expect(await whoIs(c)).toBe(me.id);
    await authOptions.events!.signOut!({
      token: { sub: me.id, sid: c.sessionId },
      session: null as never,
    });
    expect(await whoIs(c)).toBeNull();
    const [row] = await db.select().from(authSessions).where(eq(authSessions.id, c.sessionId));
    expect(row).toMatchObject({ endReason: 'sign_out' });
    expect(row!.endedAt).not.toBeNull();
  });

  it('a cookie without a session id, or with one of another person, signs no one in', async () => {
    const me = await createPerson(db);
    const other = await createPerson(db);
    const theirs = await signedIn(other.id);
    cookie.value = { userId: me.id } as never;
    expect(await getCurrentUser()).toBeNull();
    expect(await whoIs({ userId: me.id, sessionId: theirs.sessionId })).toBeNull();
  });

  it('ends at its absolute lifetime, sooner for staff, and after being idle', async () => {
    const citizen = await createPerson(db);
    const staff = await createPlatformAdmin(db);
    const age = async (c: { sessionId: string }, hours: number, idleMinutes = 0) =>
      db
        .update(authSessions)
        .set({
          createdAt: sql`now() - make_interval(hours => ${hours})`,
          lastSeenAt: sql`now() - make_interval(mins => ${idleMinutes})`,
        })
        .where(eq(authSessions.id, c.sessionId));

    const c9 = await signedIn(citizen.id);
    await age(c9, 9);
    expect(await whoIs(c9)).toBe(citizen.id); // a citizen's lasts 24 hours
    const s9 = await signedIn(staff.id);
    await age(s9, 9);
    expect(await whoIs(s9)).toBeNull(); // a staff role's 8
    const [ended] = await db.select().from(authSessions).where(eq(authSessions.id, s9.sessionId));
    expect(ended!.endReason).toBe('expired');

    const c25 = await signedIn(citizen.id);
    await age(c25, 25);
    expect(await whoIs(c25)).toBeNull();

    // Kept alive by use, it still ends at 24 hours: it does not roll forever.
    const rolling = await signedIn(citizen.id);
    await age(rolling, 24, 0);
    expect(await whoIs(rolling)).toBeNull();

    const idle = await signedIn(citizen.id);
    await age(idle, 3, 121);
    expect(await whoIs(idle)).toBeNull();
    const [idled] = await db.select().from(authSessions).where(eq(authSessions.id, idle.sessionId));
    expect(idled!.endReason).toBe('idle');
  });

  it('“sign out everywhere” ends every session of the person and no one else’s', async () => {
    const me = await createPerson(db);
    const other = await createPerson(db);
    const phone = await signedIn(me.id);
    const laptop = await signedIn(me.id);
    const theirs = await signedIn(other.id);
    const overview = await accountOverview(db, { ...laptop, staff: false });
    expect(overview.sessions.map((s) => [s.id, s.current]).sort()).toEqual(
      [
        [phone.sessionId, false],
        [laptop.sessionId, true],
      ].sort(),
    );
    expect(await signOutEverywhere(db, ctx(me.id, laptop.sessionId))).toBe(2);
    expect(await whoIs(phone)).toBeNull();
    expect(await whoIs(laptop)).toBeNull();
    expect(await whoIs(theirs)).toBe(other.id);
    const [audit] = await db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'auth.sign_out_everywhere'));
    expect(audit).toBeDefined();
  });

  it("ends one of one's own other sessions; another person's session id is not found", async () => {
    const me = await createPerson(db);
    const other = await createPerson(db);
    const a = await signedIn(me.id);
    const b = await signedIn(me.id);
    const theirs = await signedIn(other.id);
    await expect(endOwnSession(db, ctx(me.id, a.sessionId), theirs.sessionId)).rejects.toThrow(
      /already ended/,
    );
    expect(await whoIs(theirs)).toBe(other.id);
    await endOwnSession(db, ctx(me.id, a.sessionId), b.sessionId);
    expect(await whoIs(b)).toBeNull();
    expect(await whoIs(a)).toBe(me.id);
  });

  it('blocking ends the person’s sessions at once; unblocking lets them sign in again', async () => {
    const admin = await createPlatformAdmin(db);
    const me = await createPerson(db);
    const c = await signedIn(me.id);
    const actor = { actorUserId: admin.id, ip: uniqueIp(), userAgent: 'vitest' };
    await blockUser(db, actor, { userId: me.id, reason: 'Reported for misuse' });
    expect(await whoIs(c)).toBeNull();
    const [u] = await db.select().from(users).where(eq(users.id, me.id));
    expect(u).toMatchObject({ status: 'disabled', statusReason: 'Reported for misuse' });
    const [row] = await db.select().from(authSessions).where(eq(authSessions.id, c.sessionId));
    expect(row!.endReason).toBe('blocked');
    // Unblocking does not revive the ended session; a new sign-in works.
    await unblockUser(db, actor, me.id);
    expect(await whoIs(c)).toBeNull();
    expect(await whoIs(await signedIn(me.id))).toBe(me.id);
    await expect(
      blockUser(db, actor, { userId: admin.id, reason: 'Trying myself' }),
    ).rejects.toThrow(/cannot block yourself/);
  });
});

describe('session rows', () => {
  const rowOf = async (id: string) =>
    (await db.select().from(authSessions).where(eq(authSessions.id, id)))[0]!;

  it('records who signed in, how, from where, with the browser cut to 300 characters', async () => {
    const me = await createPerson(db);
    const ip = uniqueIp();
    const id = await startSession(db, {
      userId: me.id,
      method: 'email',
      ip,
      userAgent: 'x'.repeat(400),
    });
    expect(await rowOf(id)).toMatchObject({
      userId: me.id,
      method: 'email',
      ip,
      userAgent: 'x'.repeat(300),
      endedAt: null,
      endReason: null,
    });
    const bare = await startSession(db, { userId: me.id, method: 'sms', ip });
    expect((await rowOf(bare)).userAgent).toBeNull();
  });

  it('ending a session keeps the first reason; ending all counts only live ones of that person', async () => {
    const me = await createPerson(db);
    const other = await createPerson(db);
    const a = await startSession(db, { userId: me.id, method: 'sms', ip: uniqueIp() });
    const b = await startSession(db, { userId: me.id, method: 'sms', ip: uniqueIp() });
    const theirs = await startSession(db, { userId: other.id, method: 'sms', ip: uniqueIp() });
    await endSession(db, a, 'sign_out');
    const ended = await rowOf(a);
    await endSession(db, a, 'blocked');
    expect(await rowOf(a)).toMatchObject({ endReason: 'sign_out', endedAt: ended.endedAt });
    expect(await endAllSessions(db, me.id, 'sign_out_everywhere')).toBe(1);
    expect((await rowOf(b)).endReason).toBe('sign_out_everywhere');
    expect((await rowOf(theirs)).endedAt).toBeNull();
    expect(await endAllSessions(db, me.id, 'sign_out_everywhere')).toBe(0);
  });

  it('writes the last use at most once a minute', async () => {
    const me = await createPerson(db);
    const id = await startSession(db, { userId: me.id, method: 'sms', ip: uniqueIp() });
    const long = new Date('2026-01-01T00:00:00Z');
    await db.update(authSessions).set({ lastSeenAt: long }).where(eq(authSessions.id, id));
    // Written 59.9 seconds ago by the caller's clock: left alone.
    await touchSession(db, id, long, long.getTime() + 59_900);
    expect((await rowOf(id)).lastSeenAt).toEqual(long);
    // A minute or more: written (with the database's now).
    await touchSession(db, id, long, long.getTime() + 60_000);
    const seen = (await rowOf(id)).lastSeenAt;
    expect(Math.abs(seen.getTime() - Date.now())).toBeLessThan(60_000);
  });

  it('lists only the person’s live sessions, most recently used first, at most 50', async () => {
    const me = await createPerson(db);
    const other = await createPerson(db);
    const ids: string[] = [];
    for (let i = 0; i < 52; i++)
      ids.push(await startSession(db, { userId: me.id, method: 'sms', ip: uniqueIp() }));
    // Session i was last used i minutes ago.
    for (const [i, id] of ids.entries())
      await db
        .update(authSessions)
        .set({ lastSeenAt: sql`now() - make_interval(mins => ${i})` })
        .where(eq(authSessions.id, id));
    await endSession(db, ids[0]!, 'sign_out');
    await startSession(db, { userId: other.id, method: 'sms', ip: uniqueIp() });
    const live = await listLiveSessions(db, { userId: me.id });
    expect(live.map((s) => s.id)).toEqual(ids.slice(1, 51));
    expect(Object.keys(live[0]!).sort()).toEqual(
      ['createdAt', 'id', 'ip', 'lastSeenAt', 'method', 'userAgent'].sort(),
    );
  });
});
