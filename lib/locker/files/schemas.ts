import { z } from 'zod';
import { zVisibleText } from '@/lib/text/visible';

// One schema per input, shared by the uploads page's forms and the server actions. Messages are
// keys under `lockerFiles.errors`.

const id = z.uuid('notFound');

export const ZRenameFileInput = z.object({ fileId: id, name: zVisibleText(1, 150, 'fileName') });
export type TRenameFileInput = z.infer<typeof ZRenameFileInput>;

export const ZMoveFileInput = z.object({
  fileId: id,
  /** Empty: out of any folder. */
  folderId: z.union([id, z.literal('')]),
});
export type TMoveFileInput = z.infer<typeof ZMoveFileInput>;

export const ZFileIdInput = z.object({ fileId: id });

export const ZFolderInput = z.object({ name: zVisibleText(1, 60, 'folderName') });
export type TFolderInput = z.infer<typeof ZFolderInput>;

export const ZRenameFolderInput = z.object({
  folderId: id,
  name: zVisibleText(1, 60, 'folderName'),
});
export const ZFolderIdInput = z.object({ folderId: id });
