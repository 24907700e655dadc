import { eq, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { authSessions, otpCodes, rateLimitEvents } from '@/db/schema';
import { createPerson } from '@/tests/fixtures';
import { testDb, uniqueMobile } from '@/tests/helpers';
import { pruneShortLivedRows } from './prune';

const { db, sql: pool } = testDb();
afterAll(() => pool.end());

describe('maintenance.prune', () => {
  it('drops day-old rate-limit events and sign-in codes, keeps recent ones', async () => {
    const old = uniqueMobile();
    const fresh = uniqueMobile();
    await db.insert(rateLimitEvents).values([
      { bucket: 'test', key: old, at: sql`now() - interval '2 days'` },
      { bucket: 'test', key: fresh },
      // The daily limits look back 24 hours: an event of 23 hours ago still counts.
      { bucket: 'test', key: fresh, at: sql`now() - interval '23 hours'` },
    ]);
    await db.insert(otpCodes).values([
      {
        identifier: old,
        codeHash: 'x',
        expiresAt: sql`now()`,
        createdAt: sql`now() - interval '2 days'`,
      },
      { identifier: fresh, codeHash: 'x', expiresAt: sql`now()` },
    ]);
    const removed = await pruneShortLivedRows(db);
    expect(removed.rateLimitEvents).toBeGreaterThanOrEqual(1);
    expect(
      await db.select().from(rateLimitEvents).where(eq(rateLimitEvents.key, old)),
    ).toHaveLength(0);
    expect(
      await db.select().from(rateLimitEvents).where(eq(rateLimitEvents.key, fresh)),
    ).toHaveLength(2);
    expect(await db.select().from(otpCodes).where(eq(otpCodes.identifier, old))).toHaveLength(0);
    expect(await db.select().from(otpCodes).where(eq(otpCodes.identifier, fresh))).toHaveLength(1);
  });

  it('drops sign-in sessions a month after they began', async () => {
    const person = await createPerson(db);
    const [old, recent] = await db
      .insert(authSessions)
      .values([
        { userId: person.id, method: 'sms', createdAt: sql`now() - interval '31 days'` },
        { userId: person.id, method: 'sms', createdAt: sql`now() - interval '29 days'` },
      ])
      .returning();
    await pruneShortLivedRows(db);
    const left = await db.select().from(authSessions).where(eq(authSessions.userId, person.id));
    expect(left.map((s) => s.id)).toEqual([recent!.id]);
    expect(left.map((s) => s.id)).not.toContain(old!.id);
  });
});
