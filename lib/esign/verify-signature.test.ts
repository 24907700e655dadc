import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { generateCa, issueSignerCredential, loadCa } from './certificates';
import { signDetached } from './cms';
import { readPdfSignature, signPdf } from './pades';
import { checkSignedFile, fromPem } from './verify-signature';

const sanad = await loadCa(await generateCa());
const other = await loadCa(await generateCa());
const IMAGE = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.from('pixels')]);

async function pdf(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.addPage([200, 200]);
  return Buffer.from(await doc.save());
}

async function p7s(ca: typeof sanad, content: Buffer) {
  const cred = await issueSignerCredential(ca, 'Asha Verma');
  return signDetached({
    content,
    signerCertificate: cred.certificateDer,
    chain: [ca.certificateDer],
    privateKey: cred.privateKey,
    signingTime: new Date(),
  });
}

describe('checking an e-signed file', () => {
  it('accepts a signed PDF and says who and when', async () => {
    const at = new Date('2026-05-06T07:08:09Z');
    const cred = await issueSignerCredential(sanad, 'Asha Verma', at);
    const signed = await signPdf(await pdf(), {
      signerName: 'Asha Verma',
      signingTime: at,
      credential: cred,
      chain: [sanad.certificateDer],
    });
    expect(readPdfSignature(signed).addedAfter).toBe(false);
    expect(checkSignedFile(signed, null, [sanad.certificateDer])).toEqual({
      valid: true,
      reason: null,
      kind: 'pdf',
      signerName: 'Asha Verma',
      signedAt: at.toISOString(),
      unchanged: true,
      fromSanad: true,
    });
    // The same file checked against another CA: intact, but not Sanad's.
    expect(checkSignedFile(signed, null, [other.certificateDer])).toMatchObject({
      valid: false,
      reason: 'not-sanad',
      unchanged: true,
      fromSanad: false,
    });
  });

  it("refuses an image signed by someone else's CA, and accepts a PEM .p7s from Sanad's", async () => {
    expect(checkSignedFile(IMAGE, await p7s(other, IMAGE), [sanad.certificateDer])).toMatchObject({
      valid: false,
      reason: 'not-sanad',
      signerName: 'Asha Verma',
    });
    const der = await p7s(sanad, IMAGE);
    const pem = Buffer.from(
      `-----BEGIN PKCS7-----\n${der.toString('base64').replace(/.{64}/g, '$&\n')}\n-----END PKCS7-----\n`,
    );
    expect(fromPem(pem).equals(der)).toBe(true);
    expect(checkSignedFile(IMAGE, pem, [sanad.certificateDer]).valid).toBe(true);
  });

  it('says why a file is refused', async () => {
    const trusted = [sanad.certificateDer];
    expect(checkSignedFile(Buffer.from('<html>'), null, trusted).reason).toBe('not-pdf-or-image');
    expect(checkSignedFile(await pdf(), null, trusted).reason).toBe('not-signed');
    expect(checkSignedFile(IMAGE, Buffer.from('junk'), trusted).reason).toBe('unreadable');
    const broken = Buffer.from('%PDF-1.7\n/ByteRange [0 10 5 5]\n');
    expect(checkSignedFile(broken, null, trusted).reason).toBe('unreadable');
  });
});
