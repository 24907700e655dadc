import { getTranslations } from 'next-intl/server';
import { ButtonLink, Card, PageTitle } from '@/components/ui';

export const dynamic = 'force-dynamic';

// Certificates and their checking arrive with the signed-credentials issue; until then every
// code is unknown, and the page says so plainly.
export default async function VerifyCodePage({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  const t = await getTranslations('verify');
  const shown = decodeURIComponent(code).slice(0, 64);
  return (
    <div className="mx-auto max-w-lg">
      <PageTitle>{t('title')}</PageTitle>
      <Card>
        <div data-testid="verify-result" data-status="not-found">
          <h2 className="text-lg font-semibold text-red-800">{t('notFoundTitle')}</h2>
          <p className="mt-2 text-slate-700">{t('notFoundBody', { code: shown })}</p>
        </div>
        <ButtonLink href="/verify" variant="secondary" className="mt-4">
          {t('submit')}
        </ButtonLink>
      </Card>
    </div>
  );
}
