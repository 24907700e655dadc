import { randomBytes, randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDb } from '@/db/client';
import { auditLog, organisations } from '@/db/schema';
import {
  createIssuer,
  createPerson,
  createPlatformAdmin,
  skillCertificate,
} from '@/tests/fixtures';
import { actAs } from '@/tests/acting-user';
import { testDb } from '@/tests/helpers';
import { issueCertificate } from './issue';
import { issuerCertificatesByCode, issuerJwks } from './issuer-directory';
import { ensureIssuerKeys, keysOfIssuer } from './keys';
import { getRendition } from './renditions';
import { KEY_HOLDERS_PER_PAGE, listKeyHolders, rotateKeysOf } from './rotate-keys';
import { verifyByCode } from './verify-record';
import { verifyCertificateXml } from './xml/verify-xml-signature';

const { rotateKeysAction } = await import('@/app/admin/keys/actions');

const { db, sql: pool } = testDb();
const hex = () => randomBytes(4).toString('hex');

const person = (roles: Parameters<typeof createPerson>[1] = []) => createPerson(db, roles);

async function issuerWithKeys() {
  const issuer = await createIssuer(db, 'Rotation Test Institute');
  await ensureIssuerKeys(db, issuer.id);
  return issuer;
}

/** What a refused call must leave untouched: every key with its status. */
const keyState = async (orgId: string) =>
  (await keysOfIssuer(db, orgId)).map((k) => `${k.kid}:${k.status}`).sort();

const rotationAudits = (orgId: string) =>
  db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, 'issuer.keys.rotate'), eq(auditLog.objectId, orgId)));

let admin: { id: string };
let owner: { id: string };
let ownersIssuer: { id: string; code: string };

beforeAll(async () => {
  admin = await createPlatformAdmin(db);
  ownersIssuer = await issuerWithKeys();
  owner = await person([{ role: 'institution_owner', orgId: ownersIssuer.id }]);
});
afterAll(async () => {
  await closeDb();
  await pool.end();
});

describe('rotating an issuer’s keys from the admin page', () => {
  it('retires the old keys, which keep verifying, and signs new certificates with the new ones', async () => {
    const issuer = await issuerWithKeys();
    const before = await issueCertificate(db, issuer.id, skillCertificate());
    const oldXml = await getRendition(db, before.id, 'xml');
    const oldKeys = await keysOfIssuer(db, issuer.id);
    expect(oldKeys.map((k) => k.status)).toEqual(['active', 'active']);

    actAs(admin.id);
    const r = await rotateKeysAction({ orgId: issuer.id, reason: '  Yearly rotation  ' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect([...r.data.retiredKids].sort()).toEqual(oldKeys.map((k) => k.kid).sort());
    expect(r.data.newKids).toHaveLength(2);
    expect(r.data.newKids.some((k) => r.data.retiredKids.includes(k))).toBe(false);

    const keys = await keysOfIssuer(db, issuer.id);
    for (const k of keys.filter((k) => r.data.retiredKids.includes(k.kid))) {
      expect(k.status).toBe('retired');
      expect(k.retiredAt).toBeInstanceOf(Date);
    }
    const active = keys.filter((k) => k.status === 'active');
    expect(active.map((k) => k.kid).sort()).toEqual([...r.data.newKids].sort());

    // Signed before the rotation: the record signature and the XML signature still verify.
    expect((await verifyByCode(db, before.verificationCode))?.result).toMatchObject({
      status: 'valid',
      signatureValid: true,
    });
    expect((await verifyCertificateXml(oldXml, (c) => issuerCertificatesByCode(db, c))).valid).toBe(
      true,
    );

    const after = await issueCertificate(db, issuer.id, skillCertificate());
    const newEd = active.find((k) => k.algorithm === 'ed25519')!;
    expect(after.signingKid).toBe(newEd.kid);
    expect(after.signingKid).not.toBe(before.signingKid);
    expect((await verifyByCode(db, after.verificationCode))?.result).toMatchObject({
      status: 'valid',
      signatureValid: true,
    });

    // The published keys: old and new, each with its status.
    const jwks = await issuerJwks(db, issuer.code);
    expect(Object.fromEntries(jwks!.keys.map((k) => [k.kid, k.status]))).toEqual({
      ...Object.fromEntries(r.data.retiredKids.map((kid) => [kid, 'retired'])),
      ...Object.fromEntries(r.data.newKids.map((kid) => [kid, 'active'])),
    });
    expect(await issuerCertificatesByCode(db, issuer.code)).toHaveLength(2);

    const [audit] = await rotationAudits(issuer.id);
    expect(audit).toMatchObject({
      actorUserId: admin.id,
      objectType: 'organisation',
      outcome: 'ok',
      ip: '127.0.0.1',
      detail: {
        reason: 'Yearly rotation',
        retiredKids: r.data.retiredKids,
        newKids: r.data.newKids,
      },
    });
    expect(JSON.stringify(audit!.detail)).not.toMatch(/PRIVATE|BEGIN|v1\./);
  });

  it('refuses anyone but a platform admin, and changes nothing', async () => {
    const before = await keyState(ownersIssuer.id);

    actAs(owner.id); // the institution's own owner may not rotate its keys
    const r = await rotateKeysAction({ orgId: ownersIssuer.id, reason: 'I want new keys' });
    expect(r).toMatchObject({ ok: false, error: { key: 'forbidden', status: 403 } });

    actAs(null);
    const anon = await rotateKeysAction({ orgId: ownersIssuer.id, reason: 'I want new keys' });
    expect(anon).toMatchObject({ ok: false, error: { key: 'unauthenticated' } });

    expect(await keyState(ownersIssuer.id)).toEqual(before);
    expect(await rotationAudits(ownersIssuer.id)).toEqual([]);
  });

  it('refuses a missing, too short or too long reason', async () => {
    const before = await keyState(ownersIssuer.id);
    actAs(admin.id);
    for (const reason of [undefined, '', '  abc   ', 'x'.repeat(301)]) {
      const r = await rotateKeysAction({ orgId: ownersIssuer.id, reason });
      expect(r, String(reason)).toMatchObject({
        ok: false,
        error: { key: 'invalid', fieldErrors: { reason: 'reason' } },
      });
    }
    expect(await keyState(ownersIssuer.id)).toEqual(before);
    expect(await rotationAudits(ownersIssuer.id)).toEqual([]);
  });

  it('refuses an unknown organisation, or one that does not sign', async () => {
    actAs(admin.id);
    const unknown = await rotateKeysAction({ orgId: randomUUID(), reason: 'Yearly rotation' });
    expect(unknown).toMatchObject({ ok: false, error: { key: 'notFound', status: 404 } });
    const bad = await rotateKeysAction({ orgId: 'not-a-uuid', reason: 'Yearly rotation' });
    expect(bad).toMatchObject({ ok: false, error: { key: 'invalid' } });

    const [verifier] = await db
      .insert(organisations)
      .values({ kind: 'verifier', name: 'Employer', code: `in.sanad.v${hex()}`, status: 'active' })
      .returning();
    const r = await rotateKeysAction({ orgId: verifier!.id, reason: 'Yearly rotation' });
    expect(r).toMatchObject({ ok: false, error: { key: 'notFound' } });
    expect(await keysOfIssuer(db, verifier!.id)).toEqual([]);
  });

  it('runs two rotations of one issuer one after the other', async () => {
    const issuer = await issuerWithKeys();
    const rotate = () =>
      rotateKeysOf(db, { actorUserId: admin.id }, { orgId: issuer.id, reason: 'Parallel' });
    const [a, b] = await Promise.all([rotate(), rotate()]);
    // Whichever ran second retired exactly what the first created.
    const [first, second] = a.newKids.every((k) => b.retiredKids.includes(k)) ? [a, b] : [b, a];
    expect([...second.retiredKids].sort()).toEqual([...first.newKids].sort());
    const keys = await keysOfIssuer(db, issuer.id);
    expect(keys).toHaveLength(6);
    expect(
      keys
        .filter((k) => k.status === 'active')
        .map((k) => k.kid)
        .sort(),
    ).toEqual([...second.newKids].sort());
    expect(await rotationAudits(issuer.id)).toHaveLength(2);
  });
});

describe('the signing keys list', () => {
  it('finds organisations by name or issuer code, a page at a time, with their keys', async () => {
    const tag = `Keylist ${hex()}`;
    const made = [];
    for (let i = 0; i < KEY_HOLDERS_PER_PAGE + 3; i++) {
      const issuer = await createIssuer(db, `${tag} Institute ${String(i).padStart(2, '0')}`);
      await ensureIssuerKeys(db, issuer.id);
      made.push(issuer);
    }
    // One without keys does not count.
    await createIssuer(db, `${tag} Institute without keys`);

    const first = await listKeyHolders(db, { query: tag.toLowerCase() });
    expect(first.total).toBe(KEY_HOLDERS_PER_PAGE + 3);
    expect(first.holders.map((h) => h.name)).toEqual(
      made.slice(0, KEY_HOLDERS_PER_PAGE).map((m) => m.name),
    );
    for (const h of first.holders) {
      expect(h.keys.map((k) => `${k.algorithm}:${k.status}`).sort()).toEqual([
        'ed25519:active',
        'rsa-sha256:active',
      ]);
    }
    const second = await listKeyHolders(db, { query: `  ${tag}  `, page: 2 });
    expect(second.holders.map((h) => h.name)).toEqual(
      made.slice(KEY_HOLDERS_PER_PAGE).map((m) => m.name),
    );
    expect((await listKeyHolders(db, { query: tag, page: 9 })).holders).toEqual([]);

    const byCode = await listKeyHolders(db, { query: made[4]!.code.toUpperCase() });
    expect(byCode).toMatchObject({ total: 1, holders: [{ id: made[4]!.id }] });
    // LIKE's wildcards are searched for as they are.
    expect((await listKeyHolders(db, { query: `${tag}%` })).total).toBe(0);
    expect(
      (await listKeyHolders(db, { query: '_' })).holders.every(
        (h) => h.name.includes('_') || h.code.includes('_'),
      ),
    ).toBe(true);
  });
});
