import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, certificates } from '@/db/schema';
import { issueCertificate, reissueCertificate } from '@/lib/credentials/issue';
import { InvalidError, RateLimitedError, type AppError } from '@/lib/errors';
import { createIssuer, createPerson, skillCertificate } from '@/tests/fixtures';
import { testDb, uniqueIp } from '@/tests/helpers';
import { CLAIM_NO_MATCH, claimByNumber } from './claim';

const { db } = testDb();

/** An award published with no locker (no mobile, no Aadhaar), as a legacy record is. */
async function unlinkedAward(issuerId: string, lockerUserId: string | null = null) {
  return issueCertificate(
    db,
    issuerId,
    skillCertificate({
      recipient: {
        name: 'Asha  Sharma',
        dob: '2001-05-14',
        gender: 'F',
        mobile: null,
        lockerUserId,
      },
    }),
  );
}

async function setting() {
  const issuer = await createIssuer(db, 'Claim Institute');
  const citizen = await createPerson(db);
  const ctx = { userId: citizen.id, ip: uniqueIp(), userAgent: 'test' };
  return { issuer, citizen, ctx };
}

async function holderOf(id: string) {
  const [c] = await db.select().from(certificates).where(eq(certificates.id, id));
  return c!.lockerUserId;
}

async function claimAudit(userId: string) {
  return db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.actorUserId, userId), eq(auditLog.action, 'locker.claim')))
    .orderBy(auditLog.at);
}

/** The error a claim ends with (its class and the words the citizen reads). */
async function refusal(p: Promise<unknown>): Promise<{ kind: string; message: string }> {
  try {
    await p;
    return { kind: 'none', message: '' };
  } catch (e) {
    const error = e as AppError;
    return { kind: error.constructor.name, message: error.message };
  }
}

describe('claiming a certificate by its number', () => {
  it('moves every unlinked version of the award into the locker, audited', async () => {
    const { issuer, citizen, ctx } = await setting();
    const v1 = await unlinkedAward(issuer.id);
    const v2 = await reissueCertificate(db, issuer.id, v1, {
      ...skillCertificate(),
      recipient: { name: 'Asha Sharma', dob: '2001-05-14', gender: 'F', mobile: null },
    });
    // Name as printed, in other case and spacing; the number as typed is trimmed by the schema.
    const result = await claimByNumber(db, ctx, {
      issuerId: issuer.id,
      number: v1.number,
      dob: '2001-05-14',
      name: 'ASHA sharma',
    });
    expect(result).toEqual({ moved: 2, certificateId: v2.id });
    expect([await holderOf(v1.id), await holderOf(v2.id)]).toEqual([citizen.id, citizen.id]);
    const [entry] = await claimAudit(citizen.id);
    expect(entry).toMatchObject({
      outcome: 'ok',
      objectType: 'certificate',
      objectId: v2.id,
      detail: { issuerId: issuer.id, number: v1.number, moved: 2 },
    });
    // Claiming it again finds it already here.
    expect(
      await claimByNumber(db, ctx, {
        issuerId: issuer.id,
        number: v1.number,
        dob: '2001-05-14',
        name: 'Asha Sharma',
      }),
    ).toEqual({ moved: 0, certificateId: v2.id });
  });

  it('answers a wrong number, date of birth, name, issuer or holder alike, and moves nothing', async () => {
    const { issuer, citizen, ctx } = await setting();
    const other = await createIssuer(db, 'Other Institute');
    const someoneElse = await createPerson(db);
    const free = await unlinkedAward(issuer.id);
    const taken = await unlinkedAward(issuer.id, someoneElse.id);
    const good = {
      issuerId: issuer.id,
      number: free.number,
      dob: '2001-05-14',
      name: 'Asha Sharma',
    };
    const attempts = [
      { ...good, number: `${free.number}X` },
      { ...good, dob: '2001-05-15' },
      { ...good, name: 'Asha Verma' },
      { ...good, issuerId: other.id },
      { ...good, number: taken.number },
    ];
    const answers = [];
    for (const a of attempts) answers.push(await refusal(claimByNumber(db, ctx, a)));
    for (const a of answers)
      expect(a).toEqual({ kind: InvalidError.name, message: CLAIM_NO_MATCH });
    expect(await holderOf(free.id)).toBeNull();
    expect(await holderOf(taken.id)).toBe(someoneElse.id);
    // The audit log keeps the difference the citizen is not told.
    expect((await claimAudit(citizen.id)).map((e) => [e.outcome, e.detail?.reason])).toEqual([
      ['denied', 'no-such-number'],
      ['denied', 'dob'],
      ['denied', 'name'],
      ['denied', 'no-such-number'],
      ['denied', 'linked-elsewhere'],
    ]);
  });

  it('allows 5 tries an hour per account; the 6th is 429, audited, even with the right details', async () => {
    const { issuer, citizen, ctx } = await setting();
    const award = await unlinkedAward(issuer.id);
    const wrong = {
      issuerId: issuer.id,
      number: 'NO-SUCH',
      dob: '2001-05-14',
      name: 'Asha Sharma',
    };
    for (let i = 0; i < 5; i++)
      expect((await refusal(claimByNumber(db, ctx, wrong))).kind).toBe(InvalidError.name);
    const sixth = claimByNumber(db, ctx, { ...wrong, number: award.number });
    await expect(sixth).rejects.toBeInstanceOf(RateLimitedError);
    await expect(sixth).rejects.toMatchObject({ status: 429 });
    expect(await holderOf(award.id)).toBeNull();
    const entries = await claimAudit(citizen.id);
    expect(entries).toHaveLength(6);
    expect(entries[5]!.detail).toMatchObject({ reason: 'rate-limited' });
    // Another account is not held back by this one's tries.
    const next = await createPerson(db);
    expect(
      await claimByNumber(db, { ...ctx, userId: next.id }, { ...wrong, number: award.number }),
    ).toMatchObject({ moved: 1 });
  });
});
