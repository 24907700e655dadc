import { eq, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { otpCodes, rateLimitEvents } from '@/db/schema';
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
    ).toHaveLength(1);
    expect(await db.select().from(otpCodes).where(eq(otpCodes.identifier, old))).toHaveLength(0);
    expect(await db.select().from(otpCodes).where(eq(otpCodes.identifier, fresh))).toHaveLength(1);
  });
});
