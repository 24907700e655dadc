import { getFormatter, getTranslations } from 'next-intl/server';
import { getDates } from '@/lib/i18n/page-dates';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ClientMessages } from '@/components/i18n/client-messages';
import { ProgressBar } from '@/components/records/progress-bar';
import { PublishFailureText, PublishSummary } from '@/components/records/publish-summary';
import { PublishForm } from '@/components/records/publish-form';
import { RefreshWhile } from '@/components/records/refresh-while';
import { UploadRowsTable } from '@/components/records/upload-rows-table';
import { UploadStatusBadge } from '@/components/records/upload-status-badge';
import { Alert, ButtonLink, Card, PageTitle } from '@/components/ui';
import { requirePageAccess } from '@/lib/auth/guard';
import { grantingMemberships } from '@/lib/auth/permissions';
import { config } from '@/lib/config';
import { TEMPLATES } from '@/lib/credentials/templates';
import { NotFoundError } from '@/lib/errors';
import { getUpload, listUploadRows, toRowFilter } from '@/lib/records/queries';
import { actingInstitution } from '@/lib/institutions/acting';
import { publishUploadAction } from './actions';

export default async function UploadPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ filter?: string; q?: string; page?: string; duplicate?: string }>;
}) {
  const { id } = await params;
  const sp = await searchParams;
  const { user } = await requirePageAccess('institution.view', {
    next: `/institution/uploads/${id}`,
  });
  const { id: orgId } = await actingInstitution(user, 'institution.view').catch(() => notFound());
  // Scoped to this institution: another institution's upload id is simply not found.
  const upload = await getUpload({ orgId, id }).catch((e) => {
    if (e instanceof NotFoundError) notFound();
    throw e;
  });
  const t = await getTranslations('records');
  const te = await getTranslations('recordErrors');
  const format = await getFormatter();
  const dates = await getDates();
  const filter = toRowFilter(sp.filter);
  const page = Math.max(1, Number(sp.page) || 1);
  const rows =
    upload.status === 'failed' || upload.status === 'received' || upload.status === 'validating'
      ? null
      : await listUploadRows({ orgId, uploadId: id }, { filter, q: sp.q, page });
  const toPublish = upload.newCount + upload.changedCount + upload.deletedCount;
  const working =
    upload.status === 'received' ||
    upload.status === 'validating' ||
    upload.status === 'publishing';
  const canPublish = grantingMemberships(user.memberships, 'records.publish', orgId).length > 0;
  const n = (v: number) => format.number(v);

  return (
    <div className="space-y-6" data-testid="upload-page">
      <RefreshWhile active={working} />
      <Link href="/institution/uploads" className="text-sm underline">
        ← {t('backToUploads')}
      </Link>
      <PageTitle
        sub={t('uploadedAt', {
          when: dates.timestamp(upload.createdAt),
          size: format.number(upload.sizeBytes / 1024, { maximumFractionDigits: 1 }),
        })}
      >
        <span className="break-all">{upload.fileName}</span>
      </PageTitle>
      <div className="flex flex-wrap items-center gap-3">
        <UploadStatusBadge status={upload.status} label={t(`status.${upload.status}`)} />
      </div>
      {sp.duplicate ? <Alert>{t('duplicateNotice')}</Alert> : null}

      {upload.status === 'received' || upload.status === 'validating' ? (
        <Card title={t('validatingTitle')}>
          <ProgressBar value={0} max={0} label={t('validating')} testId="validate-progress" />
        </Card>
      ) : null}

      {upload.status === 'failed' && upload.failure ? (
        <Alert kind="error">
          <p className="font-medium" data-testid="upload-failure">
            {te(upload.failure.code as never, upload.failure.values as never)}
          </p>
          <p className="mt-1">{t('failedAdvice')}</p>
        </Alert>
      ) : null}

      {rows ? (
        <Card title={t('summaryTitle')}>
          <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4" data-testid="upload-summary">
            {(
              [
                ['rows', upload.rowCount],
                ['accepted', upload.acceptedCount],
                ['rejected', upload.rejectedCount],
                ['new', upload.newCount],
                ['changed', upload.changedCount],
                ['deleted', upload.deletedCount],
                ['unchanged', upload.unchangedCount],
              ] as const
            ).map(([k, v]) => (
              <div key={k} className="rounded-lg bg-slate-50 p-3" data-testid={`count-${k}`}>
                <dt className="text-xs uppercase tracking-wide text-slate-500">
                  {t(`count.${k}`)}
                </dt>
                <dd className="text-xl font-semibold">{n(v)}</dd>
              </div>
            ))}
          </dl>
          {upload.columns?.unknown.length ? (
            <p className="mt-3 text-sm text-slate-600">
              {t('unknownColumns', { columns: upload.columns.unknown.join(', ') })}
            </p>
          ) : null}
          {upload.fileRemovedAt ? (
            <p className="mt-4 text-sm text-slate-600" data-testid="file-removed">
              {t('fileRemoved', { days: config.uploadFileRetentionDays })}
            </p>
          ) : null}
          <div className="mt-4 flex flex-wrap gap-2">
            {upload.fileRemovedAt ? null : (
              <>
                <ButtonLink
                  href={`/api/institution/uploads/${id}/report.csv`}
                  variant="secondary"
                  prefetch={false}
                  data-testid="report-download"
                >
                  {t('downloadReport')}
                </ButtonLink>
                {upload.rejectedCount > 0 ? (
                  <ButtonLink
                    href={`/api/institution/uploads/${id}/report.csv?only=errors`}
                    variant="secondary"
                    prefetch={false}
                    data-testid="errors-download"
                  >
                    {t('downloadErrors')}
                  </ButtonLink>
                ) : null}
              </>
            )}
            {upload.rejectedCount > 0 ? (
              <ButtonLink href="/institution/uploads/new">{t('uploadFixed')}</ButtonLink>
            ) : null}
          </div>
        </Card>
      ) : null}

      {upload.status === 'publishing' ||
      upload.status === 'published' ||
      upload.status === 'publish_failed' ? (
        <Card title={t('publishTitle')}>
          <ProgressBar
            value={upload.publishedRows}
            max={toPublish}
            label={t('publishedProgress', { done: n(upload.publishedRows), total: n(toPublish) })}
            testId="publish-progress"
          />
          {upload.status === 'published' || upload.publishedRows > 0 ? (
            <PublishSummary
              counts={upload}
              done={upload.status === 'published'}
              t={(k, v) => t(k as never, v as never)}
              n={n}
            />
          ) : null}
          {upload.status === 'publish_failed' ? (
            <div className="mt-3">
              <PublishFailureText
                failure={upload.publishFailure}
                t={(k, v) => t(k as never, v as never)}
              />
            </div>
          ) : null}
        </Card>
      ) : null}

      {(upload.status === 'validated' && toPublish > 0) || upload.status === 'publish_failed' ? (
        <Card title={t('chooseTitle')}>
          <p className="mb-3 text-sm text-slate-600">
            {t('chooseIntro', {
              new: n(upload.newCount),
              changed: n(upload.changedCount),
              deleted: n(upload.deletedCount),
              rejected: n(upload.rejectedCount),
            })}
          </p>
          <ClientMessages namespaces={['records', 'errors']}>
            <PublishForm
              uploadId={id}
              designs={Object.values(TEMPLATES).map((d) => ({
                key: d.key,
                name: t(`design.${d.key}`),
              }))}
              initial={upload.templateKey}
              resume={upload.status === 'publish_failed'}
              canPublish={canPublish}
              publish={publishUploadAction}
            />
          </ClientMessages>
        </Card>
      ) : null}
      {upload.status === 'validated' && toPublish === 0 ? (
        <Alert>{t('nothingToPublish')}</Alert>
      ) : null}

      {rows ? (
        <Card title={t('rowsTitle')}>
          <UploadRowsTable
            uploadId={id}
            filter={filter}
            q={sp.q ?? ''}
            result={rows}
            t={(k, v) => t(k as never, v as never)}
            errorText={(code, v) => te(code as never, v as never)}
          />
        </Card>
      ) : null}
    </div>
  );
}
