import { randomInt } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { auditLog, certificates, outbox, users } from '@/db/schema';
import { requestSignInCode, verifySignInCode } from '@/lib/auth/otp';
import { issueCertificate } from '@/lib/credentials/issue';
import { InvalidCodeError, InvalidError } from '@/lib/errors';
import { verhoeffValid } from '@/lib/identity/verhoeff';
import { validateUpload } from '@/lib/records/validate-upload';
import { vaultAadhaarNumbers } from '@/lib/vault/aadhaar';
import { createPerson, skillCertificate } from '@/tests/fixtures';
import { lastCodeSentTo, uniqueIp } from '@/tests/helpers';
import { recordsFixture } from '@/tests/records';
import {
  AADHAAR_LINK_DONE,
  confirmAadhaarLink,
  linkedAadhaar,
  removeAadhaarLink,
  requestAadhaarLink,
} from './aadhaar-link';

const f = recordsFixture('Aadhaar Link Institute');
const { db } = f;

/** A valid Aadhaar number no other test uses. */
function newAadhaar(): string {
  const prefix = `${randomInt(2, 10)}${String(randomInt(0, 1e10)).padStart(10, '0')}`;
  for (let d = 0; d <= 9; d++) if (verhoeffValid(`${prefix}${d}`)) return `${prefix}${d}`;
  throw new Error('unreachable');
}

const PROFILE: { name: string; dob: string; gender: 'M' | 'F' | 'T' } = {
  name: 'Meena Kumari',
  dob: '2004-08-14',
  gender: 'F',
};

async function citizen(profile: Partial<typeof PROFILE> = PROFILE) {
  const u = await createPerson(db);
  await db.update(users).set(profile).where(eq(users.id, u.id));
  return { ...u, ...profile, ctx: { userId: u.id, ip: uniqueIp(), userAgent: 'test' } };
}

type Citizen = Awaited<ReturnType<typeof citizen>>;

async function link(c: Citizen, aadhaar: string) {
  await requestAadhaarLink(db, c.ctx, { aadhaar });
  const code = await lastCodeSentTo(db, c.mobile!, 'locker.aadhaar_link');
  return confirmAadhaarLink(db, c.ctx, { aadhaar, code });
}

/** An award published for this Aadhaar that reached no locker. */
async function waitingAward(aadhaar: string, recipient: Partial<typeof PROFILE> = {}) {
  const vault = await vaultAadhaarNumbers(db, [aadhaar]);
  const cert = await issueCertificate(
    db,
    f.org.id,
    skillCertificate({ recipient: { ...PROFILE, mobile: null, ...recipient } }),
  );
  await db
    .update(certificates)
    .set({ recipientAadhaarVaultId: vault.get(aadhaar)! })
    .where(eq(certificates.id, cert.id));
  return cert;
}

async function holderOf(id: string) {
  const [c] = await db.select().from(certificates).where(eq(certificates.id, id));
  return c!.lockerUserId;
}

async function account(id: string) {
  const [u] = await db.select().from(users).where(eq(users.id, id));
  return u!;
}

async function linkAudit(userId: string) {
  return db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.actorUserId, userId), eq(auditLog.action, 'locker.aadhaar_link')));
}

async function fieldError(p: Promise<unknown>) {
  try {
    await p;
    return null;
  } catch (e) {
    expect(e).toBeInstanceOf(InvalidError);
    return (e as InvalidError).fieldErrors ?? null;
  }
}

describe('linking an Aadhaar number', () => {
  it('refuses, on the server, a number failing Verhoeff or of the wrong form, and sends nothing', async () => {
    const c = await citizen();
    const good = newAadhaar();
    const bad = `${good.slice(0, 11)}${(Number(good[11]) + 1) % 10}`;
    expect(await fieldError(requestAadhaarLink(db, c.ctx, { aadhaar: bad }))).toEqual({
      aadhaar: 'aadhaarChecksum',
    });
    expect(
      await fieldError(requestAadhaarLink(db, c.ctx, { aadhaar: `1${good.slice(1)}` })),
    ).toEqual({ aadhaar: 'aadhaarFormat' });
    expect(await db.select().from(outbox).where(eq(outbox.recipient, c.mobile!))).toEqual([]);
    expect(
      await fieldError(confirmAadhaarLink(db, c.ctx, { aadhaar: bad, code: '123456' })),
    ).toEqual({ aadhaar: 'aadhaarChecksum' });
  });

  it('asks for the name, date of birth and gender first', async () => {
    const c = await citizen({ name: 'Meena Kumari' });
    expect(await fieldError(requestAadhaarLink(db, c.ctx, { aadhaar: newAadhaar() }))).toEqual({
      form: 'profileFirst',
    });
  });

  it('keeps link and sign-in codes apart: neither works for the other, and neither retires the other', async () => {
    const c = await citizen();
    const aadhaar = newAadhaar();
    const ip = uniqueIp();
    await requestSignInCode(db, { identifier: c.mobile!, ip });
    const signInCode = await lastCodeSentTo(db, c.mobile!, 'auth.otp');
    await requestAadhaarLink(db, c.ctx, { aadhaar });
    const linkCode = await lastCodeSentTo(db, c.mobile!, 'locker.aadhaar_link');
    const sms = await db.select().from(outbox).where(eq(outbox.recipient, c.mobile!));
    // The number itself is in no message.
    for (const m of sms) expect(m.body).not.toContain(aadhaar.slice(-8));

    await expect(
      verifySignInCode(db, { identifier: c.mobile!, code: linkCode, ip }),
    ).rejects.toBeInstanceOf(InvalidCodeError);
    await expect(
      confirmAadhaarLink(db, c.ctx, { aadhaar, code: signInCode }),
    ).rejects.toBeInstanceOf(InvalidCodeError);
    expect((await account(c.id)).aadhaarVaultId).toBeNull();

    // The pending sign-in code still signs in, and the link code still links.
    expect(
      await verifySignInCode(db, { identifier: c.mobile!, code: signInCode, ip }),
    ).toMatchObject({ userId: c.id });
    expect(await confirmAadhaarLink(db, c.ctx, { aadhaar, code: linkCode })).toEqual({
      message: AADHAAR_LINK_DONE,
    });
    expect((await account(c.id)).aadhaarLinkedAt).toBeInstanceOf(Date);
  });

  it('brings in the awards published for it with the same name, date of birth and gender only', async () => {
    const c = await citizen();
    const aadhaar = newAadhaar();
    const same = await waitingAward(aadhaar, { name: 'MEENA  kumari' });
    const sameToo = await waitingAward(aadhaar);
    const otherDob = await waitingAward(aadhaar, { dob: '2004-08-15' });
    const otherGender = await waitingAward(aadhaar, { gender: 'M' });
    const otherName = await waitingAward(aadhaar, { name: 'Meena Devi' });
    const otherAadhaar = await waitingAward(newAadhaar());

    expect(await link(c, aadhaar)).toEqual({ message: AADHAAR_LINK_DONE });
    expect(await holderOf(same.id)).toBe(c.id);
    expect(await holderOf(sameToo.id)).toBe(c.id);
    for (const cert of [otherDob, otherGender, otherName, otherAadhaar])
      expect(await holderOf(cert.id)).toBeNull();
    const u = await account(c.id);
    expect(u.aadhaarVaultId).toBeTruthy();
    expect(u.aadhaarLinkedAt).toBeInstanceOf(Date);
    expect(await linkedAadhaar(db, c.id)).toMatchObject({
      masked: `XXXX XXXX ${aadhaar.slice(-4)}`,
    });
    const [entry] = await linkAudit(c.id);
    expect(entry).toMatchObject({ outcome: 'ok', detail: { brought: 2 } });
    expect(JSON.stringify(entry!.detail)).not.toContain(aadhaar.slice(-4));
  });

  it('answers the same for a number another account holds, and links nothing', async () => {
    const aadhaar = newAadhaar();
    const holder = await citizen();
    await link(holder, aadhaar);
    const award = await waitingAward(aadhaar);
    const c = await citizen();
    expect(await link(c, aadhaar)).toEqual({ message: AADHAAR_LINK_DONE });
    const u = await account(c.id);
    expect([u.aadhaarVaultId, u.aadhaarLinkedAt]).toEqual([null, null]);
    expect(await holderOf(award.id)).toBeNull();
    expect(await linkedAadhaar(db, c.id)).toBeNull();
    const [entry] = await linkAudit(c.id);
    expect(entry).toMatchObject({
      outcome: 'denied',
      detail: { reason: 'held-by-another-account' },
    });
  });

  it('takes over the awards of an account a publish made from the Aadhaar number alone', async () => {
    const aadhaar = newAadhaar();
    const vault = await vaultAadhaarNumbers(db, [aadhaar]);
    // What a publish makes for a row with an Aadhaar number and no mobile: nobody can sign in.
    const [record] = await db
      .insert(users)
      .values({ ...PROFILE, aadhaarVaultId: vault.get(aadhaar)! })
      .returning();
    const award = await issueCertificate(
      db,
      f.org.id,
      skillCertificate({ recipient: { ...PROFILE, mobile: null, lockerUserId: record!.id } }),
    );
    const other = await citizen({ ...PROFILE, dob: '2004-08-15' });
    expect(await link(other, aadhaar)).toEqual({ message: AADHAAR_LINK_DONE });
    expect(await holderOf(award.id)).toBe(record!.id);
    expect((await linkAudit(other.id))[0]).toMatchObject({
      detail: { reason: 'held-by-another-account' },
    });

    const c = await citizen();
    expect(await link(c, aadhaar)).toEqual({ message: AADHAAR_LINK_DONE });
    expect(await holderOf(award.id)).toBe(c.id);
    expect((await account(c.id)).aadhaarVaultId).toBe(vault.get(aadhaar));
    expect((await account(record!.id)).aadhaarVaultId).toBeNull();
    expect((await linkAudit(c.id))[0]).toMatchObject({
      outcome: 'ok',
      detail: { brought: 1, takenOverFrom: 'record-account' },
    });
  });

  it('never takes over an account someone can sign in to (by mobile, by email, or used)', async () => {
    const ways: Partial<typeof users.$inferInsert>[] = [
      { email: null, emailVerifiedAt: null },
      { mobile: null },
      { mobile: null, email: null, emailVerifiedAt: null, lastSignInAt: new Date() },
    ];
    for (const way of ways) {
      const aadhaar = newAadhaar();
      const vault = await vaultAadhaarNumbers(db, [aadhaar]);
      const owner = await citizen();
      await db
        .update(users)
        .set({ ...way, aadhaarVaultId: vault.get(aadhaar)! })
        .where(eq(users.id, owner.id));
      const c = await citizen();
      await link(c, aadhaar);
      expect((await account(owner.id)).aadhaarVaultId).toBe(vault.get(aadhaar));
      expect((await account(c.id)).aadhaarVaultId).toBeNull();
    }
  });

  it('can be removed, audited; the documents stay', async () => {
    const c = await citizen();
    const aadhaar = newAadhaar();
    const award = await waitingAward(aadhaar);
    await link(c, aadhaar);
    await removeAadhaarLink(db, c.ctx);
    const u = await account(c.id);
    expect([u.aadhaarVaultId, u.aadhaarLinkedAt]).toEqual([null, null]);
    expect(await holderOf(award.id)).toBe(c.id);
    const [entry] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.actorUserId, c.id), eq(auditLog.action, 'locker.aadhaar_unlink')));
    expect(entry).toMatchObject({ outcome: 'ok', objectId: c.id });
    // Removed, the number can be linked again (by this account or another).
    const next = await citizen();
    await link(next, aadhaar);
    expect((await account(next.id)).aadhaarVaultId).toBeTruthy();
  });

  it('makes later publishes for the number arrive in the locker by themselves', async () => {
    const c = await citizen();
    const aadhaar = newAadhaar();
    await link(c, aadhaar);
    const number = `LATER-${randomInt(0, 1e9)}`;
    const award: Record<string, string> = {
      OPERATION: 'ADD',
      CERT_NO: number,
      ACADEMIC_COURSE_ID: 'ELE-Q4601',
      COURSE_NAME: 'Assistant Electrician',
      REGN_NO: `REG-${number}`,
      RROLL: `R-${number}`,
      CNAME: 'Meena Kumari',
      DOB: '14-08-2004',
      GENDER: 'F',
      AADHAAR_NO: aadhaar,
      JOB_ROLE: 'Assistant Electrician',
    };
    const csv = Papa.unparse([Object.keys(award), Object.values(award)]);
    const { id } = await f.upload(csv, 'later.csv');
    expect(await validateUpload(db, id)).toBe('validated');
    expect(await f.publish(id)).toBe('published');
    const [cert] = await db
      .select()
      .from(certificates)
      .where(and(eq(certificates.issuerOrgId, f.org.id), eq(certificates.number, number)));
    expect(cert!.lockerUserId).toBe(c.id);
  });
});
