import 'server-only';
import { and, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import { createTranslator } from 'next-intl';
import type { Db, DbOrTx } from '@/db/client';
import { aadhaarVault, certificates, users } from '@/db/schema';
import { recordAudit } from '@/lib/audit';
import { requestCode, spendCode } from '@/lib/auth/otp';
import { takeRateLimit } from '@/lib/auth/rate-limit';
import { InvalidCodeError, InvalidError, RateLimitedError } from '@/lib/errors';
import { maskAadhaar } from '@/lib/identity/identifiers';
import { CATALOGS, toLocale } from '@/lib/i18n/locales';
import { normaliseName } from '@/lib/records/link-accounts';
import { aadhaarVaultEntry, aadhaarVaultId } from '@/lib/vault/aadhaar-entry';
import { storeVaultEntries } from '@/lib/vault/aadhaar';
import { parseInput } from '@/lib/http/action';
import {
  ZAadhaarLinkConfirm,
  ZAadhaarLinkRequest,
  type TAadhaarLinkConfirm,
  type TAadhaarLinkRequest,
} from './schemas';

// Seed 000 §2.6: the citizen links their Aadhaar number, proven by a code sent to their own
// mobile (purpose 'link', so a pending sign-in code stays valid). The number goes only into the
// vault; the account keeps the vault id. Linking brings in, in the same transaction, the awards
// published for this Aadhaar that no locker holds and whose name, date of birth and gender are
// the profile's (seed 000 §2.8); later publishes find the account by the same rule
// (lib/records/link-accounts.ts). Whether the number is someone else's is never said: the audit
// log keeps the difference.

type Ctx = { userId: string; ip: string; userAgent: string | null; locale?: string };

/** Tries to link a number, per account and day, on top of the code budgets. */
export const LINK_TRIES_PER_DAY = 5;

export const AADHAAR_LINK_DONE =
  'Thank you. If this Aadhaar number can be linked to your account, it now is, and the certificates already published for it in your name are in your locker.';

async function me(db: DbOrTx, userId: string, lock = false) {
  const q = db.select().from(users).where(eq(users.id, userId));
  const [u] = lock ? await q.for('update') : await q;
  if (!u) throw new InvalidError('No such account');
  return u;
}

function requireReady(u: typeof users.$inferSelect): { mobile: string } {
  if (!u.name || !u.dob || !u.gender)
    throw new InvalidError(
      'Complete your profile first: your name, date of birth and gender as on your Aadhaar.',
      { form: 'profileFirst' },
    );
  if (!u.mobile)
    throw new InvalidError('Add your mobile number in Account first: the code is sent to it.', {
      form: 'mobileFirst',
    });
  return { mobile: u.mobile };
}

/** Sends the code to the citizen's own mobile. The number is checked, not yet kept. */
export async function requestAadhaarLink(
  db: Db,
  ctx: Ctx,
  input: TAadhaarLinkRequest,
): Promise<{ messageId: string }> {
  const digits = parseInput(ZAadhaarLinkRequest, input).aadhaar;
  const u = await me(db, ctx.userId);
  const { mobile } = requireReady(u);
  if (u.aadhaarVaultId && u.aadhaarVaultId !== aadhaarVaultId(digits).id && u.aadhaarLinkedAt)
    throw new InvalidError('Remove the Aadhaar number linked now before linking another.');
  const t = createTranslator({
    locale: toLocale(ctx.locale),
    messages: CATALOGS[toLocale(ctx.locale)],
    namespace: 'lockerDocs',
  });
  return requestCode(db, {
    identifier: mobile,
    ip: ctx.ip,
    userAgent: ctx.userAgent,
    locale: ctx.locale,
    purpose: 'link',
    userId: ctx.userId,
    message: (to, code) => ({
      channel: 'sms',
      recipient: to.value,
      body: t('aadhaarCodeSms', { code }),
      template: 'locker.aadhaar_link',
    }),
  });
}

type LinkResult = 'wrong-code' | 'limited' | 'done';

/**
 * With the right code: links the number and brings in the matching awards, or, when another
 * account holds the number, changes nothing. Both answer `AADHAAR_LINK_DONE`.
 */
export async function confirmAadhaarLink(
  db: Db,
  ctx: Ctx,
  raw: TAadhaarLinkConfirm,
): Promise<{ message: string }> {
  const input = parseInput(ZAadhaarLinkConfirm, raw);
  const result = await db.transaction(async (tx): Promise<LinkResult> => {
    const u = await me(tx, ctx.userId, true);
    const { mobile } = requireReady(u);
    const spent = await spendCode(
      tx,
      { kind: 'mobile', value: mobile },
      {
        identifier: mobile,
        code: input.code,
        ip: ctx.ip,
        userAgent: ctx.userAgent,
        purpose: 'link',
        userId: ctx.userId,
      },
    );
    if (!spent) return 'wrong-code';
    if (!(await takeRateLimit(tx, 'aadhaar-link', ctx.userId, LINK_TRIES_PER_DAY, 86_400))) {
      await audit(tx, ctx, 'denied', { reason: 'rate-limited' });
      return 'limited';
    }
    const entry = aadhaarVaultEntry(input.aadhaar);
    // One account per number: concurrent links of the same number queue here.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`aadhaar-link:${entry.id}`}))`);
    const [taken] = await tx
      .select({
        id: users.id,
        name: users.name,
        dob: users.dob,
        gender: users.gender,
        mobile: users.mobile,
        email: users.email,
        lastSignInAt: users.lastSignInAt,
        aadhaarLinkedAt: users.aadhaarLinkedAt,
      })
      .from(users)
      .where(and(eq(users.aadhaarVaultId, entry.id), ne(users.id, ctx.userId)))
      .for('update');
    // A publish makes an account for an award that names only an Aadhaar number: nobody can
    // sign in to it (no mobile, no email). The person who proves the number's link with the same
    // name, date of birth and gender takes its awards over; any other held number is refused.
    const placeholder =
      taken &&
      !taken.mobile &&
      !taken.email &&
      !taken.lastSignInAt &&
      !taken.aadhaarLinkedAt &&
      taken.dob === u.dob &&
      taken.gender === u.gender &&
      normaliseName(taken.name) !== '' &&
      normaliseName(taken.name) === normaliseName(u.name);
    if (taken && !placeholder) {
      await audit(tx, ctx, 'denied', { reason: 'held-by-another-account' });
      return 'done';
    }
    if (u.aadhaarVaultId && u.aadhaarVaultId !== entry.id && u.aadhaarLinkedAt) {
      await audit(tx, ctx, 'denied', { reason: 'another-number-linked' });
      return 'done';
    }
    let takenOver = 0;
    if (taken) {
      await tx
        .update(users)
        .set({ aadhaarVaultId: null, statusReason: 'Aadhaar linked by its holder' })
        .where(eq(users.id, taken.id));
      const moved = await tx
        .update(certificates)
        .set({ lockerUserId: ctx.userId })
        .where(eq(certificates.lockerUserId, taken.id))
        .returning({ id: certificates.id });
      takenOver = moved.length;
    }
    await storeVaultEntries(tx, [entry]);
    await tx
      .update(users)
      .set({ aadhaarVaultId: entry.id, aadhaarLinkedAt: sql`now()` })
      .where(eq(users.id, ctx.userId));
    const brought = await bringInAwards(tx, {
      userId: ctx.userId,
      vaultId: entry.id,
      name: u.name!,
      dob: u.dob!,
      gender: u.gender!,
    });
    await audit(tx, ctx, 'ok', {
      brought: brought + takenOver,
      ...(taken ? { takenOverFrom: 'record-account' } : {}),
    });
    return 'done';
  });
  if (result === 'wrong-code') throw new InvalidCodeError();
  if (result === 'limited')
    throw new RateLimitedError(
      'You have tried to link an Aadhaar number too many times today. Please try again tomorrow.',
    );
  return { message: AADHAAR_LINK_DONE };
}

/**
 * In the link's transaction: the awards published for this Aadhaar that no locker holds, with
 * the profile's name, date of birth and gender (seed 000 §2.8), move into the locker.
 */
async function bringInAwards(
  tx: DbOrTx,
  p: { userId: string; vaultId: string; name: string; dob: string; gender: string },
): Promise<number> {
  const waiting = await tx
    .select({
      id: certificates.id,
      name: certificates.recipientName,
      dob: certificates.recipientDob,
      gender: certificates.recipientGender,
    })
    .from(certificates)
    .where(
      and(eq(certificates.recipientAadhaarVaultId, p.vaultId), isNull(certificates.lockerUserId)),
    )
    .for('update');
  const name = normaliseName(p.name);
  const ids = waiting
    .filter((c) => c.dob === p.dob && c.gender === p.gender && normaliseName(c.name) === name)
    .map((c) => c.id);
  if (ids.length === 0) return 0;
  const moved = await tx
    .update(certificates)
    .set({ lockerUserId: p.userId })
    .where(and(inArray(certificates.id, ids), isNull(certificates.lockerUserId)))
    .returning({ id: certificates.id });
  return moved.length;
}

/** Removes the link; the documents stay in the locker. */
export async function removeAadhaarLink(db: Db, ctx: Ctx): Promise<void> {
  await db.transaction(async (tx) => {
    const u = await me(tx, ctx.userId, true);
    if (!u.aadhaarVaultId) return;
    await tx
      .update(users)
      .set({ aadhaarVaultId: null, aadhaarLinkedAt: null })
      .where(eq(users.id, ctx.userId));
    await recordAudit(tx, {
      actorUserId: ctx.userId,
      action: 'locker.aadhaar_unlink',
      objectType: 'user',
      objectId: ctx.userId,
      ip: ctx.ip,
      userAgent: ctx.userAgent,
    });
  });
}

/** The linked number as it may be shown (`XXXX XXXX 1234`), or null. */
export async function linkedAadhaar(
  db: DbOrTx,
  userId: string,
): Promise<{ masked: string; linkedAt: Date | null } | null> {
  const [row] = await db
    .select({ last4: aadhaarVault.last4, linkedAt: users.aadhaarLinkedAt })
    .from(users)
    .innerJoin(aadhaarVault, eq(aadhaarVault.id, users.aadhaarVaultId))
    .where(eq(users.id, userId));
  return row ? { masked: maskAadhaar(row.last4), linkedAt: row.linkedAt } : null;
}

function audit(
  tx: DbOrTx,
  ctx: Ctx,
  outcome: 'ok' | 'denied',
  detail: Record<string, string | number>,
) {
  return recordAudit(tx, {
    actorUserId: ctx.userId,
    action: 'locker.aadhaar_link',
    objectType: 'user',
    objectId: ctx.userId,
    outcome,
    ip: ctx.ip,
    userAgent: ctx.userAgent,
    detail,
  });
}
