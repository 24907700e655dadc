import { Card, PageTitle, buttonStyles } from '@/components/ui';
import type { Locale } from '@/lib/i18n/locales';
import { translatorFor } from '@/lib/i18n/process-translations';

/** "Certificate not found" for /verify/{code}: a code no certificate has, or a malformed one. */
export function CertificateNotFound({ locale }: { locale: Locale }) {
  const t = translatorFor(locale, 'errors');
  return (
    <div className="mx-auto max-w-lg">
      <PageTitle>{translatorFor(locale, 'nav')('verify')}</PageTitle>
      <Card>
        <div data-testid="verify-result" data-status="not-found">
          <h2 className="text-lg font-semibold text-red-800">{t('certificateNotFoundTitle')}</h2>
          <p className="mt-2 text-slate-700">{t('certificateNotFoundBody')}</p>
        </div>
        <a href="/verify" className={`${buttonStyles.secondary} mt-4`}>
          {t('checkAnotherCode')}
        </a>
      </Card>
    </div>
  );
}
