import { getDb } from '@/db/client';
import { authorize } from '@/lib/auth/session';
import { clientIp } from '@/lib/http/client-ip';
import { withUser } from '@/lib/http/with-auth';
import { receiveLockerFile } from '@/lib/locker/files/upload';

export const dynamic = 'force-dynamic';

// POST the file as the raw request body (streamed and capped at 10 MB while it arrives, so this
// path is in LARGE_BODY_PATHS); x-file-name carries its name URI-encoded, x-folder-id an optional
// folder. Its type is read from its bytes, whatever the name or Content-Type say.
export const POST = withUser(async (req, { user }) => {
  authorize(user, 'locker.documents.manage');
  let fileName = '';
  try {
    fileName = decodeURIComponent(req.headers.get('x-file-name') ?? '');
  } catch {
    // a malformed name: the file gets a plain one
  }
  const declared = req.headers.get('content-length');
  const file = await receiveLockerFile(getDb(), {
    userId: user.id,
    fileName,
    folderId: req.headers.get('x-folder-id'),
    body: req.body,
    declaredSize: declared === null ? null : Number(declared),
    ip: clientIp(req.headers),
    userAgent: req.headers.get('user-agent'),
  });
  return Response.json(file, { status: 201 });
});
