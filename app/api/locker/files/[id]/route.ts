import { getDb } from '@/db/client';
import { NotFoundError } from '@/lib/errors';
import { clientIp } from '@/lib/http/client-ip';
import { attachment } from '@/lib/http/content-disposition';
import { withUser } from '@/lib/http/with-auth';
import { readDocument } from '@/lib/locker/access';
import { storedFileResponse } from '@/lib/locker/files/download';

export const dynamic = 'force-dynamic';

/** GET /api/locker/files/{id}: the owner's download, through the one access decision. */
export const GET = withUser<{ id: string }>(async (req, { user, params }) => {
  const doc = await readDocument(getDb(), {
    reader: { kind: 'user', userId: user.id, memberships: user.memberships },
    target: { fileId: params.id },
    action: 'file',
    ip: clientIp(req.headers),
  });
  if (doc.kind !== 'file') throw new NotFoundError();
  return storedFileResponse(doc, attachment(doc.name));
});
