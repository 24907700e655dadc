import { createPublicKey, verify } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { certificates } from '@/db/schema';
import { createIssuer, skillCertificate } from '@/tests/fixtures';
import { testDb } from '@/tests/helpers';
import { canonicalJson } from './canonical';
import { changeCertificateStatus, issueCertificates, reissueCertificate } from './issue';
import { issuerJwks } from './issuer-directory';
import { activeKey, ensureIssuerKeys } from './keys';
import { buildOfflineKit, platformJwks } from './offline-kit';
import { getRendition } from './renditions';
import { buildStatusList, encodeBitstring, statusListUrl } from './status-list';

const { db, sql: pool } = testDb();
let issuer: { id: string; code: string };
afterAll(() => pool.end());
beforeAll(async () => {
  issuer = await createIssuer(db);
  await ensureIssuerKeys(db, issuer.id);
});

function listBytes(encodedList: string): Buffer {
  expect(encodedList[0]).toBe('u'); // multibase: base64url without padding
  return gunzipSync(Buffer.from(encodedList.slice(1), 'base64url'));
}

function bit(encodedList: string, index: number): number {
  const bytes = listBytes(encodedList);
  return (bytes[index >> 3]! >> (7 - (index & 7))) & 1;
}

/** The positions of every set bit in the list. */
function setBits(encodedList: string): number[] {
  const bytes = listBytes(encodedList);
  const out: number[] = [];
  for (let i = 0; i < bytes.length * 8; i++) if ((bytes[i >> 3]! >> (7 - (i & 7))) & 1) out.push(i);
  return out;
}

async function listOf(code: string, purpose: 'revocation' | 'suspension') {
  const list = await buildStatusList(db, code, purpose);
  return (list!.credentialSubject as { encodedList: string }).encodedList;
}

function proofValid(
  doc: Record<string, unknown> & { proof: { proofValue: string; verificationMethod: string } },
  jwks: { keys: Record<string, unknown>[] },
) {
  const { proof, ...body } = doc;
  const jwk = jwks.keys.find((k) => k.kid === proof.verificationMethod)!;
  const key = createPublicKey({ key: jwk as never, format: 'jwk' });
  return verify(
    null,
    Buffer.from(canonicalJson(body)),
    key,
    Buffer.from(proof.proofValue, 'base64url'),
  );
}

describe('status lists for offline verifiers', () => {
  it('sets the bit of a revoked certificate, and only that bit, signed by the issuer', async () => {
    const [a, b] = await issueCertificates(db, issuer.id, [skillCertificate(), skillCertificate()]);
    let list = (await buildStatusList(db, issuer.code, 'revocation'))!;
    const subject = list.credentialSubject as { encodedList: string; statusPurpose: string };
    expect(bit(subject.encodedList, a!.statusIndex)).toBe(0);
    await changeCertificateStatus(
      db,
      { issuerOrgId: issuer.id, certificateId: a!.id },
      { status: 'revoked', reason: 'Test' },
    );
    list = (await buildStatusList(db, issuer.code, 'revocation'))!;
    const enc = (list.credentialSubject as { encodedList: string }).encodedList;
    expect(bit(enc, a!.statusIndex)).toBe(1);
    expect(bit(enc, b!.statusIndex)).toBe(0);
    expect(gunzipSync(Buffer.from(enc.slice(1), 'base64url')).length).toBeGreaterThanOrEqual(16384);
    expect(proofValid(list as never, (await issuerJwks(db, issuer.code))!)).toBe(true);
    // A changed list no longer verifies.
    (list.credentialSubject as { encodedList: string }).encodedList =
      `u${gzipSync(Buffer.alloc(16384, 0xff)).toString('base64url')}`;
    expect(proofValid(list as never, (await issuerJwks(db, issuer.code))!)).toBe(false);
  });

  it('the XML names the certificate position in the revocation list', async () => {
    const [c] = await issueCertificates(db, issuer.id, [skillCertificate()]);
    const xml = (await getRendition(db, c!.id, 'xml')).toString();
    expect(xml).toContain(`statusIndex="${c!.statusIndex}"`);
    expect(xml).toContain(`/api/issuers/${issuer.code}/status-list/revocation`);
  });

  it('the offline kit bundles keys and lists, dated and signed by the platform', async () => {
    const kit = await buildOfflineKit(db);
    const entry = kit.issuers.find((i) => i.code === issuer.code)!;
    expect(entry.keys.length).toBeGreaterThanOrEqual(2);
    expect(Object.keys(entry.statusLists)).toEqual(['revocation', 'suspension']);
    expect(Date.now() - Date.parse(kit.generatedAt)).toBeLessThan(60_000);
    expect(proofValid(kit as never, await platformJwks(db))).toBe(true);
  });

  it('marks superseded certificates as revoked: a corrected certificate’s old version is not valid offline', async () => {
    const own = await createIssuer(db);
    await ensureIssuerKeys(db, own.id);
    const [old, kept] = await issueCertificates(db, own.id, [
      skillCertificate(),
      skillCertificate(),
    ]);
    const fixed = await reissueCertificate(db, own.id, old!, skillCertificate());
    const revocation = await listOf(own.code, 'revocation');
    expect(setBits(revocation)).toEqual([old!.statusIndex]);
    expect(bit(revocation, fixed.statusIndex)).toBe(0);
    expect(bit(revocation, kept!.statusIndex)).toBe(0);
    expect(setBits(await listOf(own.code, 'suspension'))).toEqual([]);
  });

  it('keeps suspension and revocation apart, and only this issuer’s certificates', async () => {
    const own = await createIssuer(db);
    await ensureIssuerKeys(db, own.id);
    const [revoked, suspended, active] = await issueCertificates(db, own.id, [
      skillCertificate(),
      skillCertificate(),
      skillCertificate(),
    ]);
    const scope = (c: { id: string }) => ({ issuerOrgId: own.id, certificateId: c.id });
    await changeCertificateStatus(db, scope(revoked!), { status: 'revoked', reason: 'Fraud' });
    await changeCertificateStatus(db, scope(suspended!), { status: 'suspended', reason: 'Check' });
    expect(setBits(await listOf(own.code, 'revocation'))).toEqual([revoked!.statusIndex]);
    expect(setBits(await listOf(own.code, 'suspension'))).toEqual([suspended!.statusIndex]);
    expect(bit(await listOf(own.code, 'revocation'), active!.statusIndex)).toBe(0);
    // Another issuer's list holds none of these.
    const fresh = await createIssuer(db);
    await ensureIssuerKeys(db, fresh.id);
    expect(setBits(await listOf(fresh.code, 'revocation'))).toEqual([]);
  });

  it('is a signed Bitstring Status List credential of the issuer, dated now', async () => {
    const now = new Date('2026-12-01T10:00:00.000Z');
    const list = (await buildStatusList(db, issuer.code, 'suspension', now))!;
    const key = await activeKey(db, issuer.id, 'ed25519');
    const id = statusListUrl(issuer.code, 'suspension');
    expect(id).toBe(`https://sanad.test/api/issuers/${issuer.code}/status-list/suspension`);
    expect(list).toMatchObject({
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      id,
      type: ['VerifiableCredential', 'BitstringStatusListCredential'],
      issuer: {
        id: `https://sanad.test/api/issuers/${issuer.code}/jwks.json`,
        name: 'Test Skills Institute',
        code: issuer.code,
      },
      validFrom: now.toISOString(),
      credentialSubject: {
        id: `${id}#list`,
        type: 'BitstringStatusList',
        statusPurpose: 'suspension',
      },
      proof: {
        type: 'SanadEd25519Jcs2026',
        verificationMethod: key.kid,
        created: now.toISOString(),
        proofPurpose: 'assertionMethod',
      },
    });
    expect(proofValid(list as never, (await issuerJwks(db, issuer.code))!)).toBe(true);
    expect(await buildStatusList(db, 'in.gov.nobody', 'revocation')).toBeNull();
  });

  it('is 16 KB at least, and longer when the positions go further', async () => {
    const own = await createIssuer(db);
    await ensureIssuerKeys(db, own.id);
    expect(listBytes(await listOf(own.code, 'revocation'))).toHaveLength(16384);
    const [far] = await issueCertificates(db, own.id, [skillCertificate()]);
    await db.update(certificates).set({ statusIndex: 200_000 }).where(eq(certificates.id, far!.id));
    await changeCertificateStatus(
      db,
      { issuerOrgId: own.id, certificateId: far!.id },
      { status: 'revoked', reason: 'Test' },
    );
    const enc = await listOf(own.code, 'revocation');
    // Positions 0…200,000 need 200,001 bits: 25,001 bytes.
    expect(listBytes(enc)).toHaveLength(25_001);
    expect(setBits(enc)).toEqual([200_000]);
  });
});

describe('the bitstring', () => {
  it('puts bit 0 in the left-most bit of the first byte', () => {
    const bytes = (enc: string) => [...gunzipSync(Buffer.from(enc.slice(1), 'base64url'))];
    expect(bytes(encodeBitstring([0], 16))).toEqual([0x80, 0]);
    expect(bytes(encodeBitstring([7], 16))).toEqual([0x01, 0]);
    expect(bytes(encodeBitstring([8, 15], 16))).toEqual([0, 0x81]);
    expect(bytes(encodeBitstring([1, 2, 3], 9))).toEqual([0x70, 0]);
    expect(bytes(encodeBitstring([], 8))).toEqual([0]);
    expect(encodeBitstring([], 8)).toMatch(/^u[A-Za-z0-9_-]+$/);
  });
});
