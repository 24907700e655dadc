import { execFileSync, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { and, eq } from 'drizzle-orm';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { accessLog, auditLog, documentSignatures, lockerFiles, users } from '@/db/schema';
import { requestSignInCode, verifySignInCode } from '@/lib/auth/otp';
import { InvalidCodeError, InvalidError, NotFoundError } from '@/lib/errors';
import { openStored, storeStream } from '@/lib/storage';
import { createPerson } from '@/tests/fixtures';
import { lastCodeSentTo, testDb, uniqueIp } from '@/tests/helpers';
import { trustedCaCertificates } from './ca';
import {
  readSignedDownload,
  requestEsignCode,
  signUploadedFile,
  type EsignCtx,
} from './sign-document';
import { checkSignedFile } from './verify-signature';

const { db } = testDb();
const work = mkdtempSync(path.join(tmpdir(), 'sanad-esign-'));

// A 2x2 PNG (red pixels), small enough to keep inline.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==',
  'base64',
);

async function samplePdf(text: string): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([300, 200]);
  page.drawText(text, { x: 20, y: 100, font: await doc.embedFont(StandardFonts.Helvetica) });
  return Buffer.from(await doc.save());
}

/** An uploaded file as the uploads feature keeps it: bytes in storage, a locker_files row. */
async function upload(userId: string, bytes: Buffer, name: string, kind: 'pdf' | 'png') {
  const id = randomUUID();
  const stored = await storeStream(Readable.from([bytes]), {
    prefix: `locker/${userId}/${id}`,
    ext: `.${kind}`,
    maxBytes: 10 * 1024 * 1024,
  });
  await db.insert(lockerFiles).values({
    id,
    userId,
    name,
    kind,
    size: stored.size,
    sha256: stored.sha256,
    storageKey: stored.key,
  });
  return id;
}

async function person(name: string) {
  const p = await createPerson(db);
  await db.update(users).set({ name }).where(eq(users.id, p.id));
  const ctx: EsignCtx = {
    userId: p.id,
    memberships: [{ role: 'citizen', orgId: null }],
    ip: uniqueIp(),
    userAgent: 'test',
  };
  return { ...p, name, ctx };
}

async function signWithCode(ctx: EsignCtx, mobile: string, fileId: string) {
  await requestEsignCode(db, ctx, { fileId, via: 'mobile' });
  const code = await lastCodeSentTo(db, mobile, 'auth.esign');
  return signUploadedFile(db, ctx, { fileId, via: 'mobile', code });
}

async function bytesOf(key: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of openStored(key)) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

function pdfsig(pdf: Buffer): string {
  const file = path.join(work, `${randomUUID()}.pdf`);
  writeFileSync(file, pdf);
  const r = spawnSync('pdfsig', [file], { encoding: 'utf8' });
  return `${r.stdout}${r.stderr}`;
}

describe('e-signing an uploaded PDF', () => {
  it('embeds a PAdES signature that pdfsig reads as one valid signature by the citizen', async () => {
    const asha = await person('Asha Verma, Jr.');
    const fileId = await upload(asha.id, await samplePdf('Marks sheet'), 'marks.pdf', 'pdf');
    const result = await signWithCode(asha.ctx, asha.mobile!, fileId);
    expect(result.kind).toBe('pades');

    const [row] = await db
      .select()
      .from(documentSignatures)
      .where(eq(documentSignatures.id, result.signatureId));
    expect(row).toMatchObject({ userId: asha.id, fileId, signerName: 'Asha Verma, Jr.' });
    expect(row!.signedStorageKey).toMatch(
      new RegExp(`^locker/${asha.id}/${fileId}/[0-9a-f]{64}\\.pdf$`),
    );
    const signed = await bytesOf(row!.signedStorageKey!);

    const out = pdfsig(signed);
    expect(out.match(/^Signature #\d+:/gm)).toHaveLength(1);
    expect(out).toContain('Signature Validation: Signature is Valid.');
    expect(out).toContain('Signer Certificate Common Name: Asha Verma, Jr.');
    expect(out).toContain('Signature Type: ETSI.CAdES.detached');
    expect(out).toContain('Total document signed');

    const trusted = await trustedCaCertificates();
    expect(checkSignedFile(signed, null, trusted)).toMatchObject({
      valid: true,
      reason: null,
      kind: 'pdf',
      signerName: 'Asha Verma, Jr.',
      unchanged: true,
      fromSanad: true,
    });
    expect(Date.parse(checkSignedFile(signed, null, trusted).signedAt!)).toBeGreaterThan(
      Date.now() - 120_000,
    );

    // One byte changed inside the signed part (the page's width, 300 → 900): refused as
    // changed, and pdfsig agrees.
    const tampered = Buffer.from(signed);
    const at = tampered.indexOf('300', tampered.indexOf('/MediaBox'));
    expect(at).toBeGreaterThan(0);
    tampered[at] = '9'.charCodeAt(0);
    expect(checkSignedFile(tampered, null, trusted)).toMatchObject({
      valid: false,
      reason: 'changed',
      unchanged: false,
      signerName: 'Asha Verma, Jr.',
    });
    expect(pdfsig(tampered)).toMatch(/Signature Validation: Digest Mismatch/);

    // Bytes added after the signed ranges (an incremental update) are refused too.
    const appended = Buffer.concat([signed, Buffer.from('\n1 0 obj\n<<>>\nendobj\n')]);
    expect(checkSignedFile(appended, null, trusted)).toMatchObject({
      valid: false,
      reason: 'added-after-signing',
    });

    const download = await readSignedDownload(db, asha.ctx, { fileId, part: 'signed' });
    expect(download.fileName).toBe('marks-signed.pdf');
    expect(download.body.equals(signed)).toBe(true);

    const audit = await db
      .select({ action: auditLog.action, outcome: auditLog.outcome })
      .from(auditLog)
      .where(and(eq(auditLog.actorUserId, asha.id), eq(auditLog.objectId, fileId)));
    expect(audit).toEqual(
      expect.arrayContaining([
        { action: 'esign.code_sent', outcome: 'ok' },
        { action: 'esign.sign', outcome: 'ok' },
      ]),
    );
    const reads = await db
      .select({ action: accessLog.action, outcome: accessLog.outcome })
      .from(accessLog)
      .where(eq(accessLog.fileId, fileId));
    expect(reads).toEqual(
      expect.arrayContaining([
        { action: 'file', outcome: 'allowed' },
        { action: 'signed', outcome: 'allowed' },
      ]),
    );
  });

  it('asks for a name before sending a code', async () => {
    const nameless = await person('x');
    await db.update(users).set({ name: null }).where(eq(users.id, nameless.id));
    const fileId = await upload(nameless.id, await samplePdf('x'), 'x.pdf', 'pdf');
    const error = await requestEsignCode(db, nameless.ctx, { fileId, via: 'mobile' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InvalidError);
    expect((error as InvalidError).fieldErrors).toEqual({ form: 'noName' });
  });
});

describe('e-signing an image', () => {
  it('gives a detached CMS signature that openssl and /verify accept, and refuses a changed image', async () => {
    const ravi = await person('रवि कुमार');
    const fileId = await upload(ravi.id, PNG, 'photo.png', 'png');
    expect((await signWithCode(ravi.ctx, ravi.mobile!, fileId)).kind).toBe('detached');

    const p7s = await readSignedDownload(db, ravi.ctx, { fileId, part: 'signature' });
    expect(p7s.fileName).toBe('photo.png.p7s');
    const image = await readSignedDownload(db, ravi.ctx, { fileId, part: 'image' });
    expect(image.body.equals(PNG)).toBe(true);

    const trusted = await trustedCaCertificates();
    const files = {
      image: path.join(work, 'photo.png'),
      changed: path.join(work, 'changed.png'),
      sig: path.join(work, 'photo.png.p7s'),
      ca: path.join(work, 'ca.pem'),
    };
    const changed = Buffer.from(PNG);
    changed[changed.length - 20] = changed[changed.length - 20]! ^ 0x01;
    writeFileSync(files.image, PNG);
    writeFileSync(files.changed, changed);
    writeFileSync(files.sig, p7s.body);
    writeFileSync(
      files.ca,
      `-----BEGIN CERTIFICATE-----\n${trusted[0]!.toString('base64')}\n-----END CERTIFICATE-----\n`,
    );
    const openssl = (content: string) =>
      spawnSync(
        'openssl',
        [
          'cms',
          '-verify',
          '-binary',
          '-inform',
          'DER',
          '-in',
          files.sig,
          '-content',
          content,
          '-CAfile',
          files.ca,
          '-purpose',
          'any',
          '-out',
          '/dev/null',
        ],
        { encoding: 'utf8' },
      );
    const good = openssl(files.image);
    expect(good.stderr).toContain('Verification successful');
    expect(good.status).toBe(0);
    expect(openssl(files.changed).status).not.toBe(0);
    expect(
      execFileSync('openssl', ['cms', '-cmsout', '-print', '-inform', 'DER', '-in', files.sig], {
        encoding: 'utf8',
      }),
    ).toContain('signingTime');

    expect(checkSignedFile(PNG, p7s.body, trusted)).toMatchObject({
      valid: true,
      kind: 'image',
      signerName: 'रवि कुमार',
      unchanged: true,
      fromSanad: true,
    });
    expect(checkSignedFile(changed, p7s.body, trusted)).toMatchObject({
      valid: false,
      reason: 'changed',
      unchanged: false,
    });
    expect(checkSignedFile(PNG, null, trusted)).toMatchObject({ reason: 'signature-missing' });
    // The signed PDF path does not offer a .p7s for an image, nor a signed PDF.
    await expect(
      readSignedDownload(db, ravi.ctx, { fileId, part: 'signed' }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('the one-time code for e-signing', () => {
  it('a sign-in code cannot e-sign, and asking for an e-sign code leaves it usable to sign in', async () => {
    const meera = await person('Meera Nair');
    const fileId = await upload(meera.id, await samplePdf('Lease'), 'lease.pdf', 'pdf');
    await requestSignInCode(db, { identifier: meera.mobile!, ip: meera.ctx.ip });
    const signInCode = await lastCodeSentTo(db, meera.mobile!, 'auth.otp');
    await requestEsignCode(db, meera.ctx, { fileId, via: 'mobile' });
    const esignCode = await lastCodeSentTo(db, meera.mobile!, 'auth.esign');
    expect(esignCode).not.toBe(signInCode);

    await expect(
      signUploadedFile(db, meera.ctx, { fileId, via: 'mobile', code: signInCode }),
    ).rejects.toBeInstanceOf(InvalidCodeError);
    await expect(
      verifySignInCode(db, { identifier: meera.mobile!, code: esignCode, ip: meera.ctx.ip }),
    ).rejects.toBeInstanceOf(InvalidCodeError);
    // Both codes are still live for their own purpose.
    expect(
      (
        await verifySignInCode(db, {
          identifier: meera.mobile!,
          code: signInCode,
          ip: meera.ctx.ip,
        })
      ).userId,
    ).toBe(meera.id);
    expect(
      (await signUploadedFile(db, meera.ctx, { fileId, via: 'mobile', code: esignCode })).kind,
    ).toBe('pades');
    // Spent: the same code does not sign twice.
    await expect(
      signUploadedFile(db, meera.ctx, { fileId, via: 'mobile', code: esignCode }),
    ).rejects.toBeInstanceOf(InvalidCodeError);
    const failures = await db
      .select({ detail: auditLog.detail })
      .from(auditLog)
      .where(and(eq(auditLog.action, 'auth.code_failed'), eq(auditLog.ip, meera.ctx.ip)));
    expect(failures.map((f) => (f.detail as { purpose: string }).purpose)).toEqual(
      expect.arrayContaining(['esign', 'sign_in']),
    );
  });

  it('can be sent to the verified email instead', async () => {
    const sara = await person('Sara Khan');
    const fileId = await upload(sara.id, PNG, 'id.png', 'png');
    await requestEsignCode(db, sara.ctx, { fileId, via: 'email' });
    const code = await lastCodeSentTo(db, sara.email!, 'auth.esign');
    expect((await signUploadedFile(db, sara.ctx, { fileId, via: 'email', code })).kind).toBe(
      'detached',
    );
  });
});

describe("someone else's file", () => {
  it('is not found: no code is sent for it, it is not signed, its signature not served', async () => {
    const owner = await person('Owner Person');
    const stranger = await person('Stranger Person');
    const fileId = await upload(owner.id, await samplePdf('Deed'), 'deed.pdf', 'pdf');
    await signWithCode(owner.ctx, owner.mobile!, fileId);

    await expect(
      requestEsignCode(db, stranger.ctx, { fileId, via: 'mobile' }),
    ).rejects.toBeInstanceOf(NotFoundError);
    // With a live e-sign code of their own (asked for their own file), still not found.
    const own = await upload(stranger.id, PNG, 'mine.png', 'png');
    await requestEsignCode(db, stranger.ctx, { fileId: own, via: 'mobile' });
    const code = await lastCodeSentTo(db, stranger.mobile!, 'auth.esign');
    await expect(
      signUploadedFile(db, stranger.ctx, { fileId, via: 'mobile', code }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      readSignedDownload(db, stranger.ctx, { fileId, part: 'signed' }),
    ).rejects.toBeInstanceOf(NotFoundError);

    const refused = await db
      .select({ action: accessLog.action, reason: accessLog.reason })
      .from(accessLog)
      .where(
        and(
          eq(accessLog.fileId, fileId),
          eq(accessLog.actorUserId, stranger.id),
          eq(accessLog.outcome, 'refused'),
        ),
      );
    expect(refused).toEqual(
      expect.arrayContaining([
        { action: 'file', reason: 'not-holder-or-issuer' },
        { action: 'signed', reason: 'not-holder-or-issuer' },
      ]),
    );
    const [denied] = await db
      .select({ outcome: auditLog.outcome, detail: auditLog.detail })
      .from(auditLog)
      .where(and(eq(auditLog.action, 'esign.sign'), eq(auditLog.actorUserId, stranger.id)));
    expect(denied).toEqual({ outcome: 'denied', detail: { reason: 'not-found' } });
    const signatures = await db
      .select()
      .from(documentSignatures)
      .where(eq(documentSignatures.userId, stranger.id));
    expect(signatures).toHaveLength(0);
  });
});
