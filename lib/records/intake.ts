import 'server-only';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeWebStream } from 'node:stream/web';
import { and, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { organisations, recordUploads } from '@/db/schema';
import { recordAudit } from '@/lib/audit';
import { config } from '@/lib/config';
import { ConflictError, InvalidError } from '@/lib/errors';
import { removeStored, storeStream, TooLargeError } from '@/lib/storage';
import { stripInvisible } from '@/lib/text/visible';

// Receiving an award CSV: the body streams to storage while it is hashed; the
// same file from the same institution is the same upload, so nothing is duplicated.

export type ReceiveInput = {
  orgId: string;
  userId: string;
  fileName: string;
  body: ReadableStream<Uint8Array> | Readable;
  ip?: string | null;
  userAgent?: string | null;
};

/** The file's own name, without path, control or invisible characters (it is shown). */
function cleanFileName(name: string): string {
  const base = stripInvisible(name)
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .split(/[\\/]/)
    .pop()!
    .trim();
  return (base || 'upload.csv').slice(0, 200);
}

export async function receiveUpload(
  db: Db,
  input: ReceiveInput,
): Promise<{ id: string; duplicate: boolean }> {
  const [org] = await db
    .select({ status: organisations.status, kind: organisations.kind })
    .from(organisations)
    .where(eq(organisations.id, input.orgId));
  if (!org || org.kind !== 'institution' || org.status !== 'active')
    throw new ConflictError('Only an active institution can upload records');
  const body =
    input.body instanceof Readable
      ? input.body
      : Readable.fromWeb(input.body as unknown as NodeWebStream);
  let stored;
  try {
    stored = await storeStream(body, {
      prefix: `records/${input.orgId}`,
      ext: '.csv',
      maxBytes: config.recordsMaxBytes,
    });
  } catch (error) {
    if (error instanceof TooLargeError)
      throw new TooLargeError(
        `The file is larger than ${Math.round(config.recordsMaxBytes / 1024 / 1024)} MB`,
      );
    throw error;
  }
  if (stored.size === 0) {
    await removeStored(stored.key);
    throw new InvalidError('The file is empty');
  }
  const fileName = cleanFileName(input.fileName);
  const [created] = await db
    .insert(recordUploads)
    .values({
      orgId: input.orgId,
      uploadedBy: input.userId,
      fileName,
      fileKey: stored.key,
      sha256: stored.sha256,
      sizeBytes: stored.size,
    })
    .onConflictDoNothing()
    .returning({ id: recordUploads.id });
  const id =
    created?.id ??
    (
      await db
        .select({ id: recordUploads.id })
        .from(recordUploads)
        .where(and(eq(recordUploads.orgId, input.orgId), eq(recordUploads.sha256, stored.sha256)))
    )[0]!.id;
  await recordAudit(db, {
    actorUserId: input.userId,
    action: created ? 'records.upload' : 'records.upload.duplicate',
    objectType: 'record_upload',
    objectId: id,
    detail: { fileName, sha256: stored.sha256, size: stored.size },
    ip: input.ip ?? null,
    userAgent: input.userAgent ?? null,
  });
  return { id, duplicate: !created };
}
