import 'server-only';
import { and, desc, eq, exists, isNotNull, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '@/db/client';
import { documentSignatures, lockerFiles, lockerFolders } from '@/db/schema';
import { recordAudit } from '@/lib/audit';
import type { AuditAction } from '@/lib/audit/actions';
import { InvalidError, NotFoundError } from '@/lib/errors';
import { removeStored } from '@/lib/storage';
import { renamedFileName } from './file-name';
import { LOCKER_QUOTA_BYTES } from './refusals';
import type { UploadKind } from './sniff';

// The citizen's own uploaded files and folders: every query takes the owner, so an id of someone
// else's file reaches nothing (and is answered as not found, and audited as refused).

export type Owner = { userId: string; ip?: string | null; userAgent?: string | null };

export type LockerFileRow = {
  id: string;
  name: string;
  kind: UploadKind;
  size: number;
  createdAt: Date;
  folderId: string | null;
  folderName: string | null;
  signed: boolean;
};

export async function listLockerFiles(
  db: DbOrTx,
  owner: { userId: string },
): Promise<LockerFileRow[]> {
  return db
    .select({
      id: lockerFiles.id,
      name: lockerFiles.name,
      kind: lockerFiles.kind,
      size: lockerFiles.size,
      createdAt: lockerFiles.createdAt,
      folderId: lockerFiles.folderId,
      folderName: lockerFolders.name,
      signed: exists(
        db
          .select({ one: sql`1` })
          .from(documentSignatures)
          .where(eq(documentSignatures.fileId, lockerFiles.id)),
      ).mapWith(Boolean),
    })
    .from(lockerFiles)
    .leftJoin(lockerFolders, eq(lockerFolders.id, lockerFiles.folderId))
    .where(eq(lockerFiles.userId, owner.userId))
    .orderBy(desc(lockerFiles.createdAt), desc(lockerFiles.id));
}

export async function listLockerFolders(db: DbOrTx, owner: { userId: string }) {
  return db
    .select({ id: lockerFolders.id, name: lockerFolders.name })
    .from(lockerFolders)
    .where(eq(lockerFolders.userId, owner.userId))
    .orderBy(lockerFolders.name);
}

/** Bytes the citizen's uploads take, of the locker's 1 GB. */
export async function lockerUsage(db: DbOrTx, owner: { userId: string }) {
  const [r] = await db
    .select({ used: sql<string>`coalesce(sum(${lockerFiles.size}), 0)` })
    .from(lockerFiles)
    .where(eq(lockerFiles.userId, owner.userId));
  return { used: Number(r!.used), quota: LOCKER_QUOTA_BYTES };
}

async function audit(
  db: DbOrTx,
  owner: Owner,
  action: AuditAction,
  objectType: 'locker_file' | 'locker_folder',
  objectId: string,
  detail: Record<string, unknown>,
  outcome: 'ok' | 'denied' = 'ok',
) {
  await recordAudit(db, {
    actorUserId: owner.userId,
    action,
    objectType,
    objectId,
    outcome,
    ip: owner.ip ?? null,
    userAgent: owner.userAgent ?? null,
    detail,
  });
}

/** The owner's file, or NotFound after auditing the refusal (someone else's id, or none). */
async function ownFile(db: DbOrTx, owner: Owner, fileId: string, action: AuditAction) {
  const [f] = await db
    .select()
    .from(lockerFiles)
    .where(and(eq(lockerFiles.id, fileId), eq(lockerFiles.userId, owner.userId)));
  if (f) return f;
  await audit(
    db,
    owner,
    action,
    'locker_file',
    fileId,
    { reason: 'not-owner-or-missing' },
    'denied',
  );
  throw new NotFoundError('No such file');
}

async function ownFolder(db: DbOrTx, owner: Owner, folderId: string, action: AuditAction) {
  const [f] = await db
    .select()
    .from(lockerFolders)
    .where(and(eq(lockerFolders.id, folderId), eq(lockerFolders.userId, owner.userId)));
  if (f) return f;
  await audit(
    db,
    owner,
    action,
    'locker_folder',
    folderId,
    { reason: 'not-owner-or-missing' },
    'denied',
  );
  throw new NotFoundError('No such folder');
}

export async function renameLockerFile(
  db: Db,
  owner: Owner,
  input: { fileId: string; name: string },
): Promise<string> {
  const file = await ownFile(db, owner, input.fileId, 'locker.file.rename');
  const name = renamedFileName(input.name, file.kind);
  if (!name) throw new InvalidError('The name is empty', { name: 'fileName' });
  await db.transaction(async (tx) => {
    await tx
      .update(lockerFiles)
      .set({ name, updatedAt: new Date() })
      .where(and(eq(lockerFiles.id, file.id), eq(lockerFiles.userId, owner.userId)));
    await audit(tx, owner, 'locker.file.rename', 'locker_file', file.id, {
      from: file.name,
      to: name,
    });
  });
  return name;
}

export async function moveLockerFile(
  db: Db,
  owner: Owner,
  input: { fileId: string; folderId: string | null },
): Promise<void> {
  const file = await ownFile(db, owner, input.fileId, 'locker.file.move');
  const folder = input.folderId
    ? await ownFolder(db, owner, input.folderId, 'locker.file.move')
    : null;
  await db.transaction(async (tx) => {
    await tx
      .update(lockerFiles)
      .set({ folderId: folder?.id ?? null, updatedAt: new Date() })
      .where(and(eq(lockerFiles.id, file.id), eq(lockerFiles.userId, owner.userId)));
    await audit(tx, owner, 'locker.file.move', 'locker_file', file.id, {
      name: file.name,
      folder: folder?.name ?? null,
    });
  });
}

/**
 * Deletes the file, its e-signatures and share links (by cascade), then its stored objects. The
 * key is this file's own, so no other file (the same bytes uploaded again included) loses its.
 */
export async function deleteLockerFile(
  db: Db,
  owner: Owner,
  input: { fileId: string },
): Promise<void> {
  const file = await ownFile(db, owner, input.fileId, 'locker.file.delete');
  const keys = await db.transaction(async (tx) => {
    const signed = await tx
      .select({ key: documentSignatures.signedStorageKey })
      .from(documentSignatures)
      .where(
        and(eq(documentSignatures.fileId, file.id), isNotNull(documentSignatures.signedStorageKey)),
      );
    await tx
      .delete(lockerFiles)
      .where(and(eq(lockerFiles.id, file.id), eq(lockerFiles.userId, owner.userId)));
    await audit(tx, owner, 'locker.file.delete', 'locker_file', file.id, {
      name: file.name,
      size: file.size,
      sha256: file.sha256,
    });
    return [file.storageKey, ...signed.map((s) => s.key!)];
  });
  // After the commit: a failed removal leaves an orphan object, never a row without its file.
  for (const key of keys) await removeStored(key).catch(() => {});
}

function folderName(raw: string): string {
  const name = raw
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (!name) throw new InvalidError('The folder name is empty', { name: 'folderName' });
  return name;
}

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; cause?: { code?: string } };
  return e.code === '23505' || e.cause?.code === '23505';
}

export async function createLockerFolder(
  db: Db,
  owner: Owner,
  input: { name: string },
): Promise<string> {
  const name = folderName(input.name);
  try {
    return await db.transaction(async (tx) => {
      const [f] = await tx
        .insert(lockerFolders)
        .values({ userId: owner.userId, name })
        .returning({ id: lockerFolders.id });
      await audit(tx, owner, 'locker.folder.create', 'locker_folder', f!.id, { name });
      return f!.id;
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new InvalidError('You already have a folder with this name', { name: 'folderExists' });
    throw error;
  }
}

export async function renameLockerFolder(
  db: Db,
  owner: Owner,
  input: { folderId: string; name: string },
): Promise<void> {
  const folder = await ownFolder(db, owner, input.folderId, 'locker.folder.rename');
  const name = folderName(input.name);
  try {
    await db.transaction(async (tx) => {
      await tx
        .update(lockerFolders)
        .set({ name })
        .where(and(eq(lockerFolders.id, folder.id), eq(lockerFolders.userId, owner.userId)));
      await audit(tx, owner, 'locker.folder.rename', 'locker_folder', folder.id, {
        from: folder.name,
        to: name,
      });
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new InvalidError('You already have a folder with this name', { name: 'folderExists' });
    throw error;
  }
}

/** Deletes the folder; its files move out of it (they are not deleted). */
export async function deleteLockerFolder(
  db: Db,
  owner: Owner,
  input: { folderId: string },
): Promise<void> {
  const folder = await ownFolder(db, owner, input.folderId, 'locker.folder.delete');
  await db.transaction(async (tx) => {
    const moved = await tx
      .update(lockerFiles)
      .set({ folderId: null, updatedAt: new Date() })
      .where(and(eq(lockerFiles.folderId, folder.id), eq(lockerFiles.userId, owner.userId)))
      .returning({ id: lockerFiles.id });
    await tx
      .delete(lockerFolders)
      .where(and(eq(lockerFolders.id, folder.id), eq(lockerFolders.userId, owner.userId)));
    await audit(tx, owner, 'locker.folder.delete', 'locker_folder', folder.id, {
      name: folder.name,
      filesMovedOut: moved.length,
    });
  });
}
