import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { memberships, otpCodes, users } from '@/db/schema';
import type { Db, DbOrTx } from '@/db/client';
import { config } from '@/lib/config';
import { BlockedError, InvalidCodeError, InvalidError } from '@/lib/errors';
import { parseSignInIdentifier, type SignInIdentifier } from '@/lib/identity/identifiers';
import { addToOutbox, type OutboxMessage } from '@/lib/notify/outbox';
import { esignCodeMessage, signInCodeMessage } from '@/lib/notify/messages';
import { recordAudit } from '@/lib/audit';
import {
  SmsBudgetSpent,
  checkVerifyBudgets,
  noteSmsBudgetSpent,
  recordFailedVerification,
  takeSendBudgets,
} from './otp-limits';

// A 6-digit code, stored as an HMAC, valid 10 minutes, single use, at most 5 wrong tries, within
// the budgets of otp-limits.ts; the same answer whether or not an account exists.

export const CODE_TTL_SECONDS = 600;
export const MAX_WRONG_TRIES = 5;

/**
 * `sign_in` signs in (or up) with the identifier; `link` adds it to the signed-in account;
 * `esign` confirms an e-signature by the account's owner (lib/esign). A code works only for its
 * own purpose, and asking for one retires only older codes of the same purpose.
 */
export type CodePurpose = 'sign_in' | 'link' | 'esign';

function hashCode(identifier: string, code: string): string {
  return createHmac('sha256', config.authSecret).update(`otp:${identifier}:${code}`).digest('hex');
}

export function requireIdentifier(raw: string): SignInIdentifier {
  const id = parseSignInIdentifier(raw);
  if (!id) {
    throw new InvalidError('Enter a 10-digit mobile number or an email address', {
      identifier: 'identifier',
    });
  }
  return id;
}

export type CodeRequest = {
  identifier: string;
  ip: string;
  userAgent?: string | null;
  locale?: string;
};

/**
 * Creates a code and puts the SMS/email carrying it in the outbox, in one transaction. Returns
 * the outbox message id so the caller can wake the delivery job after commit.
 */
export async function requestCode(
  db: Db,
  req: CodeRequest & {
    purpose: CodePurpose;
    userId?: string;
    /** The words around the code, when they are not the sign-in or add-an-identifier ones. */
    message?: (to: SignInIdentifier, code: string) => OutboxMessage;
  },
): Promise<{ messageId: string }> {
  const id = requireIdentifier(req.identifier);
  try {
    return await db.transaction(async (tx) => {
      await takeSendBudgets(tx, id, req.ip);
      const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
      // Only the newest code of a kind works: older unused ones are retired.
      await tx
        .update(otpCodes)
        .set({ consumedAt: sql`now()` })
        .where(
          and(
            eq(otpCodes.identifier, id.value),
            eq(otpCodes.purpose, req.purpose),
            isNull(otpCodes.consumedAt),
          ),
        );
      await tx.insert(otpCodes).values({
        identifier: id.value,
        purpose: req.purpose,
        userId: req.userId ?? null,
        codeHash: hashCode(id.value, code),
        expiresAt: sql`now() + make_interval(secs => ${CODE_TTL_SECONDS})`,
        requestIp: req.ip,
      });
      const messageId = await addToOutbox(
        tx,
        req.message?.(id, code) ??
          (req.purpose === 'esign'
            ? esignCodeMessage(id, code, req.locale)
            : signInCodeMessage(id, code, req.locale, req.purpose)),
      );
      return { messageId };
    });
  } catch (error) {
    if (error instanceof SmsBudgetSpent) await noteSmsBudgetSpent(db, req.ip, req.userAgent);
    throw error;
  }
}

export function requestSignInCode(db: Db, req: CodeRequest): Promise<{ messageId: string }> {
  return requestCode(db, { ...req, purpose: 'sign_in' });
}

export type CodeCheck = { identifier: string; code: string; ip: string; userAgent?: string | null };

/**
 * In the caller's transaction: spends the newest live code of `purpose` for the identifier if
 * `code` is it. A wrong or dead code counts against the identifier's and the address's budgets
 * and is audited; the answer is then false.
 */
export async function spendCode(
  tx: DbOrTx,
  id: SignInIdentifier,
  check: CodeCheck & { purpose: CodePurpose; userId?: string },
): Promise<boolean> {
  await checkVerifyBudgets(tx, id.value, check.ip);
  const [row] = await tx
    .select()
    .from(otpCodes)
    .where(
      and(
        eq(otpCodes.identifier, id.value),
        eq(otpCodes.purpose, check.purpose),
        isNull(otpCodes.consumedAt),
        // A link or e-sign code works only for the account that asked for it.
        check.userId ? eq(otpCodes.userId, check.userId) : undefined,
      ),
    )
    .orderBy(desc(otpCodes.createdAt))
    .limit(1)
    .for('update');
  const live = row && row.expiresAt.getTime() > Date.now() && row.failedAttempts < MAX_WRONG_TRIES;
  const right =
    live &&
    timingSafeEqual(
      Buffer.from(row.codeHash, 'hex'),
      Buffer.from(hashCode(id.value, check.code), 'hex'),
    );
  if (!right) {
    if (live)
      await tx
        .update(otpCodes)
        .set({ failedAttempts: sql`${otpCodes.failedAttempts} + 1` })
        .where(eq(otpCodes.id, row.id));
    await recordFailedVerification(tx, {
      identifier: id.value,
      ip: check.ip,
      userAgent: check.userAgent,
      purpose: check.purpose,
      userId: check.userId,
    });
    return false;
  }
  await tx
    .update(otpCodes)
    .set({ consumedAt: sql`now()` })
    .where(eq(otpCodes.id, row.id));
  return true;
}

/** A well-formed identifier and code, or InvalidCodeError (nothing counted: not a guess). */
export function parseCodeCheck(check: { identifier: string; code: string }): {
  id: SignInIdentifier;
  code: string;
} {
  const id = parseSignInIdentifier(check.identifier);
  const code = check.code.trim();
  if (!id || !/^\d{6}$/.test(code)) throw new InvalidCodeError();
  return { id, code };
}

/**
 * Checks a sign-in code. On success the code is spent and the user returned; a first sign-in
 * with a new mobile number or email creates a citizen account (DigiLocker-style sign-up), whose
 * identifier is proven by the code just entered. A blocked account is told so, and only after
 * the code proved the identifier is theirs.
 */
export async function verifySignInCode(
  db: Db,
  check: CodeCheck,
): Promise<{ userId: string; created: boolean; method: 'sms' | 'email' }> {
  const { id, code } = parseCodeCheck(check);
  const result = await db.transaction(async (tx) => {
    if (!(await spendCode(tx, id, { ...check, code, purpose: 'sign_in' })))
      return { ok: false as const };
    const column = id.kind === 'mobile' ? users.mobile : users.email;
    let [user] = await tx
      .select({ id: users.id, status: users.status })
      .from(users)
      .where(eq(column, id.value));
    let created = false;
    if (!user) {
      [user] = await tx
        .insert(users)
        .values(
          id.kind === 'mobile'
            ? { mobile: id.value }
            : { email: id.value, emailVerifiedAt: sql`now()` },
        )
        .returning({ id: users.id, status: users.status });
      await tx.insert(memberships).values({ userId: user!.id, role: 'citizen' });
      created = true;
    }
    if (user!.status !== 'active') {
      await recordAudit(tx, {
        actorUserId: user!.id,
        action: 'auth.sign_in',
        objectType: 'user',
        objectId: user!.id,
        outcome: 'denied',
        ip: check.ip,
        userAgent: check.userAgent,
        detail: { reason: 'blocked' },
      });
      return { ok: false as const, blocked: true };
    }
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
      detail: { method: id.kind === 'mobile' ? 'sms' : 'email' },
    });
    return { ok: true as const, userId: user!.id, created };
  });
  if (!result.ok) throw 'blocked' in result ? new BlockedError() : new InvalidCodeError();
  return {
    userId: result.userId,
    created: result.created,
    method: id.kind === 'mobile' ? 'sms' : 'email',
  };
}
