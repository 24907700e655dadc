import { and, eq, sql } from 'drizzle-orm';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { auditLog, outbox, rateLimitEvents, users } from '@/db/schema';
import { adminOverview } from '@/lib/admin/overview';
import {
  BlockedError,
  BusyError,
  InvalidCodeError,
  RateLimitedError,
  TryTomorrowError,
} from '@/lib/errors';
import { lastCodeSentTo, testDb, uniqueIp, uniqueMobile } from '@/tests/helpers';
import { requestSignInCode, verifySignInCode } from './otp';
import { OTP_BUCKETS } from './otp-limits';

const { db, sql: pool } = testDb();
afterAll(() => pool.end());
const saved = { ...process.env };
afterEach(() => {
  for (const k of ['SMS_HOURLY_BUDGET', 'OTP_LIMIT_PER_IDENTIFIER', 'OTP_LIMIT_PER_IP'])
    process.env[k] = saved[k];
});

const wrongFor = (code: string) => (code === '000000' ? '111111' : '000000');

describe('wrong codes across codes', () => {
  it('after 10 wrong codes in a day, even a fresh right code is refused until tomorrow', async () => {
    const known = uniqueMobile();
    await db.insert(users).values({ mobile: known });
    for (const mobile of [known, uniqueMobile()]) {
      // Five wrong tries kill a code; a new code gives five more, but the day's budget is ten.
      for (let round = 0; round < 2; round++) {
        await requestSignInCode(db, { identifier: mobile, ip: uniqueIp() });
        const code = await lastCodeSentTo(db, mobile);
        for (let i = 0; i < 5; i++)
          await expect(
            verifySignInCode(db, { identifier: mobile, code: wrongFor(code), ip: uniqueIp() }),
          ).rejects.toBeInstanceOf(InvalidCodeError);
      }
      // No new code is sent, for a registered and an unregistered number alike.
      const asking = requestSignInCode(db, { identifier: mobile, ip: uniqueIp() });
      await expect(asking).rejects.toBeInstanceOf(TryTomorrowError);
      await expect(asking).rejects.toThrow(/Try again tomorrow/);
      // A code sent before the lock is refused too, however right.
      await db
        .delete(rateLimitEvents)
        .where(and(eq(rateLimitEvents.bucket, OTP_BUCKETS.daily), eq(rateLimitEvents.key, mobile)));
      const locked = verifySignInCode(db, { identifier: mobile, code: '123456', ip: uniqueIp() });
      await expect(locked).rejects.toBeInstanceOf(TryTomorrowError);
      const audits = await db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.objectType, 'identifier'), eq(auditLog.objectId, mobile)));
      expect(audits.filter((a) => a.action === 'auth.code_failed')).toHaveLength(9);
      expect(audits.filter((a) => a.action === 'auth.code_locked')).toHaveLength(1);
      expect(audits.every((a) => a.outcome === 'denied')).toBe(true);
    }
  });

  it('limits wrong codes per client address, and counts an IPv6 /64 as one address', async () => {
    const net = `2001:db8:${Math.floor(Math.random() * 0xffff).toString(16)}:7`;
    for (let i = 0; i < 30; i++) {
      const mobile = uniqueMobile();
      await requestSignInCode(db, { identifier: mobile, ip: uniqueIp() });
      await expect(
        verifySignInCode(db, { identifier: mobile, code: '999999', ip: `${net}::${i + 1}` }),
      ).rejects.toThrow();
    }
    // The next attempt from anywhere in that /64 is refused before the code is looked at.
    const mobile = uniqueMobile();
    await requestSignInCode(db, { identifier: mobile, ip: uniqueIp() });
    const code = await lastCodeSentTo(db, mobile);
    await expect(
      verifySignInCode(db, { identifier: mobile, code, ip: `${net}:abcd::99` }),
    ).rejects.toBeInstanceOf(RateLimitedError);
    // From another address the right code still works.
    await expect(
      verifySignInCode(db, { identifier: mobile, code, ip: uniqueIp() }),
    ).resolves.toHaveProperty('userId');
  });
});

describe('codes sent', () => {
  it('one number is sent at most 10 codes a day, whoever asks and from wherever', async () => {
    process.env.OTP_LIMIT_PER_IDENTIFIER = '100';
    const mobile = uniqueMobile();
    for (let i = 0; i < 10; i++)
      await requestSignInCode(db, { identifier: mobile, ip: uniqueIp() });
    await expect(
      requestSignInCode(db, { identifier: mobile, ip: uniqueIp() }),
    ).rejects.toBeInstanceOf(TryTomorrowError);
    const sent = await db.select().from(outbox).where(eq(outbox.recipient, mobile));
    expect(sent).toHaveLength(10);
  });

  it('an IPv6 client cannot beat the per-address limit by changing its address in its /64', async () => {
    const net = `2001:db8:${Math.floor(Math.random() * 0xffff).toString(16)}:9`;
    for (let i = 0; i < 30; i++)
      await requestSignInCode(db, { identifier: uniqueMobile(), ip: `${net}::${i + 1}` });
    await expect(
      requestSignInCode(db, { identifier: uniqueMobile(), ip: `${net}:ffff::1` }),
    ).rejects.toBeInstanceOf(RateLimitedError);
  });

  it('the hourly SMS budget stops sending, is audited once, and shows on the admin overview', async () => {
    // The budget is the platform's: spend it (it counts every test's codes of the last hour).
    await db.insert(rateLimitEvents).values({ bucket: OTP_BUCKETS.sms, key: 'all' });
    // A breach already noted this hour (a second run on one database) would hold the audit back.
    await db.delete(rateLimitEvents).where(eq(rateLimitEvents.bucket, OTP_BUCKETS.smsBreach));
    await db.delete(auditLog).where(eq(auditLog.action, 'sms.budget_exceeded'));
    process.env.SMS_HOURLY_BUDGET = '1';
    expect((await adminOverview(db)).smsBudget).toMatchObject({ budget: 1, breachedToday: false });
    const victims = [uniqueMobile(), uniqueMobile()];
    for (const mobile of victims) {
      const refused = requestSignInCode(db, { identifier: mobile, ip: uniqueIp() });
      await expect(refused).rejects.toBeInstanceOf(BusyError);
      await expect(refused).rejects.toThrow(/cannot be sent right now/);
    }
    for (const mobile of victims)
      expect(await db.select().from(outbox).where(eq(outbox.recipient, mobile))).toEqual([]);
    const breaches = await db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.action, 'sms.budget_exceeded'),
          sql`${auditLog.at} > now() - interval '1 hour'`,
        ),
      );
    expect(breaches).toHaveLength(1);
    expect(breaches[0]).toMatchObject({
      actorUserId: null,
      objectType: 'platform',
      outcome: 'denied',
      detail: { budgetPerHour: 1 },
    });
    expect((await adminOverview(db)).smsBudget).toMatchObject({ budget: 1, breachedToday: true });
    // Email codes do not spend the SMS budget.
    await expect(
      requestSignInCode(db, { identifier: `b${uniqueMobile()}@example.org`, ip: uniqueIp() }),
    ).resolves.toHaveProperty('messageId');
  });
});

describe('a blocked account', () => {
  it('gets a code like anyone, and is told it is blocked only after the code proved the number', async () => {
    const mobile = uniqueMobile();
    await db.insert(users).values({ mobile, status: 'disabled', statusReason: 'misuse' });
    await requestSignInCode(db, { identifier: mobile, ip: uniqueIp() });
    await expect(
      verifySignInCode(db, {
        identifier: mobile,
        code: wrongFor(await lastCodeSentTo(db, mobile)),
        ip: uniqueIp(),
      }),
    ).rejects.toBeInstanceOf(InvalidCodeError);
    await expect(
      verifySignInCode(db, {
        identifier: mobile,
        code: await lastCodeSentTo(db, mobile),
        ip: uniqueIp(),
      }),
    ).rejects.toBeInstanceOf(BlockedError);
  });
});

describe('how long each budget remembers', () => {
  /** `n` events of `bucket` for `key`, `secondsAgo` seconds ago. */
  async function past(bucket: string, key: string, n: number, secondsAgo: number) {
    await db.insert(rateLimitEvents).values(
      Array.from({ length: n }, () => ({
        bucket,
        key,
        at: sql`now() - make_interval(secs => ${secondsAgo})`,
      })),
    );
  }
  const MIN = 60;
  const HOUR = 3600;

  it('code requests per identifier: 15 minutes', async () => {
    const [recent, old] = [uniqueMobile(), uniqueMobile()];
    await past(OTP_BUCKETS.request, recent, 5, 14 * MIN);
    await past(OTP_BUCKETS.request, old, 5, 16 * MIN);
    await expect(
      requestSignInCode(db, { identifier: recent, ip: uniqueIp() }),
    ).rejects.toBeInstanceOf(RateLimitedError);
    await expect(
      requestSignInCode(db, { identifier: old, ip: uniqueIp() }),
    ).resolves.toHaveProperty('messageId');
  });

  it('code requests per address: 15 minutes', async () => {
    const [recent, old] = [uniqueIp(), uniqueIp()];
    await past(OTP_BUCKETS.requestIp, recent, 30, 14 * MIN);
    await past(OTP_BUCKETS.requestIp, old, 30, 16 * MIN);
    await expect(
      requestSignInCode(db, { identifier: uniqueMobile(), ip: recent }),
    ).rejects.toBeInstanceOf(RateLimitedError);
    await expect(
      requestSignInCode(db, { identifier: uniqueMobile(), ip: old }),
    ).resolves.toHaveProperty('messageId');
  });

  it('codes sent to one identifier: a day', async () => {
    const [recent, old] = [uniqueMobile(), uniqueMobile()];
    await past(OTP_BUCKETS.daily, recent, 10, 23 * HOUR);
    await past(OTP_BUCKETS.daily, old, 10, 25 * HOUR);
    await expect(
      requestSignInCode(db, { identifier: recent, ip: uniqueIp() }),
    ).rejects.toBeInstanceOf(TryTomorrowError);
    await expect(
      requestSignInCode(db, { identifier: old, ip: uniqueIp() }),
    ).resolves.toHaveProperty('messageId');
  });

  it('wrong codes for one identifier: a day, for sending and for checking', async () => {
    const [recent, old] = [uniqueMobile(), uniqueMobile()];
    await past(OTP_BUCKETS.failed, recent, 10, 23 * HOUR);
    await past(OTP_BUCKETS.failed, old, 10, 25 * HOUR);
    await expect(
      requestSignInCode(db, { identifier: recent, ip: uniqueIp() }),
    ).rejects.toBeInstanceOf(TryTomorrowError);
    await expect(
      verifySignInCode(db, { identifier: recent, code: '123456', ip: uniqueIp() }),
    ).rejects.toBeInstanceOf(TryTomorrowError);
    await requestSignInCode(db, { identifier: old, ip: uniqueIp() });
    await expect(
      verifySignInCode(db, {
        identifier: old,
        code: await lastCodeSentTo(db, old),
        ip: uniqueIp(),
      }),
    ).resolves.toHaveProperty('userId');
  });

  it('wrong codes from one address: an hour', async () => {
    const [recent, old] = [uniqueIp(), uniqueIp()];
    await past(OTP_BUCKETS.failedIp, recent, 30, 59 * MIN);
    await past(OTP_BUCKETS.failedIp, old, 30, 61 * MIN);
    const mobile = uniqueMobile();
    await requestSignInCode(db, { identifier: mobile, ip: uniqueIp() });
    const code = await lastCodeSentTo(db, mobile);
    await expect(
      verifySignInCode(db, { identifier: mobile, code, ip: recent }),
    ).rejects.toBeInstanceOf(RateLimitedError);
    await expect(
      verifySignInCode(db, { identifier: mobile, code, ip: old }),
    ).resolves.toHaveProperty('userId');
  });

  it('a wrong code is counted for the identifier and for the address’s /64', async () => {
    const mobile = uniqueMobile();
    const net = `2001:db8:${Math.floor(Math.random() * 0xffff).toString(16)}:5`;
    await expect(
      verifySignInCode(db, { identifier: mobile, code: '123456', ip: `${net}::7` }),
    ).rejects.toBeInstanceOf(InvalidCodeError);
    const events = await db
      .select({ bucket: rateLimitEvents.bucket, key: rateLimitEvents.key })
      .from(rateLimitEvents)
      .where(
        sql`(${rateLimitEvents.key} = ${mobile} or ${rateLimitEvents.key} = ${`${net}::/64`})`,
      );
    expect(events.sort((a, b) => a.bucket.localeCompare(b.bucket))).toEqual([
      { bucket: OTP_BUCKETS.failed, key: mobile },
      { bucket: OTP_BUCKETS.failedIp, key: `${net}::/64` },
    ]);
  });

  it('every code sent by SMS, and only by SMS, counts against the hourly budget', async () => {
    process.env.SMS_HOURLY_BUDGET = '1000000';
    const mobile = uniqueMobile();
    await requestSignInCode(db, { identifier: mobile, ip: uniqueIp() });
    const [{ n }] = (await db.execute(
      sql`select count(*)::int as n from rate_limit_events where bucket = ${OTP_BUCKETS.sms} and key = 'all' and at > now() - interval '1 hour'`,
    )) as unknown as [{ n: number }];
    const status = (await adminOverview(db)).smsBudget;
    expect(status.budget).toBe(1_000_000);
    expect(status.used).toBeGreaterThanOrEqual(1);
    expect(status.used).toBeLessThanOrEqual(n + 5);
    expect(status.used).toBeGreaterThanOrEqual(n - 5);
  });
});

describe('the platform-wide SMS budget', () => {
  it('is not a queue: a code request does not wait on another one holding the budget', async () => {
    process.env.SMS_HOURLY_BUDGET = '1000000';
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    let holding!: () => void;
    const held = new Promise<void>((r) => (holding = r));
    // What an exact limit on the shared key would take for the length of a request.
    const holder = db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`${OTP_BUCKETS.sms}:all`}))`);
      holding();
      await released;
    });
    await held;
    const asked = requestSignInCode(db, { identifier: uniqueMobile(), ip: uniqueIp() });
    const first = await Promise.race([
      asked.then(() => 'sent'),
      new Promise((r) => setTimeout(() => r('waiting'), 3000)),
    ]);
    release();
    await holder;
    await asked;
    expect(first).toBe('sent');
  });
});
