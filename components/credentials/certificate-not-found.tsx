'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { Card, PageTitle, buttonStyles } from '@/components/ui';

/**
 * "Certificate not found" for /verify/{code}. A client component with its words in the `errors`
 * messages every page already carries: Next.js renders a route's not-found boundary into every
 * answer of that route, and this keeps it to a reference on the busiest page of the site.
 */
export function CertificateNotFound() {
  const t = useTranslations('errors');
  const nav = useTranslations('nav');
  return (
    <div className="mx-auto max-w-lg">
      <PageTitle>{nav('verify')}</PageTitle>
      <Card>
        <div data-testid="verify-result" data-status="not-found">
          <h2 className="text-lg font-semibold text-red-800">{t('certificateNotFoundTitle')}</h2>
          <p className="mt-2 text-slate-700">{t('certificateNotFoundBody')}</p>
        </div>
        <Link href="/verify" className={`${buttonStyles.secondary} mt-4`}>
          {t('checkAnotherCode')}
        </Link>
      </Card>
    </div>
  );
}
