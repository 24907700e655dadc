import { getLocale } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { VerifyResult } from '@/components/credentials/verify-result';
import { checkCodeFromPath } from '@/lib/credentials/public-verification';
import { toLocale } from '@/lib/i18n/locales';

export const dynamic = 'force-dynamic';

// Never cached: a revocation shows on the next scan. A scan (a plain GET) is answered by the web
// server's own renderer of the same components (./render.tsx); Next.js renders this route for a
// link followed inside the site and in `npm run dev`.
export default async function VerifyCodePage({
  params,
  searchParams,
}: {
  params: Promise<{ code: string }>;
  searchParams: Promise<{ via?: string }>;
}) {
  const [{ code }, { via }] = await Promise.all([params, searchParams]);
  const c = await checkCodeFromPath(code, via === 'typed' ? 'typed' : 'qr');
  if (!c) notFound();
  return <VerifyResult c={c} locale={toLocale(await getLocale())} />;
}
