import { getDb } from '@/db/client';
import { certificateFileName } from '@/lib/credentials/file-name';
import { authorizeCertificateDownload } from '@/lib/credentials/queries';
import { getRendition } from '@/lib/credentials/renditions';
import { NotFoundError } from '@/lib/errors';
import { attachment } from '@/lib/http/content-disposition';
import { withUser } from '@/lib/http/with-auth';

export const dynamic = 'force-dynamic';

/** GET /api/certificates/{id}/pdf|xml: the holder's or the issuer's download, named by its number. */
export const GET = withUser<{ id: string; kind: string }>(async (_req, { user, params }) => {
  const kind = params.kind;
  if (kind !== 'pdf' && kind !== 'xml') throw new NotFoundError();
  const { number, version } = await authorizeCertificateDownload(user, params.id);
  const body = await getRendition(getDb(), params.id, kind);
  return new Response(new Uint8Array(body), {
    headers: {
      'content-type': kind === 'pdf' ? 'application/pdf' : 'application/xml; charset=utf-8',
      'content-disposition': attachment(certificateFileName(number, version, kind)),
      'cache-control': 'private, no-store',
    },
  });
});
