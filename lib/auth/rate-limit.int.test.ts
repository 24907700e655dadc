import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { createDb } from '@/db/client';
import { rateLimitEvents } from '@/db/schema';
import { addEvent, countEvents, takeRateLimit } from './rate-limit';

// A pool big enough that a burst really runs at once.
const { db, sql: pool } = createDb(process.env.DATABASE_URL!, 12);
afterAll(() => pool.end());

const bucket = 'test.rate-limit';
const freshKey = () => `key-${randomUUID()}`;

async function eventsOf(key: string) {
  return db
    .select()
    .from(rateLimitEvents)
    .where(and(eq(rateLimitEvents.bucket, bucket), eq(rateLimitEvents.key, key)));
}

/** An event recorded `secondsAgo` seconds ago. */
async function eventAgo(key: string, secondsAgo: number) {
  await db
    .insert(rateLimitEvents)
    .values({ bucket, key, at: sql`now() - make_interval(secs => ${secondsAgo})` });
}

describe('the sliding-window rate limit', () => {
  it('allows exactly `limit` events in the window, records each, and refuses the next without recording', async () => {
    const key = freshKey();
    const taken = [];
    for (let i = 0; i < 4; i++) taken.push(await takeRateLimit(db, bucket, key, 3, 60));
    expect(taken).toEqual([true, true, true, false]);
    expect(await eventsOf(key)).toHaveLength(3);
    expect(await countEvents(db, bucket, key, 60)).toBe(3);
  });

  it('counts only events inside the window: older ones have expired', async () => {
    const key = freshKey();
    await eventAgo(key, 120);
    await eventAgo(key, 61);
    await eventAgo(key, 30);
    expect(await countEvents(db, bucket, key, 60)).toBe(1);
    expect(await countEvents(db, bucket, key, 150)).toBe(3);
    expect(await countEvents(db, bucket, key, 10)).toBe(0);
    // Two old events do not hold a limit of 2: the window has moved on.
    expect(await takeRateLimit(db, bucket, key, 2, 60)).toBe(true);
    expect(await takeRateLimit(db, bucket, key, 2, 60)).toBe(false);
  });

  it('counts per bucket and per key', async () => {
    const key = freshKey();
    await addEvent(db, bucket, key);
    await addEvent(db, bucket, key);
    expect(await countEvents(db, bucket, key, 60)).toBe(2);
    expect(await countEvents(db, `${bucket}.other`, key, 60)).toBe(0);
    expect(await countEvents(db, bucket, freshKey(), 60)).toBe(0);
    expect(await takeRateLimit(db, bucket, key, 2, 60)).toBe(false);
    expect(await takeRateLimit(db, `${bucket}.other`, key, 2, 60)).toBe(true);
  });

  it('lets no more than `limit` through a concurrent burst on one key', async () => {
    const key = freshKey();
    // Each request holds its transaction open a moment after counting, as a real request
    // does while it writes; without the lock every one of them counts zero.
    const burst = await Promise.all(
      Array.from({ length: 10 }, () =>
        db.transaction(async (tx) => {
          const ok = await takeRateLimit(tx, bucket, key, 3, 60);
          await tx.execute(sql`select pg_sleep(0.05)`);
          return ok;
        }),
      ),
    );
    expect(burst.filter(Boolean)).toHaveLength(3);
    expect(await eventsOf(key)).toHaveLength(3);
  });

  it('waits for another transaction on the same key, and only with `exact`', async () => {
    const key = freshKey();
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    let holding!: () => void;
    const held = new Promise<void>((r) => (holding = r));
    const holder = db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`${bucket}:${key}`}))`);
      holding();
      await released;
    });
    await held;

    // Without `exact` (a shared budget) nothing waits.
    await expect(takeRateLimit(db, bucket, key, 5, 60, { exact: false })).resolves.toBe(true);
    // Another key does not wait either.
    await expect(
      db.transaction((tx) => takeRateLimit(tx, bucket, freshKey(), 5, 60)),
    ).resolves.toBe(true);

    let done = false;
    const exact = db
      .transaction((tx) => takeRateLimit(tx, bucket, key, 5, 60))
      .then((ok) => {
        done = true;
        return ok;
      });
    await new Promise((r) => setTimeout(r, 300));
    expect(done).toBe(false);
    release();
    await holder;
    await expect(exact).resolves.toBe(true);
    expect(await eventsOf(key)).toHaveLength(2);
  });
});
