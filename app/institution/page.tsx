import { getTranslations } from 'next-intl/server';
import { OrgMemberships } from '@/components/layout/org-memberships';
import { Card, EmptyState, PageTitle } from '@/components/ui';
import { requirePageAccess } from '@/lib/auth/guard';

export default async function InstitutionPage() {
  const { memberships } = await requirePageAccess('institution.view', { next: '/institution' });
  const t = await getTranslations('institution');
  return (
    <div className="space-y-6" data-testid="area-institution">
      <PageTitle>{t('title')}</PageTitle>
      <OrgMemberships title={t('status')} items={memberships} />
      <Card title={t('uploadsTitle')}>
        <EmptyState>{t('uploadsEmpty')}</EmptyState>
      </Card>
    </div>
  );
}
