import { getTranslations } from 'next-intl/server';
import { getDates } from '@/lib/i18n/page-dates';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { UploadStatusBadge } from '@/components/records/upload-status-badge';
import { ButtonLink, Card, EmptyState, PageTitle } from '@/components/ui';
import { requirePageAccess } from '@/lib/auth/guard';
import { listUploads } from '@/lib/records/queries';
import { actingInstitution } from '@/lib/institutions/acting';

export default async function UploadsPage() {
  const { user } = await requirePageAccess('institution.view', {
    next: '/institution/uploads',
  });
  const { id: orgId } = await actingInstitution(user, 'institution.view').catch(() => notFound());
  const t = await getTranslations('records');
  const dates = await getDates();
  const uploads = await listUploads({ orgId });
  return (
    <div className="space-y-6">
      <PageTitle sub={t('listIntro')}>{t('listTitle')}</PageTitle>
      <div className="flex flex-wrap gap-2">
        <ButtonLink href="/institution/uploads/new">{t('newUpload')}</ButtonLink>
        <ButtonLink href="/institution/template" variant="secondary">
          {t('columnGuide')}
        </ButtonLink>
      </div>
      <Card title={t('listTitle')}>
        {uploads.length === 0 ? (
          <EmptyState>{t('listEmpty')}</EmptyState>
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="uploads">
            {uploads.map((u) => (
              <li key={u.id} className="flex flex-wrap items-center gap-x-4 gap-y-1 py-3">
                <Link
                  href={`/institution/uploads/${u.id}`}
                  className="font-medium text-brand-700 underline break-all"
                >
                  {u.fileName}
                </Link>
                <UploadStatusBadge status={u.status} label={t(`status.${u.status}`)} />
                <span className="text-sm text-slate-600">
                  {t('listCounts', {
                    rows: u.rowCount,
                    accepted: u.acceptedCount,
                    rejected: u.rejectedCount,
                  })}
                </span>
                <span className="ml-auto text-xs text-slate-500">
                  {dates.timestamp(u.createdAt)}
                  {u.uploadedByName ? ` · ${u.uploadedByName}` : ''}
                </span>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
