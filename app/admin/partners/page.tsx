import { getTranslations } from 'next-intl/server';
import { ClientMessages } from '@/components/i18n/client-messages';
import { Badge, Card, EmptyState, PageTitle } from '@/components/ui';
import { getDb } from '@/db/client';
import { requirePageAccess } from '@/lib/auth/guard';
import { listPartners } from '@/lib/partner-api/partners';
import { createPartnerAction, revokePartnerAction } from './actions';
import { CreatePartnerForm, RevokePartnerButton } from './partner-controls';

export default async function PartnersPage() {
  await requirePageAccess('admin.partners.manage', { next: '/admin/partners' });
  const t = await getTranslations('admin');
  const partners = await listPartners(getDb());
  return (
    <div className="space-y-6">
      <PageTitle sub={t('partnersIntro')}>{t('partners')}</PageTitle>
      <Card title={t('createPartner')}>
        <ClientMessages namespaces={['admin', 'errors']}>
          <CreatePartnerForm create={createPartnerAction} />
        </ClientMessages>
      </Card>
      <Card title={t('partners')}>
        {partners.length === 0 ? (
          <EmptyState>{t('partnersEmpty')}</EmptyState>
        ) : (
          <ul className="divide-y divide-slate-100">
            {partners.map((p) => (
              <li key={p.id} className="flex flex-wrap items-center gap-3 py-2">
                <span className="font-medium">{p.name}</span>
                <span className="font-mono text-xs text-slate-500">
                  {t('keyEnds', { hint: p.keyHint })}
                </span>
                <Badge tone={p.status === 'active' ? 'green' : 'red'}>
                  {p.status === 'active' ? t('active') : t('revokedLabel')}
                </Badge>
                {p.status === 'active' ? (
                  <RevokePartnerButton id={p.id} revoke={revokePartnerAction} />
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
