import { getTranslations } from 'next-intl/server';
import { EmptyState, PageTitle } from '@/components/ui';
import { requirePageAccess } from '@/lib/auth/guard';

export default async function LockerAccessPage() {
  await requirePageAccess('locker.view', { next: '/locker/access' });
  const t = await getTranslations('sharing');
  return (
    <div className="space-y-6">
      <PageTitle>{t('title')}</PageTitle>
      <EmptyState>{t('title')}</EmptyState>
    </div>
  );
}
