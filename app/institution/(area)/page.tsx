import { getTranslations } from 'next-intl/server';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { OrgMemberships } from '@/components/layout/org-memberships';
import { IssuedCertificateList } from '@/components/credentials/issued-certificate-list';
import { Card, EmptyState, PageTitle, SearchForm } from '@/components/ui';
import { requirePageAccess } from '@/lib/auth/guard';
import { listIssuerCertificates } from '@/lib/credentials/queries';
import { countRegister } from '@/lib/credentials/register';
import { getDb } from '@/db/client';
import { listUploads } from '@/lib/records/queries';
import { actingInstitution } from '@/lib/institutions/acting';
import { UploadStatusBadge } from '@/components/records/upload-status-badge';
import { ButtonLink } from '@/components/ui';
import { listIssuerCorrections } from '@/lib/locker/corrections';

export default async function InstitutionPage({
  searchParams,
}: {
  searchParams: Promise<{ q?: string }>;
}) {
  const { user, memberships } = await requirePageAccess('institution.view', {
    next: '/institution',
  });
  const { q = '' } = await searchParams;
  // Searching certificates is the register's job; an older link with ?q= is sent there.
  if (q.trim()) redirect(`/institution/certificates?q=${encodeURIComponent(q.trim())}`);
  const t = await getTranslations();
  const { id: orgId } = await actingInstitution(user, 'institution.view').catch(() => notFound());
  const [certs, total, uploads, corrections] = await Promise.all([
    listIssuerCertificates({ issuerOrgId: orgId, limit: 5 }),
    countRegister(getDb(), { issuerOrgId: orgId }),
    listUploads({ orgId, limit: 5 }),
    listIssuerCorrections(getDb(), { issuerOrgId: orgId, pageSize: 1 }),
  ]);
  return (
    <div className="space-y-6" data-testid="area-institution">
      <PageTitle>{t('institution.title')}</PageTitle>
      <OrgMemberships title={t('institution.status')} items={memberships} />
      {corrections.total > 0 ? (
        <Card title={t('sharing.corrections.issuerTitle')}>
          <p className="text-sm text-slate-700" data-testid="open-corrections">
            {t('sharing.corrections.openCount', { count: corrections.total })}
          </p>
          <div className="mt-4">
            <ButtonLink href="/institution/corrections" variant="secondary">
              {t('sharing.corrections.issuerNav')}
            </ButtonLink>
          </div>
        </Card>
      ) : null}
      <Card title={t('records.dashboardTitle')}>
        {uploads.length === 0 ? (
          <EmptyState>{t('records.dashboardEmpty')}</EmptyState>
        ) : (
          <ul className="divide-y divide-slate-100">
            {uploads.map((u) => (
              <li key={u.id} className="flex flex-wrap items-center gap-x-4 gap-y-1 py-2">
                <Link
                  href={`/institution/uploads/${u.id}`}
                  className="font-medium break-all text-brand-700 underline"
                >
                  {u.fileName}
                </Link>
                <UploadStatusBadge status={u.status} label={t(`records.status.${u.status}`)} />
                <span className="text-sm text-slate-600">
                  {t('records.listCounts', {
                    rows: u.rowCount,
                    accepted: u.acceptedCount,
                    rejected: u.rejectedCount,
                  })}
                </span>
              </li>
            ))}
          </ul>
        )}
        <div className="mt-4 flex flex-wrap gap-2">
          <ButtonLink href="/institution/uploads/new">{t('records.newUpload')}</ButtonLink>
          <ButtonLink href="/institution/uploads" variant="secondary">
            {t('records.listTitle')}
          </ButtonLink>
        </div>
      </Card>
      <Card title={t('institution.certificatesTitle')}>
        <SearchForm
          name="q"
          label={t('institution.search')}
          button={t('institution.searchButton')}
          action="/institution/certificates"
          className="mb-4"
        />
        {certs.length > 0 ? (
          <h3 className="text-sm font-medium text-slate-600">{t('certificateRegister.latest')}</h3>
        ) : null}
        {certs.length === 0 ? (
          <EmptyState>{t('institution.certificatesEmpty')}</EmptyState>
        ) : (
          <IssuedCertificateList
            items={certs}
            statusLabel={(live) => t(`certStatus.${live}` as 'certStatus.valid')}
          />
        )}
        {total > 0 ? (
          <div className="mt-4">
            <ButtonLink href="/institution/certificates" variant="secondary">
              {t('certificateRegister.seeAll', { total: total })}
            </ButtonLink>
          </div>
        ) : null}
      </Card>
    </div>
  );
}
