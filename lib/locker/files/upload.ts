import 'server-only';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { lockerFiles, lockerFolders } from '@/db/schema';
import { recordAudit } from '@/lib/audit';
import { NotFoundError } from '@/lib/errors';
import {
  openStored,
  removeStoredPrefix,
  storeStream,
  TooLargeError as StorageTooLargeError,
  type StoredFile,
} from '@/lib/storage';
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

// Seed 001, uploaded documents: a file of at most 10 MB streams into storage as it arrives
// (encrypted, refused with 413 as soon as it passes the limit), is then checked by its bytes and
// scanned when a scanner is configured; a refused file is removed at once, so nothing of it is
// kept. The 1 GB quota is checked and the file recorded under a per-citizen lock, so that
// uploads running at the same time cannot together pass it. Each stored file has its own key
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

/** The stored plaintext, read whole into one buffer of its known size. */
async function readStoredWhole(key: string, size: number): Promise<Buffer> {
  const out = Buffer.allocUnsafe(size);
  let at = 0;
  for await (const chunk of openStored(key)) {
    const c = chunk as Buffer;
    c.copy(out, at);
    at += c.length;
  }
  return out.subarray(0, at);
}

// The checks need a file whole in memory (and a PDF once more as text). Uploads arrive at the
// same time but are checked one after another, so that five 10 MB uploads cost the web process
// one file's checks, not five.
let inspecting: Promise<unknown> = Promise.resolve();
function oneAtATime<T>(work: () => Promise<T>): Promise<T> {
  const run = inspecting.then(work, work);
  inspecting = run.catch(() => {});
  return run;
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
  const id = randomUUID();
  const prefix = `locker/${input.userId}/${id}`;
  // Streamed to storage as it arrives (encrypted, hashed, cut off past 10 MB), so that an upload
  // holds only a few kilobytes of the web process until it is checked; a refusal removes it.
  let stored: StoredFile;
  try {
    stored = await storeStream(
      input.body ? Readable.fromWeb(input.body as never) : Readable.from([]),
      { prefix, ext: '', maxBytes: MAX_FILE_BYTES },
    );
  } catch (error) {
    await removeStoredPrefix(prefix);
    if (error instanceof StorageTooLargeError) return refuse(db, input, 'tooLarge');
    throw error;
  }
  const refuseStored = async (reason: UploadRefusal): Promise<never> => {
    await removeStoredPrefix(prefix);
    return refuse(db, input, reason, stored.size);
  };
  if (stored.size === 0) return refuseStored('empty');

  const checked = await oneAtATime(async (): Promise<{ kind: UploadKind } | UploadRefusal> => {
    const bytes = await readStoredWhole(stored.key, stored.size);
    const inspected = inspectUpload(bytes);
    if ('refusal' in inspected) return inspected.refusal;
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
          return 'infected';
        }
      } catch (error) {
        if (!(error instanceof ScanUnavailableError)) throw error;
        console.error(`[locker upload] malware scan unavailable: ${error.message}`);
        return 'scanUnavailable';
      }
    }
    return inspected;
  }).catch(async (error: unknown) => {
    await removeStoredPrefix(prefix);
    throw error;
  });
  if (checked === 'infected') {
    await removeStoredPrefix(prefix);
    throw new UploadRefusedError('infected');
  }
  if (typeof checked === 'string') return refuseStored(checked);
  const { kind } = checked;

  const name = uploadFileName(input.fileName, kind);
  const folderId = input.folderId || null;
  if (folderId && !UUID.test(folderId)) throw new NotFoundError('No such folder');
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
      if (Number(usage!.used) + stored.size > LOCKER_QUOTA_BYTES)
        throw new UploadRefusedError('quotaFull');
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
    await removeStoredPrefix(prefix);
    if (error instanceof UploadRefusedError && error.reason === 'quotaFull')
      return refuse(db, input, 'quotaFull', stored.size);
    throw error;
  }
}
