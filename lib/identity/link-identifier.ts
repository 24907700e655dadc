import 'server-only';
import { and, eq, ne, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { users } from '@/db/schema';
import { recordAudit } from '@/lib/audit';
import { parseCodeCheck, requestCode, requireIdentifier, spendCode } from '@/lib/auth/otp';
import { ConflictError, InvalidCodeError, InvalidError, NotFoundError } from '@/lib/errors';
import type { SignInIdentifier } from '@/lib/identity/identifiers';
import { identifierChangedMessage } from '@/lib/notify/messages';
import { addToOutbox } from '@/lib/notify/outbox';

// A person adds or changes the mobile number or email they sign in with. It becomes theirs only
// when they enter the code sent to it, so no one can make someone else's address a way into their
// own account, or their address a way into someone else's. Whether an address already belongs to
// an account is said only after the code proved it is the person's own.

type Ctx = { userId: string; ip: string; userAgent: string | null; locale?: string };

function current(
  u: { mobile: string | null; email: string | null },
  kind: SignInIdentifier['kind'],
) {
  return kind === 'mobile' ? u.mobile : u.email;
}

/** Sends a code to the new mobile number or email (the same answer whether it is free or not). */
export async function requestIdentifierLink(
  db: Db,
  ctx: Ctx,
  identifier: string,
): Promise<{ messageId: string }> {
  const id = requireIdentifier(identifier);
  const [me] = await db.select().from(users).where(eq(users.id, ctx.userId));
  if (!me) throw new NotFoundError();
  if (current(me, id.kind) === id.value)
    throw new InvalidError('This is already how you sign in', { identifier: 'alreadyYours' });
  return requestCode(db, { ...ctx, identifier, purpose: 'link' });
}

/**
 * With the right code, the identifier replaces the account's mobile number or email. The one it
 * replaces is told. Refused (after the proof) when the identifier signs in to another account.
 */
export async function confirmIdentifierLink(
  db: Db,
  ctx: Ctx,
  input: { identifier: string; code: string },
): Promise<void> {
  const { id, code } = parseCodeCheck(input);
  const result = await db.transaction(async (tx) => {
    const ok = await spendCode(tx, id, {
      identifier: id.value,
      code,
      ip: ctx.ip,
      userAgent: ctx.userAgent,
      purpose: 'link',
      userId: ctx.userId,
    });
    if (!ok) return 'wrong' as const;
    const column = id.kind === 'mobile' ? users.mobile : users.email;
    const [taken] = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(column, id.value), ne(users.id, ctx.userId)));
    if (taken) return 'taken' as const;
    const [me] = await tx.select().from(users).where(eq(users.id, ctx.userId)).for('update');
    if (!me) return 'wrong' as const;
    await tx
      .update(users)
      .set(
        id.kind === 'mobile'
          ? { mobile: id.value }
          : { email: id.value, emailVerifiedAt: sql`now()` },
      )
      .where(eq(users.id, ctx.userId));
    const before = current(me, id.kind);
    if (before)
      await addToOutbox(
        tx,
        identifierChangedMessage({ kind: id.kind, value: before }, id, me.locale),
      );
    await recordAudit(tx, {
      actorUserId: ctx.userId,
      action: 'account.identifier_changed',
      objectType: 'user',
      objectId: ctx.userId,
      ip: ctx.ip,
      userAgent: ctx.userAgent,
      detail: { kind: id.kind, replaced: Boolean(before) },
    });
    return 'done' as const;
  });
  if (result === 'wrong') throw new InvalidCodeError();
  if (result === 'taken')
    throw new ConflictError(
      id.kind === 'mobile'
        ? 'This mobile number already signs in to another Sanad account. Sign in with it to use that account.'
        : 'This email address already signs in to another Sanad account. Sign in with it to use that account.',
    );
}

/** Removes the sign-in email, when the account still has a mobile number to sign in with. */
export async function removeSignInEmail(db: Db, ctx: Ctx): Promise<void> {
  await db.transaction(async (tx) => {
    const [me] = await tx.select().from(users).where(eq(users.id, ctx.userId)).for('update');
    if (!me) throw new NotFoundError();
    if (!me.email) return;
    if (!me.mobile)
      throw new InvalidError('Add a mobile number first: this email is your only way to sign in');
    await tx
      .update(users)
      .set({ email: null, emailVerifiedAt: null })
      .where(eq(users.id, ctx.userId));
    await recordAudit(tx, {
      actorUserId: ctx.userId,
      action: 'account.email_removed',
      objectType: 'user',
      objectId: ctx.userId,
      ip: ctx.ip,
      userAgent: ctx.userAgent,
    });
  });
}
