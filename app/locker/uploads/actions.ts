'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/db/client';
import { requirePermission } from '@/lib/auth/session';
import { parseInput, runAction, type ActionResult } from '@/lib/http/action';
import { getRequestContext } from '@/lib/http/request-context';
import {
  createLockerFolder,
  deleteLockerFile,
  deleteLockerFolder,
  moveLockerFile,
  renameLockerFile,
  renameLockerFolder,
} from '@/lib/locker/files/manage';
import {
  ZFileIdInput,
  ZFolderIdInput,
  ZFolderInput,
  ZMoveFileInput,
  ZRenameFileInput,
  ZRenameFolderInput,
} from '@/lib/locker/files/schemas';

// Seed 001: the citizen manages their uploaded documents. Each action asks for the permission,
// then the library scopes every query to the citizen.

async function owner() {
  const { user } = await requirePermission('locker.documents.manage');
  return { userId: user.id, ...(await getRequestContext()) };
}

function run<T>(name: string, fn: () => Promise<T>): Promise<ActionResult<T>> {
  return runAction(`locker.${name}`, async () => {
    const result = await fn();
    revalidatePath('/locker/uploads');
    return result;
  });
}

export async function renameFileAction(input: unknown): Promise<ActionResult<string>> {
  return run('rename-file', async () =>
    renameLockerFile(getDb(), await owner(), parseInput(ZRenameFileInput, input)),
  );
}

export async function moveFileAction(input: unknown): Promise<ActionResult> {
  return run('move-file', async () => {
    const who = await owner();
    const { fileId, folderId } = parseInput(ZMoveFileInput, input);
    await moveLockerFile(getDb(), who, { fileId, folderId: folderId || null });
    return null;
  });
}

export async function deleteFileAction(input: unknown): Promise<ActionResult> {
  return run('delete-file', async () => {
    await deleteLockerFile(getDb(), await owner(), parseInput(ZFileIdInput, input));
    return null;
  });
}

export async function createFolderAction(input: unknown): Promise<ActionResult<string>> {
  return run('create-folder', async () =>
    createLockerFolder(getDb(), await owner(), parseInput(ZFolderInput, input)),
  );
}

export async function renameFolderAction(input: unknown): Promise<ActionResult> {
  return run('rename-folder', async () => {
    await renameLockerFolder(getDb(), await owner(), parseInput(ZRenameFolderInput, input));
    return null;
  });
}

export async function deleteFolderAction(input: unknown): Promise<ActionResult> {
  return run('delete-folder', async () => {
    await deleteLockerFolder(getDb(), await owner(), parseInput(ZFolderIdInput, input));
    return null;
  });
}
