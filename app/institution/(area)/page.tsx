import { getTranslations } from 'next-intl/server';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { OrgMemberships } from '@/components/layout/org-memberships';
import { CertificateStatusBadge } from '@/components/credentials/status-badge';
import { Card, EmptyState, PageTitle, SearchForm } from '@/components/ui';
import { requirePageAccess } from '@/lib/auth/guard';
import { listIssuerCertificates } from '@/lib/credentials/queries';
import { listUploads } from '@/lib/records/queries';
import { actingInstitution } from '@/lib/institutions/acting';
import { UploadStatusBadge } from '@/components/records/upload-status-badge';
import { ButtonLink } from '@/components/ui';

export default async function InstitutionPage({
  searchParams,
}: {
  searchParams: Promise<{ q?: string }>;
}) {
  const { user, memberships } = await requirePageAccess('institution.view', {
    next: '/institution',
  });
  const { q = '' } = await searchParams;
  const t = await getTranslations();
  const { id: orgId } = await actingInstitution(user, 'institution.view').catch(() => notFound());
  const [certs, uploads] = await Promise.all([
    listIssuerCertificates({ issuerOrgId: orgId, q }),
    listUploads({ orgId, limit: 5 }),
  ]);
  return (
    <div className="space-y-6" data-testid="area-institution">
      <PageTitle>{t('institution.title')}</PageTitle>
      <OrgMemberships title={t('institution.status')} items={memberships} />
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
          defaultValue={q}
          className="mb-4"
        />
        {certs.length === 0 ? (
          <EmptyState>{t('institution.certificatesEmpty')}</EmptyState>
        ) : (
          <ul className="divide-y divide-slate-100">
            {certs.map((c) => (
              <li key={c.id} className="flex flex-wrap items-center gap-x-4 gap-y-1 py-3">
                <Link
                  href={`/institution/certificates/${c.id}`}
                  className="font-mono text-sm font-medium text-brand-700 underline"
                >
                  {c.number}
                </Link>
                <span className="flex-1">{c.recipientName}</span>
                <span className="text-sm text-slate-500">
                  {c.title}
                  {c.version > 1 ? ` · v${c.version}` : ''}
                </span>
                <CertificateStatusBadge status={c.live} label={t(`certStatus.${c.live}`)} />
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
