import 'server-only';
import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { certificates, organisations } from '@/db/schema';
import { recordAudit } from '@/lib/audit';
import { takeRateLimit } from '@/lib/auth/rate-limit';
import { InvalidError, RateLimitedError } from '@/lib/errors';
import { normaliseName } from '@/lib/records/link-accounts';
import { parseInput } from '@/lib/http/action';
import { ZClaimInput, type TClaimInput } from './schemas';

// Seed 000 §2.6: a citizen claims an award by its certificate number, proving it is theirs with
// the date of birth and the name printed on it. Every way of not matching gets one answer, so
// that the claim form cannot be used to learn which numbers exist or whose they are; tries are
// limited per account and each is audited.

export const CLAIM_TRIES_PER_HOUR = 5;

export const CLAIM_NO_MATCH =
  'No certificate matches these details. Check the issuer, the certificate number, your date of birth and your name as printed on the certificate.';

type Ctx = { userId: string; ip: string; userAgent: string | null };
type Outcome =
  | { ok: true; moved: number; certificateId: string }
  | { ok: false; reason: 'rate-limited' | 'no-such-number' | 'dob' | 'name' | 'linked-elsewhere' };

/**
 * Moves the award (every version of it at the issuer that no locker holds) into the citizen's
 * locker. Throws InvalidError with `CLAIM_NO_MATCH` for any mismatch, RateLimitedError past
 * `CLAIM_TRIES_PER_HOUR`.
 */
export async function claimByNumber(
  db: Db,
  ctx: Ctx,
  raw: TClaimInput,
): Promise<{ moved: number; certificateId: string }> {
  const input = parseInput(ZClaimInput, raw);
  const outcome = await db.transaction(async (tx): Promise<Outcome> => {
    const decided = await (async (): Promise<Outcome> => {
      if (!(await takeRateLimit(tx, 'locker-claim', ctx.userId, CLAIM_TRIES_PER_HOUR, 3600)))
        return { ok: false, reason: 'rate-limited' };
      const versions = await tx
        .select({
          id: certificates.id,
          lockerUserId: certificates.lockerUserId,
          recipientName: certificates.recipientName,
          recipientDob: certificates.recipientDob,
        })
        .from(certificates)
        .innerJoin(organisations, eq(organisations.id, certificates.issuerOrgId))
        .where(
          and(
            eq(certificates.issuerOrgId, input.issuerId),
            eq(certificates.number, input.number),
            eq(organisations.kind, 'institution'),
            eq(organisations.status, 'active'),
          ),
        )
        .orderBy(desc(certificates.version))
        .for('update', { of: certificates });
      const latest = versions[0];
      if (!latest) return { ok: false, reason: 'no-such-number' };
      // The newest version is the one the issuer stands by (a correction may fix the name).
      if (latest.recipientDob !== input.dob) return { ok: false, reason: 'dob' };
      const name = normaliseName(input.name);
      if (name === '' || normaliseName(latest.recipientName) !== name)
        return { ok: false, reason: 'name' };
      if (versions.some((v) => v.lockerUserId !== null && v.lockerUserId !== ctx.userId))
        return { ok: false, reason: 'linked-elsewhere' };
      const free = versions.filter((v) => v.lockerUserId === null).map((v) => v.id);
      if (free.length > 0)
        await tx
          .update(certificates)
          .set({ lockerUserId: ctx.userId })
          .where(and(inArray(certificates.id, free), isNull(certificates.lockerUserId)));
      return { ok: true, moved: free.length, certificateId: latest.id };
    })();
    await recordAudit(tx, {
      actorUserId: ctx.userId,
      action: 'locker.claim',
      objectType: decided.ok ? 'certificate' : 'issuer',
      objectId: decided.ok ? decided.certificateId : input.issuerId,
      outcome: decided.ok ? 'ok' : 'denied',
      ip: ctx.ip,
      userAgent: ctx.userAgent,
      detail: decided.ok
        ? { issuerId: input.issuerId, number: input.number, moved: decided.moved }
        : { issuerId: input.issuerId, number: input.number, reason: decided.reason },
    });
    return decided;
  });
  if (outcome.ok) return { moved: outcome.moved, certificateId: outcome.certificateId };
  if (outcome.reason === 'rate-limited')
    throw new RateLimitedError(
      'You have tried to claim certificates too many times. Please wait an hour and try again.',
    );
  throw new InvalidError(CLAIM_NO_MATCH);
}

/** The institutions a citizen can claim from: every active one, by name. */
export async function claimableIssuers(db: Db): Promise<{ id: string; name: string }[]> {
  return db
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(and(eq(organisations.kind, 'institution'), eq(organisations.status, 'active')))
    .orderBy(organisations.name);
}
