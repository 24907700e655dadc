import { getDb } from '@/db/client';
import { authorize } from '@/lib/auth/session';
import { readSignedDownload } from '@/lib/esign/sign-document';
import { NotFoundError } from '@/lib/errors';
import { clientIp } from '@/lib/http/client-ip';
import { attachment } from '@/lib/http/content-disposition';
import { withUser } from '@/lib/http/with-auth';

export const dynamic = 'force-dynamic';

const PARTS = ['signed', 'signature', 'image'] as const;

/** GET …/sign/download?part=signed|signature|image: the owner's signed PDF, or image and .p7s. */
export const GET = withUser<{ id: string }>(async (req, { user, params }) => {
  authorize(user, 'locker.view');
  const part = PARTS.find((p) => p === new URL(req.url).searchParams.get('part'));
  if (!part) throw new NotFoundError();
  const file = await readSignedDownload(
    getDb(),
    {
      userId: user.id,
      memberships: user.memberships,
      ip: clientIp(req.headers),
      userAgent: req.headers.get('user-agent'),
    },
    { fileId: params.id, part },
  );
  return new Response(new Uint8Array(file.body), {
    headers: {
      'content-type': file.contentType,
      'content-disposition': attachment(file.fileName),
      'cache-control': 'private, no-store',
      'x-content-type-options': 'nosniff',
    },
  });
});
