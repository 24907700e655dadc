import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import {
  accessLog,
  auditLog,
  correctionRequests,
  institutionProfiles,
  memberships,
  organisations,
  outbox,
} from '@/db/schema';
import { issueCertificate } from '@/lib/credentials/issue';
import { ConflictError, NotFoundError } from '@/lib/errors';
import { createIssuer, createPerson, skillCertificate } from '@/tests/fixtures';
import { testDb } from '@/tests/helpers';
import { listAccessLog } from './access-log';
import { readDocument } from './access';
import {
  answerCorrection,
  listIssuerCorrections,
  listMyCorrections,
  requestCorrection,
  withdrawCorrection,
} from './corrections';
import { listDirectory, listMyIssuers, websiteHref } from './issuers';

const { db, sql } = testDb();
afterAll(async () => {
  await sql.end();
});

async function rolesOf(userId: string) {
  return db
    .select({ role: memberships.role, orgId: memberships.orgId })
    .from(memberships)
    .where(eq(memberships.userId, userId));
}

async function issueTo(issuerId: string, userId: string) {
  return issueCertificate(
    db,
    issuerId,
    skillCertificate({ recipient: { ...skillCertificate().recipient, lockerUserId: userId } }),
  );
}

describe('the access log page', () => {
  it("reads only the citizen's own rows, newest first, paged, without their own reads unless asked", async () => {
    const issuer = await createIssuer(db, 'Log Institute');
    const holder = await createPerson(db);
    const other = await createPerson(db);
    const staff = await createPerson(db, [{ role: 'institution_operator', orgId: issuer.id }]);
    const mine = await issueTo(issuer.id, holder.id);
    const theirs = await issueTo(issuer.id, other.id);
    const read = async (userId: string, certificateId: string, action: 'pdf' | 'view') =>
      readDocument(db, {
        reader: { kind: 'user', userId, memberships: await rolesOf(userId) },
        target: { certificateId },
        action,
      });
    await read(holder.id, mine.id, 'view');
    await read(staff.id, mine.id, 'pdf');
    await read(staff.id, theirs.id, 'pdf');
    await readDocument(db, {
      reader: { kind: 'partner', partnerId: '00000000-0000-4000-8000-00000000000a' },
      target: { certificateId: mine.id },
      action: 'xml',
    }).catch(() => undefined);
    await read(staff.id, mine.id, 'view');

    const { rows, total } = await listAccessLog(db, { ownerUserId: holder.id });
    expect(total).toBe(3);
    expect(rows.map((r) => [r.actorKind, r.action])).toEqual([
      ['issuer_staff', 'view'],
      ['partner', 'xml'],
      ['issuer_staff', 'pdf'],
    ]);
    expect(rows[0]!.actorName).toBe('Log Institute');
    expect(rows.every((r) => r.documentLabel.includes(mine.number))).toBe(true);

    const withOwn = await listAccessLog(db, { ownerUserId: holder.id, includeOwn: true });
    expect(withOwn.total).toBe(4);
    expect(withOwn.rows.at(-1)!.actorKind).toBe('holder');

    const page2 = await listAccessLog(db, { ownerUserId: holder.id, page: 2, pageSize: 2 });
    expect(page2.rows.map((r) => r.action)).toEqual(['pdf']);
    expect(page2.total).toBe(3);
  });
});

describe('my issuers and the directory', () => {
  it('counts the documents each issuer issued to me', async () => {
    const a = await createIssuer(db, 'Alpha Institute');
    const b = await createIssuer(db, 'Beta Institute');
    const holder = await createPerson(db);
    const other = await createPerson(db);
    await issueTo(a.id, holder.id);
    await issueTo(b.id, holder.id);
    await issueTo(b.id, holder.id);
    await issueTo(a.id, other.id);
    expect(await listMyIssuers(db, { userId: holder.id })).toEqual([
      { orgId: b.id, name: 'Beta Institute', code: b.code, documents: 2 },
      { orgId: a.id, name: 'Alpha Institute', code: a.code, documents: 1 },
    ]);
    expect(await listMyIssuers(db, { userId: (await createPerson(db)).id })).toEqual([]);
  });

  it('lists only active issuing institutions, with their website, searchable and paged', async () => {
    const tag = randomBytes(3).toString('hex');
    const active = await createIssuer(db, `Zeta ${tag} College`);
    await db
      .insert(institutionProfiles)
      .values({ orgId: active.id, website: 'https://zeta.example.org' });
    const plain = await createIssuer(db, `Zeta ${tag} Academy`);
    for (const [status, kind] of [
      ['pending', 'institution'],
      ['suspended', 'institution'],
      ['rejected', 'institution'],
      ['active', 'verifier'],
    ] as const)
      await db.insert(organisations).values({
        kind,
        status,
        name: `Zeta ${tag} ${status} ${kind}`,
        code: `in.sanad.z${randomBytes(4).toString('hex')}`,
      });
    const found = await listDirectory(db, { q: `zeta ${tag}` });
    expect(found.total).toBe(2);
    expect(found.rows).toEqual([
      { id: plain.id, name: `Zeta ${tag} Academy`, code: plain.code, website: null },
      {
        id: active.id,
        name: `Zeta ${tag} College`,
        code: active.code,
        website: 'https://zeta.example.org',
      },
    ]);
    expect((await listDirectory(db, { q: active.code })).rows.map((r) => r.id)).toEqual([
      active.id,
    ]);
    const paged = await listDirectory(db, { q: `zeta ${tag}`, page: 2, pageSize: 1 });
    expect(paged.rows.map((r) => r.id)).toEqual([active.id]);
    // A search term is text, not a pattern.
    expect((await listDirectory(db, { q: '%' })).total).toBe(0);
  });

  it('links only to http(s) websites', () => {
    expect(websiteHref('iti.example.org')).toBe('https://iti.example.org/');
    expect(websiteHref('javascript:alert(1)')).toBeNull();
    expect(websiteHref('  ')).toBeNull();
  });
});

describe('correction requests', () => {
  async function setting() {
    const issuer = await createIssuer(db, 'Correction Institute');
    const holder = await createPerson(db);
    const owner = await createPerson(db, [{ role: 'institution_owner', orgId: issuer.id }]);
    const cert = await issueTo(issuer.id, holder.id);
    const reader = { userId: holder.id, memberships: await rolesOf(holder.id) };
    return { issuer, holder, owner, cert, reader };
  }
  const ask = { whatIsWrong: 'My name is misspelt', shouldSay: 'Asha Sharma' };

  it('the holder asks, the issuer answers (the holder is told), and the holder sees it', async () => {
    const { issuer, holder, owner, cert, reader } = await setting();
    const { id } = await requestCorrection(db, reader, {}, { certificateId: cert.id, ...ask });
    const open = await listIssuerCorrections(db, { issuerOrgId: issuer.id });
    expect(open.rows.map((r) => [r.id, r.status, r.certificateNumber])).toEqual([
      [id, 'open', cert.number],
    ]);
    const staff = { userId: owner.id, memberships: await rolesOf(owner.id) };
    const { messageIds } = await answerCorrection(
      db,
      staff,
      {},
      { id, orgId: issuer.id, answer: 'We will re-issue it this week', fixed: false },
    );
    expect(messageIds).toHaveLength(1);
    const [message] = await db.select().from(outbox).where(eq(outbox.id, messageIds[0]!));
    expect(message).toMatchObject({ recipient: holder.email, channel: 'email' });
    expect(message!.body).toContain(cert.number);
    const [mine] = await listMyCorrections(db, { userId: holder.id, certificateId: cert.id });
    expect(mine).toMatchObject({
      status: 'answered',
      answer: 'We will re-issue it this week',
      answeredByUserId: owner.id,
    });
    await answerCorrection(
      db,
      staff,
      {},
      { id, orgId: issuer.id, answer: 'Re-issued', fixed: true },
    );
    const [fixed] = await listMyCorrections(db, { userId: holder.id, certificateId: cert.id });
    expect(fixed!.status).toBe('fixed');
    expect((await listIssuerCorrections(db, { issuerOrgId: issuer.id })).total).toBe(0);
    const audits = await db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(eq(auditLog.objectId, id));
    expect(audits.map((a) => a.action).sort()).toEqual([
      'correction.answer',
      'correction.fix',
      'correction.request',
    ]);
  });

  it('the holder withdraws an open request, once', async () => {
    const { holder, cert, reader } = await setting();
    const { id } = await requestCorrection(db, reader, {}, { certificateId: cert.id, ...ask });
    const stranger = await createPerson(db);
    await expect(withdrawCorrection(db, { userId: stranger.id }, {}, id)).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await withdrawCorrection(db, { userId: holder.id }, {}, id);
    await expect(withdrawCorrection(db, { userId: holder.id }, {}, id)).rejects.toBeInstanceOf(
      ConflictError,
    );
    const [audit] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.objectId, id), eq(auditLog.action, 'correction.withdraw')));
    expect(audit!.actorUserId).toBe(holder.id);
  });

  it('a non-holder asking is not found, nothing stored, the refusal logged', async () => {
    const { issuer, cert } = await setting();
    const stranger = await createPerson(db);
    const staff = await createPerson(db, [{ role: 'institution_owner', orgId: issuer.id }]);
    for (const who of [stranger, staff]) {
      const attempt = requestCorrection(
        db,
        { userId: who.id, memberships: await rolesOf(who.id) },
        {},
        { certificateId: cert.id, ...ask },
      );
      await expect(attempt).rejects.toBeInstanceOf(NotFoundError);
    }
    expect(
      await db
        .select()
        .from(correctionRequests)
        .where(eq(correctionRequests.certificateId, cert.id)),
    ).toEqual([]);
    const [refused] = await db
      .select()
      .from(accessLog)
      .where(and(eq(accessLog.certificateId, cert.id), eq(accessLog.actorUserId, stranger.id)));
    expect(refused).toMatchObject({ outcome: 'refused', reason: 'not-holder-or-issuer' });
  });

  it('staff of another institution can neither see nor answer it; an operator cannot answer', async () => {
    const { issuer, cert, reader } = await setting();
    const { id } = await requestCorrection(db, reader, {}, { certificateId: cert.id, ...ask });
    const other = await createIssuer(db, 'Other Institute');
    const otherOwner = await createPerson(db, [{ role: 'institution_owner', orgId: other.id }]);
    expect((await listIssuerCorrections(db, { issuerOrgId: other.id })).rows).toEqual([]);
    const staffOf = async (u: { id: string }) => ({
      userId: u.id,
      memberships: await rolesOf(u.id),
    });
    // With its own organisation named, the request is not there; naming this one, no right.
    for (const orgId of [other.id, issuer.id]) {
      const attempt = answerCorrection(
        db,
        await staffOf(otherOwner),
        {},
        {
          id,
          orgId,
          answer: 'Not ours',
          fixed: false,
        },
      );
      await expect(attempt).rejects.toBeInstanceOf(NotFoundError);
    }
    const operator = await createPerson(db, [{ role: 'institution_operator', orgId: issuer.id }]);
    await expect(
      answerCorrection(
        db,
        await staffOf(operator),
        {},
        {
          id,
          orgId: issuer.id,
          answer: 'Operator answer',
          fixed: false,
        },
      ),
    ).rejects.toBeInstanceOf(NotFoundError);
    const [row] = await db.select().from(correctionRequests).where(eq(correctionRequests.id, id));
    expect(row).toMatchObject({ status: 'open', answer: null });
  });
});
