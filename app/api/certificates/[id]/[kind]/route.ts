import { getDb } from '@/db/client';
import { authorizeCertificateDownload } from '@/lib/credentials/queries';
import { getRendition } from '@/lib/credentials/renditions';
import { NotFoundError } from '@/lib/errors';
import { withUser } from '@/lib/http/with-auth';

export const dynamic = 'force-dynamic';

/** GET /api/certificates/{id}/pdf|xml: the holder's or the issuer's download. */
export const GET = withUser<{ id: string; kind: string }>(async (_req, { user, params }) => {
  if (params.kind !== 'pdf' && params.kind !== 'xml') throw new NotFoundError();
  await authorizeCertificateDownload(user, params.id);
  const body = await getRendition(getDb(), params.id, params.kind);
  return new Response(new Uint8Array(body), {
    headers: {
      'content-type': params.kind === 'pdf' ? 'application/pdf' : 'application/xml; charset=utf-8',
      'content-disposition': `attachment; filename="certificate-${params.id.slice(0, 8)}.${params.kind}"`,
      'cache-control': 'private, no-store',
    },
  });
});
