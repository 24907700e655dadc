'use client';

import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui';

// Unexpected errors: a friendly message with the reference Next.js logs beside the real error.
export default function ErrorPage({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  const t = useTranslations();
  return (
    <div className="mx-auto max-w-lg py-12 text-center" role="alert">
      <h1 className="text-2xl font-semibold">{t('errorPage.title')}</h1>
      <p className="mt-3 text-slate-600">{t('errors.unexpected', { ref: error.digest ?? '—' })}</p>
      <Button className="mt-6" onClick={reset}>
        {t('errorPage.retry')}
      </Button>
    </div>
  );
}
