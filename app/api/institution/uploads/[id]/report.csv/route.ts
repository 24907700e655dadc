import { cookies } from 'next/headers';
import { getDb } from '@/db/client';
import { LOCALE_COOKIE } from '@/lib/i18n/locales';
import { withUser } from '@/lib/http/with-auth';
import { reportCsv } from '@/lib/records/report';
import { actingInstitution } from '@/lib/institutions/acting';

// GET ?only=errors for the rejected rows alone.
export const GET = withUser<{ id: string }>(async (req, { user, params }) => {
  const { id: orgId } = await actingInstitution(user, 'institution.view');
  const onlyErrors = new URL(req.url).searchParams.get('only') === 'errors';
  const locale = (await cookies()).get(LOCALE_COOKIE)?.value ?? 'en';
  const { fileName, body } = await reportCsv(
    getDb(),
    { orgId, uploadId: params.id },
    { onlyErrors, locale },
  );
  return new Response(body, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      'cache-control': 'private, no-store',
    },
  });
});
