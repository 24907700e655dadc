import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { accessLog, memberships } from '@/db/schema';
import { issueCertificate } from '@/lib/credentials/issue';
import { GoneError, NotFoundError } from '@/lib/errors';
import { createIssuer, createPerson, skillCertificate } from '@/tests/fixtures';
import { testDb } from '@/tests/helpers';
import { readDocument, type ShareLinkGrant } from './access';

const { db } = testDb();

async function rolesOf(userId: string) {
  return db
    .select({ role: memberships.role, orgId: memberships.orgId })
    .from(memberships)
    .where(eq(memberships.userId, userId));
}

async function logOf(certificateId: string) {
  return db
    .select()
    .from(accessLog)
    .where(eq(accessLog.certificateId, certificateId))
    .orderBy(accessLog.at);
}

async function setting() {
  const issuer = await createIssuer(db, 'Access Test Institute');
  const holder = await createPerson(db);
  const stranger = await createPerson(db);
  const staff = await createPerson(db, [{ role: 'institution_operator', orgId: issuer.id }]);
  const cert = await issueCertificate(
    db,
    issuer.id,
    skillCertificate({ recipient: { ...skillCertificate().recipient, lockerUserId: holder.id } }),
  );
  return { issuer, holder, stranger, staff, cert };
}

/** PostgreSQL's own words for a refused statement (drizzle wraps them). */
async function refusal(statement: PromiseLike<unknown>): Promise<string> {
  try {
    await statement;
    return 'not refused';
  } catch (e) {
    const error = e as Error & { cause?: Error };
    return (error.cause ?? error).message;
  }
}

function link(over: Partial<ShareLinkGrant>): ShareLinkGrant {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    userId: '00000000-0000-4000-8000-000000000002',
    certificateId: null,
    fileId: null,
    expiresAt: new Date(Date.now() + 3_600_000),
    revokedAt: null,
    purpose: null,
    ...over,
  };
}

describe('the access decision', () => {
  it('lets the holder read and logs it as the holder', async () => {
    const { holder, cert } = await setting();
    const doc = await readDocument(db, {
      reader: { kind: 'user', userId: holder.id, memberships: await rolesOf(holder.id) },
      target: { certificateId: cert.id },
      action: 'pdf',
      ip: '203.0.113.9',
    });
    expect(doc).toMatchObject({ kind: 'certificate', id: cert.id, ownerUserId: holder.id });
    const [entry] = await logOf(cert.id);
    expect(entry).toMatchObject({
      ownerUserId: holder.id,
      actorKind: 'holder',
      actorUserId: holder.id,
      action: 'pdf',
      outcome: 'allowed',
      ip: '203.0.113.9',
    });
    expect(entry!.documentLabel).toContain(cert.number);
  });

  it("answers another citizen 'not found' and logs the refusal against the holder", async () => {
    const { holder, stranger, cert } = await setting();
    const attempt = readDocument(db, {
      reader: { kind: 'user', userId: stranger.id, memberships: await rolesOf(stranger.id) },
      target: { certificateId: cert.id },
      action: 'xml',
    });
    await expect(attempt).rejects.toThrow(new NotFoundError('No such document'));
    const [entry] = await logOf(cert.id);
    expect(entry).toMatchObject({
      ownerUserId: holder.id,
      actorUserId: stranger.id,
      outcome: 'refused',
      reason: 'not-holder-or-issuer',
    });
  });

  it('lets staff of the issuing institution read, logged with their organisation', async () => {
    const { issuer, staff, cert } = await setting();
    await readDocument(db, {
      reader: { kind: 'user', userId: staff.id, memberships: await rolesOf(staff.id) },
      target: { certificateId: cert.id },
      action: 'pdf',
    });
    const [entry] = await logOf(cert.id);
    expect(entry).toMatchObject({
      actorKind: 'issuer_staff',
      actorOrgId: issuer.id,
      outcome: 'allowed',
    });
  });

  it('refuses staff of another institution, even with the same role', async () => {
    const { cert } = await setting();
    const other = await createIssuer(db, 'Other Institute');
    const outsider = await createPerson(db, [{ role: 'institution_owner', orgId: other.id }]);
    await expect(
      readDocument(db, {
        reader: { kind: 'user', userId: outsider.id, memberships: await rolesOf(outsider.id) },
        target: { certificateId: cert.id },
        action: 'pdf',
      }),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect((await logOf(cert.id))[0]).toMatchObject({ outcome: 'refused' });
  });

  it('answers 410 for a revoked or expired share link, logged with the reason', async () => {
    const { holder, cert } = await setting();
    for (const [grant, reason] of [
      [link({ userId: holder.id, certificateId: cert.id, revokedAt: new Date() }), 'link-revoked'],
      [
        link({ userId: holder.id, certificateId: cert.id, expiresAt: new Date(Date.now() - 1) }),
        'link-expired',
      ],
    ] as const) {
      const attempt = readDocument(db, {
        reader: { kind: 'share_link', link: grant },
        target: { certificateId: cert.id },
        action: 'view',
      });
      await expect(attempt).rejects.toBeInstanceOf(GoneError);
      const entries = await logOf(cert.id);
      expect(entries.at(-1)).toMatchObject({ actorKind: 'share_link', reason, outcome: 'refused' });
    }
  });

  it("refuses a share link for another document or another citizen's document", async () => {
    const { holder, cert } = await setting();
    const second = await setting();
    for (const grant of [
      link({ userId: holder.id, certificateId: second.cert.id }),
      link({ userId: second.holder.id, certificateId: cert.id }),
    ]) {
      await expect(
        readDocument(db, {
          reader: { kind: 'share_link', link: grant },
          target: { certificateId: cert.id },
          action: 'view',
        }),
      ).rejects.toBeInstanceOf(NotFoundError);
    }
    const entries = await logOf(cert.id);
    expect(entries.map((e) => e.reason)).toEqual([
      'link-not-for-document',
      'link-not-for-document',
    ]);
  });

  it('logs a partner pull with the partner', async () => {
    const { cert } = await setting();
    const partnerId = '00000000-0000-4000-8000-0000000000aa';
    await readDocument(db, {
      reader: { kind: 'partner', partnerId, purpose: 'DigiLocker pull' },
      target: { certificateId: cert.id },
      action: 'both',
    });
    expect((await logOf(cert.id))[0]).toMatchObject({
      actorKind: 'partner',
      partnerId,
      purpose: 'DigiLocker pull',
      action: 'both',
      outcome: 'allowed',
    });
  });

  it('writes nothing for an award not yet in anyone’s locker, and 404s a malformed id', async () => {
    const issuer = await createIssuer(db);
    const staff = await createPerson(db, [{ role: 'institution_owner', orgId: issuer.id }]);
    const cert = await issueCertificate(db, issuer.id, skillCertificate());
    await readDocument(db, {
      reader: { kind: 'user', userId: staff.id, memberships: await rolesOf(staff.id) },
      target: { certificateId: cert.id },
      action: 'pdf',
    });
    expect(await logOf(cert.id)).toEqual([]);
    await expect(
      readDocument(db, {
        reader: { kind: 'user', userId: staff.id, memberships: [] },
        target: { certificateId: "1' or '1'='1" },
        action: 'pdf',
      }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it('keeps the log append-only: no change, no delete of a row younger than a year', async () => {
    const { holder, cert } = await setting();
    await readDocument(db, {
      reader: { kind: 'user', userId: holder.id, memberships: await rolesOf(holder.id) },
      target: { certificateId: cert.id },
      action: 'view',
    });
    const update = db
      .update(accessLog)
      .set({ outcome: 'refused' })
      .where(eq(accessLog.certificateId, cert.id));
    expect(await refusal(update)).toMatch(/append-only/);
    const remove = db.delete(accessLog).where(eq(accessLog.certificateId, cert.id));
    expect(await refusal(remove)).toMatch(/kept for a year/);
    expect(await refusal(db.execute(sql`truncate access_log`))).toMatch(/append-only/);
    const [row] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(accessLog)
      .where(and(eq(accessLog.certificateId, cert.id), eq(accessLog.outcome, 'allowed')));
    expect(row!.n).toBe(1);
  });
});
