import { createPublicKey, verify } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIssuer, skillCertificate } from '@/tests/fixtures';
import { testDb } from '@/tests/helpers';
import { canonicalJson } from './canonical';
import { changeCertificateStatus, issueCertificates } from './issue';
import { issuerJwks } from './issuer-directory';
import { ensureIssuerKeys } from './keys';
import { buildOfflineKit, platformJwks } from './offline-kit';
import { getRendition } from './renditions';
import { buildStatusList } from './status-list';

const { db, sql: pool } = testDb();
let issuer: { id: string; code: string };
afterAll(() => pool.end());
beforeAll(async () => {
  issuer = await createIssuer(db);
  await ensureIssuerKeys(db, issuer.id);
});

function bit(encodedList: string, index: number): number {
  const bytes = gunzipSync(Buffer.from(encodedList.slice(1), 'base64url'));
  return (bytes[index >> 3]! >> (7 - (index & 7))) & 1;
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
});
