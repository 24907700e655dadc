import 'server-only';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { documentSignatures, lockerFiles, users } from '@/db/schema';
import { recordAudit } from '@/lib/audit';
import { parseCodeCheck, requestCode, spendCode } from '@/lib/auth/otp';
import type { MembershipLike } from '@/lib/auth/permissions';
import { InvalidCodeError, InvalidError, NotFoundError } from '@/lib/errors';
import { readDocument, type AccessAction, type FileGrant } from '@/lib/locker/access';
import { openStored, storeStream } from '@/lib/storage';
import { signingCa } from './ca';
import { issueSignerCredential } from './certificates';
import { signDetached } from './cms';
import { signerNameOf } from './names';
import { PdfSignError, signPdf } from './pades';
import { isImageKind, kindOfBytes } from './sniff';

// seed 001: the citizen e-signs one of their uploaded documents after a one-time code sent to
// their own mobile number or email. A PDF gets an embedded PAdES signature, stored as a new file
// beside the original; an image gets a detached CMS signature (.p7s) kept with the record.

export type EsignCtx = {
  userId: string;
  memberships: readonly MembershipLike[];
  ip: string;
  userAgent: string | null;
  locale?: string;
};

export type CodeChannel = 'mobile' | 'email';

/** A signed PDF may grow past the 10 MB upload limit by the signature and a rewritten xref. */
const MAX_SIGNED_BYTES = 16 * 1024 * 1024;

async function signer(db: Db, userId: string) {
  const [me] = await db
    .select({ name: users.name, mobile: users.mobile, email: users.email })
    .from(users)
    .where(eq(users.id, userId));
  if (!me) throw new NotFoundError();
  return me;
}

function identifierOf(me: { mobile: string | null; email: string | null }, via: CodeChannel) {
  const identifier = via === 'mobile' ? me.mobile : me.email;
  if (!identifier)
    throw new InvalidError('There is nowhere to send the code', { via: 'noChannel' });
  return identifier;
}

function requireName(raw: string | null): string {
  const name = signerNameOf(raw);
  if (!name) throw new InvalidError('Add your name to your profile first', { form: 'noName' });
  return name;
}

/** The file, if it is the user's own: someone else's id is "not found". */
async function ownFile(db: Db, ctx: EsignCtx, fileId: string, action: AccessAction) {
  const doc = await readDocument(db, {
    reader: { kind: 'user', userId: ctx.userId, memberships: ctx.memberships },
    target: { fileId },
    action,
    ip: ctx.ip,
  });
  if (doc.kind !== 'file') throw new NotFoundError();
  return doc;
}

/** Sends a one-time code for e-signing to the owner's own mobile number or email. */
export async function requestEsignCode(
  db: Db,
  ctx: EsignCtx,
  input: { fileId: string; via: CodeChannel },
): Promise<{ messageId: string }> {
  const [file] = await db
    .select({ id: lockerFiles.id })
    .from(lockerFiles)
    .where(and(eq(lockerFiles.id, input.fileId), eq(lockerFiles.userId, ctx.userId)));
  if (!file) throw new NotFoundError('No such document');
  const me = await signer(db, ctx.userId);
  requireName(me.name);
  const sent = await requestCode(db, {
    identifier: identifierOf(me, input.via),
    purpose: 'esign',
    userId: ctx.userId,
    ip: ctx.ip,
    userAgent: ctx.userAgent,
    locale: ctx.locale,
  });
  await recordAudit(db, {
    actorUserId: ctx.userId,
    action: 'esign.code_sent',
    objectType: 'locker_file',
    objectId: input.fileId,
    ip: ctx.ip,
    userAgent: ctx.userAgent,
    detail: { via: input.via },
  });
  return sent;
}

async function readWhole(file: FileGrant): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of openStored(file.storageKey)) chunks.push(chunk as Buffer);
  const bytes = Buffer.concat(chunks);
  if (createHash('sha256').update(bytes).digest('hex') !== file.sha256)
    throw new Error(`stored file ${file.id} does not match its hash`);
  return bytes;
}

export type SignResult = { signatureId: string; kind: 'pades' | 'detached' };

/**
 * With the right e-sign code, signs the owner's file: the code is spent (a wrong one counts
 * against the budgets), then the file is read through the access decision, signed with a
 * certificate naming the citizen, and the signature recorded and audited.
 */
export async function signUploadedFile(
  db: Db,
  ctx: EsignCtx,
  input: { fileId: string; via: CodeChannel; code: string },
): Promise<SignResult> {
  const me = await signer(db, ctx.userId);
  const name = requireName(me.name);
  const { id, code } = parseCodeCheck({
    identifier: identifierOf(me, input.via),
    code: input.code,
  });
  const spent = await db.transaction((tx) =>
    spendCode(tx, id, {
      identifier: id.value,
      code,
      ip: ctx.ip,
      userAgent: ctx.userAgent,
      purpose: 'esign',
      userId: ctx.userId,
    }),
  );
  if (!spent) throw new InvalidCodeError();

  let file: FileGrant;
  try {
    file = await ownFile(db, ctx, input.fileId, 'file');
  } catch (error) {
    if (error instanceof NotFoundError)
      await recordAudit(db, {
        actorUserId: ctx.userId,
        action: 'esign.sign',
        objectType: 'locker_file',
        objectId: input.fileId,
        outcome: 'denied',
        ip: ctx.ip,
        userAgent: ctx.userAgent,
        detail: { reason: 'not-found' },
      });
    throw error;
  }
  const bytes = await readWhole(file);
  const kind = kindOfBytes(bytes);
  const ca = await signingCa();
  const now = new Date();
  const credential = await issueSignerCredential(ca, name, now);
  const prefix = `locker/${ctx.userId}/${file.id}`;

  let row: Pick<
    typeof documentSignatures.$inferInsert,
    'kind' | 'signedStorageKey' | 'detached' | 'signedSha256'
  >;
  if (kind === 'pdf') {
    let signed: Buffer;
    try {
      signed = await signPdf(bytes, {
        signerName: name,
        signingTime: now,
        credential,
        chain: [ca.certificateDer],
      });
    } catch (error) {
      if (error instanceof PdfSignError)
        throw new InvalidError('This PDF cannot be signed', { form: `pdf-${error.reason}` });
      throw error;
    }
    const stored = await storeStream(Readable.from([signed]), {
      prefix,
      ext: '.pdf',
      maxBytes: MAX_SIGNED_BYTES,
    });
    row = { kind: 'pades', signedStorageKey: stored.key, signedSha256: stored.sha256 };
  } else if (isImageKind(kind)) {
    const p7s = signDetached({
      content: bytes,
      signerCertificate: credential.certificateDer,
      chain: [ca.certificateDer],
      privateKey: credential.privateKey,
      signingTime: now,
    });
    row = {
      kind: 'detached',
      detached: p7s.toString('base64'),
      signedSha256: createHash('sha256').update(p7s).digest('hex'),
    };
  } else {
    throw new InvalidError('Only PDF files and images can be signed', { form: 'kind' });
  }

  const [saved] = await db.transaction(async (tx) => {
    const inserted = await tx
      .insert(documentSignatures)
      .values({
        ...row,
        fileId: file.id,
        userId: ctx.userId,
        originalSha256: file.sha256,
        signerName: name,
        signingKid: ca.kid,
        createdAt: now,
      })
      .returning({ id: documentSignatures.id, kind: documentSignatures.kind });
    await recordAudit(tx, {
      actorUserId: ctx.userId,
      action: 'esign.sign',
      objectType: 'locker_file',
      objectId: file.id,
      ip: ctx.ip,
      userAgent: ctx.userAgent,
      detail: { kind: row.kind, signatureId: inserted[0]!.id, sha256: row.signedSha256 },
    });
    return inserted;
  });
  return { signatureId: saved!.id, kind: saved!.kind };
}

export type SignatureSummary = {
  id: string;
  kind: 'pades' | 'detached';
  signerName: string;
  createdAt: Date;
};

/** The owner's signatures of one of their files, newest first (the caller checked the owner). */
export async function signaturesOfFile(
  db: Db,
  scope: { userId: string; fileId: string },
): Promise<SignatureSummary[]> {
  return db
    .select({
      id: documentSignatures.id,
      kind: documentSignatures.kind,
      signerName: documentSignatures.signerName,
      createdAt: documentSignatures.createdAt,
    })
    .from(documentSignatures)
    .where(
      and(eq(documentSignatures.fileId, scope.fileId), eq(documentSignatures.userId, scope.userId)),
    )
    .orderBy(desc(documentSignatures.createdAt));
}

export type SignedDownload = { body: Buffer; fileName: string; contentType: string };

function baseName(name: string): string {
  return name.replace(/\.[A-Za-z0-9]{1,5}$/, '') || 'document';
}

/**
 * What the citizen downloads after signing: the signed PDF, or an image's .p7s (or the image
 * itself, to keep the two together). Read through the access decision; the newest signature.
 */
export async function readSignedDownload(
  db: Db,
  ctx: EsignCtx,
  input: { fileId: string; part: 'signed' | 'signature' | 'image' },
): Promise<SignedDownload> {
  const action: AccessAction = input.part === 'image' ? 'file' : input.part;
  const file = await ownFile(db, ctx, input.fileId, action);
  const [sig] = await db
    .select()
    .from(documentSignatures)
    .where(and(eq(documentSignatures.fileId, file.id), eq(documentSignatures.userId, ctx.userId)))
    .orderBy(desc(documentSignatures.createdAt))
    .limit(1);
  if (!sig) throw new NotFoundError('This document has not been signed');
  if (input.part === 'signed' && sig.kind === 'pades' && sig.signedStorageKey) {
    const chunks: Buffer[] = [];
    for await (const c of openStored(sig.signedStorageKey)) chunks.push(c as Buffer);
    return {
      body: Buffer.concat(chunks),
      fileName: `${baseName(file.name)}-signed.pdf`,
      contentType: 'application/pdf',
    };
  }
  if (input.part === 'signature' && sig.kind === 'detached' && sig.detached) {
    return {
      body: Buffer.from(sig.detached, 'base64'),
      fileName: `${file.name}.p7s`,
      contentType: 'application/pkcs7-signature',
    };
  }
  if (input.part === 'image' && sig.kind === 'detached') {
    return {
      body: await readWhole(file),
      fileName: file.name,
      contentType: `image/${file.fileKind}`,
    };
  }
  throw new NotFoundError();
}
