import { getDb } from '@/db/client';
import { certificateFileName } from '@/lib/credentials/file-name';
import { getRendition } from '@/lib/credentials/renditions';
import { NotFoundError } from '@/lib/errors';
import { clientIp } from '@/lib/http/client-ip';
import { attachment } from '@/lib/http/content-disposition';
import { withUser } from '@/lib/http/with-auth';
import { readDocument } from '@/lib/locker/access';

export const dynamic = 'force-dynamic';

/** GET /api/certificates/{id}/pdf|xml: the holder's or the issuer's download, named by its number. */
export const GET = withUser<{ id: string; kind: string }>(async (req, { user, params }) => {
  const kind = params.kind;
  if (kind !== 'pdf' && kind !== 'xml') throw new NotFoundError();
  const db = getDb();
  const doc = await readDocument(db, {
    reader: { kind: 'user', userId: user.id, memberships: user.memberships },
    target: { certificateId: params.id },
    action: kind,
    ip: clientIp(req.headers),
  });
  if (doc.kind !== 'certificate') throw new NotFoundError();
  const body = await getRendition(db, doc.id, kind);
  return new Response(new Uint8Array(body), {
    headers: {
      'content-type': kind === 'pdf' ? 'application/pdf' : 'application/xml; charset=utf-8',
      'content-disposition': attachment(certificateFileName(doc.number, doc.version, kind)),
      'cache-control': 'private, no-store',
      'x-content-type-options': 'nosniff',
    },
  });
});
