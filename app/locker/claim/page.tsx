import { getTranslations } from 'next-intl/server';
import { ClientMessages } from '@/components/i18n/client-messages';
import { Card, EmptyState, PageTitle } from '@/components/ui';
import { getDb } from '@/db/client';
import { requirePageAccess } from '@/lib/auth/guard';
import { CLAIM_TRIES_PER_HOUR, claimableIssuers } from '@/lib/locker/claim';
import { claimAction } from '../actions';
import { ClaimForm } from './claim-form';

export default async function LockerClaimPage() {
  await requirePageAccess('locker.view', { next: '/locker/claim' });
  const [issuers, t] = await Promise.all([
    claimableIssuers(getDb()),
    getTranslations('lockerDocs.claim'),
  ]);
  return (
    <div className="space-y-6">
      <PageTitle sub={t('intro')}>{t('title')}</PageTitle>
      <Card>
        {issuers.length === 0 ? (
          <EmptyState>{t('noIssuers')}</EmptyState>
        ) : (
          <ClientMessages namespaces={['lockerDocs', 'errors']}>
            <ClaimForm issuers={issuers} claim={claimAction} />
          </ClientMessages>
        )}
        <p className="mt-4 text-xs text-slate-500">{t('limit', { count: CLAIM_TRIES_PER_HOUR })}</p>
      </Card>
    </div>
  );
}
