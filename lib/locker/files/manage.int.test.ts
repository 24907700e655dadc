import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, documentSignatures, lockerFiles, lockerFolders } from '@/db/schema';
import { actAs } from '@/tests/acting-user';
import { createPerson } from '@/tests/fixtures';
import { testDb } from '@/tests/helpers';
import { storedSize } from '@/lib/storage';
import { pdf, png } from '@/tests/locker-files';
import { listLockerFiles, lockerUsage } from './manage';
import { receiveLockerFile } from './upload';

// Managing uploaded files and folders through the uploads page's server actions, as the
// signed-in citizen (only the session is mocked; permissions and scoping are the real ones).

process.env.STORAGE_DIR = mkdtempSync(path.join(tmpdir(), 'sanad-locker-manage-'));
const { db } = testDb();
const actions = await import('@/app/locker/uploads/actions');

function bodyOf(bytes: Buffer): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(c) {
      c.enqueue(bytes);
      c.close();
    },
  });
}

async function uploaded(userId: string, name: string, bytes = pdf()) {
  return receiveLockerFile(db, { userId, fileName: name, body: bodyOf(bytes), scanner: null });
}

async function audits(userId: string, action: string) {
  return db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.actorUserId, userId), eq(auditLog.action, action)));
}

describe('managing uploaded documents', () => {
  it('lists newest first with size, kind, folder and the e-signed mark', async () => {
    const citizen = await createPerson(db);
    const first = await uploaded(citizen.id, 'one.pdf');
    const second = await uploaded(citizen.id, 'two.png', png(20, 20));
    await db.insert(documentSignatures).values({
      fileId: first.id,
      userId: citizen.id,
      kind: 'pades',
      originalSha256: 'a',
      signedSha256: 'b',
      signerName: 'Asha',
      signingKid: 'k',
    });
    const list = await listLockerFiles(db, { userId: citizen.id });
    expect(list.map((f) => [f.name, f.kind, f.size, f.signed])).toEqual([
      ['two.png', 'png', png(20, 20).length, false],
      ['one.pdf', 'pdf', pdf().length, true],
    ]);
    expect(second.id).toBe(list[0]!.id);
    expect(await lockerUsage(db, { userId: citizen.id })).toEqual({
      used: pdf().length + png(20, 20).length,
      quota: 1024 ** 3,
    });
  });

  it('renames a file with a cleaned name that keeps its real extension, and audits it', async () => {
    const citizen = await createPerson(db);
    const file = await uploaded(citizen.id, 'scan.pdf');
    actAs(citizen.id);
    const r = await actions.renameFileAction({ fileId: file.id, name: '../मार्कशीट\u202E.exe' });
    expect(r).toEqual({ ok: true, data: 'मार्कशीट.exe.pdf' });
    expect(await audits(citizen.id, 'locker.file.rename')).toMatchObject([
      { outcome: 'ok', detail: { from: 'scan.pdf', to: 'मार्कशीट.exe.pdf' } },
    ]);
    const empty = await actions.renameFileAction({ fileId: file.id, name: ' \u200B ' });
    expect(empty).toMatchObject({ ok: false, error: { fieldErrors: { name: 'fileName' } } });
  });

  it("refuses to touch someone else's file or folder, as not found, and audits the refusal", async () => {
    const owner = await createPerson(db);
    const stranger = await createPerson(db);
    const file = await uploaded(owner.id, 'mine.pdf');
    actAs(owner.id);
    const folder = await actions.createFolderAction({ name: 'Marks' });
    expect(folder.ok).toBe(true);
    const folderId = folder.ok ? folder.data : '';
    actAs(stranger.id);
    for (const r of [
      await actions.renameFileAction({ fileId: file.id, name: 'x' }),
      await actions.deleteFileAction({ fileId: file.id }),
      await actions.moveFileAction({ fileId: file.id, folderId: '' }),
      await actions.renameFolderAction({ folderId, name: 'x' }),
      await actions.deleteFolderAction({ folderId }),
    ])
      expect(r).toMatchObject({ ok: false, error: { key: 'notFound', status: 404 } });
    // Their own file into the owner's folder: the folder is not theirs.
    const theirs = await uploaded(stranger.id, 'theirs.pdf');
    expect(await actions.moveFileAction({ fileId: theirs.id, folderId })).toMatchObject({
      ok: false,
      error: { key: 'notFound' },
    });
    expect(await audits(stranger.id, 'locker.file.delete')).toMatchObject([
      { outcome: 'denied', objectId: file.id },
    ]);
    const [still] = await db.select().from(lockerFiles).where(eq(lockerFiles.id, file.id));
    expect(still).toMatchObject({ name: 'mine.pdf', folderId: null });
  });

  it('creates, renames and deletes folders; deleting one moves its files out', async () => {
    const citizen = await createPerson(db);
    actAs(citizen.id);
    const made = await actions.createFolderAction({ name: '  प्रमाणपत्र ' });
    expect(made.ok).toBe(true);
    const folderId = made.ok ? made.data : '';
    expect(await actions.createFolderAction({ name: 'प्रमाणपत्र' })).toMatchObject({
      ok: false,
      error: { fieldErrors: { name: 'folderExists' } },
    });
    const file = await uploaded(citizen.id, 'a.pdf');
    expect(await actions.moveFileAction({ fileId: file.id, folderId })).toEqual({
      ok: true,
      data: null,
    });
    expect((await listLockerFiles(db, { userId: citizen.id }))[0]!.folderName).toBe('प्रमाणपत्र');
    expect((await actions.renameFolderAction({ folderId, name: 'Certificates' })).ok).toBe(true);
    expect((await actions.deleteFolderAction({ folderId })).ok).toBe(true);
    expect(
      await db.select().from(lockerFolders).where(eq(lockerFolders.userId, citizen.id)),
    ).toEqual([]);
    const [kept] = await db.select().from(lockerFiles).where(eq(lockerFiles.id, file.id));
    expect(kept).toMatchObject({ folderId: null, name: 'a.pdf' });
    expect(await audits(citizen.id, 'locker.folder.delete')).toMatchObject([
      { detail: { name: 'Certificates', filesMovedOut: 1 } },
    ]);
  });

  it('uploads into a folder of the citizen only', async () => {
    const citizen = await createPerson(db);
    const other = await createPerson(db);
    actAs(other.id);
    const theirs = await actions.createFolderAction({ name: 'Theirs' });
    const folderId = theirs.ok ? theirs.data : '';
    await expect(
      receiveLockerFile(db, {
        userId: citizen.id,
        fileName: 'a.pdf',
        folderId,
        body: bodyOf(pdf()),
        scanner: null,
      }),
    ).rejects.toThrow('No such folder');
    expect(await listLockerFiles(db, { userId: citizen.id })).toEqual([]);
  });

  it('deletes a file with its row, audit entry and stored object', async () => {
    const citizen = await createPerson(db);
    const file = await uploaded(citizen.id, 'gone.pdf');
    const [row] = await db.select().from(lockerFiles).where(eq(lockerFiles.id, file.id));
    expect(await storedSize(row!.storageKey)).toBe(pdf().length);
    actAs(citizen.id);
    expect(await actions.deleteFileAction({ fileId: file.id })).toEqual({ ok: true, data: null });
    expect(await listLockerFiles(db, { userId: citizen.id })).toEqual([]);
    expect(await audits(citizen.id, 'locker.file.delete')).toMatchObject([
      { outcome: 'ok', detail: { name: 'gone.pdf' } },
    ]);
    expect(await storedSize(row!.storageKey)).toBeNull();
  });
});
