import { getDb } from '@/db/client';
import { isTemplateKey } from '@/lib/credentials/templates';
import { InvalidError } from '@/lib/errors';
import { withUser } from '@/lib/http/with-auth';
import { renderSamplePdf } from '@/lib/records/sample-pdf';
import { actingInstitution } from '@/lib/institutions/acting';

// GET ?template=classic|modern: a design filled with the first accepted row of the upload.
export const GET = withUser<{ id: string }>(async (req, { user, params }) => {
  const { id: orgId } = await actingInstitution(user, 'institution.view');
  const template = new URL(req.url).searchParams.get('template') ?? '';
  if (!isTemplateKey(template)) throw new InvalidError('Unknown design');
  const pdf = await renderSamplePdf(getDb(), { orgId, uploadId: params.id }, template);
  return new Response(new Uint8Array(pdf), {
    headers: {
      'content-type': 'application/pdf',
      'content-disposition': `inline; filename="sample-${template}.pdf"`,
      'cache-control': 'private, no-store',
    },
  });
});
