import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { memberships, otpCodes, users } from '@/db/schema';
import type { Db } from '@/db/client';
import { config } from '@/lib/config';
import { InvalidCodeError, InvalidError, RateLimitedError } from '@/lib/errors';
import { parseSignInIdentifier, type SignInIdentifier } from '@/lib/identity/identifiers';
import { addToOutbox } from '@/lib/notify/outbox';
import { signInCodeMessage } from '@/lib/notify/messages';
import { recordAudit } from '@/lib/audit';
import { takeRateLimit } from './rate-limit';

// Issue 6, item 4: 6-digit code, stored hashed, valid 10 minutes, single use, at most 5 wrong
// tries, rate-limited per identifier and per IP, same answer whether or not an account exists.

export const CODE_TTL_SECONDS = 600;
export const MAX_WRONG_TRIES = 5;
const RATE_WINDOW_SECONDS = 15 * 60;

function hashCode(identifier: string, code: string): string {
  return createHmac('sha256', config.authSecret).update(`otp:${identifier}:${code}`).digest('hex');
}

function requireIdentifier(raw: string): SignInIdentifier {
  const id = parseSignInIdentifier(raw);
  if (!id) {
    throw new InvalidError('Enter a 10-digit mobile number or an email address', {
      identifier: 'identifier',
    });
  }
  return id;
}

export type CodeRequest = { identifier: string; ip: string; locale?: string };

/**
 * Creates a sign-in code and puts the SMS/email carrying it in the outbox, in one transaction.
 * Returns the outbox message id so the caller can wake the delivery job after commit.
 */
export async function requestSignInCode(db: Db, req: CodeRequest): Promise<{ messageId: string }> {
  const id = requireIdentifier(req.identifier);
  return db.transaction(async (tx) => {
    const okIdentifier = await takeRateLimit(
      tx,
      'otp.request',
      id.value,
      config.otpRateLimitPerIdentifier,
      RATE_WINDOW_SECONDS,
    );
    const okIp =
      okIdentifier &&
      (await takeRateLimit(
        tx,
        'otp.request.ip',
        req.ip,
        config.otpRateLimitPerIp,
        RATE_WINDOW_SECONDS,
      ));
    if (!okIdentifier || !okIp) throw new RateLimitedError();

    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    // Only the newest code works: older unused ones are retired.
    await tx
      .update(otpCodes)
      .set({ consumedAt: sql`now()` })
      .where(and(eq(otpCodes.identifier, id.value), isNull(otpCodes.consumedAt)));
    await tx.insert(otpCodes).values({
      identifier: id.value,
      codeHash: hashCode(id.value, code),
      expiresAt: sql`now() + make_interval(secs => ${CODE_TTL_SECONDS})`,
      requestIp: req.ip,
    });
    const messageId = await addToOutbox(tx, signInCodeMessage(id, code, req.locale));
    return { messageId };
  });
}

export type CodeCheck = { identifier: string; code: string; ip: string; userAgent?: string | null };

/**
 * Checks a code. On success the code is spent and the user returned; a first sign-in with a
 * new mobile number or email creates a citizen account (DigiLocker-style sign-up).
 */
export async function verifySignInCode(
  db: Db,
  check: CodeCheck,
): Promise<{ userId: string; created: boolean }> {
  const id = parseSignInIdentifier(check.identifier);
  const code = check.code.trim();
  if (!id || !/^\d{6}$/.test(code)) throw new InvalidCodeError();

  const result = await db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(otpCodes)
      .where(and(eq(otpCodes.identifier, id.value), isNull(otpCodes.consumedAt)))
      .orderBy(desc(otpCodes.createdAt))
      .limit(1)
      .for('update');
    if (!row || row.expiresAt.getTime() <= Date.now() || row.failedAttempts >= MAX_WRONG_TRIES) {
      return { ok: false as const };
    }
    const expected = Buffer.from(row.codeHash, 'hex');
    const actual = Buffer.from(hashCode(id.value, code), 'hex');
    if (!timingSafeEqual(expected, actual)) {
      await tx
        .update(otpCodes)
        .set({ failedAttempts: sql`${otpCodes.failedAttempts} + 1` })
        .where(eq(otpCodes.id, row.id));
      return { ok: false as const };
    }
    await tx
      .update(otpCodes)
      .set({ consumedAt: sql`now()` })
      .where(eq(otpCodes.id, row.id));

    const column = id.kind === 'mobile' ? users.mobile : users.email;
    let [user] = await tx
      .select({ id: users.id, status: users.status })
      .from(users)
      .where(eq(column, id.value));
    let created = false;
    if (!user) {
      [user] = await tx
        .insert(users)
        .values(id.kind === 'mobile' ? { mobile: id.value } : { email: id.value })
        .returning({ id: users.id, status: users.status });
      await tx.insert(memberships).values({ userId: user!.id, role: 'citizen' });
      created = true;
    }
    if (user!.status !== 'active') return { ok: false as const };
    await tx
      .update(users)
      .set({ lastSignInAt: sql`now()` })
      .where(eq(users.id, user!.id));
    await recordAudit(tx, {
      actorUserId: user!.id,
      action: created ? 'auth.sign_up' : 'auth.sign_in',
      objectType: 'user',
      objectId: user!.id,
      ip: check.ip,
      userAgent: check.userAgent,
    });
    return { ok: true as const, userId: user!.id, created };
  });
  if (!result.ok) throw new InvalidCodeError();
  return { userId: result.userId, created: result.created };
}
