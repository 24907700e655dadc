import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, certificateRenditions, certificates, issuerKeys } from '@/db/schema';
import { createIssuer, createPerson, skillCertificate } from '@/tests/fixtures';
import { testDb } from '@/tests/helpers';
import {
  changeCertificateStatus,
  issueCertificate,
  issueCertificates,
  reissueCertificate,
} from './issue';
import { issuerCertificatesByCode, issuerJwks } from './issuer-directory';
import { ensureIssuerKeys, rotateIssuerKeys } from './keys';
import { getRendition } from './renditions';
import { verifyByCode } from './verify-record';
import { verifyCertificateXml } from './xml/verify-xml-signature';

const { db, sql: pool } = testDb();
let issuer: { id: string; code: string; name: string };
let tmp: string;

beforeAll(async () => {
  issuer = await createIssuer(db);
  await ensureIssuerKeys(db, issuer.id);
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sanad-cred-'));
});
afterAll(async () => {
  fs.rmSync(tmp, { recursive: true, force: true });
  await pool.end();
});

describe('issuing and verifying certificates', () => {
  it('issues a signed record with a DigiLocker URI and a verification code', async () => {
    const cert = await issueCertificate(db, issuer.id, skillCertificate());
    expect(cert.uri).toMatch(
      new RegExp(`^${issuer.code.replace(/\./g, '\\.')}-SKCER-[0-9A-Z]{10}$`),
    );
    expect(cert.verificationCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const v = await verifyByCode(db, cert.verificationCode.toLowerCase().replace(/-/g, ''));
    expect(v?.result).toMatchObject({
      status: 'valid',
      signatureValid: true,
      recipientName: 'आशा शर्मा',
      award: 'Assistant Electrician',
      issuer: { code: issuer.code },
    });
  });

  it('says nothing is found for an unknown code', async () => {
    expect(await verifyByCode(db, 'ZZZZ-ZZZZ-ZZZZ')).toBeNull();
  });

  it('notices a record changed behind the signature', async () => {
    const cert = await issueCertificate(db, issuer.id, skillCertificate());
    await db
      .update(certificates)
      .set({ recipientName: 'Someone Else' })
      .where(eq(certificates.id, cert.id));
    expect((await verifyByCode(db, cert.verificationCode))?.result.status).toBe('tampered');
  });

  it('shows revocation at once, with the reason', async () => {
    const cert = await issueCertificate(db, issuer.id, skillCertificate());
    await changeCertificateStatus(
      db,
      { issuerOrgId: issuer.id, certificateId: cert.id },
      { status: 'revoked', reason: 'Issued in error' },
    );
    expect((await verifyByCode(db, cert.verificationCode))?.result).toMatchObject({
      status: 'revoked',
      statusReason: 'Issued in error',
      signatureValid: true,
    });
    await expect(
      changeCertificateStatus(
        db,
        { issuerOrgId: issuer.id, certificateId: cert.id },
        { status: 'revoked', reason: 'again' },
      ),
    ).rejects.toThrow(/cannot/);
  });

  it('writes the audit entry with the change, and none for a refused change', async () => {
    const actor = await createPerson(db);
    const cert = await issueCertificate(db, issuer.id, skillCertificate());
    const entries = () => db.select().from(auditLog).where(eq(auditLog.objectId, cert.id));
    await changeCertificateStatus(
      db,
      { issuerOrgId: issuer.id, certificateId: cert.id },
      { status: 'suspended', reason: ' Under review ' },
      { actorUserId: actor.id, ip: '127.0.0.1', userAgent: 'vitest' },
    );
    expect(await entries()).toMatchObject([
      {
        action: 'certificate.suspend',
        actorUserId: actor.id,
        objectType: 'certificate',
        detail: { reason: 'Under review', from: 'active' },
      },
    ]);
    await expect(
      changeCertificateStatus(
        db,
        { issuerOrgId: issuer.id, certificateId: cert.id },
        { status: 'suspended', reason: 'again' },
        { actorUserId: actor.id },
      ),
    ).rejects.toThrow(/cannot/);
    expect(await entries()).toHaveLength(1);
  });

  it("refuses to change another issuer's certificate", async () => {
    const other = await createIssuer(db, 'Other Institute');
    const cert = await issueCertificate(db, issuer.id, skillCertificate());
    await expect(
      changeCertificateStatus(
        db,
        { issuerOrgId: other.id, certificateId: cert.id },
        { status: 'revoked', reason: 'x' },
      ),
    ).rejects.toThrow(/No such certificate/);
  });

  it('supersedes on correction and points the old code to the new one', async () => {
    const old = await issueCertificate(db, issuer.id, skillCertificate());
    const fixed = await reissueCertificate(
      db,
      issuer.id,
      old,
      skillCertificate({ recipient: { name: 'Asha Sharma', gender: 'F' } }),
    );
    expect(fixed.version).toBe(2);
    expect(fixed.number).toBe(old.number);
    const oldView = await verifyByCode(db, old.verificationCode);
    expect(oldView?.result).toMatchObject({
      status: 'superseded',
      successorCode: fixed.verificationCode,
    });
    expect((await verifyByCode(db, fixed.verificationCode))?.result.status).toBe('valid');
  });

  it('reports expiry', async () => {
    const cert = await issueCertificate(
      db,
      issuer.id,
      skillCertificate({ expiryDate: '2020-01-01' }),
    );
    expect((await verifyByCode(db, cert.verificationCode))?.result.status).toBe('expired');
  });

  it('cannot issue the same number twice (re-running an issue is harmless)', async () => {
    const input = skillCertificate();
    const first = await issueCertificate(db, issuer.id, input);
    // The unique (issuer, number, version) index refuses the second row: PostgreSQL's
    // unique_violation, not some other failure on the way.
    await expect(issueCertificate(db, issuer.id, input)).rejects.toMatchObject({
      cause: { code: '23505', constraint_name: 'certificates_issuer_number_version_uq' },
    });
    const same = await db.select().from(certificates).where(eq(certificates.number, input.number));
    expect(same.map((c) => c.id)).toEqual([first.id]);
  });

  it('issues in bulk with distinct status-list positions', async () => {
    const rows = await issueCertificates(
      db,
      issuer.id,
      Array.from({ length: 50 }, () => skillCertificate()),
    );
    expect(new Set(rows.map((r) => r.statusIndex)).size).toBe(50);
  });
});

describe('renditions', () => {
  it('XML verifies with the registered key, is cached, and re-renders byte for byte', async () => {
    const cert = await issueCertificate(db, issuer.id, skillCertificate());
    const xml = await getRendition(db, cert.id, 'xml');
    const r = await verifyCertificateXml(xml, (code) => issuerCertificatesByCode(db, code));
    expect(r.valid).toBe(true);
    expect(await getRendition(db, cert.id, 'xml')).toEqual(xml);
    await db.delete(certificateRenditions).where(eq(certificateRenditions.certificateId, cert.id));
    expect((await getRendition(db, cert.id, 'xml')).equals(xml)).toBe(true);
  });

  it('a revoked certificate renders with status R', async () => {
    const cert = await issueCertificate(db, issuer.id, skillCertificate());
    await getRendition(db, cert.id, 'xml');
    await changeCertificateStatus(
      db,
      { issuerOrgId: issuer.id, certificateId: cert.id },
      { status: 'revoked', reason: 'Wrong person' },
    );
    expect((await getRendition(db, cert.id, 'xml')).toString()).toContain('status="R"');
  });

  it('the PDF carries a QR code that decodes to the verification URL', async () => {
    const cert = await issueCertificate(db, issuer.id, skillCertificate({ templateKey: 'modern' }));
    const pdf = await getRendition(db, cert.id, 'pdf');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const file = path.join(tmp, 'cert.pdf');
    fs.writeFileSync(file, pdf);
    execFileSync('pdftoppm', ['-png', '-r', '150', '-singlefile', file, path.join(tmp, 'page')]);
    const decoded = execFileSync('zbarimg', ['-q', '--raw', path.join(tmp, 'page.png')], {
      encoding: 'utf8',
    }).trim();
    expect(decoded).toBe(`https://sanad.test/verify/${cert.verificationCode}`);
  });
});

describe('issuer keys', () => {
  it('rotation: new keys sign, old signatures keep verifying, both keys are published', async () => {
    const own = await createIssuer(db, 'Rotating Institute');
    const before = await issueCertificate(db, own.id, skillCertificate());
    const oldXml = await getRendition(db, before.id, 'xml');
    await rotateIssuerKeys(db, own.id);
    const after = await issueCertificate(db, own.id, skillCertificate());
    expect(after.signingKid).not.toBe(before.signingKid);
    expect((await verifyByCode(db, before.verificationCode))?.result.status).toBe('valid');
    expect((await verifyCertificateXml(oldXml, (c) => issuerCertificatesByCode(db, c))).valid).toBe(
      true,
    );
    const jwks = await issuerJwks(db, own.code);
    expect(jwks!.keys.map((k) => k.status).sort()).toEqual([
      'active',
      'active',
      'retired',
      'retired',
    ]);
    expect(jwks!.keys.find((k) => k.alg === 'EdDSA')).toMatchObject({ kty: 'OKP', crv: 'Ed25519' });
  });

  it('private keys are sealed at rest', async () => {
    const rows = await db.select({ sealed: issuerKeys.privateKeySealed }).from(issuerKeys).limit(5);
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r.sealed).toMatch(/^v1\./);
      expect(r.sealed).not.toContain('PRIVATE KEY');
    }
  });
});
