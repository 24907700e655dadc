import 'server-only';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { lockerFiles, lockerFolders } from '@/db/schema';
import { recordAudit } from '@/lib/audit';
import { NotFoundError } from '@/lib/errors';
import { removeStored, storeStream } from '@/lib/storage';
import { configuredScanner, ScanUnavailableError, type MalwareScanner } from '../malware-scan';
import { uploadFileName } from './file-name';
import { checkPdf } from './pdf-check';
import {
  LOCKER_QUOTA_BYTES,
  MAX_FILE_BYTES,
  UploadRefusedError,
  type UploadRefusal,
} from './refusals';
import { checkImage, sniffKind, type UploadKind } from './sniff';

// Seed 001, uploaded documents: a file of at most 10 MB is read while it streams in (refused
// with 413 as soon as it passes the limit), checked by its bytes, scanned when a scanner is
// configured, and only then stored, so nothing of a refused file is kept anywhere. The 1 GB
// quota is checked and the file stored under a per-citizen lock, so that uploads running at the
// same time cannot together pass it. Each stored file has its own key
// (locker/{user}/{file}/…): identical files never share a stored object.

export type UploadInput = {
  userId: string;
  fileName: string;
  folderId?: string | null;
  body: ReadableStream<Uint8Array> | null;
  /** The request's Content-Length, when it gave one. */
  declaredSize?: number | null;
  ip?: string | null;
  userAgent?: string | null;
  /** The malware scanner; the configured one (or none) when not given. */
  scanner?: MalwareScanner | null;
};

export type UploadedFile = { id: string; name: string; kind: UploadKind; size: number };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The body, or null once it passes `max` bytes (the rest is not read). */
async function readCapped(body: ReadableStream<Uint8Array>, max: number): Promise<Buffer | null> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(chunks);
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
}

/** What is wrong with the bytes as an upload, or null. */
export function inspectUpload(bytes: Buffer): { kind: UploadKind } | { refusal: UploadRefusal } {
  if (bytes.length === 0) return { refusal: 'empty' };
  const kind = sniffKind(bytes);
  if (!kind) return { refusal: 'notAllowedType' };
  const problem = kind === 'pdf' ? checkPdf(bytes) : checkImage(kind, bytes);
  return problem ? { refusal: problem } : { kind };
}

async function refuse(
  db: Db,
  input: UploadInput,
  reason: UploadRefusal,
  size?: number,
): Promise<never> {
  await recordAudit(db, {
    actorUserId: input.userId,
    action: 'locker.file.refuse',
    objectType: 'locker_file',
    outcome: 'denied',
    ip: input.ip ?? null,
    userAgent: input.userAgent ?? null,
    detail: {
      reason,
      fileName: input.fileName.slice(0, 300),
      ...(size === undefined ? {} : { size }),
    },
  });
  throw new UploadRefusedError(reason);
}

export async function receiveLockerFile(db: Db, input: UploadInput): Promise<UploadedFile> {
  if ((input.declaredSize ?? 0) > MAX_FILE_BYTES) return refuse(db, input, 'tooLarge');
  const bytes = input.body ? await readCapped(input.body, MAX_FILE_BYTES) : Buffer.alloc(0);
  if (!bytes) return refuse(db, input, 'tooLarge');
  const inspected = inspectUpload(bytes);
  if ('refusal' in inspected) return refuse(db, input, inspected.refusal, bytes.length);
  const { kind } = inspected;

  const scanner = input.scanner === undefined ? configuredScanner() : input.scanner;
  if (scanner) {
    try {
      const verdict = await scanner.scan(bytes);
      if (!verdict.clean) {
        await recordAudit(db, {
          actorUserId: input.userId,
          action: 'locker.file.refuse',
          objectType: 'locker_file',
          outcome: 'denied',
          ip: input.ip ?? null,
          userAgent: input.userAgent ?? null,
          detail: {
            reason: 'infected',
            signature: verdict.signature,
            fileName: input.fileName.slice(0, 300),
          },
        });
        throw new UploadRefusedError('infected');
      }
    } catch (error) {
      if (!(error instanceof ScanUnavailableError)) throw error;
      console.error(`[locker upload] malware scan unavailable: ${error.message}`);
      return refuse(db, input, 'scanUnavailable', bytes.length);
    }
  }

  const name = uploadFileName(input.fileName, kind);
  const folderId = input.folderId || null;
  if (folderId && !UUID.test(folderId)) throw new NotFoundError('No such folder');
  const id = randomUUID();
  let storedKey: string | null = null;
  try {
    return await db.transaction(async (tx) => {
      await tx.execute(
        sql`select pg_advisory_xact_lock(hashtext(${`locker-quota:${input.userId}`}))`,
      );
      if (folderId) {
        const [folder] = await tx
          .select({ id: lockerFolders.id })
          .from(lockerFolders)
          .where(and(eq(lockerFolders.id, folderId), eq(lockerFolders.userId, input.userId)));
        if (!folder) throw new NotFoundError('No such folder');
      }
      const [usage] = await tx
        .select({ used: sql<string>`coalesce(sum(${lockerFiles.size}), 0)` })
        .from(lockerFiles)
        .where(eq(lockerFiles.userId, input.userId));
      if (Number(usage!.used) + bytes.length > LOCKER_QUOTA_BYTES)
        throw new UploadRefusedError('quotaFull');
      const stored = await storeStream(Readable.from([bytes]), {
        prefix: `locker/${input.userId}/${id}`,
        ext: `.${kind}`,
        maxBytes: MAX_FILE_BYTES,
      });
      storedKey = stored.key;
      await tx.insert(lockerFiles).values({
        id,
        userId: input.userId,
        folderId,
        name,
        kind,
        size: stored.size,
        sha256: stored.sha256,
        storageKey: stored.key,
      });
      await recordAudit(tx, {
        actorUserId: input.userId,
        action: 'locker.file.upload',
        objectType: 'locker_file',
        objectId: id,
        ip: input.ip ?? null,
        userAgent: input.userAgent ?? null,
        detail: { name, kind, size: stored.size, sha256: stored.sha256 },
      });
      return { id, name, kind, size: stored.size };
    });
  } catch (error) {
    if (storedKey) await removeStored(storedKey);
    if (error instanceof UploadRefusedError && error.reason === 'quotaFull')
      return refuse(db, input, 'quotaFull', bytes.length);
    throw error;
  }
}
