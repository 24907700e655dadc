import { getTranslations } from 'next-intl/server';
import { OrgMemberships } from '@/components/layout/org-memberships';
import { Card, EmptyState, PageTitle } from '@/components/ui';
import { requirePageAccess } from '@/lib/auth/guard';

export default async function CoursesPage() {
  const { memberships } = await requirePageAccess('courses.view', { next: '/courses' });
  const t = await getTranslations('courses');
  return (
    <div className="space-y-6" data-testid="area-courses">
      <PageTitle>{t('title')}</PageTitle>
      <OrgMemberships title={t('tenant')} items={memberships} />
      <Card title={t('title')}>
        <EmptyState>{t('coursesEmpty')}</EmptyState>
      </Card>
    </div>
  );
}
