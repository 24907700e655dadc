import { getTranslations } from 'next-intl/server';
import { EmptyState, PageTitle } from '@/components/ui';
import { requirePageAccess } from '@/lib/auth/guard';

export default async function LockerUploadsPage() {
  await requirePageAccess('locker.view', { next: '/locker/uploads' });
  const t = await getTranslations('lockerFiles');
  return (
    <div className="space-y-6">
      <PageTitle>{t('title')}</PageTitle>
      <EmptyState>{t('title')}</EmptyState>
    </div>
  );
}
