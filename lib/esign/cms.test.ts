import { describe, expect, it } from 'vitest';
import {
  commonNameOf,
  generateCa,
  issueSignerCredential,
  loadCa,
  parseCertificate,
} from './certificates';
import { CmsFormatError, checkDetached, derLength, signDetached } from './cms';

const material = await generateCa();
const ca = await loadCa(material);

async function signed(content: Buffer, name = 'Asha Verma', signingTime?: Date) {
  const signer = await issueSignerCredential(ca, name);
  return {
    signer,
    der: signDetached({
      content,
      signerCertificate: signer.certificateDer,
      chain: [ca.certificateDer],
      privateKey: signer.privateKey,
      signingTime,
    }),
  };
}

describe('detached CMS signatures', () => {
  it('verifies over the same bytes and names the signer', async () => {
    const content = Buffer.from('the image bytes');
    const at = new Date('2026-03-04T05:06:07Z');
    const { der } = await signed(content, 'Asha Verma', at);
    const check = checkDetached(der, content);
    expect(check).toMatchObject({ digestMatches: true, signatureValid: true });
    expect(check.signingTime?.toISOString()).toBe(at.toISOString());
    expect(check.otherCertificates).toHaveLength(1);
    expect(commonNameOf(parseCertificate(check.signerCertificate))).toBe('Asha Verma');
    expect(derLength(Buffer.concat([der, Buffer.alloc(100)]))).toBe(der.length);
  });

  it('says the content changed when one byte differs', async () => {
    const content = Buffer.from('the image bytes');
    const { der } = await signed(content);
    const changed = Buffer.from(content);
    changed[3] = changed[3]! ^ 1;
    expect(checkDetached(der, changed)).toMatchObject({
      digestMatches: false,
      signatureValid: true,
    });
  });

  it('says the signature is broken when its signed attributes were altered', async () => {
    const content = Buffer.from('x');
    const { der } = await signed(content);
    const sig = Buffer.from(der);
    sig[sig.length - 5] = sig[sig.length - 5]! ^ 0xff; // inside the signature value, the last element
    expect(checkDetached(sig, content).signatureValid).toBe(false);
  });

  it('refuses bytes that are no signature', () => {
    expect(() => checkDetached(Buffer.from('not a signature'), Buffer.from('x'))).toThrow(
      CmsFormatError,
    );
  });

  it('keeps names with RFC 4514 special characters and other scripts intact', async () => {
    for (const name of ['Verma, Asha + "A" <x>; y=z\\', '#Hash ', 'आशा वर्मा']) {
      const signer = await issueSignerCredential(ca, name);
      expect(commonNameOf(signer.certificate)).toBe(name);
    }
  });
});
