import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { InvalidError, RateLimitedError, TooLargeError } from '@/lib/errors';
import { testDb, uniqueIp } from '@/tests/helpers';
import { signingCa } from './ca';
import { issueSignerCredential } from './certificates';
import { signDetached } from './cms';
import { signPdf } from './pades';
import { MAX_SIGNED_FILE_BYTES, checkUploadedSignature } from './verify-upload';

const { db } = testDb();
const IMAGE = Buffer.concat([Buffer.from('ffd8ffe0', 'hex'), Buffer.from('a jpeg body')]);

function post(parts: Record<string, Buffer>): Request {
  const form = new FormData();
  for (const [name, bytes] of Object.entries(parts))
    form.append(name, new Blob([new Uint8Array(bytes)]), name);
  return new Request('https://sanad.test/api/esign/verify', { method: 'POST', body: form });
}

async function signedPdf(): Promise<Buffer> {
  const ca = await signingCa();
  const doc = await PDFDocument.create();
  doc.addPage([200, 200]);
  return signPdf(Buffer.from(await doc.save()), {
    signerName: 'Kavya Iyer',
    signingTime: new Date(),
    credential: await issueSignerCredential(ca, 'Kavya Iyer'),
    chain: [ca.certificateDer],
  });
}

describe('checking an uploaded e-signed file on /verify', () => {
  it('accepts a signed PDF and refuses it with one byte changed', async () => {
    const pdf = await signedPdf();
    expect(await checkUploadedSignature(db, post({ file: pdf }), uniqueIp())).toMatchObject({
      valid: true,
      signerName: 'Kavya Iyer',
      fromSanad: true,
    });
    const changed = Buffer.from(pdf);
    const at = changed.indexOf('/MediaBox');
    changed[at + 1] = 'N'.charCodeAt(0);
    expect(await checkUploadedSignature(db, post({ file: changed }), uniqueIp())).toMatchObject({
      valid: false,
      reason: 'changed',
    });
  });

  it('checks an image against its .p7s', async () => {
    const ca = await signingCa();
    const cred = await issueSignerCredential(ca, 'Kavya Iyer');
    const sig = signDetached({
      content: IMAGE,
      signerCertificate: cred.certificateDer,
      chain: [ca.certificateDer],
      privateKey: cred.privateKey,
      signingTime: new Date(),
    });
    const ip = uniqueIp();
    expect(
      await checkUploadedSignature(db, post({ file: IMAGE, signature: sig }), ip),
    ).toMatchObject({ valid: true, kind: 'image' });
    const other = Buffer.concat([IMAGE, Buffer.from('!')]);
    expect(
      await checkUploadedSignature(db, post({ file: other, signature: sig }), ip),
    ).toMatchObject({ valid: false, reason: 'changed', unchanged: false });
  });

  it('refuses a missing or oversized file, and too many checks from one address', async () => {
    const ip = uniqueIp();
    const missing = await checkUploadedSignature(db, post({}), ip).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(InvalidError);
    expect((missing as InvalidError).fieldErrors).toEqual({ file: 'noFile' });
    const big = Buffer.alloc(MAX_SIGNED_FILE_BYTES + 200 * 1024, 0x20);
    await expect(checkUploadedSignature(db, post({ file: big }), ip)).rejects.toBeInstanceOf(
      TooLargeError,
    );
    const busy = uniqueIp();
    for (let i = 0; i < 30; i++) await checkUploadedSignature(db, post({ file: IMAGE }), busy);
    await expect(checkUploadedSignature(db, post({ file: IMAGE }), busy)).rejects.toBeInstanceOf(
      RateLimitedError,
    );
  });
});
