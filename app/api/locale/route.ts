import { setLocaleAction } from '@/app/actions/locale';
import { config } from '@/lib/config';
import { safeNextPath } from '@/lib/http/safe-redirect';
import { crossSiteReason } from '@/lib/http/same-origin';
import { LOCALES } from '@/lib/i18n/locales';

export const dynamic = 'force-dynamic';

/**
 * POST /api/locale: the language buttons of the pages without client code (the verification
 * page) post here; the language is stored as the switcher stores it, and the browser goes back
 * to the page it came from. A form from another site is refused and changes nothing.
 */
export async function POST(req: Request) {
  // The address the browser used, or the public one (behind a proxy they can differ).
  const own = [new URL(req.url).origin, new URL(config.publicBaseUrl).origin];
  if (crossSiteReason(req.headers, [config.publicBaseUrl]))
    return Response.json(
      { error: 'forbidden', message: 'This request did not come from this site' },
      { status: 403 },
    );
  const locale = String((await req.formData().catch(() => null))?.get('locale') ?? '');
  if (!(LOCALES as readonly string[]).includes(locale))
    return Response.json(
      { error: 'invalid', message: `The language must be one of ${LOCALES.join(', ')}` },
      { status: 400 },
    );
  await setLocaleAction(locale);
  let back: string | null = null;
  try {
    const referer = new URL(req.headers.get('referer') ?? '');
    if (own.includes(referer.origin)) back = safeNextPath(referer.pathname + referer.search);
  } catch {
    back = null;
  }
  return new Response(null, { status: 303, headers: { location: back ?? '/' } });
}
