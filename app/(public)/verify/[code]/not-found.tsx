import { getTranslations } from 'next-intl/server';
import { ButtonLink, Card, PageTitle } from '@/components/ui';

export default async function CertificateNotFound() {
  const t = await getTranslations('verify');
  return (
    <div className="mx-auto max-w-lg">
      <PageTitle>{t('title')}</PageTitle>
      <Card>
        <div data-testid="verify-result" data-status="not-found">
          <h2 className="text-lg font-semibold text-red-800">{t('notFoundTitle')}</h2>
          <p className="mt-2 text-slate-700">{t('notFoundBody')}</p>
        </div>
        <ButtonLink href="/verify" variant="secondary" className="mt-4">
          {t('another')}
        </ButtonLink>
      </Card>
    </div>
  );
}
