import { getTranslations } from 'next-intl/server';
import { ClientMessages } from '@/components/i18n/client-messages';
import { OrgMemberships } from '@/components/layout/org-memberships';
import { StatusCheck } from '@/components/verifier/status-check';
import { Card, EmptyState, PageTitle } from '@/components/ui';
import { requirePageAccess } from '@/lib/auth/guard';

export default async function VerifierPage() {
  const { memberships } = await requirePageAccess('verifier.view', { next: '/verifier' });
  const t = await getTranslations('verifier');
  return (
    <div className="space-y-6" data-testid="area-verifier">
      <PageTitle>{t('title')}</PageTitle>
      <OrgMemberships title={t('organisation')} items={memberships} />
      <Card title={t('title')}>
        <EmptyState>{t('requestsEmpty')}</EmptyState>
      </Card>
      <Card title={t('statusCheck.title')}>
        <ClientMessages namespaces={['verifier']}>
          <StatusCheck />
        </ClientMessages>
      </Card>
    </div>
  );
}
