import { and, eq, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { memberships, otpCodes, outbox, users } from '@/db/schema';
import { InvalidCodeError, InvalidError, RateLimitedError } from '@/lib/errors';
import { lastCodeSentTo, testDb, uniqueIp, uniqueMobile } from '@/tests/helpers';
import { requestSignInCode, verifySignInCode } from './otp';

const { db, sql: pool } = testDb();
afterAll(() => pool.end());

describe('one-time sign-in codes', () => {
  it('sends the code as an SMS in the outbox and stores only a hash', async () => {
    const mobile = uniqueMobile();
    await requestSignInCode(db, { identifier: `+91 ${mobile}`, ip: uniqueIp() });
    const code = await lastCodeSentTo(db, mobile);
    const [row] = await db.select().from(otpCodes).where(eq(otpCodes.identifier, mobile));
    expect(row!.codeHash).not.toContain(code);
    expect(row!.codeHash).toMatch(/^[0-9a-f]{64}$/);
    const [msg] = await db.select().from(outbox).where(eq(outbox.recipient, mobile));
    expect(msg).toMatchObject({ channel: 'sms', template: 'auth.otp', status: 'pending' });
  });

  it('gives the same answer whether or not an account exists', async () => {
    const known = uniqueMobile();
    await db.insert(users).values({ mobile: known, name: 'Known Person' });
    const unknown = uniqueMobile();
    const a = await requestSignInCode(db, { identifier: known, ip: uniqueIp() });
    const b = await requestSignInCode(db, { identifier: unknown, ip: uniqueIp() });
    expect(Object.keys(a)).toEqual(Object.keys(b));
    expect(await lastCodeSentTo(db, known)).toMatch(/^\d{6}$/);
    expect(await lastCodeSentTo(db, unknown)).toMatch(/^\d{6}$/);
  });

  it('signs in with the right code, once; a new number becomes a citizen locker', async () => {
    const mobile = uniqueMobile();
    const ip = uniqueIp();
    await requestSignInCode(db, { identifier: mobile, ip });
    const code = await lastCodeSentTo(db, mobile);
    const first = await verifySignInCode(db, { identifier: mobile, code, ip });
    expect(first.created).toBe(true);
    const roles = await db.select().from(memberships).where(eq(memberships.userId, first.userId));
    expect(roles.map((r) => r.role)).toEqual(['citizen']);
    // Reuse of the same code is refused.
    await expect(verifySignInCode(db, { identifier: mobile, code, ip })).rejects.toBeInstanceOf(
      InvalidCodeError,
    );
    // A second sign-in finds the same account.
    await requestSignInCode(db, { identifier: mobile, ip });
    const again = await verifySignInCode(db, {
      identifier: mobile,
      code: await lastCodeSentTo(db, mobile),
      ip,
    });
    expect(again).toEqual({ userId: first.userId, created: false, method: 'sms' });
  });

  it('refuses an expired code', async () => {
    const mobile = uniqueMobile();
    await requestSignInCode(db, { identifier: mobile, ip: uniqueIp() });
    const code = await lastCodeSentTo(db, mobile);
    await db
      .update(otpCodes)
      .set({ expiresAt: sql`now() - interval '1 second'` })
      .where(eq(otpCodes.identifier, mobile));
    await expect(
      verifySignInCode(db, { identifier: mobile, code, ip: uniqueIp() }),
    ).rejects.toBeInstanceOf(InvalidCodeError);
  });

  it('is valid for 10 minutes', async () => {
    const mobile = uniqueMobile();
    await requestSignInCode(db, { identifier: mobile, ip: uniqueIp() });
    const [row] = await db
      .select({
        ttl: sql<number>`extract(epoch from ${otpCodes.expiresAt} - ${otpCodes.createdAt})`,
      })
      .from(otpCodes)
      .where(eq(otpCodes.identifier, mobile));
    expect(Math.round(Number(row!.ttl))).toBe(600);
  });

  it('dies after 5 wrong tries: the 6th try fails even with the right code', async () => {
    const mobile = uniqueMobile();
    const ip = uniqueIp();
    await requestSignInCode(db, { identifier: mobile, ip });
    const code = await lastCodeSentTo(db, mobile);
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) {
      await expect(
        verifySignInCode(db, { identifier: mobile, code: wrong, ip }),
      ).rejects.toBeInstanceOf(InvalidCodeError);
    }
    await expect(verifySignInCode(db, { identifier: mobile, code, ip })).rejects.toBeInstanceOf(
      InvalidCodeError,
    );
  });

  it('accepts the right code after fewer than 5 wrong tries', async () => {
    const mobile = uniqueMobile();
    const ip = uniqueIp();
    await requestSignInCode(db, { identifier: mobile, ip });
    const code = await lastCodeSentTo(db, mobile);
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 4; i++)
      await expect(verifySignInCode(db, { identifier: mobile, code: wrong, ip })).rejects.toThrow();
    await expect(verifySignInCode(db, { identifier: mobile, code, ip })).resolves.toHaveProperty(
      'userId',
    );
  });

  it('only the newest code works', async () => {
    const mobile = uniqueMobile();
    const ip = uniqueIp();
    await requestSignInCode(db, { identifier: mobile, ip });
    const old = await lastCodeSentTo(db, mobile);
    await requestSignInCode(db, { identifier: mobile, ip });
    const fresh = await lastCodeSentTo(db, mobile);
    if (old !== fresh) {
      await expect(
        verifySignInCode(db, { identifier: mobile, code: old, ip }),
      ).rejects.toBeInstanceOf(InvalidCodeError);
    }
    await expect(
      verifySignInCode(db, { identifier: mobile, code: fresh, ip }),
    ).resolves.toHaveProperty('userId');
  });

  it('rate-limits code requests per identifier, for known and unknown numbers alike', async () => {
    const known = uniqueMobile();
    await db.insert(users).values({ mobile: known });
    for (const mobile of [known, uniqueMobile()]) {
      for (let i = 0; i < 5; i++)
        await requestSignInCode(db, { identifier: mobile, ip: uniqueIp() });
      await expect(
        requestSignInCode(db, { identifier: mobile, ip: uniqueIp() }),
      ).rejects.toBeInstanceOf(RateLimitedError);
      // Nothing is written for the refused request.
      const codes = await db.select().from(otpCodes).where(eq(otpCodes.identifier, mobile));
      expect(codes).toHaveLength(5);
    }
  });

  it('rate-limits code requests per IP address', async () => {
    const ip = uniqueIp();
    for (let i = 0; i < 30; i++) await requestSignInCode(db, { identifier: uniqueMobile(), ip });
    const victim = uniqueMobile();
    await expect(requestSignInCode(db, { identifier: victim, ip })).rejects.toBeInstanceOf(
      RateLimitedError,
    );
    const sent = await db
      .select()
      .from(outbox)
      .where(and(eq(outbox.recipient, victim)));
    expect(sent).toHaveLength(0);
  });

  it('sends an email code to an email address', async () => {
    const email = `person-${uniqueMobile()}@example.org`;
    await requestSignInCode(db, { identifier: email.toUpperCase(), ip: uniqueIp(), locale: 'hi' });
    const [msg] = await db.select().from(outbox).where(eq(outbox.recipient, email));
    expect(msg).toMatchObject({ channel: 'email', subject: 'आपका सनद साइन-इन कोड' });
  });

  it('refuses malformed input without touching the database', async () => {
    const refused = requestSignInCode(db, { identifier: '12345', ip: uniqueIp() });
    await expect(refused).rejects.toBeInstanceOf(InvalidError);
    await expect(refused).rejects.toMatchObject({
      message: 'Enter a 10-digit mobile number or an email address',
      fieldErrors: { identifier: 'identifier' },
    });
    await expect(
      verifySignInCode(db, { identifier: uniqueMobile(), code: 'abc', ip: uniqueIp() }),
    ).rejects.toBeInstanceOf(InvalidCodeError);
  });
});
