import { Card, PageTitle, buttonStyles } from '@/components/ui';
import { getVerifyTranslations } from '@/lib/i18n/process-translations';

// Next renders this boundary along with every /verify/{code} answer, so it stays as light as the
// page itself (see page.tsx).
export default async function CertificateNotFound() {
  const { t } = await getVerifyTranslations();
  return (
    <div className="mx-auto max-w-lg">
      <PageTitle>{t('title')}</PageTitle>
      <Card>
        <div data-testid="verify-result" data-status="not-found">
          <h2 className="text-lg font-semibold text-red-800">{t('notFoundTitle')}</h2>
          <p className="mt-2 text-slate-700">{t('notFoundBody')}</p>
        </div>
        <a href="/verify" className={`${buttonStyles.secondary} mt-4`}>
          {t('another')}
        </a>
      </Card>
    </div>
  );
}
