import { and, eq, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { auditLog, memberships, otpCodes, rateLimitEvents, users } from '@/db/schema';
import { BlockedError, InvalidCodeError } from '@/lib/errors';
import { parseSignInIdentifier } from '@/lib/identity/identifiers';
import { createPerson } from '@/tests/fixtures';
import { lastCodeSentTo, testDb, uniqueIp, uniqueMobile } from '@/tests/helpers';
import { requestCode, requestSignInCode, spendCode, verifySignInCode } from './otp';
import { OTP_BUCKETS } from './otp-limits';

// What a one-time code does to accounts, codes and the audit log, beyond right and wrong.

const { db, sql: pool } = testDb();
afterAll(() => pool.end());

const wrongFor = (code: string) => (code === '000000' ? '111111' : '000000');

async function auditsOf(objectType: string, objectId: string) {
  return db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.objectType, objectType), eq(auditLog.objectId, objectId)));
}

async function failedEvents(identifier: string) {
  return db
    .select()
    .from(rateLimitEvents)
    .where(
      and(eq(rateLimitEvents.bucket, OTP_BUCKETS.failed), eq(rateLimitEvents.key, identifier)),
    );
}

async function codeRows(identifier: string) {
  return db.select().from(otpCodes).where(eq(otpCodes.identifier, identifier));
}

describe('a blocked account and the right code', () => {
  it.each(['mobile', 'email'] as const)(
    'is refused as blocked (%s): no sign-in is recorded, the code is spent, the refusal is audited',
    async (kind) => {
      const identifier =
        kind === 'mobile' ? uniqueMobile() : `blocked-${uniqueMobile()}@example.org`;
      const [user] = await db
        .insert(users)
        .values({
          ...(kind === 'mobile'
            ? { mobile: identifier }
            : { email: identifier, emailVerifiedAt: new Date() }),
          status: 'disabled',
          statusReason: 'misuse',
        })
        .returning();
      const ip = uniqueIp();
      await requestSignInCode(db, { identifier, ip });
      const code = await lastCodeSentTo(db, identifier);
      const refused = verifySignInCode(db, { identifier, code, ip, userAgent: 'vitest' });
      await expect(refused).rejects.toBeInstanceOf(BlockedError);
      await expect(refused).rejects.toThrow(/account is blocked/);
      const [after] = await db.select().from(users).where(eq(users.id, user!.id));
      expect(after!.lastSignInAt).toBeNull();
      const audits = await auditsOf('user', user!.id);
      expect(audits).toHaveLength(1);
      expect(audits[0]).toMatchObject({
        action: 'auth.sign_in',
        outcome: 'denied',
        actorUserId: user!.id,
        detail: { reason: 'blocked' },
      });
      // The code proved the identifier once; it does not work again.
      expect((await codeRows(identifier))[0]!.consumedAt).not.toBeNull();
      await expect(verifySignInCode(db, { identifier, code, ip })).rejects.toBeInstanceOf(
        InvalidCodeError,
      );
    },
  );
});

describe('signing in and up', () => {
  it('a new mobile number: a citizen account, audited as a sign-up by SMS, then sign-ins', async () => {
    const mobile = uniqueMobile();
    const ip = uniqueIp();
    await requestSignInCode(db, { identifier: mobile, ip });
    const first = await verifySignInCode(db, {
      identifier: mobile,
      code: ` ${await lastCodeSentTo(db, mobile)} `,
      ip,
      userAgent: 'vitest',
    });
    expect(first).toMatchObject({ created: true, method: 'sms' });
    const [user] = await db.select().from(users).where(eq(users.id, first.userId));
    expect(user).toMatchObject({ mobile, email: null, status: 'active', emailVerifiedAt: null });
    expect(user!.lastSignInAt).not.toBeNull();
    await requestSignInCode(db, { identifier: mobile, ip });
    await verifySignInCode(db, { identifier: mobile, code: await lastCodeSentTo(db, mobile), ip });
    const audits = await auditsOf('user', first.userId);
    expect(
      audits
        .sort((a, b) => a.at.getTime() - b.at.getTime())
        .map((a) => [a.action, a.outcome, a.actorUserId, a.detail]),
    ).toEqual([
      ['auth.sign_up', 'ok', first.userId, { method: 'sms' }],
      ['auth.sign_in', 'ok', first.userId, { method: 'sms' }],
    ]);
    expect(audits[0]).toMatchObject({ ip, userAgent: 'vitest' });
  });

  it('a new email address: a citizen account with the email proven, by email', async () => {
    const email = `new-${uniqueMobile()}@example.org`;
    await requestSignInCode(db, { identifier: email, ip: uniqueIp() });
    const r = await verifySignInCode(db, {
      identifier: email,
      code: await lastCodeSentTo(db, email),
      ip: uniqueIp(),
    });
    expect(r).toMatchObject({ created: true, method: 'email' });
    const [user] = await db.select().from(users).where(eq(users.id, r.userId));
    expect(user).toMatchObject({ email, mobile: null });
    expect(user!.emailVerifiedAt).not.toBeNull();
    const roles = await db.select().from(memberships).where(eq(memberships.userId, r.userId));
    expect(roles.map((m) => [m.role, m.orgId])).toEqual([['citizen', null]]);
    const [audit] = await auditsOf('user', r.userId);
    expect(audit).toMatchObject({ action: 'auth.sign_up', detail: { method: 'email' } });
  });

  it('a known email signs in to its account, not a new one', async () => {
    const me = await createPerson(db);
    const email = `known-${uniqueMobile()}@example.org`;
    await db.update(users).set({ email }).where(eq(users.id, me.id));
    await requestSignInCode(db, { identifier: email, ip: uniqueIp() });
    const r = await verifySignInCode(db, {
      identifier: email,
      code: await lastCodeSentTo(db, email),
      ip: uniqueIp(),
    });
    expect(r).toEqual({ userId: me.id, created: false, method: 'email' });
  });
});

describe('wrong and malformed codes', () => {
  it('a wrong code counts on the code and the identifier, and is audited with the purpose', async () => {
    const mobile = uniqueMobile();
    const ip = uniqueIp();
    await requestSignInCode(db, { identifier: mobile, ip });
    const code = await lastCodeSentTo(db, mobile);
    for (let i = 0; i < 2; i++)
      await expect(
        verifySignInCode(db, { identifier: mobile, code: wrongFor(code), ip }),
      ).rejects.toBeInstanceOf(InvalidCodeError);
    expect((await codeRows(mobile))[0]).toMatchObject({ failedAttempts: 2, consumedAt: null });
    expect(await failedEvents(mobile)).toHaveLength(2);
    const audits = await auditsOf('identifier', mobile);
    expect(
      audits
        .map((a) => a.detail)
        .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    ).toEqual([
      { purpose: 'sign_in', failuresToday: 1 },
      { purpose: 'sign_in', failuresToday: 2 },
    ]);
  });

  it('a code checked with no code sent counts as a wrong try', async () => {
    const mobile = uniqueMobile();
    await expect(
      verifySignInCode(db, { identifier: mobile, code: '123456', ip: uniqueIp() }),
    ).rejects.toBeInstanceOf(InvalidCodeError);
    expect(await failedEvents(mobile)).toHaveLength(1);
  });

  it.each(['12345', '1234567', '12345a', '', '१२३४५६'])(
    'a malformed code %j is refused without counting as a guess',
    async (code) => {
      const mobile = uniqueMobile();
      await requestSignInCode(db, { identifier: mobile, ip: uniqueIp() });
      await expect(
        verifySignInCode(db, { identifier: mobile, code, ip: uniqueIp() }),
      ).rejects.toBeInstanceOf(InvalidCodeError);
      expect(await failedEvents(mobile)).toEqual([]);
      expect((await codeRows(mobile))[0]!.failedAttempts).toBe(0);
    },
  );

  it('asking again retires the older unused code of the identifier', async () => {
    const mobile = uniqueMobile();
    const ip = uniqueIp();
    await requestSignInCode(db, { identifier: mobile, ip });
    await requestSignInCode(db, { identifier: mobile, ip });
    const rows = await codeRows(mobile);
    expect(rows.filter((r) => r.consumedAt === null)).toHaveLength(1);
  });
});

describe('codes for linking an identifier to an account', () => {
  it('are kept apart from sign-in codes, and work only for the account that asked', async () => {
    const me = await createPerson(db);
    const other = await createPerson(db);
    const mobile = uniqueMobile();
    const id = parseSignInIdentifier(mobile)!;
    const ip = uniqueIp();
    await requestSignInCode(db, { identifier: mobile, ip });
    const signInCode = await lastCodeSentTo(db, mobile);
    await requestCode(db, { identifier: mobile, ip, purpose: 'link', userId: me.id });
    const linkCode = await lastCodeSentTo(db, mobile);
    const rows = await codeRows(mobile);
    // The link request did not retire the sign-in code.
    expect(
      rows
        .filter((r) => r.consumedAt === null)
        .map((r) => r.purpose)
        .sort(),
    ).toEqual(['link', 'sign_in']);
    expect(rows.find((r) => r.purpose === 'link')).toMatchObject({ userId: me.id, requestIp: ip });
    expect(rows.find((r) => r.purpose === 'sign_in')!.userId).toBeNull();

    const spend = (code: string, purpose: 'link' | 'sign_in', userId?: string) =>
      db.transaction((tx) =>
        spendCode(tx, id, { identifier: mobile, code, ip: uniqueIp(), purpose, userId }),
      );
    if (signInCode !== linkCode) expect(await spend(signInCode, 'link', me.id)).toBe(false);
    expect(await spend(linkCode, 'link', other.id)).toBe(false);
    expect(await spend(linkCode, 'link', me.id)).toBe(true);
    expect(await spend(linkCode, 'link', me.id)).toBe(false);
    // The sign-in code still signs in.
    await expect(
      verifySignInCode(db, { identifier: mobile, code: signInCode, ip }),
    ).resolves.toHaveProperty('created', true);
    const failed = await auditsOf('identifier', mobile);
    expect(failed.filter((a) => a.actorUserId === other.id)).toHaveLength(1);
    expect(failed.every((a) => a.action === 'auth.code_failed')).toBe(true);
    expect(failed.map((a) => (a.detail as { purpose: string }).purpose)).toContain('link');
  });
});

describe('code lifetime', () => {
  it('works until its expiry, measured against the clock', async () => {
    const mobile = uniqueMobile();
    const ip = uniqueIp();
    await requestSignInCode(db, { identifier: mobile, ip });
    const code = await lastCodeSentTo(db, mobile);
    await db
      .update(otpCodes)
      .set({ expiresAt: sql`now() + interval '5 seconds'` })
      .where(eq(otpCodes.identifier, mobile));
    await expect(verifySignInCode(db, { identifier: mobile, code, ip })).resolves.toHaveProperty(
      'userId',
    );
  });
});
