import { getTranslations } from 'next-intl/server';
import { EmptyState, PageTitle } from '@/components/ui';
import { requirePageAccess } from '@/lib/auth/guard';

export default async function LockerClaimPage() {
  await requirePageAccess('locker.view', { next: '/locker/claim' });
  const t = await getTranslations('lockerDocs');
  return (
    <div className="space-y-6">
      <PageTitle>{t('title')}</PageTitle>
      <EmptyState>{t('title')}</EmptyState>
    </div>
  );
}
