import { getDb } from '@/db/client';
import { registerCsvStream, registerFileName } from '@/lib/credentials/register';
import { attachment } from '@/lib/http/content-disposition';
import { withUser } from '@/lib/http/with-auth';
import { actingInstitution } from '@/lib/institutions/acting';

export const dynamic = 'force-dynamic';

/** GET ?q=…: the acting institution's certificate register (or what matches q) as CSV. */
export const GET = withUser(async (req, { user }) => {
  const { id: issuerOrgId } = await actingInstitution(user, 'institution.view');
  const q = new URL(req.url).searchParams.get('q')?.slice(0, 100) ?? '';
  return new Response(registerCsvStream(getDb(), { issuerOrgId, q }), {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': attachment(registerFileName()),
      'cache-control': 'private, no-store',
    },
  });
});
