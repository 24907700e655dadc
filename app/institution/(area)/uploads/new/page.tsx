import { getLocale, getTranslations } from 'next-intl/server';
import Link from 'next/link';
import { ClientMessages } from '@/components/i18n/client-messages';
import { formatBytes } from '@/components/records/format-bytes';
import { UploadForm } from '@/components/records/upload-form';
import { PageTitle, buttonStyles } from '@/components/ui';
import { requirePageAccess } from '@/lib/auth/guard';
import { config } from '@/lib/config';

export default async function NewUploadPage() {
  await requirePageAccess('records.upload', { next: '/institution/uploads/new' });
  const t = await getTranslations('recordUpload');
  const locale = await getLocale();
  const maxBytes = config.recordsMaxBytes;
  const maxRows = config.recordsMaxRows;
  return (
    <div className="space-y-6">
      <PageTitle sub={t('intro')}>{t('title')}</PageTitle>
      <div className="space-y-3">
        <p className="text-sm text-slate-600">
          {t('limits', { size: formatBytes(maxBytes, locale), rows: maxRows })}{' '}
          <Link href="/institution/template" className="text-brand-700 underline">
            {t('guide')}
          </Link>
        </p>
        <div className="flex flex-wrap gap-2">
          <a href="/institution/template.csv" download className={buttonStyles.secondary}>
            {t('downloadTemplate')}
          </a>
          <a href="/institution/sample.csv" download className={buttonStyles.secondary}>
            {t('downloadSample')}
          </a>
        </div>
      </div>
      <ClientMessages namespaces={['recordUpload', 'recordErrors', 'errors']}>
        <UploadForm maxBytes={maxBytes} maxRows={maxRows} />
      </ClientMessages>
    </div>
  );
}
