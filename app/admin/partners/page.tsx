import { getLocale, getTranslations } from 'next-intl/server';
import { ClientMessages } from '@/components/i18n/client-messages';
import { Badge, Card, EmptyState, PageTitle } from '@/components/ui';
import { getDb } from '@/db/client';
import { requirePageAccess } from '@/lib/auth/guard';
import { formatDateTime } from '@/lib/i18n/format';
import type { FailureSummary } from '@/lib/partner-api/auth-failures';
import { listPartners } from '@/lib/partner-api/partners';
import { createPartnerAction, revokePartnerAction, setPartnerKeyhashAction } from './actions';
import { CreatePartnerForm } from './create-partner-form';
import { PartnerControls } from './partner-controls';

const REASONS = [
  'missing-mac',
  'unknown-org',
  'revoked-partner',
  'keyhash-not-allowed',
  'bad-mac',
  'stale-ts',
  'replayed-txn',
  'missing-txn',
  'rate-limited',
] as const;

export default async function PartnersPage() {
  await requirePageAccess('admin.partners.manage', { next: '/admin/partners' });
  const [t, locale, { partners, unknownOrgFailures }] = await Promise.all([
    getTranslations('adminPartners'),
    getLocale(),
    listPartners(getDb()),
  ]);
  const failures = (f: FailureSummary) => {
    if (f.failures === 0 || !f.lastAt) return t('noFailures');
    const reason = (REASONS as readonly string[]).includes(f.lastReason ?? '')
      ? t(`reason.${f.lastReason as (typeof REASONS)[number]}`)
      : (f.lastReason ?? '');
    const when = `${formatDateTime(locale, f.lastAt)}, ${formatDateTime(locale, f.lastAt, 'time')}`;
    return `${t('failures', { count: f.failures })} ${t('lastFailure', { when, reason })}`;
  };
  return (
    <ClientMessages namespaces={['adminPartners', 'errors']}>
      <div className="space-y-6" data-testid="admin-partners">
        <PageTitle sub={t('intro')}>{t('title')}</PageTitle>
        <Card title={t('create')}>
          <CreatePartnerForm create={createPartnerAction} />
        </Card>
        <Card title={t('title')}>
          {partners.length === 0 ? (
            <EmptyState>{t('empty')}</EmptyState>
          ) : (
            <ul className="divide-y divide-slate-100">
              {partners.map((p) => (
                <li key={p.id} className="space-y-2 py-3" data-testid="partner">
                  <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
                    <span className="break-words font-medium">{p.name}</span>
                    <Badge tone={p.status === 'active' ? 'green' : 'red'}>
                      {p.status === 'active' ? t('active') : t('revoked')}
                    </Badge>
                    {p.status === 'active' && p.keyhashAllowed ? (
                      <Badge tone="amber">{t('keyhashOn')}</Badge>
                    ) : null}
                  </div>
                  <p className="flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-600">
                    <span>
                      {t('orgId')}{' '}
                      <code
                        className="break-all font-mono text-slate-900"
                        data-testid="partner-org-id"
                      >
                        {p.orgId}
                      </code>
                    </span>
                    <span className="text-xs">{t('keyEnds', { hint: p.keyHint })}</span>
                  </p>
                  <p className="text-sm text-slate-600" data-testid="partner-failures">
                    {failures(p.failures)}
                  </p>
                  {p.status === 'active' ? (
                    <PartnerControls
                      id={p.id}
                      name={p.name}
                      keyhashAllowed={p.keyhashAllowed}
                      revoke={revokePartnerAction}
                      setKeyhash={setPartnerKeyhashAction}
                    />
                  ) : null}
                </li>
              ))}
            </ul>
          )}
          <p
            className="mt-4 border-t border-slate-100 pt-3 text-sm text-slate-600"
            data-testid="unknown-org-failures"
          >
            <span className="block font-medium text-slate-800">{t('unknownOrg')}</span>
            {failures(unknownOrgFailures)}
          </p>
        </Card>
      </div>
    </ClientMessages>
  );
}
